#include <stdio.h>

/* copies the elements of a that differ from v into out; returns how many */
/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(out + (0..n-1));
    assigns out[0..n-1];
    ensures 0 <= \result <= n;
    ensures \forall integer k; 0 <= k < \result ==> out[k] != v;
*/
int remove_copy(const int *a, int n, int *out, int v) {
    int i;
    int k = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= k <= i;
        loop invariant \forall integer p; 0 <= p < k ==> out[p] != v;
        loop assigns i, k, out[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] != v) {
            //@ assert 0 <= k < n;
            out[k] = a[i];
            k++;
        }
    }
    return k;
}

int main(void) {
    int a[12] = {0, 3, 0, 0, 7, 1, 0, 2, 0, 9, 0, 0};
    int out[12];
    int i;
    int k = remove_copy(a, 12, out, 0);
    printf("kept %d:", k);
    for (i = 0; i < k; i++) printf(" %d", out[i]);
    printf("\n");
    k = remove_copy(a, 12, out, 5);
    printf("kept %d\n", k);
    return 0;
}
