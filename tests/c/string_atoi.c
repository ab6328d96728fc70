#include <stdio.h>
#include <stdlib.h>

static int my_atoi(const char *s) {
    int sign = 1, v = 0;
    while (*s == ' ')
        s++;
    if (*s == '-' || *s == '+') {
        if (*s == '-')
            sign = -1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return sign * v;
}

int main(void) {
    const char *inputs[8] = {"0", "42", "-17", "  123abc", "+9", "abc", "-2147483647", "2147483647"};
    for (int i = 0; i < 8; i++)
        printf("%s -> %d %d\n", inputs[i], atoi(inputs[i]), my_atoi(inputs[i]));
    return 0;
}
