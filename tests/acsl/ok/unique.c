#include <stdio.h>

/* sorted a: drops adjacent duplicates in place, returns the new length */
/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures 0 <= \result <= n;
*/
int unique(int *a, int n) {
    int r = 0;
    int i;
    if (n == 0) {
        return 0;
    }
    /*@ loop invariant 1 <= i <= n;
        loop invariant 0 <= r < i;
        loop assigns i, r, a[1..n-1];
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        if (a[i] != a[r]) {
            r++;
            a[r] = a[i];
        }
    }
    return r + 1;
}

int main(void) {
    int a[14] = {1, 1, 2, 3, 3, 3, 4, 7, 7, 8, 9, 9, 9, 9};
    int b[3] = {5, 5, 5};
    int i;
    int m = unique(a, 14);
    printf("len %d:", m);
    for (i = 0; i < m; i++) printf(" %d", a[i]);
    printf("\n");
    printf("len %d\n", unique(b, 3));
    printf("len %d\n", unique(b, 0));
    return 0;
}
