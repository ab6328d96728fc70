// expect: 5: unions are not supported
#include <stdio.h>

int main(void) {
    union { int i; char c[4]; } u;
    u.i = 65;
    printf("%d\n", u.c[0]);
    return 0;
}
