#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> (\forall integer k; 0 <= k < n ==> a[k] == c);
*/
int all_equal(const int *a, int n, int c) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] == c;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] != c) {
            return 0;
        }
    }
    return 1;
}

int zeros[32];

int main(void) {
    int sevens[5] = {7, 7, 7, 7, 7};
    int mixed[5] = {7, 7, 8, 7, 7};
    printf("%d %d %d\n", all_equal(sevens, 5, 7), all_equal(mixed, 5, 7), all_equal(mixed, 2, 7));
    printf("%d %d\n", all_equal(zeros, 32, 0), all_equal(zeros, 32, 1));
    zeros[31] = 1;
    printf("%d %d\n", all_equal(zeros, 32, 0), all_equal(zeros, 31, 0));
    return 0;
}
