#include <stdio.h>

struct stack { int data[16]; int top; };

static void push(struct stack *s, int v) { s->data[s->top++] = v; }
static int pop(struct stack *s) { return s->data[--s->top]; }

struct matrix { int rows, cols; long m[3][3]; };

int main(void) {
    struct stack s = {{0}, 0};
    for (int i = 1; i <= 10; i++)
        push(&s, i * i);
    int sum = 0;
    while (s.top > 5)
        sum += pop(&s);
    printf("%d %d\n", sum, s.top);
    struct matrix mx;
    mx.rows = 3;
    mx.cols = 3;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            mx.m[i][j] = (i == j) ? 1 : i - j;
    for (int i = 0; i < 3; i++)
        printf("%ld %ld %ld\n", mx.m[i][0], mx.m[i][1], mx.m[i][2]);
    struct matrix copy = mx;
    copy.m[1][1] = 42;
    printf("%ld %ld\n", mx.m[1][1], copy.m[1][1]);
    return 0;
}
