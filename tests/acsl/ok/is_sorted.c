#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int is_sorted(const int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i + 1 < n; i++) {
        if (a[i] > a[i + 1]) {
            return 0;
        }
    }
    return 1;
}

int main(void) {
    int a[7] = {-5, -1, 0, 0, 3, 8, 13};
    int b[7] = {1, 2, 3, 5, 4, 6, 7};
    printf("a sorted: %d\n", is_sorted(a, 7));
    printf("b sorted: %d\n", is_sorted(b, 7));
    printf("b[0..3] sorted: %d\n", is_sorted(b, 4));
    printf("b[0..4] sorted: %d\n", is_sorted(b, 5));
    printf("empty sorted: %d\n", is_sorted(b, 0));
    return 0;
}
