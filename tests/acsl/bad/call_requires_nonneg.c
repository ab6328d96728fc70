// expect: 22: precondition n >= 0 of fill not established at this call (n = -1)
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void fill(int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = v;
    }
}

int main(void) {
    int a[4] = {1, 2, 3, 4};
    fill(a, 4, 0);
    fill(a, -1, 9);
    printf("%d\n", a[0]);
    return 0;
}
