#include <stdio.h>

static long mix(char a, short b, int c, long d, unsigned char e, unsigned short f,
                unsigned g, unsigned long h, signed char i, long long j) {
    printf("%d %d %d %ld %d %d %u %lu %d %lld\n", a, b, c, d, e, f, g, h, i, j);
    return a + b + c + d + e + f + (long)g + (long)h + i + j;
}

static int ten(int *out, int a, int b, int c, int d, int e, int f, int g, int h, int i) {
    *out = a * b - c * d + e * f - g * h + i;
    return a + b + c + d + e + f + g + h + i;
}

static unsigned char narrow(unsigned char a, unsigned char b, unsigned char c, unsigned char d,
                            unsigned char e, unsigned char f, unsigned char g, unsigned char h) {
    return (unsigned char)(a + b + c + d + e + f + g + h);
}

int main(void) {
    long r = mix('A', -300, 70000, -5000000000L, 200, 60000, 4000000000u, 10000000000UL, -100, -9000000000000LL);
    printf("%ld\n", r);
    int out;
    int s = ten(&out, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    printf("%d %d\n", s, out);
    printf("%d\n", narrow(100, 100, 100, 100, 100, 100, 100, 100));
    int v = 300;
    printf("%d\n", narrow((unsigned char)v, 1, 2, 3, 4, 5, 6, 7));
    return 0;
}
