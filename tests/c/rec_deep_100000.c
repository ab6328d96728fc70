#include <stdio.h>

static int count_down(int n) {
    if (n == 0)
        return 0;
    return 1 + count_down(n - 1);
}

static long sum_list(const int *a, int n) {
    if (n == 0)
        return 0;
    return a[0] + sum_list(a + 1, n - 1);
}

static int arr[100000];

int main(void) {
    printf("%d\n", count_down(100000));
    for (int i = 0; i < 100000; i++)
        arr[i] = i % 7;
    printf("%ld\n", sum_list(arr, 100000));
    return 0;
}
