// expect: 23: precondition \valid_read(a + (0..n-1)) of find not established at this call (a has 10 elements, n = 20)
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
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
    int a[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int r = find(a, 20, 42);
    printf("%d\n", r);
    return 0;
}
