#include <stdio.h>

int main(void) {
    unsigned char data[200];
    unsigned s = 99;
    for (int i = 0; i < 200; i++) {
        s = s * 214013u + 2531011u;
        data[i] = (unsigned char)(s >> 24);
    }
    int count[256] = {0};
    for (int i = 0; i < 200; i++)
        count[data[i]]++;
    unsigned char sorted[200];
    int k = 0;
    for (int v = 0; v < 256; v++)
        for (int c = 0; c < count[v]; c++)
            sorted[k++] = (unsigned char)v;
    for (int i = 0; i < 200; i += 10)
        printf("%3d", sorted[i]);
    printf("\n");
    int mode = 0;
    for (int v = 1; v < 256; v++)
        if (count[v] > count[mode])
            mode = v;
    printf("k=%d mode=%d (%d times)\n", k, mode, count[mode]);
    return 0;
}
