// expect: 7: compound literals are not supported
#include <stdio.h>

struct point { int x; int y; };

int main(void) {
    struct point *p = &(struct point){1, 2};
    printf("%d\n", p->x);
    return 0;
}
