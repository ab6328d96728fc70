// expect: 16: assertion i < n - 1 does not hold on the last iteration
#include <stdio.h>

/*@ requires n >= 1;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int sum(const int *a, int n) {
    int s = 0;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, s;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        //@ assert 0 <= i < n - 1;
        s += a[i];
    }
    return s;
}

int main(void) {
    int a[3] = {1, 2, 3};
    printf("%d\n", sum(a, 3));
    return 0;
}
