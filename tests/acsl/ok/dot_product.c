#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(x + (0..n-1));
    requires \valid_read(y + (0..n-1));
    assigns \nothing;
*/
unsigned long dot(const unsigned *x, const unsigned *y, int n) {
    unsigned long s = 0;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, s;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        s += (unsigned long)x[i] * y[i];
    }
    return s;
}

int main(void) {
    unsigned x[9];
    unsigned y[9];
    int i;
    for (i = 0; i < 9; i++) {
        x[i] = (unsigned)(i + 1) * 100000u;
        y[i] = 4000000000u - (unsigned)i;
    }
    printf("%lu\n", dot(x, y, 9));
    printf("%lu\n", dot(x, x, 3));
    printf("%lx\n", dot(y, y, 2));
    return 0;
}
