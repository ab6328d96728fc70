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
#define MAX_BYTES 100000000L     /* files up to 100 MB */

/* The file's size, or -1 when it has none or is larger than MAX_BYTES. */
/*@ ensures -1 <= \result <= 100000000; */
static long file_size(long h)
{
    long size;

    size = certa_file_size(h);
    if (size < 0 || size > MAX_BYTES)
        return -1;
    return size;
}

/* Reads the whole file into text[0..size-1] (a read may return fewer bytes
   than asked): 0, or -1 when a read fails or the file ends early. */
/*@ requires 0 <= size <= 100000000;
    requires \valid(text + (0..size-1));
    ensures -1 <= \result <= 0;
*/
static long read_all(long h, char *text, long size)
{
    long done = 0;
    long got;

    /*@ loop invariant 0 <= done <= size; */
    while (done < size) {
        got = certa_file_read(h, text + done, size - done, done);
        if (got <= 0 || got > size - done)
            return -1;
        done = done + got;
    }
    return 0;
}

/* Prints "<count> <word>" for the word text[s .. s+len-1]. */
/*@ requires 0 <= size <= 100000000;
    requires 0 <= s;
    requires 0 <= len;
    requires s + len <= size;
    requires \valid_read(text + (0..size-1));
*/
static void print_word(const char *text, long size, long s, long len, long count)
{
    long b;

    (void)size;     /* size is used by the contract only */
    printf("%ld ", count);
    /*@ loop invariant 0 <= b <= len; */
    for (b = 0; b < len; b++)
        putchar(text[s + b]);
    putchar('\n');
}

/* Prints the word of token f (with its count) when f is a token. */
/*@ requires 0 <= size <= 100000000;
    requires 0 <= ntok <= 50000001;
    requires \valid_read(text + (0..size-1));
    requires \valid_read(toks + (0..2*ntok-1));
*/
static void print_token(const char *text, long size, const long *toks, long ntok, long f, long count)
{
    long s;
    long len;

    /* (separate ifs: after `if (a || b) return;` the compiler does not keep
       the facts of both conditions) */
    if (f < 0)
        return;
    if (f >= ntok)
        return;
    s = toks[2 * f];
    len = toks[2 * f + 1];
    if (s < 0)
        return;
    if (len < 0)
        return;
    if (s > size)
        return;
    if (len > size - s)
        return;
    print_word(text, size, s, len, count);
}

/* Counts the ntok words of text, ranks them and prints the report. */
/*@ requires 0 <= size <= 100000000;
    requires 0 <= ntok <= 50000001;
    requires \valid_read(text + (0..size-1));
    requires \valid_read(toks + (0..2*ntok-1));
*/
static int count_and_print(const char *text, long size, const long *toks, long ntok)
{
    long *first;
    long *counts;
    long *out;
    long nd;
    long r;
    long j;
    long w;

    /* one block for the three arrays (ntok + 1 entries each for first and counts, so
       that they are not empty even when there are no words) */
    first = malloc(sizeof(long) * (2 * (unsigned long)ntok + 2 + TOP));
    if (first == NULL) {
        printf("wordfreq: out of memory\n");
        return 1;
    }
    counts = first + ntok + 1;
    out = counts + ntok + 1;
    nd = count_words(text, size, toks, ntok, first, counts);
    r = top_k(counts, nd, out, TOP);
    printf("words: %ld\n", ntok);
    printf("distinct: %ld\n", nd);
    /* the callees' outputs are data: every index is checked before use */
    /*@ loop invariant 0 <= j <= r;
        loop invariant r <= 10;
        loop invariant 0 <= nd <= ntok;
    */
    for (j = 0; j < r; j++) {
        w = out[j];
        if (w >= 0 && w < nd)
            print_token(text, size, toks, ntok, first[w], counts[w]);
    }
    return 0;
}

/* Tokenizes text[0..size-1] in place and reports on its words. */
/*@ requires 0 <= size <= 100000000;
    requires \valid(text + (0..size-1));
*/
static int tokenize_and_report(char *text, long size)
{
    long maxtok;
    long ntok;
    long *toks;

    /* a word takes a letter and a separator: at most size / 2 + 1 words */
    maxtok = size / 2 + 1;
    toks = malloc(sizeof(long) * 2 * (unsigned long)maxtok);
    if (toks == NULL) {
        printf("wordfreq: out of memory\n");
        return 1;
    }
    ntok = tokenize(text, size, toks, maxtok);
    return count_and_print(text, size, toks, ntok);
}

/* Reads the open file h of size bytes and reports on it. */
/*@ requires 0 <= size <= 100000000; */
static int wordfreq(long h, long size)
{
    char *text;

    text = malloc((unsigned long)size + 1);
    if (text == NULL) {
        printf("wordfreq: out of memory\n");
        return 1;
    }
    if (read_all(h, text, size) != 0) {
        printf("wordfreq: cannot read the file\n");
        return 1;
    }
    return tokenize_and_report(text, size);
}

/* (The work is split into small functions with contracts: the compiler cuts
   long chains of branches into pieces and keeps across a cut only the facts
   a contract or an invariant states.) */
int main(int argc, char **argv)
{
    long h;
    long size;
    int status;

    if (argc < 2) {
        printf("usage: wordfreq FILE\n");
        return 1;
    }
    h = certa_file_open(argv[1]);
    if (h < 0) {
        printf("wordfreq: cannot open %s\n", argv[1]);
        return 1;
    }
    size = file_size(h);
    if (size < 0) {
        printf("wordfreq: cannot read %s (or larger than %ld bytes)\n", argv[1], MAX_BYTES);
        return 1;
    }
    status = wordfreq(h, size);
    certa_file_close(h);
    return status;
}
