#include <stdio.h>

static int sum(const int *p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

static void fill(int *p, int n, int v) {
    while (n-- > 0)
        *p++ = v++;
}

int main(void) {
    int a[8];
    fill(a, 8, 3);
    printf("%d\n", sum(a, 8));
    printf("%d\n", sum(a + 2, 4));
    printf("%d\n", sum(&a[5], 3));
    int *p = a;
    printf("%d\n", p[7]);
    int m[3][4];
    for (int i = 0; i < 3; i++)
        fill(m[i], 4, i * 10);
    printf("%d %d\n", sum(m[1], 4), sum(m[2], 4));
    char str[] = "decay";
    char *c = str;
    printf("%c%c\n", c[0], *(str + 4));
    return 0;
}
