#include <stdio.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int g[25];
static char gs[] = "global string";

static unsigned long param_size(int *a) {
    return sizeof a + sizeof *a;
}

int main(void) {
    int a[10];
    char b[33];
    long c[3][4];
    short d[2][3][5];
    printf("%lu %lu %lu %lu\n", sizeof a, sizeof b, sizeof c, sizeof d);
    printf("%lu %lu %lu\n", COUNT(a), COUNT(c), COUNT(c[0]));
    printf("%lu %lu %lu\n", COUNT(d), COUNT(d[0]), COUNT(d[0][0]));
    printf("%lu %lu\n", sizeof g, COUNT(gs));
    printf("%lu\n", param_size(a));
    a[0] = 1;
    printf("%d\n", a[0]);
    return 0;
}
