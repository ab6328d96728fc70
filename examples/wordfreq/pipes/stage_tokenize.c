/* stage_tokenize - stage 1 of the wordfreq pipes twin: stdin = the raw text;
 * stdout = n, ntok, the lowercased text, the token pairs (see wf_io.h). */
#include "../tokenizer.c"
#include "wf_io.h"

int main(void)
{
    const char *me = "stage_tokenize";
    long n;
    char *text = wf_read_stdin(me, &n);
    long maxtok;
    long *toks;
    long ntok;

    if (n > WF_MAX_BYTES)
        wf_die(me, "input larger than 100000000 bytes");
    maxtok = n / 2 + 1;         /* as main.c */
    toks = wf_alloc(me, 2 * maxtok, sizeof(long));
    ntok = tokenize(text, n, toks, maxtok);
    wf_put_long(me, n);
    wf_put_long(me, ntok);
    wf_write(me, text, (size_t)n);
    wf_write(me, toks, sizeof(long) * 2 * (size_t)ntok);
    if (fflush(stdout) != 0)
        wf_die(me, "cannot write stdout");
    return 0;
}
