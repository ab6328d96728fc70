#include <stdio.h>

int main(void) {
    const char *s = "find the end";
    int n;
    for (n = 0; s[n]; n++)
        ;
    printf("%d\n", n);
    int a[10] = {3, 5, 7, 9, 0, 2, 4, 6, 8, 1};
    int i = 0;
    while (a[i] != 0 && ++i < 10) {
    }
    printf("%d\n", i);
    int k = 0;
    while (k++ < 10)
        ;
    printf("%d\n", k);
    unsigned x = 1;
    for (; x < 5000; x <<= 1) {}
    printf("%u\n", x);
    return 0;
}
