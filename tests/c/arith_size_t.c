#include <stdio.h>
#include <stddef.h>
#include <string.h>

int main(void) {
    size_t n = sizeof(int) * 10;
    printf("%lu\n", n);
    size_t z = 0;
    z = z - 1;
    printf("%lu\n", z);
    const char *s = "hello, world";
    size_t len = strlen(s);
    size_t half = len / 2;
    printf("%lu %lu\n", len, half);
    size_t total = 0;
    for (size_t i = 0; i < len; i++)
        total += (size_t)s[i];
    printf("total=%lu\n", total);
    int arr[7] = {0};
    size_t count = sizeof arr / sizeof arr[0];
    printf("count=%lu\n", count);
    ptrdiff_t d = &arr[6] - &arr[1];
    printf("d=%ld\n", d);
    size_t k = 10;
    while (k > 0)
        k -= 3 < k ? 3 : k;
    printf("k=%lu\n", k);
    return 0;
}
