#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int rows = 5, cols = 7;
    int **m = malloc((size_t)rows * sizeof *m);
    for (int i = 0; i < rows; i++) {
        m[i] = malloc((size_t)cols * sizeof **m);
        for (int j = 0; j < cols; j++)
            m[i][j] = i * cols + j;
    }
    long s = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            s += m[i][j] * (j % 2 ? -1 : 1);
    printf("%ld\n", s);
    int *tmp = m[0];
    m[0] = m[4];
    m[4] = tmp;
    printf("%d %d\n", m[0][0], m[4][6]);
    int **tri = calloc((size_t)rows, sizeof *tri);
    for (int i = 0; i < rows; i++) {
        tri[i] = calloc((size_t)(i + 1), sizeof **tri);
        tri[i][0] = tri[i][i] = 1;
        for (int j = 1; j < i; j++)
            tri[i][j] = tri[i - 1][j - 1] + tri[i - 1][j];
    }
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j <= i; j++)
            printf("%d ", tri[i][j]);
        printf("\n");
    }
    for (int i = 0; i < rows; i++) {
        free(m[i]);
        free(tri[i]);
    }
    free(m);
    free(tri);
    return 0;
}
