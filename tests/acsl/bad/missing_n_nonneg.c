// expect: 10: loop invariant 0 <= i <= n not established on entry: requires n >= 0 is missing
#include <stdio.h>

/*@ requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int max_of(const int *a, int n) {
    int m = 0;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, m;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] > m) m = a[i];
    }
    return m;
}

int main(void) {
    int a[3] = {4, 9, 2};
    printf("%d\n", max_of(a, 3));
    return 0;
}
