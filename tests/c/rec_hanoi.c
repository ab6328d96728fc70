#include <stdio.h>

static int moves;
static int pegs[3];

static void hanoi(int n, int from, int to, int via, int verbose) {
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to, verbose);
    moves++;
    pegs[from]--;
    pegs[to]++;
    if (verbose)
        printf("move disk %d from %c to %c\n", n, 'A' + from, 'A' + to);
    hanoi(n - 1, via, to, from, verbose);
}

int main(void) {
    pegs[0] = 4;
    hanoi(4, 0, 2, 1, 1);
    printf("moves=%d pegs=%d,%d,%d\n", moves, pegs[0], pegs[1], pegs[2]);
    moves = 0;
    pegs[0] = 16;
    pegs[2] = 0;
    hanoi(16, 0, 2, 1, 0);
    printf("moves=%d pegs=%d,%d,%d\n", moves, pegs[0], pegs[1], pegs[2]);
    return 0;
}
