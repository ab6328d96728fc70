#include <stdio.h>

static int sum(int a[], int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

static void scale(int a[], int n, int k) {
    for (int i = 0; i < n; i++)
        a[i] *= k;
}

static int count_chars(const char s[], char c) {
    int n = 0;
    for (int i = 0; s[i]; i++)
        n += s[i] == c;
    return n;
}

static void reverse(long a[10], int n) {
    for (int i = 0; i < n / 2; i++) {
        long t = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = t;
    }
}

int main(void) {
    int a[6] = {1, 2, 3, 4, 5, 6};
    printf("%d\n", sum(a, 6));
    scale(a, 6, 3);
    printf("%d %d\n", sum(a, 6), a[5]);
    printf("%d\n", sum(a + 3, 3));
    printf("%d\n", count_chars("banana", 'a'));
    long l[10];
    for (int i = 0; i < 10; i++)
        l[i] = i * 1000000000L;
    reverse(l, 10);
    printf("%ld %ld\n", l[0], l[9]);
    return 0;
}
