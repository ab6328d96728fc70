// expect: 4: floating-point types are not supported
#include <stdio.h>

static int half(double x) {
    return (int)(x / 2);
}

int main(void) {
    printf("%d\n", half(8));
    return 0;
}
