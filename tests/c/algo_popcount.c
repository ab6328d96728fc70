#include <stdio.h>
#include <stdint.h>

static int pop_naive(uint64_t x) {
    int c = 0;
    while (x) {
        c += (int)(x & 1);
        x >>= 1;
    }
    return c;
}

static int pop_kernighan(uint64_t x) {
    int c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}

static int pop_swar(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}

static int clz64(uint64_t x) {
    if (x == 0)
        return 64;
    int n = 0;
    while (!(x & 0x8000000000000000ull)) {
        x <<= 1;
        n++;
    }
    return n;
}

static uint32_t reverse_bits(uint32_t v) {
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        r = (r << 1) | (v & 1);
        v >>= 1;
    }
    return r;
}

int main(void) {
    uint64_t tests[6] = {0, 1, 0xFF, 0x8000000000000001ull, 0xFFFFFFFFFFFFFFFFull, 0x123456789ABCDEFull};
    for (int i = 0; i < 6; i++)
        printf("%d %d %d clz=%d\n", pop_naive(tests[i]), pop_kernighan(tests[i]), pop_swar(tests[i]), clz64(tests[i]));
    printf("%u %u\n", reverse_bits(1), reverse_bits(0xF0000000u));
    long total = 0;
    for (uint64_t v = 0; v < 5000; v++)
        total += pop_swar(v * 0x9E3779B97F4A7C15ull);
    printf("%ld\n", total);
    return 0;
}
