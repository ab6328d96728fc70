#include <stdio.h>

static int calls;

static int ack(int m, int n) {
    calls++;
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(void) {
    for (int m = 0; m <= 2; m++)
        for (int n = 0; n <= 3; n++)
            printf("A(%d,%d)=%d\n", m, n, ack(m, n));
    calls = 0;
    printf("A(3,3)=%d calls=%d\n", ack(3, 3), calls);
    calls = 0;
    int r = ack(3, 5);
    printf("A(3,5)=%d calls=%d\n", r, calls);
    return 0;
}
