#include <stdio.h>

struct pt { int x; int y; };

int main(void) {
    int a[6] = {1, 2, 3, 4, 5, 6};
    int *p = a;
    printf("%d\n", *p++);
    printf("%d\n", *p);
    printf("%d\n", *++p);
    printf("%d\n", (*p)++);
    printf("%d\n", a[2]);
    p += 3;
    printf("%d\n", *p--);
    printf("%d\n", *--p);
    long l[3] = {100000000000L, 200000000000L, 300000000000L};
    long *lp = &l[2];
    lp--;
    printf("%ld\n", *lp);
    struct pt pts[3] = {{1, 2}, {3, 4}, {5, 6}};
    struct pt *sp = pts;
    sp++;
    printf("%d %d\n", sp->x, sp->y);
    ++sp;
    printf("%d\n", sp->x + sp->y);
    const char *s = "hello";
    int n = 0;
    while (*s++)
        n++;
    printf("n=%d\n", n);
    short sh[4] = {-1, -2, -3, -4};
    short *q = sh + 4;
    int sum = 0;
    while (q != sh)
        sum += *--q;
    printf("sum=%d\n", sum);
    return 0;
}
