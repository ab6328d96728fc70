#include <stdio.h>
#include <stdint.h>

int main(void) {
    int8_t i8 = -128;
    uint8_t u8 = 255;
    int16_t i16 = -32768;
    uint16_t u16 = 65535;
    int32_t i32 = -2147483647 - 1;
    uint32_t u32 = 4294967295u;
    int64_t i64 = INT64_MIN;
    uint64_t u64 = UINT64_MAX;
    printf("%d %d %d %d\n", i8, u8, i16, u16);
    printf("%d %u\n", i32, u32);
    printf("%ld %lu\n", i64, u64);
    u8++;
    u16++;
    u32++;
    u64++;
    printf("%d %d %u %lu\n", u8, u16, u32, u64);
    i8 = (int8_t)(i8 + 1);
    printf("%d\n", i8);
    printf("%d %d\n", INT8_MAX, INT16_MAX);
    printf("%d %u\n", INT32_MAX, UINT32_MAX);
    printf("%ld\n", INT64_MAX);
    uint32_t x = 0x12345678u;
    uint32_t y = (x << 8) | (x >> 24);
    printf("%u\n", y);
    uint64_t z = (uint64_t)x * x;
    printf("%lu\n", z);
    int16_t s = (int16_t)u16;
    printf("%d\n", s);
    uint16_t t = (uint16_t)-2;
    printf("%d\n", t);
    return 0;
}
