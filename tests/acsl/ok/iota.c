#include <stdio.h>

/*@ logic integer iota_val(integer start, integer k) = start + k; */

/*@ requires n >= 0;
    requires n <= 1000;
    requires -1000000 <= v <= 1000000;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures \forall integer k; 0 <= k < n ==> a[k] == iota_val(v, k);
*/
void iota(int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] == iota_val(v, k);
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = v + i;
    }
}

int main(void) {
    int a[10];
    int i;
    int s = 0;
    iota(a, 10, -3);
    for (i = 0; i < 10; i++) {
        printf("%d ", a[i]);
        s += a[i];
    }
    printf("\nsum = %d\n", s);
    return 0;
}
