#include <stdio.h>

static long stack[32];
static int sp;

static int eval(const char *expr, long *result) {
    sp = 0;
    const char *p = expr;
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p >= '0' && *p <= '9') {
            long v = 0;
            while (*p >= '0' && *p <= '9')
                v = v * 10 + (*p++ - '0');
            stack[sp++] = v;
            continue;
        }
        if (sp < 2)
            return 0;
        long b = stack[--sp], a = stack[--sp];
        switch (*p) {
        case '+': stack[sp++] = a + b; break;
        case '-': stack[sp++] = a - b; break;
        case '*': stack[sp++] = a * b; break;
        case '/':
            if (b == 0)
                return 0;
            stack[sp++] = a / b;
            break;
        case '%':
            if (b == 0)
                return 0;
            stack[sp++] = a % b;
            break;
        default:
            return 0;
        }
        p++;
    }
    if (sp != 1)
        return 0;
    *result = stack[0];
    return 1;
}

int main(void) {
    const char *exprs[7] = {
        "3 4 +",
        "5 1 2 + 4 * + 3 -",
        "2 3 4 * 5 6 * + *",
        "100 7 / 100 7 % +",
        "1 0 /",
        "1 +",
        "12345678 87654321 * 1000 -",
    };
    for (int i = 0; i < 7; i++) {
        long r;
        if (eval(exprs[i], &r))
            printf("%s = %ld\n", exprs[i], r);
        else
            printf("%s = error\n", exprs[i]);
    }
    return 0;
}
