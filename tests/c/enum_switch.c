#include <stdio.h>

enum op { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_NEG = 10 };
typedef enum { S_IDLE, S_RUN, S_STOP } state_t;

static int apply(enum op o, int a, int b) {
    switch (o) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return b ? a / b : 0;
    case OP_MOD: return b ? a % b : 0;
    case OP_NEG: return -a;
    }
    return 0;
}

static state_t step(state_t s, int input) {
    switch (s) {
    case S_IDLE: return input > 0 ? S_RUN : S_IDLE;
    case S_RUN: return input == 0 ? S_STOP : S_RUN;
    default: return S_IDLE;
    }
}

int main(void) {
    enum op ops[6] = {OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_NEG};
    for (int i = 0; i < 6; i++)
        printf("%d ", apply(ops[i], 17, -5));
    printf("\n");
    int inputs[8] = {0, 1, 5, 0, 3, 0, 2, 2};
    state_t s = S_IDLE;
    for (int i = 0; i < 8; i++) {
        s = step(s, inputs[i]);
        printf("%d", s);
    }
    printf("\n");
    return 0;
}
