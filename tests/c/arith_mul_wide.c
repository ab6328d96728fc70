#include <stdio.h>
#include <stdint.h>

int main(void) {
    uint32_t a = 0xFFFFFFFFu, b = 0xFFFFFFFFu;
    printf("%u\n", a * b);
    uint64_t w = (uint64_t)a * b;
    printf("%lu\n", w);
    int32_t x = -100000, y = 300000;
    int64_t p = (int64_t)x * y;
    printf("%ld\n", p);
    uint64_t h = 0xCBF29CE484222325ull;
    for (int i = 0; i < 8; i++)
        h = (h ^ (uint64_t)i) * 0x100000001B3ull;
    printf("%lu\n", h);
    int64_t s = -3037000499LL;
    printf("%ld\n", s * s);
    uint16_t u16 = 65535;
    printf("%u\n", (unsigned)u16 * u16 / 65536);
    uint64_t lo = 0x123456789ull, hi = 0xABCDEFull;
    printf("%lu\n", lo * hi);
    int m = 46341;
    long long sq = (long long)m * m;
    printf("%lld\n", sq);
    unsigned long long f = 1;
    for (unsigned i = 1; i < 30; i++)
        f *= i;
    printf("%llu\n", f);
    return 0;
}
