#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    assigns \nothing;
    ensures -1 <= \result < n;
*/
int find_last(const char *a, int n, char v) {
    int i = n - 1;
    /*@ loop invariant -1 <= i <= n - 1;
        loop invariant \forall integer k; i < k < n ==> a[k] != v;
        loop assigns i;
        loop variant i + 1;
    */
    while (i >= 0) {
        if (a[i] == v) {
            return i;
        }
        i--;
    }
    return -1;
}

int main(void) {
    char s[] = "mississippi";
    int n = 11;
    printf("last s = %d\n", find_last(s, n, 's'));
    printf("last i = %d\n", find_last(s, n, 'i'));
    printf("last p = %d\n", find_last(s, n, 'p'));
    printf("last m = %d\n", find_last(s, n, 'm'));
    printf("last z = %d\n", find_last(s, n, 'z'));
    printf("last i in prefix 4 = %d\n", find_last(s, 4, 'i'));
    return 0;
}
