// expect: 4: floating-point types are not supported
#include <stdio.h>

long double precise;

int main(void) {
    printf("hi\n");
    return 0;
}
