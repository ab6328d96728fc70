// expect: 6: floating-point types are not supported
#include <stdio.h>

int main(void) {
    int a = 7;
    int b = (int)((double)a * 3);
    printf("%d\n", b);
    return 0;
}
