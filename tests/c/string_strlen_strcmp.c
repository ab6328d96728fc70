#include <stdio.h>
#include <string.h>

static int sign(int x) { return (x > 0) - (x < 0); }

int main(void) {
    printf("%lu %lu %lu\n", strlen(""), strlen("a"), strlen("hello world"));
    const char *w[6] = {"apple", "apples", "banana", "apple", "Apple", ""};
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++)
            printf("%2d", sign(strcmp(w[i], w[j])));
        printf("\n");
    }
    char buf[8] = "abc";
    printf("%d\n", strcmp(buf, "abc") == 0);
    buf[1] = 'z';
    printf("%d\n", sign(strcmp(buf, "abc")));
    char hi[3] = {'\xe9', 0, 0};
    printf("%d\n", sign(strcmp(hi, "a")));
    return 0;
}
