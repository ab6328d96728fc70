#include <stdio.h>

int main(void) {
    int cube[3][4][5];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 5; k++)
                cube[i][j][k] = i * 100 + j * 10 + k;
    printf("%d %d %d\n", cube[0][0][0], cube[2][3][4], cube[1][2][3]);
    long total = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 5; k++)
                total += cube[i][j][k];
    printf("%ld\n", total);
    short s[2][2][2] = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
    int prod = 1;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 2; k++)
                prod *= s[i][j][k];
    printf("%d\n", prod);
    printf("%lu %lu %lu %lu\n", sizeof cube, sizeof cube[0], sizeof cube[0][0], sizeof s);
    char c[2][3][4];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++)
                c[i][j][k] = (char)('a' + i * 9 + j * 3 + k);
            c[i][j][3] = 0;
        }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            printf("%s ", c[i][j]);
    printf("\n");
    return 0;
}
