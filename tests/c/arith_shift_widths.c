#include <stdio.h>
#include <stdint.h>

int main(void) {
    uint8_t u8 = 0xF0;
    int8_t i8 = -16;
    uint16_t u16 = 0xF000;
    int16_t i16 = -4096;
    for (int s = 0; s < 8; s++)
        printf("s=%d u8>>=%d i8>>=%d u8<<=%d\n", s, u8 >> s, i8 >> s, (uint8_t)(u8 << s));
    for (int s = 0; s < 16; s += 3)
        printf("s=%d u16>>=%d i16>>=%d u16<<=%d\n", s, u16 >> s, i16 >> s, (uint16_t)(u16 << s));
    uint32_t u32 = 0xDEADBEEFu;
    int32_t i32 = -559038737;
    for (int s = 1; s < 32; s += 6)
        printf("s=%d %u %d %u\n", s, u32 >> s, i32 >> s, u32 << s);
    uint64_t u64 = 0xDEADBEEFCAFEBABEull;
    int64_t i64 = -2401053088876216642LL;
    for (int s = 1; s < 64; s += 9)
        printf("s=%d %lu %ld %lu\n", s, u64 >> s, i64 >> s, u64 << s);
    return 0;
}
