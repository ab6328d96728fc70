#include <stdio.h>

int main(void) {
    for (int i = 0; i < 5; i++)
        printf("%d ", i);
    printf("\n");
    for (int i = 10; i > 0; i -= 3)
        printf("%d ", i);
    printf("\n");
    int j;
    for (j = 1; j < 1000; j *= 2)
        ;
    printf("%d\n", j);
    int n = 0;
    for (;;) {
        if (++n == 7)
            break;
    }
    printf("%d\n", n);
    long total = 0;
    for (long k = 1; k <= 100000; k++)
        total += k * k % 7;
    printf("%ld\n", total);
    for (int i = 0, k = 10; i < k; i += 2, k--)
        printf("%d:%d ", i, k);
    printf("\n");
    for (unsigned char c = 250; c != 4; c++)
        printf("%d ", c);
    printf("\n");
    return 0;
}
