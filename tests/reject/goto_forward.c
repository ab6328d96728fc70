// expect: 7: goto is not supported
#include <stdio.h>

int main(void) {
    int i = 0;
    if (i == 0)
        goto done;
    i = 5;
done:
    printf("%d\n", i);
    return 0;
}
