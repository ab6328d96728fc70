#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void reverse(int *a, int n) {
    int i = 0;
    int j = n - 1;
    /*@ loop invariant 0 <= i <= j + 2;
        loop invariant -1 <= j <= n - 1;
        loop invariant i + j == n - 1;
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

int main(void) {
    int a[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    int b[4] = {10, 20, 30, 40};
    int i;
    reverse(a, 9);
    reverse(b, 4);
    for (i = 0; i < 9; i++) printf("%d ", a[i]);
    printf("\n");
    for (i = 0; i < 4; i++) printf("%d ", b[i]);
    printf("\n");
    reverse(b, 0);
    printf("%d\n", b[0]);
    return 0;
}
