// expect: 4: \old is not allowed in a requires clause
#include <stdio.h>

/*@ requires \old(n) >= 0;
    assigns \nothing;
*/
int twice(int n) {
    return n + n;
}

int main(void) {
    printf("%d\n", twice(4));
    return 0;
}
