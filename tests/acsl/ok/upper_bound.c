#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
*/
int upper_bound(const int *a, int n, int v) {
    int lo = 0;
    int hi = n;
    /*@ loop invariant 0 <= lo <= hi <= n;
        loop assigns lo, hi;
        loop variant hi - lo;
    */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] <= v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int main(void) {
    int a[10] = {1, 3, 3, 3, 5, 8, 8, 13, 21, 21};
    int v;
    for (v = 0; v <= 22; v += 3) {
        printf("upper_bound(%d) = %d\n", v, upper_bound(a, 10, v));
    }
    printf("equal_range(3) = [%d, %d)\n", 1, upper_bound(a, 10, 3));
    printf("upper_bound(21) = %d\n", upper_bound(a, 10, 21));
    return 0;
}
