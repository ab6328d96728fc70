#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(out + (0..n-1));
    assigns out[0..n-1];
*/
void partial_sum(const long *a, long *out, int n) {
    long s = 0;
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, s, out[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        s += a[i];
        out[i] = s;
    }
}

int main(void) {
    long a[12];
    long p[12];
    int i;
    for (i = 0; i < 12; i++) {
        a[i] = (long)(i + 1) * 1000000L;
    }
    partial_sum(a, p, 12);
    for (i = 0; i < 12; i++) printf("%ld\n", p[i]);
    return 0;
}
