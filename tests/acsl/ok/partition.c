#include <stdio.h>

/* moves elements < pivot to the front; returns how many there are */
/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures 0 <= \result <= n;
    ensures \forall integer k; 0 <= k < \result ==> a[k] < pivot;
*/
int partition(int *a, int n, int pivot) {
    int i;
    int k = 0;
    /*@ loop invariant 0 <= k <= i <= n;
        loop invariant \forall integer p; 0 <= p < k ==> a[p] < pivot;
        loop assigns i, k, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] < pivot) {
            int t = a[i];
            a[i] = a[k];
            a[k] = t;
            k++;
        }
    }
    return k;
}

int main(void) {
    int a[11] = {9, 2, 14, 7, 3, 11, 5, 20, 1, 8, 6};
    int i;
    int k = partition(a, 11, 7);
    printf("k = %d\n", k);
    for (i = 0; i < 11; i++) printf("%d%c", a[i], i < k ? '<' : ' ');
    printf("\n");
    return 0;
}
