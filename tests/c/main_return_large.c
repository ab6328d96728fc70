#include <stdio.h>

int main(void) {
    printf("exit status wraps modulo 256\n");
    return 513;
}
