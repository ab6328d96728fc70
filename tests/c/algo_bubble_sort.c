#include <stdio.h>

static void bubble(int *a, int n) {
    for (int i = 0; i < n - 1; i++) {
        int swapped = 0;
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
                swapped = 1;
            }
        if (!swapped)
            break;
    }
}

int main(void) {
    int a[30];
    unsigned s = 7;
    for (int i = 0; i < 30; i++) {
        s = s * 1664525u + 1013904223u;
        a[i] = (int)(s >> 20) % 200 - 100;
    }
    bubble(a, 30);
    for (int i = 0; i < 30; i++)
        printf("%d ", a[i]);
    printf("\n");
    int ok = 1;
    for (int i = 1; i < 30; i++)
        ok &= a[i - 1] <= a[i];
    printf("sorted=%d\n", ok);
    return 0;
}
