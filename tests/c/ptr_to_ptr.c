#include <stdio.h>
#include <stdlib.h>

static void alloc_int(int **out, int v) {
    *out = malloc(sizeof **out);
    **out = v;
}

static void advance(const char **s) {
    while (**s == ' ')
        (*s)++;
}

int main(void) {
    int x = 5;
    int *p = &x;
    int **pp = &p;
    **pp = 7;
    printf("%d\n", x);
    int y = 9;
    *pp = &y;
    printf("%d\n", *p);
    int ***ppp = &pp;
    ***ppp += 1;
    printf("%d\n", y);
    int *q = 0;
    alloc_int(&q, 42);
    printf("%d\n", *q);
    free(q);
    const char *s = "    text";
    advance(&s);
    printf("[%s]\n", s);
    int a = 1, b = 2, c = 3;
    int *arr[3] = {&a, &b, &c};
    int **it = arr;
    int sum = 0;
    for (int i = 0; i < 3; i++)
        sum += **it++;
    printf("%d\n", sum);
    return 0;
}
