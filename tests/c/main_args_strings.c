// args: --verbose -n 3 input.txt --mode=fast
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int verbose = 0, n = 1;
    const char *mode = "slow";
    const char *file = "(none)";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strncmp(argv[i], "--mode=", 7) == 0)
            mode = argv[i] + 7;
        else
            file = argv[i];
    }
    printf("verbose=%d n=%d mode=%s file=%s\n", verbose, n, mode, file);
    for (int i = 0; i < n; i++)
        printf("%s%c", file, i + 1 < n ? ',' : '\n');
    return 0;
}
