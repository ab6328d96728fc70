// expect: 5: floating-point types are not supported
#include <stdio.h>

struct point {
    float x;
    int y;
};

int main(void) {
    struct point p;
    p.y = 1;
    printf("%d\n", p.y);
    return 0;
}
