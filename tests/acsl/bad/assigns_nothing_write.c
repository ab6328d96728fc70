// expect: 15: write to a[i] violates the function contract assigns \nothing (line 6)
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns \nothing;
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
    printf("%d\n", a[1]);
    return 0;
}
