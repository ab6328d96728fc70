#include <stdio.h>
#include <stdlib.h>

static void check(int v) {
    if (v > 5) {
        printf("too big: %d\n", v);
        exit(7);
    }
    printf("ok %d\n", v);
}

int main(void) {
    for (int i = 0; i < 10; i++)
        check(i);
    printf("not reached\n");
    return 0;
}
