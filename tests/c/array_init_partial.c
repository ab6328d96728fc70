#include <stdio.h>

int main(void) {
    int a[8] = {1, 2, 3};
    for (int i = 0; i < 8; i++)
        printf("%d ", a[i]);
    printf("\n");
    long z[5] = {0};
    long s = 0;
    for (int i = 0; i < 5; i++)
        s += z[i];
    printf("%ld\n", s);
    int m[3][3] = {{1}, {2, 3}};
    for (int i = 0; i < 3; i++)
        printf("%d %d %d\n", m[i][0], m[i][1], m[i][2]);
    char c[6] = {'x', 'y'};
    printf("%s %d\n", c, c[5]);
    unsigned char u[4] = {255};
    printf("%d %d\n", u[0], u[3]);
    int flat[2][3] = {{1, 2, 3}, {4}};
    printf("%d %d %d\n", flat[1][0], flat[1][1], flat[1][2]);
    return 0;
}
