// args: alpha beta gamma-delta 42 ""
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%lu\n", i, argv[i], strlen(argv[i]));
    printf("%d\n", argv[argc] == 0);
    return argc;
}
