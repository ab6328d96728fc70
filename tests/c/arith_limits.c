#include <stdio.h>
#include <limits.h>

int main(void) {
    printf("CHAR_BIT=%d\n", CHAR_BIT);
    printf("SCHAR %d %d UCHAR %d\n", SCHAR_MIN, SCHAR_MAX, UCHAR_MAX);
    printf("CHAR %d %d\n", CHAR_MIN, CHAR_MAX);
    printf("SHRT %d %d USHRT %d\n", SHRT_MIN, SHRT_MAX, USHRT_MAX);
    printf("INT %d %d UINT %u\n", INT_MIN, INT_MAX, UINT_MAX);
    printf("LONG %ld %ld ULONG %lu\n", LONG_MIN, LONG_MAX, ULONG_MAX);
    printf("LLONG %lld %lld ULLONG %llu\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
    int m = INT_MIN;
    printf("%d %d\n", m + 1, INT_MAX - 1);
    printf("%d\n", INT_MIN / 2);
    printf("%d\n", INT_MAX / -1);
    printf("%x %x\n", INT_MIN, INT_MAX);
    printf("%lld\n", (long long)INT_MIN * 2);
    printf("%u\n", (unsigned)INT_MIN);
    printf("%lld\n", LLONG_MIN + LLONG_MAX);
    printf("%d\n", INT_MIN < INT_MAX);
    printf("%d\n", LLONG_MIN < 0);
    return 0;
}
