#include <stdio.h>
#include <stdlib.h>

struct item { int v; struct item *next; };
struct stack { struct item *top; int size; };
struct queue { struct item *head, *tail; int size; };

static void push(struct stack *s, int v) {
    struct item *it = malloc(sizeof *it);
    it->v = v;
    it->next = s->top;
    s->top = it;
    s->size++;
}

static int pop(struct stack *s) {
    struct item *it = s->top;
    int v = it->v;
    s->top = it->next;
    s->size--;
    free(it);
    return v;
}

static void enqueue(struct queue *q, int v) {
    struct item *it = malloc(sizeof *it);
    it->v = v;
    it->next = 0;
    if (q->tail)
        q->tail->next = it;
    else
        q->head = it;
    q->tail = it;
    q->size++;
}

static int dequeue(struct queue *q) {
    struct item *it = q->head;
    int v = it->v;
    q->head = it->next;
    if (!q->head)
        q->tail = 0;
    q->size--;
    free(it);
    return v;
}

int main(void) {
    struct stack s = {0, 0};
    struct queue q = {0, 0, 0};
    for (int i = 1; i <= 8; i++) {
        push(&s, i * i);
        enqueue(&q, i * 10);
    }
    printf("%d %d\n", s.size, q.size);
    while (s.size > 3)
        printf("%d ", pop(&s));
    printf("\n");
    while (q.size)
        printf("%d ", dequeue(&q));
    printf("\n");
    enqueue(&q, 5);
    printf("%d %d\n", dequeue(&q), q.head == 0);
    while (s.size)
        pop(&s);
    printf("%d\n", s.top == 0);
    return 0;
}
