#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

int main(void) {
    int v[5] = {-7, 0, 7, -2147483647, 2147483647};
    for (int i = 0; i < 5; i++)
        printf("abs(%d)=%d\n", v[i], abs(v[i]));
    long w[4] = {-5000000000L, 5000000000L, 0L, -LONG_MAX};
    for (int i = 0; i < 4; i++)
        printf("labs(%ld)=%ld\n", w[i], labs(w[i]));
    int sum = 0;
    for (int i = -10; i <= 10; i++)
        sum += abs(i * 3 - 4);
    printf("sum=%d\n", sum);
    return 0;
}
