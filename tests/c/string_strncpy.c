#include <stdio.h>
#include <string.h>

int main(void) {
    char buf[10];
    memset(buf, 'x', sizeof buf);
    strncpy(buf, "abc", sizeof buf);
    for (int i = 0; i < 10; i++)
        printf("%d ", buf[i]);
    printf("\n");
    char small[4];
    strncpy(small, "truncate", sizeof small - 1);
    small[3] = '\0';
    printf("%s\n", small);
    char exact[5];
    strncpy(exact, "12345", 5);
    for (int i = 0; i < 5; i++)
        putchar(exact[i]);
    putchar('\n');
    char dst[8] = "zzzzzzz";
    strncpy(dst, "ab", 4);
    printf("%s %c\n", dst, dst[5]);
    return 0;
}
