#include <stdio.h>

static long sum_to(int n) {
    if (n == 0)
        return 0;
    return n + sum_to(n - 1);
}

static int depth(int n, int acc) {
    if (n == 0)
        return acc;
    return depth(n - 1, acc + (n & 1));
}

int main(void) {
    printf("%ld\n", sum_to(10000));
    printf("%d\n", depth(10000, 0));
    return 0;
}
