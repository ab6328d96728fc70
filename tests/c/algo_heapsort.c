#include <stdio.h>

static void sift_down(unsigned *a, int start, int end) {
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1;
        int sw = root;
        if (a[sw] < a[child])
            sw = child;
        if (child + 1 <= end && a[sw] < a[child + 1])
            sw = child + 1;
        if (sw == root)
            return;
        unsigned t = a[root];
        a[root] = a[sw];
        a[sw] = t;
        root = sw;
    }
}

static void heapsort(unsigned *a, int n) {
    for (int start = (n - 2) / 2; start >= 0; start--)
        sift_down(a, start, n - 1);
    for (int end = n - 1; end > 0; end--) {
        unsigned t = a[end];
        a[end] = a[0];
        a[0] = t;
        sift_down(a, 0, end - 1);
    }
}

int main(void) {
    unsigned a[64];
    unsigned h = 2166136261u;
    for (int i = 0; i < 64; i++) {
        h = (h ^ (unsigned)i) * 16777619u;
        a[i] = h;
    }
    heapsort(a, 64);
    for (int i = 0; i < 64; i += 8)
        printf("%u %u\n", a[i], a[i + 7]);
    int ok = 1;
    for (int i = 1; i < 64; i++)
        ok &= a[i - 1] <= a[i];
    printf("sorted=%d\n", ok);
    return 0;
}
