#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec { int *data; int len; int cap; };

static void vec_push(struct vec *v, int x) {
    if (v->len == v->cap) {
        int ncap = v->cap ? v->cap * 2 : 4;
        int *nd = malloc((size_t)ncap * sizeof *nd);
        if (v->len)
            memcpy(nd, v->data, (size_t)v->len * sizeof *nd);
        free(v->data);
        v->data = nd;
        v->cap = ncap;
    }
    v->data[v->len++] = x;
}

int main(void) {
    struct vec v = {0, 0, 0};
    for (int i = 0; i < 1000; i++)
        vec_push(&v, i * 3 % 101);
    long s = 0;
    for (int i = 0; i < v.len; i++)
        s += v.data[i];
    printf("%d %d %ld\n", v.len, v.cap, s);
    printf("%d %d %d\n", v.data[0], v.data[500], v.data[999]);
    free(v.data);
    return 0;
}
