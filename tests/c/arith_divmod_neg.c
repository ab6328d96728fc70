#include <stdio.h>

int main(void) {
    int n[4] = {7, -7, 7, -7};
    int d[4] = {2, 2, -2, -2};
    for (int i = 0; i < 4; i++)
        printf("int %d/%d=%d %%=%d\n", n[i], d[i], n[i] / d[i], n[i] % d[i]);
    signed char a = -100, b = 7;
    printf("schar %d %d\n", a / b, a % b);
    short sa = -30000, sb = -7;
    printf("short %d %d\n", sa / sb, sa % sb);
    long la = -9000000000L, lb = 7;
    printf("long %ld %ld\n", la / lb, la % lb);
    long long lla = -1000000000000000007LL, llb = -10;
    printf("llong %lld %lld\n", lla / llb, lla % llb);
    int x = -2147483647 - 1;
    printf("%d %d\n", x / 2, x % 3);
    printf("%d %d\n", x / -2, x % -3);
    printf("%d %d\n", -1 / 5, -1 % 5);
    printf("%d %d\n", 0 / -5, 5 / -5);
    unsigned char ua = 250, ub = 7;
    printf("uchar %d %d\n", ua / ub, ua % ub);
    unsigned short usa = 65000, usb = 9;
    printf("ushort %d %d\n", usa / usb, usa % usb);
    int div = -3;
    int acc = 1000;
    for (int i = 0; i < 5; i++) {
        acc = acc / div;
        printf("%d ", acc);
        acc = acc * 7 + 13;
    }
    printf("\n");
    return 0;
}
