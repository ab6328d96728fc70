// expect: 18: read a[mid] out of range: with lo <= hi <= n, mid can equal n
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int bsearch_bad(const int *a, int n, int v) {
    int lo = 0;
    int hi = n;
    /*@ loop invariant 0 <= lo <= hi + 1;
        loop invariant hi <= n;
        loop assigns lo, hi;
        loop variant hi - lo + 1;
    */
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] == v) {
            return mid;
        } else if (a[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return -1;
}

int main(void) {
    int a[5] = {1, 3, 5, 7, 9};
    printf("%d\n", bsearch_bad(a, 5, 7));
    return 0;
}
