#include <stdio.h>
#include <string.h>

static int sign(int x) { return (x > 0) - (x < 0); }

static int starts_with(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int main(void) {
    printf("%d\n", sign(strncmp("hello", "help", 3)));
    printf("%d\n", sign(strncmp("hello", "help", 4)));
    printf("%d\n", sign(strncmp("abc", "abd", 0)));
    printf("%d\n", sign(strncmp("ab", "abc", 5)));
    printf("%d\n", sign(strncmp("abc", "ab", 2)));
    const char *cmds[5] = {"get key", "set key 1", "del key", "getall", "quit"};
    for (int i = 0; i < 5; i++)
        printf("%s: get=%d set=%d\n", cmds[i], starts_with(cmds[i], "get"), starts_with(cmds[i], "set "));
    return 0;
}
