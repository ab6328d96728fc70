#include <stdio.h>
#include <stdbool.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid_read(b + (0..n-1));
    assigns \nothing;
    ensures \result <==> (\forall integer k; 0 <= k < n ==> a[k] == b[k]);
*/
bool equal(const int *a, const int *b, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] == b[k];
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

int main(void) {
    int a[6] = {1, 2, 3, 4, 5, 6};
    int b[6] = {1, 2, 3, 4, 0, 6};
    int c[6] = {1, 2, 3, 4, 5, 6};
    printf("a==b: %d\n", (int)equal(a, b, 6));
    printf("a==c: %d\n", (int)equal(a, c, 6));
    printf("a==b (prefix 4): %d\n", (int)equal(a, b, 4));
    printf("empty: %d\n", (int)equal(a, b, 0));
    return 0;
}
