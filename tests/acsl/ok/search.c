#include <stdio.h>

/* first position where b[0..m-1] occurs in a[0..n-1]; n if none */
/*@ requires n >= 0;
    requires m >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid_read(b + (0..m-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
*/
int search(const int *a, int n, const int *b, int m) {
    int i;
    int j;
    if (m > n) return n;
    /*@ loop invariant 0 <= i <= n - m + 1;
        loop assigns i, j;
        loop variant n - m - i + 1;
    */
    for (i = 0; i + m <= n; i++) {
        /*@ loop invariant 0 <= j <= m;
            loop assigns j;
            loop variant m - j;
        */
        for (j = 0; j < m && a[i + j] == b[j]; j++) {
        }
        if (j == m) {
            return i;
        }
    }
    return n;
}

int main(void) {
    int a[12] = {1, 2, 1, 2, 3, 1, 2, 3, 4, 5, 1, 2};
    int p1[3] = {1, 2, 3};
    int p2[2] = {4, 5};
    int p3[3] = {5, 1, 3};
    int p4[2] = {1, 2};
    printf("search [1,2,3] = %d\n", search(a, 12, p1, 3));
    printf("search [4,5] = %d\n", search(a, 12, p2, 2));
    printf("search [5,1,3] = %d\n", search(a, 12, p3, 3));
    printf("search [1,2] in tail = %d\n", search(a + 10, 2, p4, 2));
    printf("search empty pattern = %d\n", search(a, 12, p4, 0));
    printf("search longer pattern = %d\n", search(a, 2, p1, 3));
    return 0;
}
