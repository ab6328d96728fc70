// expect: 19: read a[j] out of range: j starts at n
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
*/
void reverse(int *a, int n) {
    int i = 0;
    int j = n;
    /*@ loop invariant 0 <= i;
        loop invariant j <= n;
        loop invariant i + j == n;
        loop assigns i, j, a[0..n-1];
        loop variant j - i;
    */
    while (i < j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
    }
}

int main(void) {
    int a[4] = {1, 2, 3, 4};
    reverse(a, 3);
    printf("%d\n", a[0]);
    return 0;
}
