#include <stdio.h>

static int max3(int a, int b, int c) {
    return a > b ? (a > c ? a : c) : (b > c ? b : c);
}

int main(void) {
    for (int i = -2; i <= 2; i++)
        printf("%d -> %s\n", i, i < 0 ? "neg" : i == 0 ? "zero" : "pos");
    printf("%d %d %d\n", max3(1, 2, 3), max3(9, 2, 3), max3(1, 8, 3));
    int x = 7;
    int y = x > 5 ? x * 2 : x - 2;
    printf("%d\n", y);
    unsigned u = x < 0 ? 1u : 2u;
    printf("%u\n", u);
    long l = x ? 10000000000L : 0L;
    printf("%ld\n", l);
    int a = 1, b = 2;
    int *p = x > 3 ? &a : &b;
    *p = 99;
    printf("%d %d\n", a, b);
    int cnt = 0;
    for (int i = 0; i < 20; i++)
        cnt += (i % 3 == 0) ? 1 : (i % 5 == 0) ? 10 : 0;
    printf("%d\n", cnt);
    char c = x & 1 ? 'o' : 'e';
    printf("%c\n", c);
    int side = 0;
    int r = (x > 0) ? (side += 1) : (side += 100);
    printf("%d %d\n", r, side);
    return 0;
}
