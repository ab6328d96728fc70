#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

int main(void) {
    printf("char %lu\n", sizeof(char));
    printf("schar %lu uchar %lu\n", sizeof(signed char), sizeof(unsigned char));
    printf("short %lu ushort %lu\n", sizeof(short), sizeof(unsigned short));
    printf("int %lu unsigned %lu\n", sizeof(int), sizeof(unsigned));
    printf("long %lu ulong %lu\n", sizeof(long), sizeof(unsigned long));
    printf("llong %lu ullong %lu\n", sizeof(long long), sizeof(unsigned long long));
    printf("bool %lu _Bool %lu\n", sizeof(bool), sizeof(_Bool));
    printf("i8 %lu i16 %lu i32 %lu i64 %lu\n", sizeof(int8_t), sizeof(int16_t), sizeof(int32_t), sizeof(int64_t));
    printf("u8 %lu u16 %lu u32 %lu u64 %lu\n", sizeof(uint8_t), sizeof(uint16_t), sizeof(uint32_t), sizeof(uint64_t));
    printf("size_t %lu ptrdiff_t %lu\n", sizeof(size_t), sizeof(ptrdiff_t));
    printf("int* %lu char* %lu char** %lu\n", sizeof(int *), sizeof(char *), sizeof(char **));
    printf("int[10] %lu char[3][5] %lu\n", sizeof(int[10]), sizeof(char[3][5]));
    return 0;
}
