#include <stdio.h>

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static long eight(long a, long b, long c, long d, long e, long f, long g, long h) {
    return a - b + c - d + e - f + g - h + a * h;
}
static int counter;
static int tick(void) { return ++counter; }

int main(void) {
    printf("%d\n", add(mul(2, 3), mul(add(1, 2), add(3, 4))));
    printf("%ld\n", eight(add(1, 1), mul(2, 2), add(3, 3), mul(4, 4), add(5, 5), mul(6, 6), add(7, 7), mul(8, 8)));
    printf("%ld\n", eight(eight(1, 2, 3, 4, 5, 6, 7, 8), 2, 3, 4, 5, 6, 7, eight(8, 7, 6, 5, 4, 3, 2, 1)));
    int t1 = tick();
    int t2 = tick();
    printf("%d\n", add(t1, mul(t2, 10)));
    int s = 0;
    for (int i = 0; i < 5; i++)
        s = add(s, mul(i, add(i, 1)));
    printf("%d\n", s);
    return 0;
}
