#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    requires 0 <= lo <= hi <= n;
    assigns a[0..n-1];
*/
void reverse_range(int *a, int n, int lo, int hi) {
    int i = lo;
    int j = hi - 1;
    /*@ loop invariant lo <= i <= j + 2;
        loop invariant lo - 1 <= j <= hi - 1;
        loop invariant i + j == lo + hi - 1;
        loop assigns i, j, a[0..n-1];
        loop variant j - i;
    */
    while (i < j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
    }
}

/* rotate left by k: a[k..n-1] followed by a[0..k-1] */
/*@ requires n >= 0;
    requires 0 <= k <= n;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void rotate(int *a, int n, int k) {
    reverse_range(a, n, 0, k);
    reverse_range(a, n, k, n);
    reverse_range(a, n, 0, n);
}

int main(void) {
    int a[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    int i;
    rotate(a, 8, 3);
    for (i = 0; i < 8; i++) printf("%d ", a[i]);
    printf("\n");
    rotate(a, 8, 8);
    for (i = 0; i < 8; i++) printf("%d ", a[i]);
    printf("\n");
    rotate(a, 8, 5);
    for (i = 0; i < 8; i++) printf("%d ", a[i]);
    printf("\n");
    return 0;
}
