// expect: 10: loop invariant 1 <= i does not hold when the loop is reached (i = 0)
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void fill(int *a, int n, int v) {
    int i;
    /*@ loop invariant 1 <= i <= n;
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = v;
    }
}

int main(void) {
    int a[3];
    fill(a, 3, 7);
    printf("%d\n", a[2]);
    return 0;
}
