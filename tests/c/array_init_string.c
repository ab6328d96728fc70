#include <stdio.h>

int main(void) {
    char a[] = "hello";
    char b[10] = "hi";
    char c[5] = "abcd";
    char d[] = {'o', 'k', '\0'};
    printf("%s %lu\n", a, sizeof a);
    printf("%s %lu %d %d\n", b, sizeof b, b[2], b[9]);
    printf("%s %lu\n", c, sizeof c);
    printf("%s\n", d);
    char e[] = "tab\there\n";
    printf("%s", e);
    printf("%lu\n", sizeof e);
    char f[] = "";
    printf("%lu %d\n", sizeof f, f[0]);
    char g[] = "with\0nul";
    printf("%s %lu\n", g, sizeof g);
    a[0] = 'j';
    printf("%s\n", a);
    unsigned char h[] = "\xff\x01";
    printf("%d %d %d\n", h[0], h[1], h[2]);
    return 0;
}
