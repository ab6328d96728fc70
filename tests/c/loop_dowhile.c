#include <stdio.h>

int main(void) {
    int i = 0;
    do {
        printf("%d ", i);
        i++;
    } while (i < 5);
    printf("\n");
    int j = 100;
    do
        j++;
    while (0);
    printf("%d\n", j);
    unsigned n = 907;
    char digits[12];
    int len = 0;
    do {
        digits[len++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    while (len > 0)
        putchar(digits[--len]);
    putchar('\n');
    unsigned z = 0;
    len = 0;
    do {
        digits[len++] = (char)('0' + z % 10);
        z /= 10;
    } while (z);
    printf("%d\n", len);
    int k = 0;
    do {
        k++;
        if (k == 3)
            continue;
        if (k == 6)
            break;
        printf("k%d ", k);
    } while (k < 10);
    printf("\n");
    return 0;
}
