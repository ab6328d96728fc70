#include <stdio.h>

static int m[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};

static int row_sum(int (*row)[4]) {
    int s = 0;
    for (int j = 0; j < 4; j++)
        s += (*row)[j];
    return s;
}

int main(void) {
    int (*p)[4] = m;
    printf("%d %d\n", p[1][2], (*p)[3]);
    p++;
    printf("%d\n", (*p)[0]);
    printf("%d %d %d\n", row_sum(&m[0]), row_sum(m + 1), row_sum(p + 1));
    printf("%lu %lu\n", sizeof *p, sizeof p);
    int *flat = &m[0][0];
    int s = 0;
    for (int i = 0; i < 4; i++)
        s += flat[i];
    printf("%d %ld\n", s, p - m);
    return 0;
}
