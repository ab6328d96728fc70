#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void bubble_sort(short *a, int n) {
    int i;
    int j;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, j, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        /*@ loop invariant 0 <= j <= n - 1 - i;
            loop assigns j, a[0..n-1];
            loop variant n - 1 - i - j;
        */
        for (j = 0; j < n - 1 - i; j++) {
            if (a[j] > a[j + 1]) {
                short t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
        }
    }
}

int main(void) {
    short a[10] = {300, -12, 7, 7, 1000, -300, 42, 0, 5, -1};
    int i;
    bubble_sort(a, 10);
    for (i = 0; i < 10; i++) printf("%d ", a[i]);
    printf("\n");
    return 0;
}
