#include <stdio.h>

/*@ requires n >= 0;
    requires n <= 100000;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
long accumulate(const int *a, int n, long init) {
    long s = init;
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
    int a[50];
    int i;
    for (i = 0; i < 50; i++) {
        a[i] = (i % 2 == 0) ? i * i : -i;
    }
    printf("sum = %ld\n", accumulate(a, 50, 0L));
    printf("sum+1000 = %ld\n", accumulate(a, 50, 1000L));
    printf("sum of first 7 = %ld\n", accumulate(a, 7, 0L));
    printf("empty = %ld\n", accumulate(a, 0, 42L));
    return 0;
}
