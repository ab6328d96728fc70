#include <stdio.h>

struct box {
    int xmin;
    int xmax;
    int ymin;
    int ymax;
};

/*@ requires n >= 1;
    requires \valid_read(xs + (0..n-1));
    requires \valid_read(ys + (0..n-1));
    requires \valid(b);
    assigns *b;
    ensures b->xmin <= b->xmax;
    ensures b->ymin <= b->ymax;
*/
void bounding_box(const int *xs, const int *ys, int n, struct box *b) {
    int i;
    int x0 = xs[0];
    int x1 = xs[0];
    int y0 = ys[0];
    int y1 = ys[0];
    /*@ loop invariant 1 <= i <= n;
        loop invariant x0 <= x1;
        loop invariant y0 <= y1;
        loop assigns i, x0, x1, y0, y1;
        loop variant n - i;
    */
    for (i = 1; i < n; i++) {
        if (xs[i] < x0) x0 = xs[i];
        if (xs[i] > x1) x1 = xs[i];
        if (ys[i] < y0) y0 = ys[i];
        if (ys[i] > y1) y1 = ys[i];
    }
    b->xmin = x0;
    b->xmax = x1;
    b->ymin = y0;
    b->ymax = y1;
}

int main(void) {
    int xs[7] = {3, -4, 10, 7, 0, 2, -1};
    int ys[7] = {5, 5, -8, 12, 1, 0, 3};
    struct box b;
    bounding_box(xs, ys, 7, &b);
    printf("x in [%d, %d], y in [%d, %d]\n", b.xmin, b.xmax, b.ymin, b.ymax);
    bounding_box(xs, ys, 1, &b);
    printf("x in [%d, %d], y in [%d, %d]\n", b.xmin, b.xmax, b.ymin, b.ymax);
    return 0;
}
