#include <stdio.h>

static void fill(int m[][4], int rows) {
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < 4; j++)
            m[i][j] = (i + 1) * (j + 2);
}

static int trace(int m[4][4]) {
    int t = 0;
    for (int i = 0; i < 4; i++)
        t += m[i][i];
    return t;
}

static long col_sum(int m[][4], int rows, int col) {
    long s = 0;
    for (int i = 0; i < rows; i++)
        s += m[i][col];
    return s;
}

static void print_words(char w[][6], int n) {
    for (int i = 0; i < n; i++)
        printf("%s;", w[i]);
    printf("\n");
}

int main(void) {
    int m[4][4];
    fill(m, 4);
    printf("%d\n", trace(m));
    for (int c = 0; c < 4; c++)
        printf("%ld ", col_sum(m, 4, c));
    printf("\n");
    int big[6][4];
    fill(big, 6);
    printf("%ld %d\n", col_sum(big, 6, 3), big[5][3]);
    char words[3][6] = {"one", "two", "three"};
    print_words(words, 3);
    return 0;
}
