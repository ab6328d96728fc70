#include <stdio.h>

static int steps(unsigned long n) {
    int s = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        s++;
    }
    return s;
}

int main(void) {
    int best = 0;
    unsigned long arg = 0;
    for (unsigned long i = 1; i < 30000; i++) {
        int s = steps(i);
        if (s > best) {
            best = s;
            arg = i;
        }
    }
    printf("longest below 30000: %lu (%d steps)\n", arg, best);
    unsigned long n = 27, peak = 27;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        if (n > peak)
            peak = n;
    }
    printf("peak(27)=%lu\n", peak);
    printf("%d\n", steps(837799));
    return 0;
}
