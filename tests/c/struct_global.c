#include <stdio.h>

struct point { int x, y; };
struct shape { const char *name; struct point pts[3]; int n; };

struct point origin;
struct point unit = {1, 1};
struct shape tri = {"triangle", {{0, 0}, {4, 0}, {0, 3}}, 3};
struct shape shapes[2] = {{"seg", {{1, 1}, {2, 2}}, 2}, {"dot", {{5, 5}}, 1}};

static void shift(struct shape *s, int dx) {
    for (int i = 0; i < s->n; i++)
        s->pts[i].x += dx;
}

int main(void) {
    printf("%d %d %d %d\n", origin.x, origin.y, unit.x, unit.y);
    printf("%s %d\n", tri.name, tri.pts[1].x * tri.pts[2].y / 2);
    shift(&tri, 10);
    printf("%d %d %d\n", tri.pts[0].x, tri.pts[1].x, tri.pts[2].x);
    for (int i = 0; i < 2; i++)
        printf("%s %d %d\n", shapes[i].name, shapes[i].n, shapes[i].pts[0].x);
    origin = unit;
    unit.x = 7;
    printf("%d %d\n", origin.x, unit.x);
    return 0;
}
