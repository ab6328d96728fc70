#include <stdio.h>

int main(void) {
    printf("100%%\n");
    printf("%%d is a format\n");
    printf("%d%%\n", 50);
    printf("%%%d%%\n", 7);
    printf("%%%%\n");
    printf("%s%%%s\n", "a", "b");
    return 0;
}
