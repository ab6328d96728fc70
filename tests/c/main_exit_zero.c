#include <stdio.h>
#include <stdlib.h>

int main(void) {
    puts("exit(0) from main");
    exit(0);
}
