#include <stdio.h>

struct vec { long x, y, z; };
struct rec { int id; char tag[6]; struct vec v; int arr[4]; };

int main(void) {
    struct rec a = {1, "alpha", {10, 20, 30}, {1, 2, 3, 4}};
    struct rec b;
    b = a;
    b.id = 2;
    b.tag[0] = 'A';
    b.v.y = -20;
    b.arr[3] = 40;
    printf("%d %s %ld %d\n", a.id, a.tag, a.v.y, a.arr[3]);
    printf("%d %s %ld %d\n", b.id, b.tag, b.v.y, b.arr[3]);
    struct vec v = b.v;
    v.z = 99;
    printf("%ld %ld %ld / %ld\n", v.x, v.y, v.z, b.v.z);
    struct rec arr[3];
    for (int i = 0; i < 3; i++) {
        arr[i] = a;
        arr[i].id = 100 + i;
    }
    printf("%d %d %s\n", arr[0].id, arr[2].id, arr[1].tag);
    struct rec *p = &arr[1];
    *p = b;
    printf("%d %ld\n", arr[1].id, arr[1].v.y);
    struct vec c = {1, 2, 3}, d = {4, 5, 6};
    struct vec t = c;
    c = d;
    d = t;
    printf("%ld %ld\n", c.x, d.x);
    a = a;
    printf("%d\n", a.id);
    return 0;
}
