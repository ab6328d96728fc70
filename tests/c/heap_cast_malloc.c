#include <stdio.h>
#include <stdlib.h>

struct pt { long x, y; };

int main(void) {
    int n = 20;
    int *a = (int *)malloc((size_t)n * sizeof(int));
    for (int i = 0; i < n; i++)
        a[i] = n - i;
    long *l = (long *)calloc(4, sizeof(long));
    l[3] = 1L << 45;
    char *s = (char *)malloc(6);
    s[0] = 'c';
    s[1] = 'a';
    s[2] = 's';
    s[3] = 't';
    s[4] = '!';
    s[5] = '\0';
    struct pt *p = (struct pt *)malloc(sizeof(struct pt) * 2);
    p[0].x = 1;
    p[0].y = 2;
    p[1] = p[0];
    p[1].y = -7;
    unsigned short *us = malloc(10 * sizeof *us);
    for (int i = 0; i < 10; i++)
        us[i] = (unsigned short)(i * 7000);
    printf("%d %d %ld %s %ld %ld %d\n", a[0], a[19], l[3], s, p[1].x, p[1].y, us[9]);
    free(a);
    free(l);
    free(s);
    free(p);
    free(us);
    return 0;
}
