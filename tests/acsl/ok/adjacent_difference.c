#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(out + (0..n-1));
    assigns out[0..n-1];
*/
void adjacent_difference(const int *a, int *out, int n) {
    int i;
    if (n == 0) {
        return;
    }
    out[0] = a[0];
    /*@ loop invariant 1 <= i <= n;
        loop invariant \forall integer k; 1 <= k < i ==> out[k] == a[k] - a[k-1];
        loop assigns i, out[1..n-1];
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        out[i] = a[i] - a[i - 1];
    }
}

int main(void) {
    int a[10] = {1, 4, 9, 16, 25, 36, 49, 64, 81, 100};
    int d[10];
    int dd[10];
    int i;
    adjacent_difference(a, d, 10);
    adjacent_difference(d, dd, 10);
    for (i = 0; i < 10; i++) printf("%d ", d[i]);
    printf("\n");
    for (i = 0; i < 10; i++) printf("%d ", dd[i]);
    printf("\n");
    return 0;
}
