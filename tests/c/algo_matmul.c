#include <stdio.h>

#define N 12

static void matmul(long c[N][N], long a[N][N], long b[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            long s = 0;
            for (int k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

int main(void) {
    long a[N][N], b[N][N], c[N][N], id[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i * 3 + j * 7) % 11 - 5;
            b[i][j] = (i == j) ? 2 : (i + j) % 3;
            id[i][j] = i == j;
        }
    matmul(c, a, b);
    for (int i = 0; i < N; i += 3) {
        for (int j = 0; j < N; j++)
            printf("%4ld", c[i][j]);
        printf("\n");
    }
    long d[N][N];
    matmul(d, c, id);
    int same = 1;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            same &= d[i][j] == c[i][j];
    printf("identity ok=%d\n", same);
    long tr = 0;
    for (int i = 0; i < N; i++)
        tr += c[i][i];
    printf("trace=%ld\n", tr);
    return 0;
}
