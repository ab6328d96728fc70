#include <stdio.h>

const int LIMIT = 100;
const long BIG = 1L << 40;
const int squares[6] = {0, 1, 4, 9, 16, 25};
const struct { int w; int h; } dims = {640, 480};
static const unsigned char mask = 0x0F;

static int clamp(int v) { return v > LIMIT ? LIMIT : v; }

int main(void) {
    printf("%d %d %d\n", clamp(5), clamp(500), LIMIT);
    printf("%ld\n", BIG);
    int s = 0;
    for (int i = 0; i < 6; i++)
        s += squares[i];
    printf("%d\n", s);
    printf("%d\n", dims.w * dims.h);
    printf("%d\n", 0xAB & mask);
    return 0;
}
