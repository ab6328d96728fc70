#include <stdio.h>

struct item { char name[8]; int qty; long price; };

int main(void) {
    struct item inv[4] = {
        {"apple", 3, 120},
        {"pear", 0, 95},
        {"melon", 2, 450},
        {"kiwi", 12, 30},
    };
    long total = 0;
    for (int i = 0; i < 4; i++)
        total += inv[i].qty * inv[i].price;
    printf("total=%ld\n", total);
    inv[1].qty = 5;
    inv[3].name[0] = 'K';
    for (int i = 0; i < 4; i++)
        printf("%-6s %2d %4ld\n", inv[i].name, inv[i].qty, inv[i].price);
    int best = 0;
    for (int i = 1; i < 4; i++)
        if (inv[i].price > inv[best].price)
            best = i;
    printf("best=%s\n", inv[best].name);
    struct item tmp = inv[0];
    inv[0] = inv[2];
    inv[2] = tmp;
    printf("%s %s\n", inv[0].name, inv[2].name);
    printf("%lu\n", sizeof inv);
    return 0;
}
