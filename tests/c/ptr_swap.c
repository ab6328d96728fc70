#include <stdio.h>

static void swap_int(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static void swap_long(long *a, long *b) { long t = *a; *a = *b; *b = t; }
static void swap_char(char *a, char *b) { char t = *a; *a = *b; *b = t; }

static void divmod(int n, int d, int *q, int *r) {
    *q = n / d;
    *r = n % d;
}

static void minmax(const int *a, int n, int *mn, int *mx) {
    *mn = *mx = a[0];
    for (int i = 1; i < n; i++) {
        if (a[i] < *mn) *mn = a[i];
        if (a[i] > *mx) *mx = a[i];
    }
}

int main(void) {
    int a = 1, b = 2;
    swap_int(&a, &b);
    printf("%d %d\n", a, b);
    long x = -5, y = 5000000000L;
    swap_long(&x, &y);
    printf("%ld %ld\n", x, y);
    char s[] = "ab";
    swap_char(&s[0], &s[1]);
    printf("%s\n", s);
    int q, r;
    divmod(-17, 5, &q, &r);
    printf("%d %d\n", q, r);
    int arr[7] = {4, -9, 13, 0, 7, -2, 5};
    int mn, mx;
    minmax(arr, 7, &mn, &mx);
    printf("%d %d\n", mn, mx);
    for (int i = 0; i < 3; i++)
        swap_int(&arr[i], &arr[6 - i]);
    for (int i = 0; i < 7; i++)
        printf("%d ", arr[i]);
    printf("\n");
    return 0;
}
