#include <stdio.h>

int main(void) {
    int a = 17, b = 5, c = -23;
    printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
    printf("%d %d %d %d %d\n", c + b, c - b, c * b, c / b, c % b);
    printf("%d %d\n", a * c + b, (a + c) * (b - a));
    int x = 0;
    for (int i = 1; i <= 20; i++) {
        x = x * 3 + i;
        x = x % 100003;
    }
    printf("x=%d\n", x);
    int big = 46340;
    printf("%d\n", big * big);
    printf("%d\n", -big * big);
    printf("%d %d\n", 2147483647 - 1, -2147483647 - 1);
    printf("%d\n", (a << 2) + (c >> 1));
    return 0;
}
