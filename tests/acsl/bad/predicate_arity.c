// expect: 12: predicate in_range expects 2 arguments, got 1
#include <stdio.h>

/*@ predicate in_range(integer i, integer n) = 0 <= i < n; */

/*@ requires n >= 1;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int last(const int *a, int n) {
    int k = n - 1;
    //@ assert in_range(k);
    return a[k];
}

int main(void) {
    int a[3] = {1, 2, 3};
    printf("%d\n", last(a, 3));
    return 0;
}
