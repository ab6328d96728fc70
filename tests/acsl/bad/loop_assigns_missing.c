// expect: 15: write to a[i] not covered by loop assigns i
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void twice(int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = 2 * a[i];
    }
}

int main(void) {
    int a[3] = {1, 2, 3};
    twice(a, 3);
    printf("%d\n", a[2]);
    return 0;
}
