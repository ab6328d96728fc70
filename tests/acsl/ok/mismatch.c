#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid_read(b + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
*/
int mismatch(const unsigned char *a, const unsigned char *b, int n) {
    int i = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] == b[k];
        loop assigns i;
        loop variant n - i;
    */
    while (i < n && a[i] == b[i]) {
        i++;
    }
    return i;
}

int main(void) {
    unsigned char a[8] = {10, 20, 30, 40, 50, 60, 70, 80};
    unsigned char b[8] = {10, 20, 30, 41, 50, 60, 70, 81};
    unsigned char c[8] = {10, 20, 30, 40, 50, 60, 70, 80};
    int m = mismatch(a, b, 8);
    printf("mismatch(a,b) = %d (%u vs %u)\n", m, a[m], b[m]);
    printf("mismatch(a,c) = %d\n", mismatch(a, c, 8));
    printf("mismatch(a,b,3) = %d\n", mismatch(a, b, 3));
    return 0;
}
