#include <stdio.h>
#include <stdlib.h>

typedef struct list list;
struct list { int head; list *tail; };
typedef list *listp;

static listp cons(int h, listp t) {
    listp l = malloc(sizeof *l);
    l->head = h;
    l->tail = t;
    return l;
}

static int length(listp l) { return l ? 1 + length(l->tail) : 0; }
static long sum(listp l) { return l ? l->head + sum(l->tail) : 0; }

int main(void) {
    listp l = 0;
    for (int i = 1; i <= 10; i++)
        l = cons(i * i, l);
    printf("%d %ld %d\n", length(l), sum(l), l->head);
    while (l) {
        listp next = l->tail;
        free(l);
        l = next;
    }
    printf("%d\n", length(l));
    return 0;
}
