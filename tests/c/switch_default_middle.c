#include <stdio.h>

static int classify(int x) {
    int r = 0;
    switch (x) {
    case 1:
        r = 10;
        break;
    default:
        r = -1;
        break;
    case 2:
        r = 20;
        break;
    case 3:
        r = 30;
    }
    return r;
}

static int fall_into_default(int x) {
    int r = 0;
    switch (x) {
    case 5:
        r += 5;
        /* fall through */
    default:
        r += 100;
        /* fall through */
    case 6:
        r += 6;
    }
    return r;
}

int main(void) {
    for (int i = 0; i < 5; i++)
        printf("%d ", classify(i));
    printf("\n");
    printf("%d %d %d\n", fall_into_default(5), fall_into_default(6), fall_into_default(7));
    return 0;
}
