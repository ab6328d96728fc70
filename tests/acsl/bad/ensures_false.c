// expect: 7: ensures \result >= 0 does not hold: the function can return -1
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures \result >= 0;
*/
int index_of(const int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] == v) return i;
    }
    return -1;
}

int main(void) {
    int a[3] = {4, 5, 6};
    printf("%d\n", index_of(a, 3, 5));
    return 0;
}
