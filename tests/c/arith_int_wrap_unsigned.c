#include <stdio.h>
#include <limits.h>

int main(void) {
    unsigned u = UINT_MAX;
    u = u + 1;
    printf("%u\n", u);
    u = 0;
    u = u - 1;
    printf("%u\n", u);
    unsigned a = 4000000000u, b = 3000000000u;
    printf("%u %u %u\n", a + b, b - a, a * 3u);
    unsigned long ul = ULONG_MAX;
    ul += 2;
    printf("%lu\n", ul);
    unsigned long long ull = 0;
    ull -= 5;
    printf("%llu\n", ull);
    unsigned short us = 65535;
    us++;
    printf("%u\n", (unsigned)us);
    unsigned char uc = 0;
    uc--;
    printf("%u\n", (unsigned)uc);
    uc = 250;
    uc += 10;
    printf("%u\n", (unsigned)uc);
    unsigned h = 2166136261u;
    for (int i = 0; i < 10; i++) {
        h = h * 16777619u;
        h ^= (unsigned)i;
    }
    printf("h=%u\n", h);
    unsigned long long m = 0x9E3779B97F4A7C15ull;
    printf("%llu\n", m * m);
    return 0;
}
