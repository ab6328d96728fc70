#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
*/
int count(const int *a, int n, int v) {
    int i;
    int c = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= c <= i;
        loop assigns i, c;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] == v) {
            c++;
        }
    }
    return c;
}

int main(void) {
    int a[12] = {1, 2, 3, 2, 2, 5, 1, 0, 2, 9, 1, 2};
    int v;
    for (v = 0; v < 6; v++) {
        printf("count(%d) = %d\n", v, count(a, 12, v));
    }
    printf("count prefix(2, 4) = %d\n", count(a, 4, 2));
    return 0;
}
