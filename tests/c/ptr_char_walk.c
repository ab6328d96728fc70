#include <stdio.h>

static int count_char(const char *s, char c) {
    int n = 0;
    for (; *s; s++)
        if (*s == c)
            n++;
    return n;
}

static void to_upper(char *s) {
    for (; *s != '\0'; ++s)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static const char *last(const char *s) {
    const char *p = s;
    while (*p)
        p++;
    return p > s ? p - 1 : s;
}

int main(void) {
    const char *text = "the quick brown fox jumps over the lazy dog";
    printf("%d %d %d\n", count_char(text, 'o'), count_char(text, ' '), count_char(text, 'z'));
    char buf[] = "Mixed Case 123 text!";
    to_upper(buf);
    printf("%s\n", buf);
    printf("%c\n", *last(text));
    int words = 0;
    int in_word = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ') {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    printf("words=%d\n", words);
    return 0;
}
