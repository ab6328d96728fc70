#include <stdio.h>

/* Kadane: largest sum of a non-empty contiguous slice */
/*@ requires 1 <= n <= 100000;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
long max_subarray(const int *a, int n) {
    long best = a[0];
    long cur = a[0];
    int i;
    /*@ loop invariant 1 <= i <= n;
        loop invariant best >= cur;
        loop assigns i, cur, best;
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        if (cur < 0) {
            cur = a[i];
        } else {
            cur = cur + a[i];
        }
        if (cur > best) {
            best = cur;
        }
    }
    return best;
}

int main(void) {
    int a[9] = {-2, 1, -3, 4, -1, 2, 1, -5, 4};
    int b[4] = {-8, -3, -6, -2};
    int c[6] = {5, -9, 6, -2, 3, -1};
    printf("%ld\n", max_subarray(a, 9));
    printf("%ld\n", max_subarray(b, 4));
    printf("%ld\n", max_subarray(c, 6));
    printf("%ld\n", max_subarray(c, 1));
    return 0;
}
