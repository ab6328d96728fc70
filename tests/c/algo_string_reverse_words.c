#include <stdio.h>
#include <string.h>

static void reverse_range(char *s, int i, int j) {
    while (i < j) {
        char t = s[i];
        s[i++] = s[j];
        s[j--] = t;
    }
}

static void reverse_words(char *s) {
    int n = (int)strlen(s);
    reverse_range(s, 0, n - 1);
    int start = 0;
    for (int i = 0; i <= n; i++)
        if (s[i] == ' ' || s[i] == '\0') {
            reverse_range(s, start, i - 1);
            start = i + 1;
        }
}

int main(void) {
    char a[] = "the sky is blue";
    char b[] = "single";
    char c[] = "a b c d e";
    char d[] = "";
    reverse_words(a);
    reverse_words(b);
    reverse_words(c);
    reverse_words(d);
    printf("[%s]\n[%s]\n[%s]\n[%s]\n", a, b, c, d);
    return 0;
}
