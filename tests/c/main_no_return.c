#include <stdio.h>

int main(void) {
    printf("main without return statement returns 0\n");
}
