#include <stdio.h>
#include <string.h>

static int dp[64][64];

static int lcs(const char *a, const char *b, char *out) {
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++)
        for (int j = 0; j <= m; j++) {
            if (i == 0 || j == 0)
                dp[i][j] = 0;
            else if (a[i - 1] == b[j - 1])
                dp[i][j] = dp[i - 1][j - 1] + 1;
            else
                dp[i][j] = dp[i - 1][j] > dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1];
        }
    int len = dp[n][m];
    out[len] = '\0';
    int i = n, j = m, k = len;
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            out[--k] = a[i - 1];
            i--;
            j--;
        } else if (dp[i - 1][j] >= dp[i][j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    return len;
}

int main(void) {
    const char *pairs[4][2] = {
        {"ABCBDAB", "BDCABA"},
        {"AGGTAB", "GXTXAYB"},
        {"proof carrying code", "certified compiler"},
        {"", "abc"},
    };
    for (int i = 0; i < 4; i++) {
        char out[64];
        int n = lcs(pairs[i][0], pairs[i][1], out);
        printf("%d [%s]\n", n, out);
    }
    return 0;
}
