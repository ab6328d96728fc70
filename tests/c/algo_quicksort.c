#include <stdio.h>

static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

static int partition(int *a, int lo, int hi) {
    int pivot = a[(lo + hi) / 2];
    int i = lo - 1, j = hi + 1;
    for (;;) {
        do i++; while (a[i] < pivot);
        do j--; while (a[j] > pivot);
        if (i >= j)
            return j;
        swap(&a[i], &a[j]);
    }
}

static void quicksort(int *a, int lo, int hi) {
    if (lo < hi) {
        int p = partition(a, lo, hi);
        quicksort(a, lo, p);
        quicksort(a, p + 1, hi);
    }
}

static int data[2000];

int main(void) {
    unsigned x = 2463534242u;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = (int)(x % 100000u) - 50000;
    }
    quicksort(data, 0, 1999);
    int ok = 1;
    for (int i = 1; i < 2000; i++)
        if (data[i - 1] > data[i])
            ok = 0;
    printf("sorted=%d min=%d max=%d median=%d\n", ok, data[0], data[1999], data[1000]);
    for (int i = 0; i < 2000; i += 200)
        printf("%d ", data[i]);
    printf("\n");
    return 0;
}
