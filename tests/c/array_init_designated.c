#include <stdio.h>

int main(void) {
    int a[10] = {[3] = 5, [7] = 9, [0] = 1};
    for (int i = 0; i < 10; i++)
        printf("%d ", a[i]);
    printf("\n");
    int b[] = {[4] = 44, 45, 46};
    printf("%lu\n", sizeof b / sizeof b[0]);
    for (int i = 0; i < 7; i++)
        printf("%d ", b[i]);
    printf("\n");
    const char *names[5] = {[2] = "two", [4] = "four"};
    for (int i = 0; i < 5; i++)
        printf("%s ", names[i] ? names[i] : "-");
    printf("\n");
    int m[3][3] = {[1] = {[1] = 5}, [2][0] = 7};
    for (int i = 0; i < 3; i++)
        printf("%d%d%d\n", m[i][0], m[i][1], m[i][2]);
    return 0;
}
