#include <stdio.h>
#include <string.h>

static int min3(int a, int b, int c) {
    int m = a < b ? a : b;
    return m < c ? m : c;
}

static int edit_distance(const char *a, const char *b) {
    int n = (int)strlen(a), m = (int)strlen(b);
    int prev[64], cur[64];
    for (int j = 0; j <= m; j++)
        prev[j] = j;
    for (int i = 1; i <= n; i++) {
        cur[0] = i;
        for (int j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        }
        for (int j = 0; j <= m; j++)
            prev[j] = cur[j];
    }
    return prev[m];
}

int main(void) {
    const char *words[6] = {"kitten", "sitting", "saturday", "sunday", "", "certa"};
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++)
            printf("%3d", edit_distance(words[i], words[j]));
        printf("\n");
    }
    return 0;
}
