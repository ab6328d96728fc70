// expect: 15: write through a pointer that is only \valid_read (needs \valid)
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns a[0..n-1];
*/
void negate(int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = -a[i];
    }
}

int main(void) {
    int a[3] = {1, -2, 3};
    negate(a, 3);
    printf("%d %d %d\n", a[0], a[1], a[2]);
    return 0;
}
