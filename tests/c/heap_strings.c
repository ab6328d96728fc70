#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup(const char *s) {
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static char *join(const char *a, const char *sep, const char *b) {
    char *r = malloc(strlen(a) + strlen(sep) + strlen(b) + 1);
    strcpy(r, a);
    strcat(r, sep);
    strcat(r, b);
    return r;
}

static char *repeat(char c, int n) {
    char *r = malloc((size_t)n + 1);
    memset(r, c, (size_t)n);
    r[n] = '\0';
    return r;
}

int main(void) {
    char *a = dup("hello");
    a[0] = 'H';
    char *j = join(a, ", ", "heap");
    char *r = repeat('=', 12);
    printf("%s\n%s\n%s\n", a, j, r);
    printf("%lu %lu\n", strlen(j), strlen(r));
    char **words = malloc(4 * sizeof *words);
    const char *src[4] = {"w", "xx", "yyy", "zzzz"};
    for (int i = 0; i < 4; i++)
        words[i] = dup(src[i]);
    for (int i = 3; i >= 0; i--)
        printf("%s ", words[i]);
    printf("\n");
    for (int i = 0; i < 4; i++)
        free(words[i]);
    free(words);
    free(a);
    free(j);
    free(r);
    return 0;
}
