#include <stdio.h>
#include <stdbool.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures \result <==> (\forall integer k; 0 <= k < n ==> a[k] > 0);
*/
bool all_positive(const int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] > 0;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] <= 0) return false;
    }
    return true;
}

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures \result <==> (\exists integer k; 0 <= k < n && a[k] % 2 == 0);
*/
bool any_even(const int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> a[k] % 2 != 0;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] % 2 == 0) return true;
    }
    return false;
}

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
*/
bool none_negative(const int *a, int n) {
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] < 0) return false;
    }
    return true;
}

int main(void) {
    int a[6] = {3, 5, 7, 9, 11, 13};
    int b[6] = {3, 5, -7, 9, 12, 13};
    printf("all_positive: %d %d\n", (int)all_positive(a, 6), (int)all_positive(b, 6));
    printf("any_even: %d %d\n", (int)any_even(a, 6), (int)any_even(b, 6));
    printf("none_negative: %d %d %d\n", (int)none_negative(a, 6), (int)none_negative(b, 6), (int)none_negative(b, 2));
    return 0;
}
