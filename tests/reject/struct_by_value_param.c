// expect: 6: passing structs by value is not supported
#include <stdio.h>

struct point { int x; int y; };

static int sum(struct point p) {
    return p.x + p.y;
}

int main(void) {
    struct point p = {1, 2};
    printf("%d\n", p.x + p.y);
    return 0;
}
