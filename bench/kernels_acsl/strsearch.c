/* strsearch: Knuth-Morris-Pratt search over a generated text (ACSL-annotated copy of
 * bench/kernels/strsearch.c: same computation, same checksum).
 * bench(n): builds a TEXT-byte text over a 4-letter alphabet, then for n
 * rounds takes 8 patterns (substrings of the text, some mutated) and counts
 * their occurrences with KMP. */
#include <stdio.h>

#define TEXT 200000
#define MAXPAT 32
#define DEFAULT_N 12

char text[TEXT];
char pattern[MAXPAT];
int failure[MAXPAT];

/*@ requires 1 <= m <= 32; */
long kmp_count(long m)
{
    long i;
    long k;
    long count;

    failure[0] = 0;
    k = 0;
    /*@ loop invariant 1 <= i <= m; */
    for (i = 1; i < m; i++) {
        /* pattern[i] on a line of its own: a run-time check comes back for a whole line */
        while (k > 0 && pattern[k] !=
                        pattern[i])
            k = failure[k - 1];
        if (pattern[k] ==
            pattern[i])
            k = k + 1;
        failure[i] = (int)k;
    }
    count = 0;
    k = 0;
    /*@ loop invariant 0 <= i <= 200000; */
    for (i = 0; i < TEXT; i++) {
        while (k > 0 && pattern[k] != text[i])
            k = failure[k - 1];
        if (pattern[k] == text[i])
            k = k + 1;
        if (k == m) {
            count = count + 1;
            k = failure[k - 1];
        }
    }
    return count;
}

long bench(long n)
{
    unsigned int seed;
    long round;
    long p;
    long i;
    long m;
    long start;
    long total;

    seed = 7u;
    for (i = 0; i < TEXT; i++) {
        seed = seed * 1103515245u + 12345u;
        /* a skewed alphabet makes repetitive text, so KMP backtracks */
        if (((seed >> 16) & 3u) != 0)
            text[i] = 'a';
        else
            text[i] = (char)('b' + ((seed >> 20) % 3u));
    }
    total = 0;
    for (round = 0; round < n; round++) {
        /*@ loop invariant 0 <= p <= 8; */
        for (p = 0; p < 8; p++) {
            seed = seed * 1103515245u + 12345u;
            /* the remainder of the (non-negative) long, not of the unsigned int: the same
               value, but the kernel bounds a signed remainder of a value >= 0 */
            m = 3 + (long)(seed >> 16) % 20;
            seed = seed * 1103515245u + 12345u;
            start = (long)(seed >> 8) % (TEXT - MAXPAT);
            /*@ loop invariant 0 <= i <= m;
                loop invariant 3 <= m <= 22;
                loop invariant 0 <= start < 199968; */
            for (i = 0; i < m; i++)
                pattern[i] = text[start + i];
            if ((p & 1) == 1)
                pattern[m / 2] = 'd';
            total = total * 7 + kmp_count(m);
        }
        total = total % 1000000007;
    }
    return total;
}

int main(void)
{
    printf("%ld\n", bench(DEFAULT_N));
    return 0;
}
