#include <stdio.h>

enum color { RED, GREEN, BLUE, NCOLORS };

static const char *color_name(enum color c) {
    switch (c) {
    case RED: return "red";
    case GREEN: return "green";
    case BLUE: return "blue";
    default: return "?";
    }
}

int main(void) {
    for (int i = 0; i < NCOLORS; i++)
        printf("%d %s\n", i, color_name((enum color)i));
    enum color c = BLUE;
    c = (enum color)(c - 1);
    printf("%s\n", color_name(c));
    printf("%d\n", NCOLORS * 10);
    printf("%lu\n", sizeof(enum color));
    int counts[NCOLORS] = {0};
    enum color seq[7] = {RED, RED, BLUE, GREEN, BLUE, BLUE, RED};
    for (int i = 0; i < 7; i++)
        counts[seq[i]]++;
    printf("%d %d %d\n", counts[RED], counts[GREEN], counts[BLUE]);
    return 0;
}
