#include <stdio.h>

static const char *describe(int kind, int sub) {
    switch (kind) {
    case 0:
        switch (sub) {
        case 0: return "zero/zero";
        case 1: return "zero/one";
        default: return "zero/other";
        }
    case 1:
        switch (sub) {
        case 0: return "one/zero";
        default: break;
        }
        return "one/other";
    default:
        return "other";
    }
}

int main(void) {
    for (int k = 0; k < 3; k++)
        for (int s = 0; s < 3; s++)
            printf("%s\n", describe(k, s));
    int count = 0;
    for (int i = 0; i < 6; i++) {
        switch (i % 3) {
        case 0:
            switch (i) {
            case 0: count += 1; break;
            case 3: count += 100; break;
            }
            break;
        case 1:
            count += 10;
            break;
        }
    }
    printf("%d\n", count);
    return 0;
}
