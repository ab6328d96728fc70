#include <stdio.h>
#include <stdint.h>

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
    if (e == 0)
        return 1 % m;
    uint64_t h = powmod(b, e / 2, m);
    uint64_t r = h * h % m;
    if (e & 1)
        r = r * (b % m) % m;
    return r;
}

static long ipow(long b, int e) {
    if (e == 0)
        return 1;
    if (e % 2 == 0) {
        long h = ipow(b, e / 2);
        return h * h;
    }
    return b * ipow(b, e - 1);
}

int main(void) {
    printf("%lu\n", powmod(2, 10, 1000));
    printf("%lu\n", powmod(3, 1000000, 1000000007));
    printf("%lu\n", powmod(123456789, 987654321, 4294967291u));
    printf("%ld %ld %ld\n", ipow(2, 62), ipow(-3, 39), ipow(7, 0));
    return 0;
}
