#include <stdio.h>

int main(void) {
    int x = 100;
    x += 23; printf("%d\n", x);
    x -= 50; printf("%d\n", x);
    x *= 3;  printf("%d\n", x);
    x /= 7;  printf("%d\n", x);
    x %= 9;  printf("%d\n", x);
    x <<= 4; printf("%d\n", x);
    x >>= 2; printf("%d\n", x);
    x &= 0x1C; printf("%d\n", x);
    x |= 0x101; printf("%d\n", x);
    x ^= 0xFF; printf("%d\n", x);
    long l = -1000;
    l *= l; printf("%ld\n", l);
    l /= -3; printf("%ld\n", l);
    unsigned u = 5;
    u -= 10; printf("%u\n", u);
    u >>= 3; printf("%u\n", u);
    int a[3] = {1, 2, 3};
    int i = 0;
    a[i++] += 10;
    a[i] *= a[i + 1];
    printf("%d %d %d %d\n", a[0], a[1], a[2], i);
    long long acc = 1;
    for (int k = 0; k < 40; k++) {
        acc *= 3;
        acc %= 1000000007LL;
    }
    printf("%lld\n", acc);
    return 0;
}
