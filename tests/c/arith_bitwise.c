#include <stdio.h>
#include <stdint.h>

int main(void) {
    unsigned a = 0xF0F0F0F0u, b = 0x12345678u;
    printf("%x %x %x %x\n", a & b, a | b, a ^ b, ~a);
    int x = -6, y = 13;
    printf("%d %d %d %d\n", x & y, x | y, x ^ y, ~x);
    uint8_t c = 0xA5;
    printf("%d %d\n", (uint8_t)~c, ~c);
    uint64_t m = 0xFF00FF00FF00FF00ull;
    printf("%lx %lx\n", m & 0x0FF0ull, ~m);
    unsigned v = 0;
    for (int i = 0; i < 32; i += 3)
        v |= 1u << i;
    printf("%x\n", v);
    v &= ~(1u << 9);
    printf("%x\n", v);
    v ^= 0xFFFF;
    printf("%x\n", v);
    unsigned lowest = v & (~v + 1);
    printf("%u\n", lowest);
    int is_pow2 = (64 & 63) == 0;
    printf("%d\n", is_pow2);
    long l = -1L;
    printf("%lx\n", (unsigned long)l & 0xFFFFFFFFFFul);
    short s = -2;
    unsigned short us = 0x00FF;
    printf("%d\n", s & us);
    return 0;
}
