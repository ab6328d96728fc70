/* stage_count - stage 2 of the wordfreq pipes twin: stdin = stage 1's output;
 * stdout = ntok, nd, and each distinct word's count and bytes (see wf_io.h). */
#include "../counter.c"
#include "wf_io.h"

int main(void)
{
    const char *me = "stage_count";
    long n = wf_get_long(me);
    long ntok = wf_get_long(me);
    char *text;
    long *toks;
    long *first;
    long *counts;
    long nd;
    long k;

    if (n < 0 || n > WF_MAX_BYTES || ntok < 0 || ntok > n / 2 + 1)
        wf_die(me, "bad header (bad framing)");
    text = wf_alloc(me, n, 1);
    toks = wf_alloc(me, 2 * ntok, sizeof(long));
    first = wf_alloc(me, ntok, sizeof(long));
    counts = wf_alloc(me, ntok, sizeof(long));
    wf_read_exact(me, text, (size_t)n);
    wf_read_exact(me, toks, sizeof(long) * 2 * (size_t)ntok);
    nd = count_words(text, n, toks, ntok, first, counts);
    wf_put_long(me, ntok);
    wf_put_long(me, nd);
    for (k = 0; k < nd; k++) {
        long s = toks[2 * first[k]];
        long len = toks[2 * first[k] + 1];
        wf_put_long(me, counts[k]);
        wf_put_long(me, len);
        wf_write(me, text + s, (size_t)len);
    }
    if (fflush(stdout) != 0)
        wf_die(me, "cannot write stdout");
    return 0;
}
