#include <stdio.h>

struct inner { char c; short s; };
struct outer { char tag; struct inner in; long v; };
struct withptr { char c; int *p; };
struct arrs { char name[5]; int vals[3]; char end; };
struct deep { struct outer o[2]; char last; };

int main(void) {
    printf("%lu %lu %lu %lu %lu\n", sizeof(struct inner), sizeof(struct outer),
           sizeof(struct withptr), sizeof(struct arrs), sizeof(struct deep));
    struct deep d;
    printf("%lu %lu %lu\n", sizeof d.o, sizeof d.o[1].in, sizeof d.last);
    d.o[1].in.s = 300;
    d.last = 'z';
    printf("%d %c\n", d.o[1].in.s, d.last);
    return 0;
}
