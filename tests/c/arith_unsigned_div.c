#include <stdio.h>
#include <stdint.h>

int main(void) {
    unsigned a = 4000000000u;
    printf("%u %u\n", a / 3u, a % 3u);
    printf("%u\n", a / 7);
    uint64_t b = 18000000000000000000ull;
    printf("%lu %lu\n", b / 1000000007ull, b % 1000000007ull);
    uint64_t c = 0xFFFFFFFFFFFFFFFFull;
    printf("%lu %lu\n", c / 0xFFFFFFFFull, c % 10);
    uint8_t d = 250, e = 3;
    printf("%d %d\n", d / e, d % e);
    uint16_t f = 65535, g = 256;
    printf("%d %d\n", f / g, f % g);
    unsigned n = 1234567890u;
    char buf[16];
    int len = 0;
    while (n > 0) {
        buf[len++] = (char)('0' + n % 10);
        n /= 10;
    }
    for (int i = len - 1; i >= 0; i--)
        putchar(buf[i]);
    putchar('\n');
    uint64_t x = 0x8000000000000000ull;
    printf("%lu\n", x / 3);
    return 0;
}
