// expect: 6: undeclared identifier 'x'
#include <stdio.h>

int main(void) {
    int y = 2;
    y = y + x;
    printf("%d\n", y);
    return 0;
}
