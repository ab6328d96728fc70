/* counter.c - the "counter" module of the wordfreq example.
 *
 * Author B.  Counts the distinct words of a tokenized text.
 *
 * The text is n bytes; token t is the pair toks[2t] = start, toks[2t+1] =
 * length (the tokenizer's output): the bytes text[start .. start+length-1].
 * Words are compared byte for byte (the tokenizer has already lowercased
 * them).  For each distinct word, in the order of its first occurrence,
 * count_words sets first[k] = the index of that first token and counts[k] =
 * the number of tokens equal to it, and returns the number of distinct words.
 * first and counts have room for ntok words (there cannot be more distinct
 * words than tokens).
 *
 * Limits (correctness, not safety: safety is proven by Certa whatever the
 * arguments):
 *   - a token whose start or length lies outside [0, n] (start < 0, len < 0,
 *     start + len > n) is skipped: it is neither counted nor a new word;
 *   - at most WF_CAP = 2^19 distinct words are recorded;
 *     tokens of words beyond them are ignored (not counted anywhere).
 *
 * The hash table is an open-addressing (linear probing) table of WF_SLOTS =
 * 2^20 slots in this module's static memory; a slot holds k + 1 for word k,
 * or 0 when empty.  It is at most half full (WF_CAP = WF_SLOTS / 2), so a
 * probe always ends.  The slots used by a call are emptied before it returns,
 * so every call starts from an empty table.  The hash is 64-bit FNV-1a.
 * The module is not reentrant (one call at a time).
 */

#define WF_SLOTS 1048576L
#define WF_MASK 1048575UL
#define WF_CAP 524288L

static long wf_table[WF_SLOTS];     /* slot -> k + 1, 0 = empty */
static long wf_start[WF_CAP];       /* word k: start offset in text */
static long wf_len[WF_CAP];         /* word k: length */
static unsigned long wf_hash[WF_CAP]; /* word k: its hash */
static long wf_slot[WF_CAP];        /* word k: its slot, to empty the table */

/* 1 when text[a .. a+len-1] and text[b .. b+len-1] are the same bytes */
/*@ requires 0 <= n <= 1000000000;
    requires 0 <= len;
    requires 0 <= a;
    requires 0 <= b;
    requires a + len <= n;
    requires b + len <= n;
    requires \valid_read(text + (0..n-1));
    ensures 0 <= \result <= 1;
*/
static int wf_same(const char *text, long n, long a, long b, long len)
{
    long j;

    (void)n;    /* n is used by the contract only */
    /*@ loop invariant 0 <= j <= len; */
    for (j = 0; j < len; j++) {
        if (text[a + j] != text[b + j])
            return 0;
    }
    return 1;
}

/* 64-bit FNV-1a of text[a .. a+len-1] */
/*@ requires 0 <= n <= 1000000000;
    requires 0 <= len;
    requires 0 <= a;
    requires a + len <= n;
    requires \valid_read(text + (0..n-1));
*/
static unsigned long wf_fnv1a(const char *text, long n, long a, long len)
{
    unsigned long h = 14695981039346656037UL;
    long j;

    (void)n;    /* n is used by the contract only */
    /*@ loop invariant 0 <= j <= len; */
    for (j = 0; j < len; j++) {
        h = h ^ (unsigned long)(unsigned char)text[a + j];
        h = h * 1099511628211UL;
    }
    return h;
}

/*@ requires 0 <= n <= 1000000000;
    requires 0 <= ntok <= 100000000;
    requires \valid_read(text + (0..n-1));
    requires \valid_read(toks + (0..2*ntok-1));
    requires \valid(first + (0..ntok-1));
    requires \valid(counts + (0..ntok-1));
    ensures 0 <= \result <= ntok;
*/
long count_words(const char *text, long n, const long *toks, long ntok, long *first, long *counts)
{
    long cap = ntok;
    long nd = 0;
    long t;
    long s;
    long len;
    long k;
    long ks;
    long v;
    long found;
    unsigned long h;
    unsigned long slot;

    if (cap > WF_CAP)
        cap = WF_CAP;
    /*@ loop invariant 0 <= t <= ntok;
        loop invariant 0 <= nd <= cap;
        loop invariant cap <= ntok;
        loop invariant cap <= 524288;
    */
    for (t = 0; t < ntok; t++) {
        s = toks[2 * t];
        len = toks[2 * t + 1];
        if (s < 0 || len < 0 || s > n || len > n - s)
            continue;
        h = wf_fnv1a(text, n, s, len);
        slot = h & WF_MASK;
        found = 0;
        /*@ loop invariant 0 <= nd <= cap;
            loop invariant 0 <= s && 0 <= len && s + len <= n;
            loop invariant 0 <= slot <= 1048575;
        */
        while (found == 0) {
            v = wf_table[slot];
            if (v == 0) {
                /* a new word */
                if (nd < cap) {
                    wf_table[slot] = nd + 1;
                    wf_start[nd] = s;
                    wf_len[nd] = len;
                    wf_hash[nd] = h;
                    wf_slot[nd] = (long)slot;
                    first[nd] = t;
                    counts[nd] = 1;
                    nd++;
                }
                found = 1;
            } else {
                k = v - 1;
                if (k >= 0 && k < nd && wf_hash[k] == h && wf_len[k] == len) {
                    ks = wf_start[k];
                    if (ks >= 0 && ks <= n - len && wf_same(text, n, ks, s, len) == 1) {
                        counts[k] = counts[k] + 1;
                        found = 1;
                    }
                }
                if (found == 0)
                    slot = (slot + 1) & WF_MASK;
            }
        }
    }
    /* empty the slots this call used */
    /*@ loop invariant 0 <= k <= nd;
        loop invariant nd <= ntok;
        loop invariant nd <= 524288;
    */
    for (k = 0; k < nd; k++) {
        wf_table[wf_slot[k] & WF_MASK] = 0;
    }
    return nd;
}
