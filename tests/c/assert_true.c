#include <stdio.h>
#include <assert.h>
#include <string.h>

static int square(int x) {
    assert(x >= 0);
    return x * x;
}

int main(void) {
    int total = 0;
    for (int i = 0; i < 10; i++)
        total += square(i);
    assert(total == 285);
    assert(strlen("abc") == 3);
    printf("total=%d\n", total);
    return 0;
}
