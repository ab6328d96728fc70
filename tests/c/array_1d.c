#include <stdio.h>

int main(void) {
    int a[10];
    for (int i = 0; i < 10; i++)
        a[i] = (i * 7) % 10;
    for (int i = 0; i < 10; i++)
        printf("%d ", a[i]);
    printf("\n");
    int max = a[0], at = 0;
    for (int i = 1; i < 10; i++)
        if (a[i] > max) {
            max = a[i];
            at = i;
        }
    printf("max %d at %d\n", max, at);
    long prefix[11];
    prefix[0] = 0;
    for (int i = 0; i < 10; i++)
        prefix[i + 1] = prefix[i] + a[i];
    printf("%ld %ld\n", prefix[10], prefix[5] - prefix[2]);
    unsigned char bytes[16];
    for (int i = 0; i < 16; i++)
        bytes[i] = (unsigned char)(i * 37);
    unsigned sum = 0;
    for (int i = 0; i < 16; i++)
        sum += bytes[i];
    printf("%u\n", sum);
    short rev[5] = {1, 2, 3, 4, 5};
    for (int i = 0, j = 4; i < j; i++, j--) {
        short t = rev[i];
        rev[i] = rev[j];
        rev[j] = t;
    }
    printf("%d %d %d %d %d\n", rev[0], rev[1], rev[2], rev[3], rev[4]);
    return 0;
}
