#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \forall integer p, q; 0 <= p <= q < n ==> a[p] <= a[q];
    assigns \nothing;
    ensures -1 <= \result < n;
*/
int binary_search(const int *a, int n, int v) {
    int lo = 0;
    int hi = n;
    /*@ loop invariant 0 <= lo <= hi <= n;
        loop assigns lo, hi;
        loop variant hi - lo;
    */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        //@ assert lo <= mid < hi;
        if (a[mid] == v) {
            return mid;
        } else if (a[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

int main(void) {
    int a[20];
    int i;
    for (i = 0; i < 20; i++) {
        a[i] = 3 * i + 1;
    }
    for (i = 0; i < 12; i++) {
        int v = i * 5;
        printf("search %d -> %d\n", v, binary_search(a, 20, v));
    }
    printf("search in empty -> %d\n", binary_search(a, 0, 1));
    return 0;
}
