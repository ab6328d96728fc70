#include <stdio.h>

int main(void) {
    int m[4][5];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 5; j++)
            m[i][j] = i * 10 + j;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 5; j++)
            printf("%3d", m[i][j]);
        printf("\n");
    }
    int t[5][4];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 5; j++)
            t[j][i] = m[i][j];
    printf("%d %d %d\n", t[0][3], t[4][0], t[2][2]);
    long rowsum[4] = {0};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 5; j++)
            rowsum[i] += m[i][j];
    printf("%ld %ld %ld %ld\n", rowsum[0], rowsum[1], rowsum[2], rowsum[3]);
    int init[2][3] = {{1, 2, 3}, {4, 5, 6}};
    printf("%d\n", init[1][2] * init[0][1]);
    char grid[3][4] = {"abc", "def", "ghi"};
    for (int i = 0; i < 3; i++)
        printf("%s|", grid[i]);
    printf("\n");
    printf("%lu %lu\n", sizeof m, sizeof m[0]);
    return 0;
}
