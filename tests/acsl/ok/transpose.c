#include <stdio.h>

/* a is 3 x 5 (row-major), b becomes 5 x 3 */
/*@ requires \valid_read(a + (0..14));
    requires \valid(b + (0..14));
    assigns b[0..14];
*/
void transpose_3x5(const int *a, int *b) {
    int i;
    int j;
    /*@ loop invariant 0 <= i <= 3;
        loop assigns i, j, b[0..14];
        loop variant 3 - i;
    */
    for (i = 0; i < 3; i++) {
        /*@ loop invariant 0 <= j <= 5;
            loop assigns j, b[0..14];
            loop variant 5 - j;
        */
        for (j = 0; j < 5; j++) {
            b[3 * j + i] = a[5 * i + j];
        }
    }
}

int main(void) {
    int a[15];
    int b[15];
    int i;
    int j;
    for (i = 0; i < 15; i++) {
        a[i] = 10 * (i / 5) + (i % 5);
    }
    transpose_3x5(a, b);
    for (i = 0; i < 5; i++) {
        for (j = 0; j < 3; j++) {
            printf("%3d", b[3 * i + j]);
        }
        printf("\n");
    }
    return 0;
}
