#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures \forall integer k; 0 <= k < n ==> a[k] == v;
*/
void fill(int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] == v;
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = v;
    }
}

int main(void) {
    int a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    int i;
    int s = 0;
    fill(a, 5, -7);
    for (i = 0; i < 8; i++) {
        printf("%d ", a[i]);
        s += a[i];
    }
    printf("\nsum = %d\n", s);
    return 0;
}
