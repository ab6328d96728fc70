#include <stdio.h>

struct point { int x; int y; };
struct rect { struct point tl; struct point br; int id; };

static int area(const struct rect *r) {
    return (r->br.x - r->tl.x) * (r->br.y - r->tl.y);
}

static void move(struct rect *r, int dx, int dy) {
    r->tl.x += dx;
    r->tl.y += dy;
    r->br.x += dx;
    r->br.y += dy;
}

int main(void) {
    struct rect r = {{1, 2}, {5, 8}, 7};
    struct rect *rp = &r;
    printf("%d %d\n", rp->id, area(rp));
    move(rp, 10, -1);
    printf("%d %d %d %d\n", r.tl.x, r.tl.y, rp->br.x, rp->br.y);
    struct point *pp = &rp->br;
    pp->x = 100;
    printf("%d %d\n", r.br.x, area(&r));
    (*rp).id = 9;
    printf("%d\n", r.id);
    struct point pts[3] = {{1, 1}, {2, 4}, {3, 9}};
    struct point *it = pts;
    int s = 0;
    for (int i = 0; i < 3; i++, it++)
        s += it->x * it->y;
    printf("%d\n", s);
    return 0;
}
