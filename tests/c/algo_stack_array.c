#include <stdio.h>

#define CAP 64

struct stack { char items[CAP]; int top; };

static int push(struct stack *s, char c) {
    if (s->top == CAP)
        return 0;
    s->items[s->top++] = c;
    return 1;
}

static int pop(struct stack *s, char *out) {
    if (s->top == 0)
        return 0;
    *out = s->items[--s->top];
    return 1;
}

static int balanced(const char *str) {
    struct stack s;
    s.top = 0;
    for (; *str; str++) {
        char c = *str, o;
        if (c == '(' || c == '[' || c == '{') {
            if (!push(&s, c))
                return 0;
        } else if (c == ')' || c == ']' || c == '}') {
            if (!pop(&s, &o))
                return 0;
            if ((c == ')' && o != '(') || (c == ']' && o != '[') || (c == '}' && o != '{'))
                return 0;
        }
    }
    return s.top == 0;
}

int main(void) {
    const char *tests[7] = {"", "()", "([]{})", "([)]", "((", "{[()()]}x", "}"};
    for (int i = 0; i < 7; i++)
        printf("[%s] %d\n", tests[i], balanced(tests[i]));
    return 0;
}
