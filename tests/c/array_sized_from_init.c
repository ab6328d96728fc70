#include <stdio.h>

static const int primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
static const char *const colors[] = {"red", "green", "blue"};

int main(void) {
    int n = (int)(sizeof primes / sizeof primes[0]);
    printf("%d\n", n);
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += primes[i];
    printf("%d\n", sum);
    printf("%lu\n", sizeof colors / sizeof colors[0]);
    long vals[] = {10, 20, 30, 40};
    printf("%lu\n", sizeof vals);
    int grid[][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10}};
    printf("%lu %d\n", sizeof grid / sizeof grid[0], grid[3][0]);
    for (unsigned i = 0; i < sizeof colors / sizeof colors[0]; i++)
        printf("%s\n", colors[i]);
    return 0;
}
