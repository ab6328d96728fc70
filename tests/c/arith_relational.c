#include <stdio.h>
#include <stdint.h>

int main(void) {
    int a = -5, b = 3;
    printf("%d %d %d %d %d %d\n", a < b, a <= b, a > b, a >= b, a == b, a != b);
    unsigned ua = 4000000000u, ub = 3;
    printf("%d %d %d %d\n", ua < ub, ua > ub, ua == ub, ua >= ub);
    signed char sc = -1;
    unsigned char uc = 255;
    printf("%d %d\n", sc < uc, sc == -1);
    short ss = -1;
    unsigned short us = 65535;
    printf("%d %d\n", ss < us, ss == us);
    long la = -1;
    unsigned long lb = 1;
    printf("%d\n", (unsigned long)la > lb);
    int64_t x = INT64_MIN;
    int64_t y = INT64_MAX;
    printf("%d %d\n", x < y, y > x);
    uint64_t ux = 0x8000000000000000ull, uy = 1;
    printf("%d %d\n", ux > uy, ux < uy);
    int cmp[5] = {-2, -1, 0, 1, 2};
    for (int i = 0; i < 5; i++)
        printf("%d", (cmp[i] > 0) - (cmp[i] < 0));
    printf("\n");
    printf("%d\n", (a < b) + (b < a) + (a == -5));
    return 0;
}
