// expect: 22: read grid[i][j + 1] out of range: j + 1 can be 8
#include <stdio.h>

int grid[4][8];
int out[4][8];

/*@ assigns out[1..2][1..7];
*/
void step(void) {
    int i;
    int j;
    /*@ loop invariant 1 <= i <= 3;
        loop assigns i, j, out[1..2][1..7];
        loop variant 3 - i;
    */
    for (i = 1; i < 3; i++) {
        /*@ loop invariant 1 <= j <= 8;
            loop assigns j, out[i][1..7];
            loop variant 8 - j;
        */
        for (j = 1; j < 8; j++) {
            out[i][j] = (grid[i][j - 1] + grid[i][j + 1]) / 2;
        }
    }
}

int main(void) {
    step();
    printf("%d\n", out[1][1]);
    return 0;
}
