#include <stdio.h>

static int sum7(int a, int b, int c, int d, int e, int f, int g) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g;
}

static int pick7(int a, int b, int c, int d, int e, int f, int g, int which) {
    switch (which) {
    case 0: return a;
    case 1: return b;
    case 2: return c;
    case 3: return d;
    case 4: return e;
    case 5: return f;
    case 6: return g;
    default: return -1;
    }
}

static long chain(long a, long b, long c, long d, long e, long f, long g) {
    if (a == 0)
        return b + c + d + e + f + g;
    return chain(a - 1, g, b, c, d, e, f) + 1;
}

int main(void) {
    printf("%d\n", sum7(1, 2, 3, 4, 5, 6, 7));
    printf("%d\n", sum7(-1, -2, -3, -4, -5, -6, -7));
    for (int i = 0; i < 8; i++)
        printf("%d ", pick7(10, 20, 30, 40, 50, 60, 70, i));
    printf("\n");
    printf("%ld\n", chain(10, 1, 2, 3, 4, 5, 6000000000L));
    return 0;
}
