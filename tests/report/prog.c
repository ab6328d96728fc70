/* Fixture for tests/test_report_html.py: a small annotated program whose
 * hand-written verification data lives in the test. Keep line numbers stable. */
#include <stdio.h>

/*@ requires n >= 0 && \valid(a + (0..n-1));
    ensures -1 <= \result < n; */
int find(const int *a, int n, int key)
{
    /*@ loop invariant 0 <= i <= n; */
    for (int i = 0; i < n; i++) {
        if (a[i] == key)
            return i;
    }
    return -1;
}

/*@ requires \valid(a + (0..n-1)) && \valid(idx + (0..n-1));
    ensures \result >= 0; */
int gather(const int *a, const int *idx, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += a[idx[i]];
    return sum;
}

void swap(int *p, int *q) { int t = *p; *p = *q; *q = t; }

int main(void)
{
    int xs[4] = {3, 1, 4, 1};
    int ix[4] = {0, 3, 2, 9};
    printf("<script>alert('x & y')</script> \"%d\" & %d\n", find(xs, 4, 4), gather(xs, ix, 4));
    swap(&xs[0], &xs[1]);
    if (xs[ix[3]] > 0)
        return 2;
    return xs[0] < xs[1] ? 0 : 1;
}
