#include <stdio.h>
#include <string.h>

int main(void) {
    const char *s = "a\tb\nc\\d\"e\'f\x41\102\0hidden";
    printf("%lu\n", strlen(s));
    for (int i = 0; s[i]; i++)
        printf("%d ", s[i]);
    printf("\n");
    printf("%s\n", s);
    printf("bell\a? no: %d\n", '\a');
    printf("percent %% done\n");
    printf("hex \x4f\x4b oct \117\113\n");
    const char *t = "\x7f\x01\177";
    printf("%d %d %d\n", t[0], t[1], t[2]);
    const char *u = "\xff\x80";
    printf("%d %d\n", u[0], u[1]);
    printf("%d\n", (unsigned char)u[0]);
    printf("?\?\n");
    return 0;
}
