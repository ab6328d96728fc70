#include <stdio.h>

/*@ predicate in_range(integer i, integer n) = 0 <= i < n; */

/* counts values 0..9 into h; returns how many were out of range */
/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(h + (0..9));
    assigns h[0..9];
    ensures 0 <= \result <= n;
*/
int histogram(const int *a, int n, int *h) {
    int i;
    int k;
    int other = 0;
    /*@ loop invariant 0 <= k <= 10;
        loop assigns k, h[0..9];
        loop variant 10 - k;
    */
    for (k = 0; k < 10; k++) {
        h[k] = 0;
    }
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= other <= i;
        loop assigns i, other, h[0..9];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        int v = a[i];
        if (v >= 0 && v < 10) {
            //@ assert in_range(v, 10);
            if (h[v] < 2147483647) {
                h[v]++;
            }
        } else {
            other++;
        }
    }
    return other;
}

int main(void) {
    int a[40];
    int h[10];
    int i;
    int other;
    for (i = 0; i < 40; i++) {
        a[i] = (i * i + 3 * i) % 13 - 1;
    }
    other = histogram(a, 40, h);
    for (i = 0; i < 10; i++) printf("%d:%d ", i, h[i]);
    printf("\nother = %d\n", other);
    return 0;
}
