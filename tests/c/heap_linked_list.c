#include <stdio.h>
#include <stdlib.h>

struct node { int val; struct node *next; };

static struct node *push_front(struct node *head, int v) {
    struct node *n = malloc(sizeof *n);
    n->val = v;
    n->next = head;
    return n;
}

static struct node *reverse(struct node *head) {
    struct node *prev = 0;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static struct node *remove_value(struct node *head, int v) {
    struct node **pp = &head;
    while (*pp) {
        if ((*pp)->val == v) {
            struct node *dead = *pp;
            *pp = dead->next;
            free(dead);
        } else {
            pp = &(*pp)->next;
        }
    }
    return head;
}

static void print(const struct node *n) {
    for (; n; n = n->next)
        printf("%d ", n->val);
    printf("\n");
}

int main(void) {
    struct node *list = 0;
    for (int i = 0; i < 10; i++)
        list = push_front(list, i % 4);
    print(list);
    list = reverse(list);
    print(list);
    list = remove_value(list, 2);
    print(list);
    list = remove_value(list, 0);
    print(list);
    while (list) {
        struct node *n = list->next;
        free(list);
        list = n;
    }
    print(list);
    return 0;
}
