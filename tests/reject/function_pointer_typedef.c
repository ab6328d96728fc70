// expect: 4: function pointers are not supported
#include <stdio.h>

typedef int (*handler)(int);

int main(void) {
    printf("hi\n");
    return 0;
}
