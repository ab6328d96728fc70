#include <stdio.h>
#include <stddef.h>

/*@ requires \valid_read(a + (0..n-1));
    requires lo <= hi;
    assigns \nothing;
    ensures \result <= n;
*/
size_t count_in_range(const short *a, size_t n, short lo, short hi) {
    size_t i;
    size_t c = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= c <= i;
        loop assigns i, c;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (lo <= a[i] && a[i] <= hi) {
            c++;
        }
    }
    return c;
}

int main(void) {
    short a[20];
    size_t i;
    for (i = 0; i < 20; i++) {
        a[i] = (short)((int)(i * 29 % 41) - 20);
    }
    printf("%lu\n", (unsigned long)count_in_range(a, 20, -5, 5));
    printf("%lu\n", (unsigned long)count_in_range(a, 20, 0, 20));
    printf("%lu\n", (unsigned long)count_in_range(a, 10, -20, 20));
    printf("%lu\n", (unsigned long)count_in_range(a, 20, 7, 7));
    return 0;
}
