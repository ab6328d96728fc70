/* ranker.c - the "ranker" module of the wordfreq example.
 *
 * Author C.  Picks the k largest of n counts.
 *
 * top_k writes to out[0 .. r-1] the indices of the r = min(k, n) largest
 * counts, in decreasing order of count; equal counts are ordered by smaller
 * index first.  It returns r.  It keeps a sorted list of the best r seen so
 * far and inserts each count into it (O(n) when most counts are below the
 * list's last one, O(n*k) at worst); the list's counts live in this module's
 * static memory (k <= 1000), its indices in out.  Not reentrant.
 */

#define RK_MAX 1000

static long rk_best[RK_MAX];    /* rk_best[j] = counts[out[j]] */

/*@ requires 0 <= n <= 100000000;
    requires 0 <= k <= 1000;
    requires \valid_read(counts + (0..n-1));
    requires \valid(out + (0..k-1));
    ensures 0 <= \result <= k;
*/
long top_k(const long *counts, long n, long *out, long k)
{
    long m = 0;         /* entries in the list */
    long i;
    long p;
    long c;

    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= m <= k;
    */
    for (i = 0; i < n; i++) {
        c = counts[i];
        if (m < k) {
            p = m;          /* room left: c goes in at the end ... */
            m++;
        } else {
            /* full: c must beat the last entry (a tie loses: larger index) */
            if (m == 0 || c <= rk_best[m - 1])
                continue;
            p = m - 1;      /* ... or replaces the last entry */
        }
        /* move c up to its place, shifting the smaller counts down by one */
        /*@ loop invariant 0 <= p < m;
            loop invariant m <= k;
        */
        while (p > 0 && rk_best[p - 1] < c) {
            rk_best[p] = rk_best[p - 1];
            out[p] = out[p - 1];
            p--;
        }
        rk_best[p] = c;
        out[p] = i;
    }
    return m;
}
