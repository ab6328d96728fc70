#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(src + (0..n-1));
    requires \valid(dst + (0..n-1));
    assigns dst[0..n-1];
*/
void copy(const int *src, int *dst, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, dst[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

int main(void) {
    int src[7] = {3, 1, 4, 1, 5, 9, 2};
    int dst[7] = {0, 0, 0, 0, 0, 0, 0};
    int i;
    copy(src, dst, 6);
    for (i = 0; i < 7; i++) {
        printf("dst[%d] = %d\n", i, dst[i]);
    }
    return 0;
}
