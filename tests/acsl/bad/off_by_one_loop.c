// expect: 15: write a[i] out of range: i can equal n but only a[0..n-1] is valid
#include <stdio.h>

/*@ requires 0 <= n <= 1000;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void zero(int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n + 1;
        loop assigns i, a[0..n-1];
        loop variant n + 1 - i;
    */
    for (i = 0; i <= n; i++) {
        a[i] = 0;
    }
}

int main(void) {
    int a[5] = {1, 2, 3, 4, 5};
    zero(a, 4);
    printf("%d\n", a[0]);
    return 0;
}
