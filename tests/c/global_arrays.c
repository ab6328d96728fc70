#include <stdio.h>

int table[8] = {1, 1, 2, 3, 5, 8, 13, 21};
long big_zero[1000];
short grid[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
char message[32] = "global message";
unsigned char lut[256];
static int counts[5] = {[4] = 4, [1] = 1};

static void build_lut(void) {
    for (int i = 0; i < 256; i++) {
        int c = 0;
        for (int b = i; b; b >>= 1)
            c += b & 1;
        lut[i] = (unsigned char)c;
    }
}

int main(void) {
    int s = 0;
    for (int i = 0; i < 8; i++)
        s += table[i];
    printf("%d\n", s);
    long z = 0;
    for (int i = 0; i < 1000; i++)
        z += big_zero[i];
    printf("%ld\n", z);
    big_zero[999] = 3;
    printf("%ld\n", big_zero[999]);
    int gs = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            gs += grid[i][j] * (i + 1);
    printf("%d\n", gs);
    message[0] = 'G';
    printf("%s\n", message);
    build_lut();
    printf("%d %d %d\n", lut[0], lut[255], lut[0xA5]);
    printf("%d %d %d\n", counts[0], counts[1], counts[4]);
    return 0;
}
