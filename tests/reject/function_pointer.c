// expect: 7: function pointers are not supported
#include <stdio.h>

static int twice(int x) { return 2 * x; }

int main(void) {
    int (*fp)(int) = twice;
    printf("%d\n", fp(3));
    return 0;
}
