#include <stdio.h>

/* sorted a: finds i < j with a[i] + a[j] == target; returns 1 if found */
/*@ requires n >= 0;
    requires \valid_read(a + (0..n-1));
    requires \valid(pi);
    requires \valid(pj);
    assigns *pi, *pj;
    ensures \result == 0 || \result == 1;
*/
int two_sum(const int *a, int n, int target, int *pi, int *pj) {
    int i = 0;
    int j = n - 1;
    /*@ loop invariant 0 <= i <= j + 1;
        loop invariant j <= n - 1;
        loop assigns i, j;
        loop variant j - i;
    */
    while (i < j) {
        long s = (long)a[i] + a[j];
        if (s == target) {
            *pi = i;
            *pj = j;
            return 1;
        } else if (s < target) {
            i++;
        } else {
            j--;
        }
    }
    return 0;
}

int main(void) {
    int a[10] = {-8, -3, 0, 2, 5, 7, 11, 12, 20, 31};
    int targets[6] = {9, 23, -11, 100, 51, 4};
    int t;
    for (t = 0; t < 6; t++) {
        int i = -1;
        int j = -1;
        int found = two_sum(a, 10, targets[t], &i, &j);
        if (found) {
            printf("%d = a[%d] + a[%d] = %d + %d\n", targets[t], i, j, a[i], a[j]);
        } else {
            printf("%d not found\n", targets[t]);
        }
    }
    return 0;
}
