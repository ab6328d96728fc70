/* find: the index of v in a[0..n-1], or -1. The contract and the loop invariant let the
 * compiler prove a[i] in bounds, so there is no run-time check (certa report shows it). */
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    ensures -1 <= \result < n;
*/
int find(const int *a, int n, int v) {
    int i;
    /*@ loop invariant 0 <= i <= n; */
    for (i = 0; i < n; i++)
        if (a[i] == v)
            return i;
    return -1;
}

int main(void) {
    int primes[8] = {2, 3, 5, 7, 11, 13, 17, 19};
    printf("13 is at %d, 4 is at %d\n", find(primes, 8, 13), find(primes, 8, 4));
    return 0;
}
