/* main.c - the main module of the wordfreq example.
 *
 * Author D.  Prints the number of words of a text file, the number of
 * distinct words and the ten most frequent ones with their counts:
 *
 *     words: <ntok>
 *     distinct: <ndistinct>
 *     <count> <word>          (10 lines, or fewer)
 *
 * The work is done by three modules from other authors, imported here:
 * tokenizer.tokenize, counter.count_words and ranker.top_k.  Certa allows no
 * user headers, so the contract of each import is repeated, verbatim, right
 * before its extern declaration: the loader links an import only to an
 * export proven against the same contract.  All the buffers live in this
 * module's heap and are lent to the callees (no copies: the tokenizer
 * lowercases the text in place and the counter reads it where it is).
 *
 * The file is read through the "files" service of <certa.h> (paths are
 * relative to the directory the manifest grants).  Errors (no argument,
 * cannot open, cannot read, out of memory) print one line and return 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <certa.h>

/*@ requires 0 <= n <= 1000000000;
    requires 0 <= max <= 100000000;
    requires \valid(text + (0..n-1));
    requires \valid(toks + (0..2*max-1));
    ensures 0 <= \result <= max;
*/
extern long tokenize(char *text, long n, long *toks, long max);

/*@ requires 0 <= n <= 1000000000;
    requires 0 <= ntok <= 100000000;
    requires \valid_read(text + (0..n-1));
    requires \valid_read(toks + (0..2*ntok-1));
    requires \valid(first + (0..ntok-1));
    requires \valid(counts + (0..ntok-1));
    ensures 0 <= \result <= ntok;
*/
extern long count_words(const char *text, long n, const long *toks, long ntok, long *first, long *counts);

/*@ requires 0 <= n <= 100000000;
    requires 0 <= k <= 1000;
    requires \valid_read(counts + (0..n-1));
    requires \valid(out + (0..k-1));
    ensures 0 <= \result <= k;
*/
extern long top_k(const long *counts, long n, long *out, long k);

#define TOP 10
#define MAX_BYTES 1000000000L
#define MAX_TOKENS 100000000L

int main(int argc, char **argv)
{
    long h;
    long size;
    long done;
    long got;
    long maxtok;
    long ntok;
    long nd;
    long r;
    long j;
    long w;
    long f;
    long s;
    long len;
    long b;
    char *text;
    long *toks;
    long *first;
    long *counts;
    long *out;

    if (argc < 2) {
        printf("usage: wordfreq FILE\n");
        return 1;
    }
    h = certa_file_open(argv[1]);
    if (h < 0) {
        printf("wordfreq: cannot open %s\n", argv[1]);
        return 1;
    }
    size = certa_file_size(h);
    if (size < 0 || size > MAX_BYTES) {
        printf("wordfreq: cannot read %s\n", argv[1]);
        return 1;
    }

    /* a word takes a letter and a separator: at most size / 2 + 1 words */
    maxtok = size / 2 + 1;
    if (maxtok < 1)
        maxtok = 1;
    if (maxtok > MAX_TOKENS)
        maxtok = MAX_TOKENS;
    text = malloc((unsigned long)size + 1);
    toks = malloc(sizeof(long) * 2 * (unsigned long)maxtok);
    if (text == NULL || toks == NULL) {
        printf("wordfreq: out of memory\n");
        return 1;
    }

    /* read the whole file (a read may return fewer bytes than asked) */
    done = 0;
    /*@ loop invariant 0 <= done <= size;
        loop invariant size <= 1000000000;
        loop invariant 1 <= maxtok <= 100000000;
    */
    while (done < size) {
        got = certa_file_read(h, text + done, size - done, done);
        if (got <= 0 || got > size - done) {
            printf("wordfreq: cannot read %s\n", argv[1]);
            return 1;
        }
        done = done + got;
    }

    ntok = tokenize(text, size, toks, maxtok);
    first = malloc(sizeof(long) * ((unsigned long)ntok + 1));
    counts = malloc(sizeof(long) * ((unsigned long)ntok + 1));
    out = malloc(sizeof(long) * TOP);
    if (first == NULL || counts == NULL || out == NULL) {
        printf("wordfreq: out of memory\n");
        return 1;
    }
    nd = count_words(text, size, toks, ntok, first, counts);
    r = top_k(counts, nd, out, TOP);

    printf("words: %ld\n", ntok);
    printf("distinct: %ld\n", nd);
    /*@ loop invariant 0 <= j <= r;
        loop invariant r <= 10;
        loop invariant 0 <= nd <= ntok;
        loop invariant 0 <= ntok <= maxtok;
    */
    for (j = 0; j < r; j++) {
        /* the callees' outputs are data: check them before use */
        w = out[j];
        if (w < 0 || w >= nd)
            continue;
        f = first[w];
        if (f < 0 || f >= ntok)
            continue;
        s = toks[2 * f];
        len = toks[2 * f + 1];
        if (s < 0 || len < 0 || s > size || len > size - s)
            continue;
        //@ assert 0 <= s && 0 <= len && s + len <= size;
        printf("%ld ", counts[w]);
        /*@ loop invariant 0 <= b <= len;
            loop invariant 0 <= s;
            loop invariant s + len <= size;
        */
        for (b = 0; b < len; b++)
            putchar(text[s + b]);
        putchar('\n');
    }
    return 0;
}
