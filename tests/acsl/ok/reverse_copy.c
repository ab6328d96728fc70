#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(src + (0..n-1));
    requires \valid(dst + (0..n-1));
    assigns dst[0..n-1];
    ensures \forall integer k; 0 <= k < n ==> dst[k] == src[n - 1 - k];
*/
void reverse_copy(const int *src, int *dst, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> dst[k] == src[n - 1 - k];
        loop assigns i, dst[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        dst[i] = src[n - 1 - i];
    }
}

int main(void) {
    int src[6] = {11, 22, 33, 44, 55, 66};
    int dst[6];
    int i;
    reverse_copy(src, dst, 6);
    for (i = 0; i < 6; i++) {
        printf("%d%c", dst[i], i == 5 ? '\n' : ',');
    }
    return 0;
}
