#include <stdio.h>

/*@ predicate interior(integer i, integer n) = 1 <= i < n - 1; */

/*@ requires 2 <= n <= 10000;
    requires \valid_read(a + (0..n-1));
    requires \valid(out + (0..n-1));
    assigns out[0..n-1];
*/
void smooth3(const int *a, int *out, int n) {
    int i;
    out[0] = a[0];
    out[n - 1] = a[n - 1];
    /*@ loop invariant 1 <= i <= n - 1;
        loop assigns i, out[1..n-2];
        loop variant n - 1 - i;
    */
    for (i = 1; i < n - 1; i++) {
        //@ assert interior(i, n);
        out[i] = (a[i - 1] + a[i] + a[i + 1]) / 3;
    }
}

int main(void) {
    int a[12] = {0, 9, 0, 9, 0, 30, 30, 30, -6, 3, 3, 100};
    int b[12];
    int c[12];
    int i;
    smooth3(a, b, 12);
    smooth3(b, c, 12);
    for (i = 0; i < 12; i++) printf("%d ", b[i]);
    printf("\n");
    for (i = 0; i < 12; i++) printf("%d ", c[i]);
    printf("\n");
    return 0;
}
