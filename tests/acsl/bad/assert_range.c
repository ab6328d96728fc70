// expect: 17: assertion 0 <= v < 10 does not hold: a[i] is unconstrained
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(h + (0..9));
    assigns h[0..9];
*/
void histogram(const int *a, int n, int *h) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, h[0..9];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        int v = a[i];
        //@ assert 0 <= v < 10;
        h[v] = h[v] + 1;
    }
}

int main(void) {
    int a[4] = {1, 2, 2, 9};
    int h[10] = {0};
    histogram(a, 4, h);
    printf("%d\n", h[2]);
    return 0;
}
