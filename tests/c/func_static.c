#include <stdio.h>

static int helper(int x) { return x * x + 1; }
static int twice(int x);
int public_api(int x);

int public_api(int x) { return twice(helper(x)); }
static int twice(int x) { return 2 * x; }

static long accumulate(int x) {
    static long total = 0;
    total += x;
    return total;
}

int main(void) {
    printf("%d %d\n", public_api(3), public_api(-4));
    for (int i = 1; i <= 5; i++)
        printf("%ld ", accumulate(i));
    printf("\n");
    return 0;
}
