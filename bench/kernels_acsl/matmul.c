/* matmul: 120x120 integer matrix multiply on global arrays (ACSL-annotated copy of
 * bench/kernels/matmul.c: same computation, same checksum; the plain version is already
 * fully proven by the compiler's own analysis of counted loops).
 * bench(n): n rounds; each round fills A and B from an LCG, computes C = A*B
 * and folds C into the checksum. */
#include <stdio.h>

#define N 120
#define DEFAULT_N 32

int A[N][N];
int B[N][N];
int C[N][N];

long bench(long n)
{
    unsigned int seed;
    long round;
    long sum;
    int i;
    int j;
    int k;
    int s;

    seed = 12345u;
    sum = 0;
    for (round = 0; round < n; round++) {
        /*@ loop invariant 0 <= i <= 120; */
        for (i = 0; i < N; i++) {
            /*@ loop invariant 0 <= j <= 120; */
            for (j = 0; j < N; j++) {
                seed = seed * 1103515245u + 12345u;
                A[i][j] = (int)((seed >> 16) & 255u) - 128;
                seed = seed * 1103515245u + 12345u;
                B[i][j] = (int)((seed >> 16) & 255u) - 128;
            }
        }
        /*@ loop invariant 0 <= i <= 120; */
        for (i = 0; i < N; i++) {
            /*@ loop invariant 0 <= j <= 120; */
            for (j = 0; j < N; j++) {
                s = 0;
                /*@ loop invariant 0 <= k <= 120; */
                for (k = 0; k < N; k++)
                    s = s + A[i][k] * B[k][j];
                C[i][j] = s;
            }
        }
        /*@ loop invariant 0 <= i <= 120; */
        for (i = 0; i < N; i++) {
            /*@ loop invariant 0 <= j <= 120; */
            for (j = 0; j < N; j++)
                sum = sum + (long)C[i][j] * (long)((i * N + j) % 17 + 1);
        }
    }
    return sum;
}

int main(void)
{
    printf("%ld\n", bench(DEFAULT_N));
    return 0;
}
