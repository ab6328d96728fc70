// expect: 6: syntax error
#include <stdio.h>

int main(void) {
    int x = 3;
    if (x > 2 {
        x = 0;
    }
    printf("%d\n", x);
    return 0;
}
