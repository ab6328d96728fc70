#include <stdio.h>
#include <stdlib.h>

static void merge_sort(int *a, int *tmp, int n) {
    if (n < 2)
        return;
    int mid = n / 2;
    merge_sort(a, tmp, mid);
    merge_sort(a + mid, tmp, n - mid);
    int i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    for (k = 0; k < n; k++)
        a[k] = tmp[k];
}

int main(void) {
    int n = 1500;
    int *a = malloc((size_t)n * sizeof *a);
    int *tmp = malloc((size_t)n * sizeof *tmp);
    for (int i = 0; i < n; i++)
        a[i] = (i * 7919 + 13) % 1009;
    merge_sort(a, tmp, n);
    long check = 0;
    int ok = 1;
    for (int i = 0; i < n; i++) {
        check = check * 31 + a[i];
        check %= 1000000007L;
        if (i && a[i - 1] > a[i])
            ok = 0;
    }
    printf("ok=%d check=%ld first=%d last=%d\n", ok, check, a[0], a[n - 1]);
    free(a);
    free(tmp);
    return 0;
}
