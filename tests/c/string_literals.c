#include <stdio.h>

static const char *pick(int i) {
    return i == 0 ? "zero" : i == 1 ? "one" : "many";
}

int main(void) {
    const char *s = "literal";
    printf("%s %c %c\n", s, s[0], "xyz"[2]);
    for (int i = 0; i < 3; i++)
        printf("%s\n", pick(i));
    const char *concat = "con" "cat" "enated";
    printf("%s\n", concat);
    int n = 0;
    while ("counting"[n])
        n++;
    printf("%d\n", n);
    printf("%lu\n", sizeof "abc");
    const char *multi = "line1\n"
                        "line2\n";
    printf("%s", multi);
    printf("%s|%s|\n", "", "x");
    return 0;
}
