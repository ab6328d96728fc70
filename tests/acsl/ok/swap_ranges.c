#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    requires \valid(b + (0..n-1));
    assigns a[0..n-1], b[0..n-1];
*/
void swap_ranges(int *a, int *b, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, a[0..n-1], b[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        int t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

int main(void) {
    int a[6] = {1, 2, 3, 4, 5, 6};
    int b[6] = {-1, -2, -3, -4, -5, -6};
    int i;
    swap_ranges(a, b, 4);
    for (i = 0; i < 6; i++) printf("%d/%d ", a[i], b[i]);
    printf("\n");
    return 0;
}
