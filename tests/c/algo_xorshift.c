#include <stdio.h>
#include <stdint.h>

static uint64_t state = 88172645463325252ull;

static uint64_t xorshift64(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static uint32_t lcg(uint32_t *s) {
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7FFF;
}

int main(void) {
    for (int i = 0; i < 5; i++)
        printf("%lu\n", xorshift64());
    int hist[10] = {0};
    for (int i = 0; i < 10000; i++)
        hist[xorshift64() % 10]++;
    for (int i = 0; i < 10; i++)
        printf("%d ", hist[i]);
    printf("\n");
    uint32_t s = 1;
    for (int i = 0; i < 5; i++)
        printf("%u ", lcg(&s));
    printf("\n");
    return 0;
}
