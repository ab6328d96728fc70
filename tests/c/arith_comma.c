#include <stdio.h>

int main(void) {
    int a, b, c;
    a = (b = 3, c = 4, b + c);
    printf("%d %d %d\n", a, b, c);
    int i, j;
    for (i = 0, j = 10; i < j; i++, j--)
        printf("(%d,%d)", i, j);
    printf("\n");
    int x = 1;
    int y = (x++, x++, x * 10);
    printf("%d %d\n", x, y);
    int s = 0;
    for (int k = 0; k < 5; s += k, k++)
        ;
    printf("s=%d\n", s);
    int n = 0;
    while (n++, n < 5)
        printf("n=%d ", n);
    printf("\n");
    return 0;
}
