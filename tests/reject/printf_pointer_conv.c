// expect: 6: unsupported printf conversion
#include <stdio.h>

int main(void) {
    int x = 0;
    printf("%p\n", &x);
    return 0;
}
