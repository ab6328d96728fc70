#include <stdio.h>

/* out[i] = |a[i]| and the largest magnitude is returned */
/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(out + (0..n-1));
    assigns out[0..n-1];
    ensures 0 <= \result <= 128;
*/
int abs_values(const signed char *a, unsigned char *out, int n) {
    int i;
    int m = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= m <= 128;
        loop assigns i, m, out[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        int v = a[i];
        if (v < 0) {
            v = -v;
        }
        //@ assert 0 <= v <= 128;
        out[i] = (unsigned char)v;
        if (v > m) {
            m = v;
        }
    }
    return m;
}

int main(void) {
    signed char a[8] = {-128, 127, -1, 0, 5, -77, 64, -64};
    unsigned char out[8];
    int i;
    int m = abs_values(a, out, 8);
    for (i = 0; i < 8; i++) printf("%u ", out[i]);
    printf("\nmax = %d\n", m);
    m = abs_values(a + 1, out, 3);
    printf("max = %d\n", m);
    return 0;
}
