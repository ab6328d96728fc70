#include <stdio.h>
#include <stdint.h>

static int by_u64(uint64_t x) {
    switch (x) {
    case 0: return 0;
    case 0xFFFFFFFFFFFFFFFFull: return 1;
    case 0x8000000000000000ull: return 2;
    case 0xFFFFFFFFull: return 3;
    default: return 9;
    }
}

static int by_u32(unsigned x) {
    switch (x) {
    case 4294967295u: return 1;
    case 2147483648u: return 2;
    case 7: return 3;
    default: return 0;
    }
}

static int by_uchar(unsigned char c) {
    switch (c) {
    case 0: return 1;
    case 128: return 2;
    case 255: return 3;
    default: return 0;
    }
}

int main(void) {
    uint64_t t[5] = {0, ~0ull, 1ull << 63, 0xFFFFFFFFull, 5};
    for (int i = 0; i < 5; i++)
        printf("%d ", by_u64(t[i]));
    printf("\n");
    printf("%d %d %d %d\n", by_u32(0xFFFFFFFFu), by_u32(1u << 31), by_u32(7), by_u32(8));
    printf("%d %d %d %d\n", by_uchar(0), by_uchar(128), by_uchar(255), by_uchar(100));
    return 0;
}
