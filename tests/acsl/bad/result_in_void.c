// expect: 7: \result used in the contract of a void function
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures \result == 0;
*/
void clear(int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = 0;
    }
}

int main(void) {
    int a[3] = {1, 2, 3};
    clear(a, 3);
    printf("%d\n", a[0]);
    return 0;
}
