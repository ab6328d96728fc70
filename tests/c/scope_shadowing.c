#include <stdio.h>

int x = 1;

static int read_global(void) { return x; }

int main(void) {
    printf("%d\n", x);
    int x = 2;
    printf("%d %d\n", x, read_global());
    {
        int x = 3;
        printf("%d\n", x);
        {
            long x = 4000000000L;
            printf("%ld\n", x);
        }
        x++;
        printf("%d\n", x);
    }
    printf("%d\n", x);
    for (int x = 10; x < 12; x++)
        printf("loop %d\n", x);
    printf("%d\n", x);
    int i = 100;
    for (int i = 0; i < 2; i++) {
        int i2 = i * 2;
        printf("%d ", i2);
    }
    printf("%d\n", i);
    if (x == 2) {
        char x = 'c';
        printf("%c\n", x);
    }
    return 0;
}
