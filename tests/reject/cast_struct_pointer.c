// expect: 10: casts between pointer types are not supported
#include <stdio.h>

struct a { int x; };
struct b { int y; };

int main(void) {
    struct a va;
    va.x = 5;
    struct b *pb = (struct b *)&va;
    printf("%d\n", pb->y);
    return 0;
}
