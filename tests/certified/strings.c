/* Strings through pointers: library calls on literals and local buffers, a string walked
 * to its terminator by a pointer, printf %s. */
#include <stdio.h>
#include <string.h>

static int count_char(const char *s, char c)
{
    int n = 0;
    while (*s != '\0') {
        if (*s == c)
            n++;
        s++;
    }
    return n;
}

static void reverse(char *s)
{
    size_t n = strlen(s);
    size_t i;
    for (i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

int main(void)
{
    char buf[32];
    char other[32];
    strcpy(buf, "certified");
    strcpy(other, buf);
    reverse(buf);
    printf("%s %s %d\n", buf, other, (int)strlen(buf));
    printf("e=%d i=%d\n", count_char(other, 'e'), count_char("mississippi", 'i'));
    strcat(other, "!");
    puts(other);
    if (strcmp(other, "certified!") != 0)
        return 1;
    return count_char(buf, 'f');
}
