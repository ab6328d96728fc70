#include <stdio.h>
#include <stdlib.h>

struct particle { int x, y; int vx, vy; };

int main(void) {
    int n = 16;
    struct particle *ps = malloc((size_t)n * sizeof *ps);
    for (int i = 0; i < n; i++) {
        ps[i].x = i;
        ps[i].y = 2 * i;
        ps[i].vx = (i % 3) - 1;
        ps[i].vy = (i % 5) - 2;
    }
    for (int step = 0; step < 100; step++)
        for (int i = 0; i < n; i++) {
            struct particle *p = &ps[i];
            p->x += p->vx;
            p->y += p->vy;
            if (p->x < 0 || p->x > 50)
                p->vx = -p->vx;
            if (p->y < 0 || p->y > 50)
                p->vy = -p->vy;
        }
    for (int i = 0; i < n; i += 3)
        printf("%d: %d %d %d %d\n", i, ps[i].x, ps[i].y, ps[i].vx, ps[i].vy);
    free(ps);
    return 0;
}
