#include <stdio.h>

int main(void) {
    int n = 27, steps = 0;
    while (n != 1) {
        n = n % 2 ? 3 * n + 1 : n / 2;
        steps++;
    }
    printf("%d\n", steps);
    unsigned x = 0xF0F0u;
    int bits = 0;
    while (x) {
        bits += (int)(x & 1);
        x >>= 1;
    }
    printf("%d\n", bits);
    int i = 0;
    while (i < 3)
        printf("%d ", i++);
    printf("\n");
    int count = 0;
    while (0)
        count++;
    printf("%d\n", count);
    long v = 1;
    while (v < 1000000000000L)
        v *= 10;
    printf("%ld\n", v);
    return 0;
}
