#include <stdio.h>

static const char *sgn(int x) {
    switch (x) {
    case -3: return "minus three";
    case -2: return "minus two";
    case -1: return "minus one";
    case 0: return "zero";
    case 1: return "one";
    default: return x < 0 ? "very negative" : "large";
    }
}

int main(void) {
    for (int i = -5; i <= 3; i++)
        printf("%d %s\n", i, sgn(i));
    signed char c = -128;
    switch (c) {
    case -128: printf("schar min\n"); break;
    case 127: printf("schar max\n"); break;
    }
    short s = -32768;
    switch (s) {
    case -32768: printf("short min\n"); break;
    default: printf("?\n");
    }
    long l = -9000000000L;
    switch (l) {
    case -9000000000L: printf("long neg\n"); break;
    default: printf("?\n");
    }
    return 0;
}
