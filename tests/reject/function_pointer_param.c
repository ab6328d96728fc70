// expect: 4: function pointers are not supported
#include <stdio.h>

static int apply(int (*f)(int), int x) {
    return f(x);
}

static int inc(int x) { return x + 1; }

int main(void) {
    printf("%d\n", apply(inc, 1));
    return 0;
}
