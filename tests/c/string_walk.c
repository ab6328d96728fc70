#include <stdio.h>

static int my_strlen(const char *s) {
    int n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}

static int index_of(const char *s, char c) {
    for (int i = 0; s[i]; i++)
        if (s[i] == c)
            return i;
    return -1;
}

static void copy_upto(char *dst, const char *src, char stop) {
    while (*src && *src != stop)
        *dst++ = *src++;
    *dst = '\0';
}

int main(void) {
    const char *path = "usr/local/bin/certa";
    printf("%d\n", my_strlen(path));
    printf("%d %d\n", index_of(path, '/'), index_of(path, 'z'));
    char part[32];
    const char *p = path;
    while (*p) {
        copy_upto(part, p, '/');
        printf("[%s]", part);
        p += my_strlen(part);
        if (*p == '/')
            p++;
    }
    printf("\n");
    int vowels = 0;
    for (const char *q = path; *q; q++)
        if (*q == 'a' || *q == 'e' || *q == 'i' || *q == 'o' || *q == 'u')
            vowels++;
    printf("%d\n", vowels);
    return 0;
}
