#include <stdio.h>

int main(void) {
    short a = 30000, b = 20000;
    int s = a + b;
    printf("%d\n", s);
    short t = (short)(a + b);
    printf("%d\n", t);
    unsigned short ua = 60000, ub = 10000;
    printf("%d\n", ua + ub);
    unsigned short w = (unsigned short)(ua + ub);
    printf("%u\n", (unsigned)w);
    short n = -32768;
    printf("%d %d\n", n, n - 1);
    short q = -7;
    printf("%d %d\n", q / 2, q % 2);
    unsigned short acc = 1;
    for (int i = 0; i < 20; i++)
        acc = (unsigned short)(acc * 3 + 1);
    printf("acc=%u\n", (unsigned)acc);
    short arr[5] = {-1, 2, -3, 4, -5};
    int total = 0;
    for (int i = 0; i < 5; i++)
        total += arr[i] * arr[i];
    printf("total=%d\n", total);
    return 0;
}
