// expect: 6: printf needs a literal format string
#include <stdio.h>

int main(void) {
    const char *fmt = "%d\n";
    printf(fmt, 42);
    return 0;
}
