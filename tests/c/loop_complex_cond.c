#include <stdio.h>

int main(void) {
    int a[20];
    for (int i = 0; i < 20; i++)
        a[i] = (i * 13) % 17;
    int i = 0;
    while (i < 20 && a[i] != 16)
        i++;
    printf("%d\n", i);
    int lo = 0, hi = 19, steps = 0;
    while (lo < hi && (a[lo] + a[hi]) != 20 && steps < 100) {
        if (a[lo] + a[hi] < 20)
            lo++;
        else
            hi--;
        steps++;
    }
    printf("%d %d %d\n", lo, hi, steps);
    int x = 0, y = 100;
    for (; x < y && (x * y) % 37 != 0; x += 3, y -= 2)
        ;
    printf("%d %d\n", x, y);
    return 0;
}
