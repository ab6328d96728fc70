// expect: 4: unions are not supported
#include <stdio.h>

union number {
    int i;
    unsigned u;
};

int main(void) {
    union number n;
    n.i = -1;
    printf("%u\n", n.u);
    return 0;
}
