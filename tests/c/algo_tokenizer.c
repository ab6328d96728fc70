#include <stdio.h>
#include <string.h>

enum kind { T_NUM, T_IDENT, T_OP, T_STR, T_END, T_ERR };

struct token { enum kind kind; char text[32]; long num; };

static const char *src;

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_op(char c) {
    const char *ops = "+-*/=<>!(){};,";
    for (int i = 0; ops[i]; i++)
        if (ops[i] == c)
            return 1;
    return 0;
}

static void next(struct token *t) {
    while (*src == ' ' || *src == '\n' || *src == '\t')
        src++;
    int n = 0;
    t->num = 0;
    if (*src == '\0') {
        t->kind = T_END;
    } else if (is_digit(*src)) {
        t->kind = T_NUM;
        while (is_digit(*src) && n < 31) {
            t->num = t->num * 10 + (*src - '0');
            t->text[n++] = *src++;
        }
    } else if (is_alpha(*src)) {
        t->kind = T_IDENT;
        while ((is_alpha(*src) || is_digit(*src)) && n < 31)
            t->text[n++] = *src++;
    } else if (*src == '"') {
        t->kind = T_STR;
        src++;
        while (*src && *src != '"' && n < 31)
            t->text[n++] = *src++;
        if (*src == '"')
            src++;
        else
            t->kind = T_ERR;
    } else if (is_op(*src)) {
        t->kind = T_OP;
        t->text[n++] = *src++;
        char c0 = t->text[0];
        if ((c0 == '=' || c0 == '!' || c0 == '<' || c0 == '>') && *src == '=')
            t->text[n++] = *src++;
    } else {
        t->kind = T_ERR;
        t->text[n++] = *src++;
    }
    t->text[n] = '\0';
}

int main(void) {
    static const char *names[6] = {"NUM", "IDENT", "OP", "STR", "END", "ERR"};
    src = "int x1 = 42 + foo(7, \"hi there\");\nif (x1 >= 10 != 0) { y = x1 / 3; } @ \"open";
    struct token t;
    int counts[6] = {0};
    do {
        next(&t);
        counts[t.kind]++;
        if (t.kind == T_NUM)
            printf("%s(%ld) ", names[t.kind], t.num);
        else
            printf("%s[%s] ", names[t.kind], t.text);
    } while (t.kind != T_END);
    printf("\n");
    for (int i = 0; i < 6; i++)
        printf("%s=%d ", names[i], counts[i]);
    printf("\n");
    return 0;
}
