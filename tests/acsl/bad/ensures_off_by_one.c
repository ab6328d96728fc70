// expect: 7: ensures \result < n does not hold: the function returns n when v is absent
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result < n;
*/
int find(const int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] == v) return i;
    }
    return n;
}

int main(void) {
    int a[3] = {4, 5, 6};
    printf("%d\n", find(a, 3, 5));
    return 0;
}
