// expect: 7: too many arguments
#include <stdio.h>

static int neg(int a) { return -a; }

int main(void) {
    int r = neg(1, 2);
    printf("%d\n", r);
    return 0;
}
