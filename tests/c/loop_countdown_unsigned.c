#include <stdio.h>
#include <stddef.h>

int main(void) {
    for (unsigned i = 5; i-- > 0;)
        printf("%u ", i);
    printf("\n");
    int a[6] = {1, 2, 3, 4, 5, 6};
    for (size_t i = 6; i > 0; i--)
        printf("%d ", a[i - 1]);
    printf("\n");
    unsigned char c = 3;
    int n = 0;
    while (c != 0) {
        c--;
        n++;
    }
    printf("%d\n", n);
    unsigned long big = 1000;
    int steps = 0;
    while (big) {
        big >>= 1;
        steps++;
    }
    printf("%d\n", steps);
    return 0;
}
