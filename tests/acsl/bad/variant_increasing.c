// expect: 14: loop variant i does not decrease
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int count_zero(const int *a, int n) {
    int i;
    int c = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= c <= i;
        loop assigns i, c;
        loop variant i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] == 0) c++;
    }
    return c;
}

int main(void) {
    int a[4] = {0, 1, 0, 0};
    printf("%d\n", count_zero(a, 4));
    return 0;
}
