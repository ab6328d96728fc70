#include <stdio.h>

static int bsearch_int(const int *a, int n, int key) {
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] == key)
            return mid;
        if (a[mid] < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static int lower_bound(const int *a, int n, int key) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static unsigned isqrt(unsigned long n) {
    unsigned long lo = 0, hi = 4294967295UL;
    while (lo < hi) {
        unsigned long mid = lo + (hi - lo + 1) / 2;
        if (mid * mid <= n)
            lo = mid;
        else
            hi = mid - 1;
    }
    return (unsigned)lo;
}

int main(void) {
    int a[100];
    for (int i = 0; i < 100; i++)
        a[i] = i * 3 + 1;
    int keys[6] = {1, 4, 298, 150, 0, 151};
    for (int i = 0; i < 6; i++)
        printf("%d:%d:%d ", keys[i], bsearch_int(a, 100, keys[i]), lower_bound(a, 100, keys[i]));
    printf("\n");
    unsigned long ns[5] = {0, 15, 16, 1000000007UL, 18446744065119617025UL};
    for (int i = 0; i < 5; i++)
        printf("%u ", isqrt(ns[i]));
    printf("\n");
    return 0;
}
