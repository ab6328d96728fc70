#include <stdio.h>

static int is_odd(unsigned n);

static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long hofstadter_f(int n);
static long hofstadter_m(int n);
static long hofstadter_f(int n) { return n == 0 ? 1 : n - hofstadter_m((int)hofstadter_f(n - 1)); }
static long hofstadter_m(int n) { return n == 0 ? 0 : n - hofstadter_f((int)hofstadter_m(n - 1)); }

static const char *expr_src;
static int parse_expr(void);

static int parse_atom(void) {
    if (*expr_src == '(') {
        expr_src++;
        int v = parse_expr();
        expr_src++;
        return v;
    }
    int v = 0;
    while (*expr_src >= '0' && *expr_src <= '9')
        v = v * 10 + (*expr_src++ - '0');
    return v;
}

static int parse_term(void) {
    int v = parse_atom();
    while (*expr_src == '*') {
        expr_src++;
        v *= parse_atom();
    }
    return v;
}

static int parse_expr(void) {
    int v = parse_term();
    while (*expr_src == '+' || *expr_src == '-') {
        char op = *expr_src++;
        int r = parse_term();
        v = op == '+' ? v + r : v - r;
    }
    return v;
}

int main(void) {
    printf("%d %d %d %d\n", is_even(10), is_odd(10), is_even(777), is_odd(777));
    for (int i = 0; i < 15; i++)
        printf("%ld/%ld ", hofstadter_f(i), hofstadter_m(i));
    printf("\n");
    expr_src = "2*(3+4)*5-6*(1+1)+100";
    printf("%d\n", parse_expr());
    return 0;
}
