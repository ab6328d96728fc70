#include <stdio.h>
#include <stdbool.h>

static bool is_even(int x) { return x % 2 == 0; }

int main(void) {
    _Bool b = 5;
    printf("%d\n", b);
    bool t = true, f = false;
    printf("%d %d %d\n", t, f, t + t);
    bool c = -1;
    printf("%d\n", c);
    bool z = 0;
    printf("%d\n", z);
    long big = 0x100000000L;
    bool fromlong = big;
    printf("%d\n", fromlong);
    int count = 0;
    for (int i = 0; i < 10; i++)
        count += is_even(i);
    printf("count=%d\n", count);
    bool flags[4] = {true, false, true, true};
    int n = 0;
    for (int i = 0; i < 4; i++)
        if (flags[i])
            n++;
    printf("n=%d\n", n);
    bool neg = !t;
    printf("%d %d\n", neg, !neg);
    b = 0;
    b = b + 1;
    printf("%d\n", b);
    b = b + 1;
    printf("%d\n", b);
    unsigned char small = 0;
    bool fromchar = small;
    printf("%d\n", fromchar);
    printf("%lu\n", sizeof(bool));
    return 0;
}
