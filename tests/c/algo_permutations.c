#include <stdio.h>

static int count;

static void permute(char *s, int k, int n, int print) {
    if (k == n) {
        count++;
        if (print)
            printf("%s\n", s);
        return;
    }
    for (int i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        permute(s, k + 1, n, print);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
}

static int next_permutation(int *a, int n) {
    int i = n - 2;
    while (i >= 0 && a[i] >= a[i + 1])
        i--;
    if (i < 0)
        return 0;
    int j = n - 1;
    while (a[j] <= a[i])
        j--;
    int t = a[i]; a[i] = a[j]; a[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) {
        t = a[l]; a[l] = a[r]; a[r] = t;
    }
    return 1;
}

int main(void) {
    char s[5] = "abcd";
    permute(s, 0, 4, 1);
    printf("count=%d\n", count);
    count = 0;
    char t[8] = "1234567";
    permute(t, 0, 7, 0);
    printf("count7=%d\n", count);
    int a[4] = {1, 1, 2, 3};
    int n = 1;
    while (next_permutation(a, 4))
        n++;
    printf("distinct=%d last=%d%d%d%d\n", n, a[0], a[1], a[2], a[3]);
    return 0;
}
