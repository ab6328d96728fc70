#include <stdio.h>

/* y = M x where M is rows x 4, stored row-major in a flat array */
/*@ requires 0 <= rows <= 64;
    requires \valid_read(m + (0..4*rows-1));
    requires \valid_read(x + (0..3));
    requires \valid(y + (0..rows-1));
    assigns y[0..rows-1];
*/
void matvec4(const int *m, const int *x, long *y, int rows) {
    int i;
    int j;
    /*@ loop invariant 0 <= i <= rows;
        loop assigns i, j, y[0..rows-1];
        loop variant rows - i;
    */
    for (i = 0; i < rows; i++) {
        long s = 0;
        /*@ loop invariant 0 <= j <= 4;
            loop assigns j, s;
            loop variant 4 - j;
        */
        for (j = 0; j < 4; j++) {
            //@ assert 0 <= 4*i + j < 4*rows;
            s += (long)m[4 * i + j] * x[j];
        }
        y[i] = s;
    }
}

int main(void) {
    int m[12] = {1, 2, 3, 4,
                 0, 1, 0, 1,
                 -2, 5, 7, -1};
    int x[4] = {10, -3, 2, 6};
    long y[3];
    int i;
    matvec4(m, x, y, 3);
    for (i = 0; i < 3; i++) printf("y[%d] = %ld\n", i, y[i]);
    matvec4(m + 4, x, y, 2);
    printf("shifted: %ld %ld\n", y[0], y[1]);
    return 0;
}
