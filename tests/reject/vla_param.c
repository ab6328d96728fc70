// expect: 4: variable-length arrays are not supported
#include <stdio.h>

static int first(int n, int a[n][n]) {
    return a[0][0];
}

int main(void) {
    int m[2][2] = {{1, 2}, {3, 4}};
    printf("%d\n", first(2, m));
    return 0;
}
