// expect: 10: syntax error: loop invariant not followed by a predicate
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void fill(int *a, int n, int v) {
    int i;
    /*@ loop invariant ;
        loop assigns i, a[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        a[i] = v;
    }
}

int main(void) {
    int a[3];
    fill(a, 3, 1);
    printf("%d\n", a[0]);
    return 0;
}
