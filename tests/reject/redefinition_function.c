// expect: 6: redefinition of 'x'
#include <stdio.h>

static int x(void) { return 1; }

static int x(void) { return 2; }

int main(void) {
    printf("%d\n", x());
    return 0;
}
