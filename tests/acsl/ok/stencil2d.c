#include <stdio.h>

int grid[6][8];
int next[6][8];

/* 5-point average over the interior of a fixed 6 x 8 grid */
/*@ assigns next[1..4][1..6];
*/
void stencil5(void) {
    int i;
    int j;
    /*@ loop invariant 1 <= i <= 5;
        loop assigns i, j, next[1..4][1..6];
        loop variant 5 - i;
    */
    for (i = 1; i < 5; i++) {
        /*@ loop invariant 1 <= j <= 7;
            loop assigns j, next[i][1..6];
            loop variant 7 - j;
        */
        for (j = 1; j < 7; j++) {
            next[i][j] = (grid[i - 1][j] + grid[i + 1][j] + grid[i][j - 1]
                          + grid[i][j + 1] + grid[i][j]) / 5;
        }
    }
}

int main(void) {
    int i;
    int j;
    long total = 0;
    for (i = 0; i < 6; i++) {
        for (j = 0; j < 8; j++) {
            grid[i][j] = (i * 7 + j * 13) % 17 * 10;
            next[i][j] = grid[i][j];
        }
    }
    stencil5();
    for (i = 0; i < 6; i++) {
        for (j = 0; j < 8; j++) {
            printf("%4d", next[i][j]);
            total += next[i][j];
        }
        printf("\n");
    }
    printf("total = %ld\n", total);
    return 0;
}
