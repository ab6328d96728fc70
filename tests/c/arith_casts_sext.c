#include <stdio.h>
#include <stdint.h>

int main(void) {
    signed char sc = -5;
    unsigned char uc = 251;
    short ss = -5;
    unsigned short us = 65531;
    int si = -5;
    unsigned ui = 4294967291u;
    long l1 = sc, l2 = uc, l3 = ss, l4 = us, l5 = si, l6 = ui;
    printf("%ld %ld %ld %ld %ld %ld\n", l1, l2, l3, l4, l5, l6);
    unsigned long u1 = (unsigned long)sc;
    unsigned long u2 = (unsigned long)si;
    unsigned long u3 = ui;
    printf("%lu %lu %lu\n", u1, u2, u3);
    unsigned u4 = (unsigned)sc;
    printf("%u\n", u4);
    int i1 = uc, i2 = us;
    printf("%d %d\n", i1, i2);
    int64_t a = (int32_t)0xFFFFFFF0u;
    uint64_t b = (uint32_t)-16;
    printf("%ld %lu\n", a, b);
    int8_t tab[4] = {-128, -1, 0, 127};
    for (int i = 0; i < 4; i++) {
        int64_t w = tab[i];
        uint8_t z = (uint8_t)tab[i];
        uint64_t zw = z;
        printf("%ld %lu\n", w, zw);
    }
    char c = (char)0xE9;
    int ci = c;
    printf("%d\n", ci);
    return 0;
}
