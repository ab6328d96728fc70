#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid_read(b + (0..n-1));
    assigns \nothing;
*/
long inner_product(const int *a, const int *b, int n, long init) {
    long s = init;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, s;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        s += (long)a[i] * (long)b[i];
    }
    return s;
}

int main(void) {
    int a[8] = {1, -2, 3, -4, 5, -6, 7, -8};
    int b[8] = {100000, 200000, 300000, 400000, 500000, 600000, 700000, 800000};
    printf("<a,b> = %ld\n", inner_product(a, b, 8, 0L));
    printf("<b,b> = %ld\n", inner_product(b, b, 8, 0L));
    printf("<a,a>+7 = %ld\n", inner_product(a, a, 8, 7L));
    return 0;
}
