// expect: 5: redefinition of 'x'
#include <stdio.h>

int x = 1;
int x = 2;

int main(void) {
    printf("%d\n", x);
    return 0;
}
