#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void selection_sort(unsigned *a, int n) {
    int i;
    int j;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, j, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        int min = i;
        unsigned t;
        /*@ loop invariant i + 1 <= j <= n;
            loop invariant i <= min < j;
            loop assigns j, min;
            loop variant n - j;
        */
        for (j = i + 1; j < n; j++) {
            if (a[j] < a[min]) {
                min = j;
            }
        }
        t = a[i];
        a[i] = a[min];
        a[min] = t;
    }
}

int main(void) {
    unsigned a[15];
    unsigned x = 12345u;
    int i;
    for (i = 0; i < 15; i++) {
        x = x * 1103515245u + 12345u;
        a[i] = (x >> 16) % 1000u;
    }
    selection_sort(a, 15);
    for (i = 0; i < 15; i++) printf("%u ", a[i]);
    printf("\n");
    return 0;
}
