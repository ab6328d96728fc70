#include <stdio.h>
#include <stdlib.h>

static int depth_reached;

static void dive(int n) {
    depth_reached = n;
    if (n == 50) {
        printf("bailing out at depth %d\n", n);
        exit(42);
    }
    if (n < 1000)
        dive(n + 1);
    printf("unreachable\n");
}

int main(void) {
    printf("start\n");
    dive(0);
    return 1;
}
