// expect: 5: unknown annotation keyword 'requries'
#include <stdio.h>

/*@ requires n >= 0;
    requries \valid_read(a + (0..n-1));
    assigns \nothing;
*/
int first(const int *a, int n) {
    if (n > 0) return a[0];
    return 0;
}

int main(void) {
    int a[2] = {7, 8};
    printf("%d\n", first(a, 2));
    return 0;
}
