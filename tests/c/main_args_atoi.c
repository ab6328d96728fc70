// args: 10 -3 250 7
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[]) {
    long sum = 0;
    int mx = 0;
    for (int i = 1; i < argc; i++) {
        int v = atoi(argv[i]);
        sum += v;
        if (i == 1 || v > mx)
            mx = v;
    }
    printf("n=%d sum=%ld max=%d\n", argc - 1, sum, mx);
    return (int)(sum % 256);
}
