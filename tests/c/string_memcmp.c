#include <stdio.h>
#include <string.h>

static int sign(int x) { return (x > 0) - (x < 0); }

int main(void) {
    unsigned char a[5] = {1, 2, 3, 4, 5};
    unsigned char b[5] = {1, 2, 3, 4, 6};
    printf("%d %d %d\n", sign(memcmp(a, b, 5)), sign(memcmp(a, b, 4)), sign(memcmp(b, a, 5)));
    char x[3] = {'a', '\0', 'b'};
    char y[3] = {'a', '\0', 'c'};
    printf("%d %d\n", sign(memcmp(x, y, 3)), sign(strcmp(x, y)));
    unsigned char hi[1] = {200}, lo[1] = {100};
    printf("%d\n", sign(memcmp(hi, lo, 1)));
    int i1[3] = {1, 2, 3}, i2[3] = {1, 2, 3};
    printf("%d\n", memcmp(i1, i2, sizeof i1) == 0);
    i2[2] = 4;
    printf("%d\n", memcmp(i1, i2, sizeof i1) != 0);
    printf("%d\n", memcmp("abc", "abd", 0));
    return 0;
}
