// expect: 5: unsupported printf conversion
#include <stdio.h>

int main(void) {
    printf("%.3d\n", 7);
    return 0;
}
