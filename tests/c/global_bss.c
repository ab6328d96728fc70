#include <stdio.h>

static int counters[64];
static long accum;
static char flags[100];
struct state { int a; long b; char c[4]; };
static struct state st;
static struct state many[10];
static int *nullp;

int main(void) {
    int nz = 0;
    for (int i = 0; i < 64; i++)
        nz += counters[i] != 0;
    for (int i = 0; i < 100; i++)
        nz += flags[i] != 0;
    printf("%d %ld %d %ld %d %d\n", nz, accum, st.a, st.b, st.c[3], nullp == 0);
    for (int i = 0; i < 10; i++)
        nz += many[i].a + (int)many[i].b + many[i].c[0];
    printf("%d\n", nz);
    for (int i = 0; i < 1000; i++)
        counters[i % 64] += i;
    accum = counters[63];
    printf("%d %ld\n", counters[0], accum);
    return 0;
}
