#include <stdio.h>

typedef struct { int r, g, b; } color;
typedef struct node node_t;
struct node { int v; node_t *next; };
typedef color palette[3];

static int brightness(const color *c) { return (c->r * 3 + c->g * 6 + c->b) / 10; }

int main(void) {
    color red = {255, 0, 0};
    palette p = {{255, 255, 255}, {0, 0, 0}, {10, 200, 30}};
    printf("%d %d\n", brightness(&red), brightness(&p[2]));
    node_t b = {2, 0};
    node_t a = {1, &b};
    printf("%d %d\n", a.v, a.next->v);
    color c = p[0];
    c.g = 128;
    printf("%d %d %d\n", c.r, c.g, p[0].g);
    printf("%lu %lu\n", sizeof(color), sizeof(palette));
    return 0;
}
