#include <stdio.h>

/*@ requires n > 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result < n;
    ensures \forall integer k; 0 <= k < n ==> a[k] <= a[\result];
*/
int max_element(const int *a, int n) {
    int best = 0;
    int i;
    /*@ loop invariant 1 <= i <= n;
        loop invariant 0 <= best < i;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] <= a[best];
        loop assigns i, best;
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        if (a[i] > a[best]) {
            best = i;
        }
    }
    return best;
}

int main(void) {
    int a[10] = {5, -2, 17, 3, 17, 8, -40, 12, 0, 16};
    int m = max_element(a, 10);
    printf("max at %d value %d\n", m, a[m]);
    m = max_element(a, 2);
    printf("max of first two at %d value %d\n", m, a[m]);
    m = max_element(a + 6, 1);
    printf("single at %d\n", m);
    return 0;
}
