// expect: 5: compound literals are not supported
#include <stdio.h>

int main(void) {
    int *a = (int[]){1, 2, 3};
    printf("%d\n", a[1]);
    return 0;
}
