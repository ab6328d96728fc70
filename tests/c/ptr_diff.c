#include <stdio.h>
#include <stddef.h>

struct big { int a; long b; char c[13]; };

int main(void) {
    int a[20];
    int *p = &a[3], *q = &a[17];
    ptrdiff_t d = q - p;
    printf("%ld %ld\n", d, p - q);
    char s[] = "hello world";
    char *sp = s;
    while (*sp != ' ')
        sp++;
    printf("space at %ld\n", sp - s);
    struct big arr[5];
    struct big *b0 = &arr[0], *b4 = &arr[4];
    printf("%ld\n", b4 - b0);
    long la[8];
    long *lp = la + 8;
    printf("%ld\n", lp - la);
    int idx = (int)(q - a);
    printf("%d\n", idx);
    short sh[10];
    printf("%ld\n", &sh[9] - &sh[2]);
    return 0;
}
