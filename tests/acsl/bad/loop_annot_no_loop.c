// expect: 10: loop annotation not followed by a loop
#include <stdio.h>

/*@ requires n >= 1;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void reset(int *a, int n) {
    int i = 0;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
    */
    a[0] = 0;
    for (i = 1; i < n; i++) {
        a[i] = a[i - 1];
    }
}

int main(void) {
    int a[3] = {5, 6, 7};
    reset(a, 3);
    printf("%d\n", a[2]);
    return 0;
}
