#include <stdio.h>

int main(void) {
    printf("%x %X\n", 255, 255);
    printf("%x\n", 0);
    printf("%x %X\n", -1, -255);
    printf("%x\n", 0x80000000u);
    printf("%lx\n", 0xDEADBEEFCAFEBABEul);
    printf("%lx\n", -1L);
    printf("%lx\n", 1UL << 40);
    printf("%08x|%-8x|%8x\n", 0xabc, 0xabc, 0xabc);
    printf("%016lx\n", 0x1234ul);
    unsigned v = 1;
    for (int i = 0; i < 8; i++) {
        printf("%x ", v);
        v = v * 16 + (unsigned)i;
    }
    printf("\n");
    unsigned char b = 0xAB;
    printf("%02x %02X\n", b, b);
    return 0;
}
