// expect: 5: bit-fields are not supported
#include <stdio.h>

struct flags {
    unsigned ready : 1;
    unsigned count;
};

int main(void) {
    struct flags f;
    f.count = 2;
    printf("%u\n", f.count);
    return 0;
}
