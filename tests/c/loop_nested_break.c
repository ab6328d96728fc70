#include <stdio.h>

int main(void) {
    int pairs = 0;
    for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 10; j++) {
            if (j > i)
                break;
            if ((i + j) % 3 == 0)
                continue;
            pairs++;
        }
    }
    printf("%d\n", pairs);
    int fi = -1, fj = -1;
    int done = 0;
    for (int i = 1; i < 50 && !done; i++)
        for (int j = 1; j < 50; j++)
            if (i * i + j * j == 25 * 25 && i < j) {
                fi = i;
                fj = j;
                done = 1;
                break;
            }
    printf("%d %d\n", fi, fj);
    int c = 0;
    for (int a = 0; a < 5; a++) {
        int b = 0;
        while (1) {
            if (b >= a)
                break;
            do {
                c++;
            } while (0);
            b++;
        }
    }
    printf("%d\n", c);
    return 0;
}
