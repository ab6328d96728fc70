#include <stdio.h>

static int f(int x) { return x * 3 - 1; }
static long g(long a, long b) { return a * 7 + b; }

int main(void) {
    int a = 1, b = 2, c = 3, d = 4, e = 5, h = 6, i = 7, j = 8, k = 9, l = 10;
    int r1 = ((a + b) * (c + d) - (e + h) * (i - j)) * ((k - l) * (a - c) + (b * d - e * h));
    printf("%d\n", r1);
    long r2 = g(f(a) + f(b) * f(c), g(f(d), f(e) - f(h))) + g(g(i, j), g(k, l)) * f(f(f(a)));
    printf("%ld\n", r2);
    int r3 = (a < b) + (c > d) * 2 + (e == 5) * 4 + (h != 6) * 8 + ((i & j) | (k ^ l)) * 16;
    printf("%d\n", r3);
    long r4 = (long)a * b * c * d * e * h * i * j * k * l;
    printf("%ld\n", r4);
    int arr[10] = {a, b, c, d, e, h, i, j, k, l};
    int r5 = arr[arr[0]] * arr[arr[arr[1]]] + arr[f(2)] - arr[(a + b + c) % 10];
    printf("%d\n", r5);
    unsigned u = (unsigned)(a - l) * (unsigned)(b - k) + (unsigned)f(-100);
    printf("%u\n", u);
    int r6 = f(f(f(f(f(f(f(f(1))))))));
    printf("%d\n", r6);
    long r7 = (a ? g(b, c) : g(d, e)) + (h > i ? f(j) : f(k)) * (l ? 2 : 3);
    printf("%ld\n", r7);
    return 0;
}
