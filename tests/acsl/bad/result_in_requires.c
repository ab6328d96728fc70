// expect: 5: \result is not allowed in a requires clause
#include <stdio.h>

/*@ requires n >= 0;
    requires \result >= 0;
    assigns \nothing;
*/
int twice(int n) {
    return n + n;
}

int main(void) {
    printf("%d\n", twice(4));
    return 0;
}
