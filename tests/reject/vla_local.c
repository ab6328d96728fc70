// expect: 5: variable-length arrays are not supported
#include <stdio.h>

static int sum(int n) {
    int a[n];
    int s = 0;
    for (int i = 0; i < n; i++) {
        a[i] = i;
        s += a[i];
    }
    return s;
}

int main(void) {
    printf("%d\n", sum(5));
    return 0;
}
