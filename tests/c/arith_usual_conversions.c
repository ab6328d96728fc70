#include <stdio.h>

int main(void) {
    int i = -1;
    unsigned u = 1;
    printf("%u\n", i + u);
    printf("%u\n", i * u);
    printf("%d\n", (i + 0u) > u);
    printf("%d\n", -1L < 1u);
    printf("%d\n", -1LL < 4294967295u);
    long l = -5;
    unsigned v = 3;
    printf("%ld\n", l * v);
    unsigned long ul = 10;
    printf("%lu\n", ul + (unsigned long)i);
    unsigned big = 3000000000u;
    long long sum = big + 2LL;
    printf("%lld\n", sum);
    unsigned sum2 = big + big;
    printf("%u\n", sum2);
    int q = -7;
    unsigned r = 2;
    printf("%u\n", q / r);
    printf("%u\n", q % r);
    short s = -3;
    unsigned short us = 5;
    printf("%d\n", s * us);
    printf("%d\n", (unsigned char)255 + (signed char)-1);
    return 0;
}
