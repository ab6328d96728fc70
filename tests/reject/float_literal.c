// expect: 5: floating-point types are not supported
#include <stdio.h>

int main(void) {
    int x = 1.5;
    printf("%d\n", x);
    return 0;
}
