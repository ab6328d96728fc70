#include <stdio.h>

/*@ requires m >= 0;
    requires n >= 0;
    requires m + n <= 1000;
    requires \valid_read(a + (0..m-1));
    requires \valid_read(b + (0..n-1));
    requires \valid(c + (0..m+n-1));
    assigns c[0..m+n-1];
*/
void merge(const int *a, int m, const int *b, int n, int *c) {
    int i = 0;
    int j = 0;
    int k = 0;
    /*@ loop invariant 0 <= i <= m;
        loop invariant 0 <= j <= n;
        loop invariant k == i + j;
        loop assigns i, j, k, c[0..m+n-1];
        loop variant (m - i) + (n - j);
    */
    while (i < m && j < n) {
        if (a[i] <= b[j]) {
            c[k] = a[i];
            i++;
        } else {
            c[k] = b[j];
            j++;
        }
        k++;
    }
    /*@ loop invariant 0 <= i <= m;
        loop invariant 0 <= j <= n;
        loop invariant k == i + j;
        loop assigns i, k, c[0..m+n-1];
        loop variant m - i;
    */
    while (i < m) {
        c[k] = a[i];
        i++;
        k++;
    }
    /*@ loop invariant 0 <= i <= m;
        loop invariant 0 <= j <= n;
        loop invariant k == i + j;
        loop assigns j, k, c[0..m+n-1];
        loop variant n - j;
    */
    while (j < n) {
        c[k] = b[j];
        j++;
        k++;
    }
}

int main(void) {
    int a[6] = {1, 4, 4, 9, 15, 22};
    int b[8] = {0, 2, 4, 5, 10, 11, 30, 31};
    int c[14];
    int i;
    merge(a, 6, b, 8, c);
    for (i = 0; i < 14; i++) printf("%d ", c[i]);
    printf("\n");
    merge(a, 2, b, 0, c);
    printf("%d %d\n", c[0], c[1]);
    return 0;
}
