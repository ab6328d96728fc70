/* Pointer parameters without annotations: the bounds travel as hidden arguments. */
#include <stdio.h>

static long sum(const int *a, int n)
{
    long s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

static void swap(int *x, int *y)
{
    int t = *x;
    *x = *y;
    *y = t;
}

static int *largest(int *a, int n)
{
    int *best = a;
    for (int i = 1; i < n; i++)
        if (a[i] > *best)
            best = a + i;
    return best;
}

struct point { int x; int y; };

static void move(struct point *p, int dx, int dy)
{
    p->x += dx;
    p->y += dy;
}

int main(void)
{
    int v[8] = {5, 3, 9, 1, 7, 2, 8, 6};
    struct point pt = {1, 2};
    swap(&v[0], &v[7]);
    int *m = largest(v, 8);
    *m = 0;
    move(&pt, 3, 4);
    printf("%ld %d %d %d\n", sum(v, 8), v[0], pt.x, pt.y);
    return (int)(sum(v, 8) % 50);
}
