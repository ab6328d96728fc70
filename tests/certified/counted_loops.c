/* Counted loops over arrays of constant size: proven in bounds with no run-time checks. */
int table[64];
int m[10][16];
int main(void) {
    for (int i = 0; i < 64; i++) table[i] = 3 * i + 1;
    for (int r = 0; r < 10; r++)
        for (int c = 0; c < 16; c++)
            m[r][c] = table[r * 4 + c / 4] - c;
    int buf[8];
    for (int i = 0; i <= 7; i++) buf[i] = m[i][i];
    long s = 0;
    for (int i = 0; i < 8; i++) s += buf[i];
    return (int)(s % 256);
}
