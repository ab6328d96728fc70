#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid_read(b + (0..n-1));
    requires \valid(c + (0..n-1));
    assigns c[0..n-1];
    ensures \forall integer k; 0 <= k < n ==> c[k] == a[k] + b[k];
*/
void vector_add(const long *a, const long *b, long *c, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> c[k] == a[k] + b[k];
        loop assigns i, c[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        c[i] = a[i] + b[i];
    }
}

int main(void) {
    long a[7] = {1, 2, 3, 4, 5, 6, 7};
    long b[7] = {70, 60, 50, 40, 30, 20, 10};
    long c[7];
    int i;
    vector_add(a, b, c, 7);
    for (i = 0; i < 7; i++) printf("%ld ", c[i]);
    printf("\n");
    vector_add(c, a, b, 7);
    for (i = 0; i < 7; i++) printf("%ld ", b[i]);
    printf("\n");
    return 0;
}
