// expect: 6: casts between pointers and integers are not supported
#include <stdio.h>

int main(void) {
    long addr = 4096;
    int *p = (int *)addr;
    printf("%d\n", p != 0);
    return 0;
}
