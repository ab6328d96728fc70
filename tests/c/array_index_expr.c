#include <stdio.h>

int main(void) {
    int a[16];
    for (int i = 0; i < 16; i++)
        a[i] = i;
    for (int i = 0; i < 16; i++)
        a[(i * 5) % 16] += 100;
    for (int i = 0; i < 16; i++)
        printf("%d ", a[i]);
    printf("\n");
    int b[8] = {7, 6, 5, 4, 3, 2, 1, 0};
    printf("%d %d\n", a[b[0]], a[b[b[1]]]);
    unsigned char idx = 3;
    printf("%d\n", a[idx * 2]);
    long li = 9;
    printf("%d\n", a[li]);
    int k = 15;
    printf("%d %d\n", a[k - 1], a[k >> 1]);
    int hist[5] = {0};
    const char *s = "abacabadabacaba";
    for (int i = 0; s[i]; i++)
        hist[s[i] - 'a']++;
    printf("%d %d %d %d %d\n", hist[0], hist[1], hist[2], hist[3], hist[4]);
    return 0;
}
