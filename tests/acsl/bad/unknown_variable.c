// expect: 7: unknown identifier 'm' in annotation
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= m;
*/
int count_pos(const int *a, int n) {
    int i;
    int c = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= c <= i;
        loop assigns i, c;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] > 0) c++;
    }
    return c;
}

int main(void) {
    int a[3] = {1, -1, 2};
    printf("%d\n", count_pos(a, 3));
    return 0;
}
