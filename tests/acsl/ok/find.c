#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
    ensures \forall integer k; 0 <= k < \result ==> a[k] != v;
*/
int find(const int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] != v;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] == v) return i;
    }
    return n;
}

int main(void) {
    int a[10] = {4, 8, 15, 16, 23, 42, 8, 0, -3, 7};
    int probes[5] = {8, 42, 7, 99, -3};
    int p;
    for (p = 0; p < 5; p++) {
        printf("find(%d) = %d\n", probes[p], find(a, 10, probes[p]));
    }
    printf("find in empty = %d\n", find(a, 0, 4));
    return 0;
}
