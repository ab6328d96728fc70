#include <stdio.h>

static int compute(void) {
    int s = 0;
    for (int i = 0; i < 20; i++)
        s += i;
    return s;
}

int main(void) {
    int v = compute();
    printf("%d\n", v);
    return v > 100 ? 200 : 1;
}
