#include <stdio.h>

/* y := k*x + y */
/*@ requires n >= 0;
    requires -1000 <= k <= 1000;
    requires \valid_read(x + (0..n-1));
    requires \valid(y + (0..n-1));
    assigns y[0..n-1];
*/
void saxpy(int n, long k, const int *x, long *y) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, y[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        y[i] = k * x[i] + y[i];
    }
}

int main(void) {
    int x[8] = {1, -1, 2, -2, 3, -3, 4, -4};
    long y[8] = {100, 100, 100, 100, 100, 100, 100, 100};
    int i;
    saxpy(8, 7, x, y);
    saxpy(5, -20, x, y);
    for (i = 0; i < 8; i++) printf("%ld ", y[i]);
    printf("\n");
    return 0;
}
