// expect: 7: function 'f' is used but never defined
#include <stdio.h>

int f(int a);

int main(void) {
    int r = f(3);
    printf("%d\n", r);
    return 0;
}
