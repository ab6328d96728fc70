#include <stdio.h>

#define W 12
#define H 10

static unsigned char grid[H][W], nextg[H][W];

static int neighbours(int r, int c) {
    int n = 0;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++) {
            if (dr == 0 && dc == 0)
                continue;
            int rr = (r + dr + H) % H, cc = (c + dc + W) % W;
            n += grid[rr][cc];
        }
    return n;
}

static void step(void) {
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++) {
            int n = neighbours(r, c);
            nextg[r][c] = (unsigned char)(n == 3 || (n == 2 && grid[r][c]));
        }
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++)
            grid[r][c] = nextg[r][c];
}

static void show(void) {
    for (int r = 0; r < H; r++) {
        for (int c = 0; c < W; c++)
            putchar(grid[r][c] ? '#' : '.');
        putchar('\n');
    }
}

int main(void) {
    grid[0][1] = 1;
    grid[1][2] = 1;
    grid[2][0] = grid[2][1] = grid[2][2] = 1;
    grid[6][7] = grid[6][8] = grid[6][9] = 1;
    show();
    for (int i = 0; i < 9; i++)
        step();
    printf("--\n");
    show();
    int alive = 0;
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++)
            alive += grid[r][c];
    printf("alive=%d\n", alive);
    return 0;
}
