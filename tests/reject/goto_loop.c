// expect: 9: goto is not supported
#include <stdio.h>

int main(void) {
    int i = 0;
    for (;;) {
        i++;
        if (i > 3)
            goto out;
    }
out:
    printf("%d\n", i);
    return 0;
}
