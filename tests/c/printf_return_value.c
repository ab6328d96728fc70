#include <stdio.h>

int main(void) {
    int n = printf("hello\n");
    printf("%d\n", n);
    n = printf("%d %s\n", 12345, "abc");
    printf("%d\n", n);
    n = printf("%5d|%-4s|\n", 1, "x");
    printf("%d\n", n);
    n = printf("");
    printf("%d\n", n);
    return 0;
}
