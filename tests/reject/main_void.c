// expect: 4: main must return int
#include <stdio.h>

void main(void) {
    printf("hi\n");
}
