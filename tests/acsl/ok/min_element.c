#include <stdio.h>

/*@ requires n > 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result < n;
*/
int min_element(const long *a, int n) {
    int best = 0;
    int i;
    /*@ loop invariant 1 <= i <= n;
        loop invariant 0 <= best < i;
        loop assigns i, best;
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        if (a[i] < a[best]) {
            best = i;
        }
    }
    return best;
}

int main(void) {
    long a[16];
    int i;
    int m;
    for (i = 0; i < 16; i++) {
        a[i] = (long)((i * 37 + 11) % 23) - 9;
    }
    m = min_element(a, 16);
    printf("min at %d value %ld\n", m, a[m]);
    m = min_element(a, 3);
    printf("min of first 3 at %d value %ld\n", m, a[m]);
    return 0;
}
