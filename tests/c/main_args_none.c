#include <stdio.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    printf("argv[0] set: %d\n", argv[0] != 0);
    printf("argv[1] null: %d\n", argv[1] == 0);
    return 0;
}
