#include <stdio.h>

int main(void) {
    int a = 3, b = 4, c = 5;
    printf("%d\n", a + b * c);
    printf("%d\n", (a + b) * c);
    printf("%d\n", a * b % c);
    printf("%d\n", a - b - c);
    printf("%d\n", a << 2 >> 1);
    printf("%d\n", (a & b) | (c ^ a));
    printf("%d\n", (a < b) == (b < c));
    printf("%d\n", -a * -b);
    printf("%d\n", !a + !!b);
    printf("%d\n", a * (b + c * (a - b)) / 2);
    printf("%d\n", ~a & 0xff);
    printf("%d\n", (a == 3 && b != 4) || c > 4);
    int x = 10;
    x = x * x - 3 * x + 2;
    printf("%d\n", x);
    int y = (x % 7) * (x / 7) + (x >> 2) - (x & 3);
    printf("%d\n", y);
    long z = (long)a * 1000000000 + b;
    printf("%ld\n", z);
    int p = 1;
    for (int i = 0; i < 10; i++)
        p = (p * 31 + i) % 65521;
    printf("%d\n", p);
    return 0;
}
