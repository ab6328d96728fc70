#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures \forall integer p, q; 0 <= p <= q < n ==> a[p] <= a[q];
*/
void insertion_sort(int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer p, q; 0 <= p <= q < i ==> a[p] <= a[q];
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        int key = a[i];
        int j = i - 1;
        /*@ loop invariant -1 <= j <= i - 1;
            loop assigns j, a[0..i];
            loop variant j + 1;
        */
        while (j >= 0 && a[j] > key) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = key;
    }
}

int main(void) {
    int a[12] = {31, -4, 15, 9, 26, 5, 35, 8, 97, 9, -32, 0};
    int i;
    insertion_sort(a, 12);
    for (i = 0; i < 12; i++) printf("%d ", a[i]);
    printf("\n");
    return 0;
}
