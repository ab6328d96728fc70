// expect: 6: unsupported printf conversion
#include <stdio.h>

int main(void) {
    signed char c = 5;
    printf("%hhd\n", c);
    return 0;
}
