#include <stdio.h>
#include <string.h>

int main(void) {
    char buf[64];
    strcpy(buf, "Hello");
    printf("%s %lu\n", buf, strlen(buf));
    strcat(buf, ", ");
    strcat(buf, "world");
    printf("%s %lu\n", buf, strlen(buf));
    char copy[64];
    strcpy(copy, buf);
    copy[0] = 'J';
    printf("%s / %s\n", buf, copy);
    char path[64] = "";
    const char *parts[4] = {"home", "user", "src", "main.c"};
    for (int i = 0; i < 4; i++) {
        strcat(path, "/");
        strcat(path, parts[i]);
    }
    printf("%s\n", path);
    char empty[4];
    strcpy(empty, "");
    printf("[%s] %lu\n", empty, strlen(empty));
    char *r = strcpy(buf, "ret");
    printf("%s %d\n", r, r == buf);
    char *r2 = strcat(buf, "urned");
    printf("%s %d\n", r2, r2 == buf);
    return 0;
}
