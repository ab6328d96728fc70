#include <stdio.h>

static int f0(int x) { return x + 1; }
static int f1(int x) { return f0(x) * 2; }
static int f2(int x) { return f1(x) - 3; }
static int f3(int x) { return f2(x) + f0(x); }
static int f4(int x) { return f3(x) ^ 5; }
static int f5(int x) { return f4(x) + f3(x); }
static int f6(int x) { return f5(x) % 1000; }
static int f7(int x) { return f6(x) + f6(x + 1); }
static int f8(int x) { return f7(x) * 3; }
static int f9(int x) { return f8(x) - f1(x); }

int main(void) {
    for (int i = 0; i < 10; i++)
        printf("%d ", f9(i * 37));
    printf("\n");
    return 0;
}
