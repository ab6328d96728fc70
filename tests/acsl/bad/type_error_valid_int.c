// expect: 5: type error: \valid applied to n, which is an int, not a pointer
#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(n);
    assigns \nothing;
*/
int twice(int n) {
    return n + n;
}

int main(void) {
    printf("%d\n", twice(21));
    return 0;
}
