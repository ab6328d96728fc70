// expect: 6: casts between pointers and integers are not supported
#include <stdio.h>

int main(void) {
    int x = 1;
    long addr = (long)&x;
    printf("%d\n", addr != 0);
    return 0;
}
