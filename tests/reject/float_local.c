// expect: 5: floating-point types are not supported
#include <stdio.h>

int main(void) {
    float f = 1;
    printf("%d\n", (int)f);
    return 0;
}
