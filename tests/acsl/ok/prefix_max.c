#include <stdio.h>

/*@ requires n >= 1;
    requires \valid_read(a + (0..n-1));
    requires \valid(out + (0..n-1));
    assigns out[0..n-1];
    ensures \forall integer k; 0 <= k < n ==> out[k] >= a[k];
*/
void prefix_max(const int *a, int *out, int n) {
    int i;
    int m = a[0];
    out[0] = m;
    /*@ loop invariant 1 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> out[k] >= a[k];
        loop invariant m == out[i - 1];
        loop assigns i, m, out[1..n-1];
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        if (a[i] > m) {
            m = a[i];
        }
        out[i] = m;
    }
}

int main(void) {
    int a[10] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    int out[10];
    int i;
    prefix_max(a, out, 10);
    for (i = 0; i < 10; i++) printf("%d ", out[i]);
    printf("\n");
    return 0;
}
