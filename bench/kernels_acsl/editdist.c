/* editdist: Levenshtein distance by dynamic programming (two rows)
 * (ACSL-annotated copy of bench/kernels/editdist.c: same computation, same checksum).
 * bench(n): n rounds; each round generates two related strings of LEN
 * characters and adds their edit distance to the checksum. */
#include <stdio.h>

#define LEN 1500
#define DEFAULT_N 6

char s1[LEN];
char s2[LEN];
int prev[LEN + 1];
int cur[LEN + 1];

/*@ requires 0 <= n1 <= 1500;
    requires 0 <= n2 <= 1500;
*/
long edit_distance(long n1, long n2)
{
    long i;
    long j;
    int best;
    int cost;

    /*@ loop invariant 0 <= j <= n2 + 1; */
    for (j = 0; j <= n2; j++)
        prev[j] = (int)j;
    /*@ loop invariant 1 <= i <= n1 + 1; */
    for (i = 1; i <= n1; i++) {
        cur[0] = (int)i;
        /*@ loop invariant 1 <= j <= n2 + 1;
            loop invariant 1 <= i <= n1; */
        for (j = 1; j <= n2; j++) {
            cost = 1;
            if (s1[i - 1] == s2[j - 1])
                cost = 0;
            best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        /*@ loop invariant 0 <= j <= n2 + 1;
            loop invariant 1 <= i <= n1; */
        for (j = 0; j <= n2; j++)
            prev[j] = cur[j];
    }
    return prev[n2];
}

long bench(long n)
{
    unsigned int seed;
    long round;
    long i;
    long total;

    seed = 2024u;
    total = 0;
    /*@ loop invariant 0 <= round; */
    for (round = 0; round < n; round++) {
        for (i = 0; i < LEN; i++) {
            seed = seed * 1103515245u + 12345u;
            s1[i] = (char)('a' + (seed >> 16) % 8u);
            s2[i] = s1[i];
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 5u == 0)
                s2[i] = (char)('a' + (seed >> 20) % 8u);
        }
        total = total * 3 + edit_distance(LEN, LEN - (round % 7));
    }
    return total;
}

int main(void)
{
    printf("%ld\n", bench(DEFAULT_N));
    return 0;
}
