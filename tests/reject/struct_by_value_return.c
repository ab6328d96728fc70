// expect: 6: returning structs by value is not supported
#include <stdio.h>

struct point { int x; int y; };

static struct point make(int x, int y) {
    struct point p;
    p.x = x;
    p.y = y;
    return p;
}

int main(void) {
    struct point q;
    q.x = 1;
    q.y = 2;
    printf("%d\n", q.x + q.y);
    return 0;
}
