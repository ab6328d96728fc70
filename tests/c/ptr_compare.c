#include <stdio.h>

static int count_between(const int *lo, const int *hi) {
    int n = 0;
    while (lo < hi) {
        n++;
        lo++;
    }
    return n;
}

int main(void) {
    int a[10] = {0};
    int *p = &a[2], *q = &a[7];
    printf("%d %d %d %d %d %d\n", p < q, p > q, p <= q, p >= q, p == q, p != q);
    printf("%d\n", count_between(p, q));
    printf("%d\n", count_between(a, a + 10));
    int *end = a + 10;
    int n = 0;
    for (int *r = a; r != end; r++)
        n++;
    printf("%d\n", n);
    int *np = 0;
    printf("%d %d\n", np == 0, p != 0);
    char s[6] = "abcde";
    char *lo = s, *hi = s + 4;
    while (lo < hi) {
        char t = *lo;
        *lo++ = *hi;
        *hi-- = t;
    }
    printf("%s\n", s);
    return 0;
}
