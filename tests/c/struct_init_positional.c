#include <stdio.h>

struct pair { int a; int b; };
struct mixed { char c; long l; short s; unsigned u; };
struct nest { struct pair p; int arr[3]; const char *name; };

int main(void) {
    struct pair p = {3, -4};
    struct mixed m = {'m', -123456789012L, -7, 4000000000u};
    struct nest n = {{5, 6}, {7, 8, 9}, "nested"};
    struct nest n2 = {{1, 2}, {0, 0, 0}, "flat"};
    printf("%d %d\n", p.a, p.b);
    printf("%c %ld %d %u\n", m.c, m.l, m.s, m.u);
    printf("%d %d %d %d %d %s\n", n.p.a, n.p.b, n.arr[0], n.arr[1], n.arr[2], n.name);
    printf("%d %d %s\n", n2.p.a, n2.arr[2], n2.name);
    struct pair ps[3] = {{1, 2}, {3, 4}, {5, 6}};
    int s = 0;
    for (int i = 0; i < 3; i++)
        s += ps[i].a * ps[i].b;
    printf("%d\n", s);
    int x = 10;
    struct pair computed = {x * 2, x + p.a};
    printf("%d %d\n", computed.a, computed.b);
    return 0;
}
