// expect: 2: header <stdarg.h> is not available
#include <stdarg.h>
#include <stdio.h>

int main(void) {
    printf("hi\n");
    return 0;
}
