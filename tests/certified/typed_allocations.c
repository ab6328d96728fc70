/* Arrays of pointers from malloc(n) and calloc(n, c) with sizes known only at run time:
   typed allocations (a size below one element is rounded up to one; an overflowing one
   fails as in C). Exit status: a checksum. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc + 4;
    char **rows = malloc((size_t)n * sizeof *rows);
    int **cols = calloc((size_t)n, sizeof *cols);
    if (!rows || !cols)
        return 1;
    for (int i = 0; i < n; i++) {
        rows[i] = malloc(3);
        rows[i][0] = 'r';
        rows[i][1] = (char)('0' + i);
        rows[i][2] = 0;
        cols[i] = calloc((size_t)(i + 1), sizeof **cols);
        cols[i][i] = i * i;
    }
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += cols[i][i] + rows[i][1];
    char **none = malloc(0);
    none[0] = 0;
    int **huge = calloc((size_t)1 << 62, sizeof *huge);
    printf("%s %d %d %d\n", rows[n - 1], sum, none[0] == 0, huge == 0);
    return (sum + (huge == 0)) & 0xff;
}
