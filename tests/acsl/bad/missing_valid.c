// expect: 15: no requires \valid_read for a, so the read a[i] is not provable
#include <stdio.h>

/*@ requires n >= 0;
    assigns \nothing;
*/
int sum(const int *a, int n) {
    int s = 0;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, s;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        s += a[i];
    }
    return s;
}

int main(void) {
    int a[4] = {1, 2, 3, 4};
    printf("%d\n", sum(a, 4));
    return 0;
}
