#include <stdio.h>

int main(void) {
    puts("puts adds a newline");
    puts("");
    const char *s = "from pointer";
    puts(s);
    char buf[4] = "abc";
    puts(buf);
    for (int c = 'A'; c <= 'J'; c++)
        putchar(c);
    putchar('\n');
    int r = putchar('!');
    putchar('\n');
    printf("%d\n", r);
    for (int i = 0; i < 3; i++) {
        putchar('0' + i);
        putchar(' ');
    }
    putchar(10);
    puts("mixed");
    printf("with printf\n");
    putchar('.');
    puts("");
    return 0;
}
