// expect: 4: variadic functions are not supported
#include <stdio.h>

int logf_like(const char *fmt, ...);

int main(void) {
    printf("hi\n");
    return 0;
}
