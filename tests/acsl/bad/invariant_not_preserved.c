// expect: 12: loop invariant 0 <= c <= i is not preserved (c grows by 2 in one iteration)
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int weighted_count(const int *a, int n, int v) {
    int i;
    int c = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= c <= i;
        loop assigns i, c;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] == v) {
            c += 2;
        }
    }
    return c;
}

int main(void) {
    int a[4] = {1, 1, 2, 1};
    printf("%d\n", weighted_count(a, 4, 1));
    return 0;
}
