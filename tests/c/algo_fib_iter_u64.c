#include <stdio.h>
#include <stdint.h>

int main(void) {
    uint64_t a = 0, b = 1;
    for (int i = 0; i < 93; i++) {
        if (i % 10 == 0 || i > 88)
            printf("F%d=%lu\n", i, a);
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    uint64_t x = 0, y = 1;
    for (int i = 0; i < 200; i++) {
        uint64_t t = x + y;
        x = y;
        y = t;
    }
    printf("F200 mod 2^64=%lu\n", x);
    return 0;
}
