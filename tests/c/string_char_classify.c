#include <stdio.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

int main(void) {
    const char *text = "Hello World 2024!\tTabs\nand 99 Numbers.";
    int d = 0, a = 0, s = 0, o = 0;
    for (const char *p = text; *p; p++) {
        if (is_digit(*p)) d++;
        else if (is_alpha(*p)) a++;
        else if (is_space(*p)) s++;
        else o++;
    }
    printf("digits=%d alpha=%d space=%d other=%d\n", d, a, s, o);
    for (const char *p = text; *p; p++)
        putchar(lower(*p));
    putchar('\n');
    int freq[26] = {0};
    for (const char *p = text; *p; p++)
        if (is_alpha(*p))
            freq[lower(*p) - 'a']++;
    for (int i = 0; i < 26; i++)
        if (freq[i])
            printf("%c%d ", 'a' + i, freq[i]);
    printf("\n");
    return 0;
}
