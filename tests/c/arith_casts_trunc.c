#include <stdio.h>
#include <stdint.h>

int main(void) {
    int v[6] = {300, -300, 65537, -1, 128, 255};
    for (int i = 0; i < 6; i++) {
        int x = v[i];
        printf("%d: uc=%d sc=%d us=%d ss=%d\n", x, (unsigned char)x, (signed char)x,
               (unsigned short)x, (short)x);
    }
    long long big = 0x123456789ABCDEF0LL;
    printf("%d\n", (int)big);
    printf("%u\n", (unsigned)big);
    printf("%d\n", (short)big);
    printf("%d\n", (unsigned char)big);
    long neg = -4294967297L;
    printf("%d %u\n", (int)neg, (unsigned)neg);
    uint64_t u = 0xFFFFFFFF00000005ull;
    printf("%u %d\n", (uint32_t)u, (int32_t)u);
    printf("%d\n", (int8_t)(uint8_t)200);
    printf("%d\n", (uint8_t)(int8_t)-56);
    unsigned char bytes[4];
    uint32_t w = 0xA1B2C3D4u;
    for (int i = 0; i < 4; i++)
        bytes[i] = (unsigned char)(w >> (8 * i));
    printf("%x %x %x %x\n", bytes[0], bytes[1], bytes[2], bytes[3]);
    return 0;
}
