#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static long fib_memo(int n, long *memo) {
    if (n < 2)
        return n;
    if (memo[n])
        return memo[n];
    memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo);
    return memo[n];
}

int main(void) {
    for (int i = 0; i <= 20; i++)
        printf("%d ", fib(i));
    printf("\n");
    long memo[91] = {0};
    printf("%ld\n", fib_memo(90, memo));
    printf("%d\n", fib(24));
    return 0;
}
