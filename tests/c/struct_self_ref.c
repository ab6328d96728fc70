#include <stdio.h>

struct node { int val; struct node *next; struct node *prev; };

int main(void) {
    struct node nodes[6];
    for (int i = 0; i < 6; i++) {
        nodes[i].val = (i + 1) * 11;
        nodes[i].next = i < 5 ? &nodes[i + 1] : 0;
        nodes[i].prev = i > 0 ? &nodes[i - 1] : 0;
    }
    for (struct node *n = &nodes[0]; n; n = n->next)
        printf("%d ", n->val);
    printf("\n");
    for (struct node *n = &nodes[5]; n; n = n->prev)
        printf("%d ", n->val);
    printf("\n");
    nodes[1].next = &nodes[3];
    nodes[3].prev = &nodes[1];
    int sum = 0;
    for (struct node *n = &nodes[0]; n; n = n->next)
        sum += n->val;
    printf("%d\n", sum);
    printf("%d\n", nodes[0].next->next->next->val);
    return 0;
}
