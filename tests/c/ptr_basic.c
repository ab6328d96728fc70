#include <stdio.h>

static void set(int *p, int v) { *p = v; }

int main(void) {
    int x = 10;
    int *p = &x;
    *p = 20;
    printf("%d\n", x);
    set(&x, 30);
    printf("%d %d\n", x, *p);
    int y = 5;
    p = &y;
    *p += x;
    printf("%d\n", y);
    char c = 'a';
    char *cp = &c;
    (*cp)++;
    printf("%c\n", c);
    long l = 1;
    long *lp = &l;
    for (int i = 0; i < 40; i++)
        *lp *= 2;
    printf("%ld\n", l);
    unsigned short us = 1;
    unsigned short *usp = &us;
    *usp = (unsigned short)(*usp - 2);
    printf("%d\n", us);
    int a = 1, b = 2;
    int *pa = &a, *pb = &b;
    int t = *pa;
    *pa = *pb;
    *pb = t;
    printf("%d %d\n", a, b);
    printf("%d\n", p == &y);
    printf("%d\n", pa != pb);
    return 0;
}
