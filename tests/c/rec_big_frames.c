#include <stdio.h>

static long walk(int depth) {
    int local[1200];
    for (int i = 0; i < 1200; i++)
        local[i] = depth + i;
    if (depth == 0)
        return local[1199];
    long below = walk(depth - 1);
    return below + local[depth % 1200] - depth;
}

int main(void) {
    printf("%ld\n", walk(300));
    printf("%ld\n", walk(5));
    return 0;
}
