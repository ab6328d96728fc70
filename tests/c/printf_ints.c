#include <stdio.h>
#include <limits.h>

int main(void) {
    printf("%d %i %d %i\n", 0, 42, -42, INT_MIN);
    printf("%u %u\n", 0u, UINT_MAX);
    printf("%ld %ld\n", LONG_MIN, LONG_MAX);
    printf("%lu\n", ULONG_MAX);
    printf("%lld %llu\n", LLONG_MIN, ULLONG_MAX);
    printf("%d%d%d\n", 1, 2, 3);
    printf("a%db%uc%ldd\n", -1, 2u, -3L);
    char c = -5;
    short s = -300;
    unsigned char uc = 250;
    unsigned short us = 65000;
    printf("%d %d %d %d\n", c, s, uc, us);
    printf("%u %u\n", uc, us);
    printf("no conversions\n");
    printf("%d %d %d %d %d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    return 0;
}
