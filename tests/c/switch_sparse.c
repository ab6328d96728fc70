#include <stdio.h>

static int sparse(long x) {
    switch (x) {
    case 1: return 1;
    case 100: return 2;
    case 1000: return 3;
    case 65536: return 4;
    case 1000000: return 5;
    case 2147483647: return 6;
    case 4294967296L: return 7;
    case -1: return 8;
    case -1000000000000L: return 9;
    default: return 0;
    }
}

int main(void) {
    long probes[12] = {1, 2, 100, 999, 1000, 65536, 1000000, 2147483647, 4294967296L, -1, -1000000000000L, 77};
    for (int i = 0; i < 12; i++)
        printf("%ld -> %d\n", probes[i], sparse(probes[i]));
    return 0;
}
