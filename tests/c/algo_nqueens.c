#include <stdio.h>

static int cols[8];
static int solutions;
static int first[8];

static int safe(int row, int col) {
    for (int r = 0; r < row; r++) {
        int c = cols[r];
        if (c == col || c - col == r - row || c - col == row - r)
            return 0;
    }
    return 1;
}

static void solve(int row, int n) {
    if (row == n) {
        if (solutions == 0)
            for (int i = 0; i < n; i++)
                first[i] = cols[i];
        solutions++;
        return;
    }
    for (int c = 0; c < n; c++)
        if (safe(row, c)) {
            cols[row] = c;
            solve(row + 1, n);
        }
}

int main(void) {
    for (int n = 1; n <= 8; n++) {
        solutions = 0;
        solve(0, n);
        printf("n=%d solutions=%d\n", n, solutions);
    }
    solutions = 0;
    solve(0, 6);
    for (int r = 0; r < 6; r++) {
        for (int c = 0; c < 6; c++)
            putchar(first[r] == c ? 'Q' : '.');
        putchar('\n');
    }
    return 0;
}
