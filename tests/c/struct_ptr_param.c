#include <stdio.h>

struct counter { int hits; int misses; long total; };

static void record(struct counter *c, int hit, long amount) {
    if (hit)
        c->hits++;
    else
        c->misses++;
    c->total += amount;
}

static void merge(struct counter *dst, const struct counter *src) {
    dst->hits += src->hits;
    dst->misses += src->misses;
    dst->total += src->total;
}

static void init(struct counter *c) {
    c->hits = 0;
    c->misses = 0;
    c->total = 0;
}

int main(void) {
    struct counter a, b;
    init(&a);
    init(&b);
    for (int i = 0; i < 20; i++)
        record(i % 3 ? &a : &b, i % 2, (long)i * 1000000000L);
    printf("a %d %d %ld\n", a.hits, a.misses, a.total);
    printf("b %d %d %ld\n", b.hits, b.misses, b.total);
    merge(&a, &b);
    printf("m %d %d %ld\n", a.hits, a.misses, a.total);
    return 0;
}
