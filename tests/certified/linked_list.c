/* A linked list on the heap: typed allocation, pointer fields, walks with null tests. */
#include <stdio.h>
#include <stdlib.h>
struct node { int value; struct node *next; };
static struct node *push(struct node *head, int v) {
    struct node *n = malloc(sizeof(struct node));
    if (n == NULL) return head;
    n->value = v;
    n->next = head;
    return n;
}
static int sum(struct node *head) {
    int s = 0;
    for (struct node *p = head; p != NULL; p = p->next) s += p->value;
    return s;
}
int main(void) {
    struct node *list = NULL;
    for (int i = 1; i <= 10; i++) list = push(list, i);
    int total = sum(list);
    printf("%d\n", total);
    return total % 50;
}
