// expect: 7: unknown predicate 'sorted' in annotation
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(a + (0..n-1));
    assigns a[0..n-1];
    ensures sorted(a, n);
*/
void sort2(int *a, int n) {
    if (n >= 2 && a[0] > a[1]) {
        int t = a[0];
        a[0] = a[1];
        a[1] = t;
    }
}

int main(void) {
    int a[2] = {9, 4};
    sort2(a, 2);
    printf("%d %d\n", a[0], a[1]);
    return 0;
}
