// expect: 7: too few arguments
#include <stdio.h>

static int add(int a, int b) { return a + b; }

int main(void) {
    int r = add(1);
    printf("%d\n", r);
    return 0;
}
