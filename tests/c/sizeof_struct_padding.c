#include <stdio.h>

struct a { char c; int i; };
struct b { char c; long l; char d; };
struct c { int i; char c; };
struct d { char x; char y; short s; };
struct e { long l; char c; };
struct f { char c[3]; };
struct g { short s; char c; long l; int i; };
struct h { unsigned char u; unsigned long long x; unsigned short w; };

int main(void) {
    printf("a %lu\n", sizeof(struct a));
    printf("b %lu\n", sizeof(struct b));
    printf("c %lu\n", sizeof(struct c));
    printf("d %lu\n", sizeof(struct d));
    printf("e %lu\n", sizeof(struct e));
    printf("f %lu\n", sizeof(struct f));
    printf("g %lu\n", sizeof(struct g));
    printf("h %lu\n", sizeof(struct h));
    struct b arr[3];
    printf("arr %lu\n", sizeof arr);
    struct g v = {1, 2, 3, 4};
    printf("%d %d %ld %d\n", v.s, v.c, v.l, v.i);
    return 0;
}
