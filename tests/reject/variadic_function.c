// expect: 4: variadic functions are not supported
#include <stdio.h>

static int first(int n, ...) {
    return n;
}

int main(void) {
    printf("%d\n", first(1, 2, 3));
    return 0;
}
