/* stage_rank - stage 3 of the wordfreq pipes twin: stdin = stage 2's output;
 * stdout = the report, exactly as main.c prints it. */
#include "../ranker.c"
#include "wf_io.h"

#define TOP 10

int main(void)
{
    const char *me = "stage_rank";
    long ntok = wf_get_long(me);
    long nd = wf_get_long(me);
    long *counts;
    long *offs;
    long *lens;
    char *bytes;
    size_t cap = 1 << 16;
    size_t used = 0;
    long out[TOP];
    long r;
    long k;

    if (ntok < 0 || nd < 0 || nd > ntok || ntok > WF_MAX_BYTES / 2 + 1)
        wf_die(me, "bad header (bad framing)");
    counts = wf_alloc(me, nd, sizeof(long));
    offs = wf_alloc(me, nd, sizeof(long));
    lens = wf_alloc(me, nd, sizeof(long));
    bytes = malloc(cap);
    if (bytes == NULL)
        wf_die(me, "out of memory");
    for (k = 0; k < nd; k++) {
        long len;
        counts[k] = wf_get_long(me);
        len = wf_get_long(me);
        if (len < 0 || len > WF_MAX_BYTES)
            wf_die(me, "bad word length (bad framing)");
        bytes = wf_reserve(me, bytes, &cap, used + (size_t)len);
        wf_read_exact(me, bytes + used, (size_t)len);
        offs[k] = (long)used;
        lens[k] = len;
        used += (size_t)len;
    }
    r = top_k(counts, nd, out, TOP);
    printf("words: %ld\n", ntok);
    printf("distinct: %ld\n", nd);
    for (k = 0; k < r; k++) {
        printf("%ld ", counts[out[k]]);
        fwrite(bytes + offs[out[k]], 1, (size_t)lens[out[k]], stdout);
        putchar('\n');
    }
    return 0;
}
