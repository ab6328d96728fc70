#include <stdio.h>

int main(void) {
    printf("%c%c%c\n", 'a', 66, '0' + 7);
    printf("%s\n", "plain");
    printf("%s %s %s\n", "multiple", "string", "args");
    printf("[%s]\n", "");
    const char *p = "pointer";
    printf("%s %s\n", p, p + 3);
    char buf[6] = "buf";
    printf("%s|%c\n", buf, buf[1]);
    printf("%c\n", 'x' - 32);
    for (char c = 'a'; c < 'a' + 5; c++)
        printf("%c", c);
    printf("\n");
    printf("%s=%d, %s=%d\n", "one", 1, "two", 2);
    printf("%c%s%c\n", '<', "mid", '>');
    return 0;
}
