/* wf_io.h - stdin/stdout helpers and the framing of the wordfreq pipes twin
 * (gcc only; the Certa modules never see this file).
 *
 * All integers are 64-bit, in the machine's byte order (the stages run on one
 * machine, connected by pipes).
 *
 *   stage_tokenize -> stage_count:  n, ntok, text[n] (lowercased in place),
 *                                   toks[2*ntok] (start, length pairs)
 *   stage_count    -> stage_rank:   ntok, nd, then nd records
 *                                   { count, len, bytes[len] } in first-occurrence order
 *   stage_rank     -> stdout:       the report, exactly as main.c prints it
 */
#ifndef WF_IO_H
#define WF_IO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WF_MAX_BYTES 100000000L     /* as main.c: files up to 100 MB */

static inline void wf_die(const char *stage, const char *what)
{
    fprintf(stderr, "%s: %s\n", stage, what);
    exit(1);
}

/* buf (malloc'd, *cap bytes) grown by doubling until it holds need bytes */
static inline char *wf_reserve(const char *stage, char *buf, size_t *cap, size_t need)
{
    while (need > *cap) {
        char *more;
        *cap *= 2;
        more = realloc(buf, *cap);
        if (more == NULL)
            wf_die(stage, "out of memory");
        buf = more;
    }
    return buf;
}

/* the whole of stdin in a malloc'd buffer (one spare byte); its size in *n */
static inline char *wf_read_stdin(const char *stage, long *n)
{
    size_t cap = 1 << 20;
    size_t len = 0;
    size_t got;
    char *buf = malloc(cap);

    if (buf == NULL)
        wf_die(stage, "out of memory");
    for (;;) {
        buf = wf_reserve(stage, buf, &cap, len + 2);
        got = fread(buf + len, 1, cap - 1 - len, stdin);
        len += got;
        if (got == 0) {
            if (ferror(stdin))
                wf_die(stage, "cannot read stdin");
            break;
        }
    }
    *n = (long)len;
    return buf;
}

static inline void wf_read_exact(const char *stage, void *buf, size_t len)
{
    if (len > 0 && fread(buf, 1, len, stdin) != len)
        wf_die(stage, "short input (bad framing)");
}

static inline long wf_get_long(const char *stage)
{
    long v;

    wf_read_exact(stage, &v, sizeof v);
    return v;
}

static inline void wf_write(const char *stage, const void *buf, size_t len)
{
    if (len > 0 && fwrite(buf, 1, len, stdout) != len)
        wf_die(stage, "cannot write stdout");
}

static inline void wf_put_long(const char *stage, long v)
{
    wf_write(stage, &v, sizeof v);
}

/* malloc of count elements of size bytes, at least one element */
static inline void *wf_alloc(const char *stage, long count, size_t size)
{
    void *p;

    if (count < 0)
        wf_die(stage, "bad size (bad framing)");
    p = malloc(((size_t)count + 1) * size);
    if (p == NULL)
        wf_die(stage, "out of memory");
    return p;
}

#endif
