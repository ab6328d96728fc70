#include <stdio.h>
#include <stdlib.h>

struct rec { int a; long b; char name[8]; struct rec *link; };

int main(void) {
    int *a = calloc(100, sizeof(int));
    int nz = 0;
    for (int i = 0; i < 100; i++)
        nz += a[i] != 0;
    printf("%d\n", nz);
    for (int i = 0; i < 100; i++)
        a[i] = i;
    long s = 0;
    for (int i = 0; i < 100; i++)
        s += a[i];
    printf("%ld\n", s);
    free(a);
    struct rec *r = calloc(3, sizeof *r);
    printf("%d %ld %d %d\n", r[1].a, r[2].b, r[0].name[7], r[2].link == 0);
    r[0].link = &r[2];
    r[2].a = 55;
    printf("%d\n", r[0].link->a);
    free(r);
    unsigned char *bytes = calloc(1000, 1);
    unsigned t = 0;
    for (int i = 0; i < 1000; i++)
        t += bytes[i];
    printf("%u\n", t);
    free(bytes);
    return 0;
}
