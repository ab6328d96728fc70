#include <stdio.h>
#include <limits.h>

int main(void) {
    long a = 3000000000L;
    long b = -7000000000L;
    printf("%ld %ld %ld\n", a + b, a - b, a * 3);
    printf("%ld %ld\n", b / 3, b % 3);
    long f = 1;
    for (int i = 1; i <= 20; i++)
        f *= i;
    printf("20!=%ld\n", f);
    unsigned long u = 1;
    for (int i = 1; i <= 25; i++)
        u *= (unsigned long)i;
    printf("25! mod 2^64=%lu\n", u);
    printf("%ld %ld\n", LONG_MAX, LONG_MIN);
    printf("%lu\n", ULONG_MAX);
    long x = LONG_MAX;
    x = x / 2 + 1;
    printf("%ld\n", x);
    unsigned long big = 18000000000000000000UL;
    printf("%lu %lu\n", big / 7, big % 7);
    long m = -1;
    printf("%ld %lu\n", m, (unsigned long)m);
    return 0;
}
