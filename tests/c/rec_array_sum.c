#include <stdio.h>

static long dc_sum(const int *a, int lo, int hi) {
    if (hi - lo == 1)
        return a[lo];
    int mid = lo + (hi - lo) / 2;
    return dc_sum(a, lo, mid) + dc_sum(a, mid, hi);
}

static int dc_max(const int *a, int lo, int hi) {
    if (hi - lo == 1)
        return a[lo];
    int mid = (lo + hi) / 2;
    int l = dc_max(a, lo, mid), r = dc_max(a, mid, hi);
    return l > r ? l : r;
}

static int binomial(int n, int k) {
    if (k == 0 || k == n)
        return 1;
    return binomial(n - 1, k - 1) + binomial(n - 1, k);
}

int main(void) {
    int a[1000];
    for (int i = 0; i < 1000; i++)
        a[i] = (i * 7919) % 1009 - 500;
    printf("%ld %d\n", dc_sum(a, 0, 1000), dc_max(a, 0, 1000));
    for (int n = 0; n <= 8; n++) {
        for (int k = 0; k <= n; k++)
            printf("%d ", binomial(n, k));
        printf("\n");
    }
    return 0;
}
