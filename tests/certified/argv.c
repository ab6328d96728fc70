/* main(argc, argv): the runtime's argument vector is a block of pointers to blocks, which
 * the kernel knows (docs/kernel.md, CALL); each argument is bounded by its block header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    long total = argc;
    for (int i = 1; i < argc; i++) {
        printf("%d: %s (%d)\n", i, argv[i], (int)strlen(argv[i]));
        total += atoi(argv[i]) + (long)strlen(argv[i]);
    }
    return (int)(total % 64);
}
