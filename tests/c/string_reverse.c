#include <stdio.h>
#include <string.h>

static void reverse(char *s) {
    size_t n = strlen(s);
    if (n == 0)
        return;
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
}

static int is_palindrome(const char *s) {
    int i = 0, j = (int)strlen(s) - 1;
    while (i < j)
        if (s[i++] != s[j--])
            return 0;
    return 1;
}

int main(void) {
    char words[5][16] = {"hello", "racecar", "a", "", "abcdefghijklmno"};
    for (int i = 0; i < 5; i++) {
        int pal = is_palindrome(words[i]);
        reverse(words[i]);
        printf("[%s] %d\n", words[i], pal);
    }
    return 0;
}
