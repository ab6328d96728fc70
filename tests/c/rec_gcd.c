#include <stdio.h>

static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

static long ext_gcd(long a, long b, long *x, long *y) {
    if (b == 0) {
        *x = 1;
        *y = 0;
        return a;
    }
    long x1, y1;
    long g = ext_gcd(b, a % b, &x1, &y1);
    *x = y1;
    *y = x1 - (a / b) * y1;
    return g;
}

int main(void) {
    long pairs[5][2] = {{48, 18}, {1071, 462}, {17, 5}, {1000000007L, 998244353L}, {0, 9}};
    for (int i = 0; i < 5; i++) {
        long x, y;
        long g = ext_gcd(pairs[i][0], pairs[i][1], &x, &y);
        printf("gcd(%ld,%ld)=%ld %ld x=%ld y=%ld check=%ld\n", pairs[i][0], pairs[i][1], g,
               gcd(pairs[i][0], pairs[i][1]), x, y, pairs[i][0] * x + pairs[i][1] * y);
    }
    return 0;
}
