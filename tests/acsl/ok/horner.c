#include <stdio.h>

/* c[0] is the leading coefficient: c[0]*x^(n-1) + ... + c[n-1] */
/*@ requires n >= 0;
    requires \valid_read(c + (0..n-1));
    assigns \nothing;
*/
long horner(const long *c, int n, long x) {
    long p = 0;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, p;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        p = p * x + c[i];
    }
    return p;
}

int main(void) {
    long c[5] = {2, -3, 0, 5, -7};
    long x;
    for (x = -3; x <= 3; x++) {
        printf("p(%ld) = %ld\n", x, horner(c, 5, x));
    }
    printf("p(100) = %ld\n", horner(c, 5, 100));
    printf("const = %ld\n", horner(c, 1, 100));
    return 0;
}
