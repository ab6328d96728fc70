/* Global 1-D and 2-D arrays indexed in loops: the run-time checks prove every access. */
int squares[16];
long grid[8][12];
int main(void) {
    for (int i = 0; i < 16; i++) squares[i] = i * i;
    for (int r = 0; r < 8; r++)
        for (int c = 0; c < 12; c++)
            grid[r][c] = (long)squares[(r + c) % 16] - r * c;
    long s = 0;
    for (int r = 0; r < 8; r++)
        for (int c = 0; c < 12; c++) s += grid[r][c];
    return (int)(s % 200);
}
