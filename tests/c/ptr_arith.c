#include <stdio.h>

int main(void) {
    int a[10];
    for (int i = 0; i < 10; i++)
        a[i] = i * i;
    int *p = a;
    printf("%d %d %d\n", *(p + 3), p[4], *(a + 5));
    p = p + 7;
    printf("%d %d\n", *p, p[-2]);
    int *q = &a[9];
    int sum = 0;
    for (int *r = a; r <= q; r++)
        sum += *r;
    printf("sum=%d\n", sum);
    long la[4] = {1, 2, 3, 4};
    long *lp = la + 1;
    lp += 2;
    printf("%ld\n", *lp);
    lp -= 3;
    printf("%ld\n", *lp);
    char s[] = "abcdefgh";
    char *cp = s + 2;
    printf("%c %c %c\n", *cp, cp[1], *(cp + 3));
    short sh[5] = {5, 4, 3, 2, 1};
    short *sp = &sh[4];
    printf("%d %d\n", *sp, *(sp - 4));
    int i = 2;
    printf("%d\n", *(a + i * 3));
    printf("%d\n", 3[a]);
    return 0;
}
