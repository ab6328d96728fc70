#include <stdio.h>

static const char *grade(int score) {
    switch (score / 10) {
    case 10:
    case 9:
        return "A";
    case 8:
        return "B";
    case 7:
        return "C";
    case 6:
        return "D";
    default:
        return "F";
    }
}

int main(void) {
    int scores[8] = {100, 95, 87, 72, 65, 50, 0, 89};
    for (int i = 0; i < 8; i++)
        printf("%d:%s ", scores[i], grade(scores[i]));
    printf("\n");
    int x = 3;
    switch (x) {
    case 1:
        printf("one\n");
        break;
    case 3:
        printf("three\n");
        break;
    }
    switch (x) {
    case 4:
        printf("four\n");
    }
    switch (x)
    default:
        printf("only default\n");
    return 0;
}
