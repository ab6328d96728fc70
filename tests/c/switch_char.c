#include <stdio.h>

static int eval(const char *prog) {
    int acc = 0;
    for (const char *p = prog; *p; p++) {
        switch (*p) {
        case '+': acc++; break;
        case '-': acc--; break;
        case '*': acc *= 2; break;
        case '/': acc /= 2; break;
        case '0': acc = 0; break;
        case ' ':
        case '\t':
            break;
        case '\xff':
            acc = -999;
            break;
        default:
            printf("bad char %c\n", *p);
        }
    }
    return acc;
}

int main(void) {
    printf("%d\n", eval("+++ * * - / +"));
    printf("%d\n", eval("++0+\t+x"));
    char c = 'A';
    switch (c) {
    case 'a': printf("lower\n"); break;
    case 'A': printf("upper\n"); break;
    }
    unsigned char u = 200;
    switch (u) {
    case 200: printf("u200\n"); break;
    default: printf("other\n");
    }
    return 0;
}
