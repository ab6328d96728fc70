// expect: 6: casts between pointer types are not supported
#include <stdio.h>

int main(void) {
    int x = 0x41424344;
    char *c = (char *)&x;
    printf("%d\n", c[0]);
    return 0;
}
