// expect: 6: inline assembly is not supported
#include <stdio.h>

int main(void) {
    int x = 1;
    __asm__("nop");
    printf("%d\n", x);
    return 0;
}
