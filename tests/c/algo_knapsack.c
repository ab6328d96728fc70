#include <stdio.h>

#define ITEMS 10
#define CAP 50

int main(void) {
    int weight[ITEMS] = {5, 10, 3, 7, 12, 8, 4, 9, 6, 11};
    int value[ITEMS] = {10, 40, 15, 22, 50, 30, 12, 33, 20, 41};
    int best[CAP + 1] = {0};
    int take[ITEMS][CAP + 1];
    for (int i = 0; i < ITEMS; i++)
        for (int w = 0; w <= CAP; w++)
            take[i][w] = 0;
    int table[ITEMS + 1][CAP + 1];
    for (int w = 0; w <= CAP; w++)
        table[0][w] = 0;
    for (int i = 1; i <= ITEMS; i++)
        for (int w = 0; w <= CAP; w++) {
            table[i][w] = table[i - 1][w];
            if (weight[i - 1] <= w && table[i - 1][w - weight[i - 1]] + value[i - 1] > table[i][w]) {
                table[i][w] = table[i - 1][w - weight[i - 1]] + value[i - 1];
                take[i - 1][w] = 1;
            }
        }
    printf("best=%d\n", table[ITEMS][CAP]);
    int w = CAP;
    for (int i = ITEMS; i >= 1; i--)
        if (take[i - 1][w]) {
            printf("item %d (w=%d v=%d)\n", i - 1, weight[i - 1], value[i - 1]);
            w -= weight[i - 1];
        }
    for (int i = 0; i < ITEMS; i++)
        for (int c = CAP; c >= weight[i]; c--)
            if (best[c - weight[i]] + value[i] > best[c])
                best[c] = best[c - weight[i]] + value[i];
    printf("1d best=%d\n", best[CAP]);
    return 0;
}
