#include <stdio.h>

int main(void) {
    char lits[] = {'a', 'Z', '0', ' ', '\n', '\t', '\\', '\'', '"', '\0', '\r', '\a', '\b', '\f', '\v', '\x41', '\101', '\7', '\x7f', '?'};
    int n = (int)(sizeof lits / sizeof lits[0]);
    for (int i = 0; i < n; i++)
        printf("%d ", lits[i]);
    printf("\n");
    printf("%d %d\n", '\xff', '\377');
    char c = '\xff';
    printf("%d\n", c);
    unsigned char uc = '\xff';
    printf("%d\n", uc);
    printf("%c%c%c\n", '\x48', '\151', '!');
    printf("[\"quoted\"] back\\slash tab\tend\n");
    printf("%d\n", '\'' + '"');
    printf("%lu\n", sizeof('a'));
    return 0;
}
