#include <stdio.h>

static int calls;

static int t(int v) {
    calls++;
    printf("t(%d) ", v);
    return v;
}

int main(void) {
    calls = 0;
    if (t(0) && t(1))
        printf("yes\n");
    else
        printf("no\n");
    if (t(1) || t(2))
        printf("yes\n");
    if (t(1) && t(2) && t(0) && t(3))
        printf("yes\n");
    else
        printf("no\n");
    if (t(0) || t(0) || t(5))
        printf("yes\n");
    int r = t(3) && (t(0) || t(4));
    printf("r=%d\n", r);
    printf("calls=%d\n", calls);
    int x = 0;
    int y = (x != 0) && (10 / x > 1);
    printf("y=%d\n", y);
    int *p = 0;
    int z = p && *p;
    printf("z=%d\n", z);
    printf("%d %d %d %d\n", 5 && 7, 0 || -3, !5, !0);
    int n = 0;
    for (int i = 0; i < 10; i++)
        if ((i % 2 == 0) || (n++ > 100))
            n += 10;
    printf("n=%d\n", n);
    long big = 0x100000000L;
    printf("%d\n", big && 1);
    return 0;
}
