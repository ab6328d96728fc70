#include <stdio.h>
#include <string.h>

const char *greeting = "hi";
const char *names[] = {"alice", "bob", "carol", "dave"};
char buffer[16] = "mutable";
const char banner[] = "== certa ==";
const char *const fixed = "fixed";
const char *empty = "";
static const char *table[3][2] = {{"a", "b"}, {"c", "d"}, {"e", "f"}};

int main(void) {
    printf("%s %lu\n", greeting, strlen(greeting));
    for (int i = 0; i < 4; i++)
        printf("%d:%s ", i, names[i]);
    printf("\n");
    buffer[0] = 'M';
    strcat(buffer, "!");
    printf("%s\n", buffer);
    printf("%s %lu\n", banner, sizeof banner);
    printf("%s [%s]\n", fixed, empty);
    greeting = names[2];
    printf("%s\n", greeting);
    for (int i = 0; i < 3; i++)
        printf("%s%s", table[i][0], table[i][1]);
    printf("\n");
    printf("%c\n", names[3][1]);
    return 0;
}
