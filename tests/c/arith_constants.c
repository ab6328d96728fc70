#include <stdio.h>

int main(void) {
    printf("%d %d %d\n", 0x1F, 017, 0);
    printf("%d %d\n", 0XaBc, 0777);
    printf("%u %u\n", 4294967295U, 0xFFFFFFFFu);
    printf("%ld %ld\n", 123456789012L, -0x7FFFFFFFFFFFFFFFl);
    printf("%lu %lu\n", 18446744073709551615UL, 0xFFFFFFFFFFFFFFFFul);
    printf("%lld %llu\n", 9223372036854775807LL, 18446744073709551615ULL);
    printf("%lld\n", 01234567012345670123LL);
    printf("%lu %lu %lu\n", sizeof(1), sizeof(1L), sizeof(1LL));
    printf("%lu %lu\n", sizeof(1U), sizeof(1UL));
    printf("%lu\n", sizeof(0x80000000));
    printf("%lu\n", sizeof(2147483648));
    printf("%lu\n", sizeof(4294967295));
    printf("%lu\n", sizeof(4294967296));
    printf("%u\n", 0x80000000);
    printf("%ld\n", 2147483648);
    printf("%d\n", 1000000 * 2000);
    printf("%ld\n", 1000000L * 3000000L);
    printf("%d\n", 'A');
    printf("%d\n", 0x7fffffff);
    return 0;
}
