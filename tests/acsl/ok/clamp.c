#include <stdio.h>

/*@ requires n >= 0;
    requires lo <= hi;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures 0 <= \result <= n;
    ensures \forall integer k; 0 <= k < n ==> lo <= a[k] <= hi;
*/
int clamp_all(int *a, int n, int lo, int hi) {
    int i;
    int changed = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= changed <= i;
        loop invariant \forall integer k; 0 <= k < i ==> lo <= a[k] <= hi;
        loop assigns i, changed, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] < lo) {
            a[i] = lo;
            changed++;
        } else if (a[i] > hi) {
            a[i] = hi;
            changed++;
        }
    }
    return changed;
}

int main(void) {
    int a[12] = {-50, -5, 0, 5, 10, 15, 20, 25, 300, 99, 100, 101};
    int i;
    int c = clamp_all(a, 12, 0, 100);
    printf("changed %d:", c);
    for (i = 0; i < 12; i++) printf(" %d", a[i]);
    printf("\n");
    c = clamp_all(a, 12, 10, 10);
    printf("changed %d:", c);
    for (i = 0; i < 12; i++) printf(" %d", a[i]);
    printf("\n");
    return 0;
}
