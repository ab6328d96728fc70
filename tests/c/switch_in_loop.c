#include <stdio.h>

int main(void) {
    int evens = 0, odds = 0, skipped = 0;
    for (int i = 0; i < 30; i++) {
        switch (i % 5) {
        case 0:
            skipped++;
            continue;
        case 1:
        case 3:
            odds++;
            break;
        default:
            evens++;
            break;
        }
        if (i > 25)
            break;
    }
    printf("%d %d %d\n", evens, odds, skipped);
    int state = 0, steps = 0;
    while (state != 4) {
        steps++;
        switch (state) {
        case 0: state = 2; break;
        case 1: state = 4; break;
        case 2: state = 3; continue;
        case 3: state = 1; break;
        }
        printf("state %d\n", state);
    }
    printf("steps=%d\n", steps);
    return 0;
}
