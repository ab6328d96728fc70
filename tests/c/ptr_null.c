#include <stdio.h>
#include <stddef.h>

struct node { int v; struct node *next; };

static int len(const struct node *n) {
    int c = 0;
    while (n != NULL) {
        c++;
        n = n->next;
    }
    return c;
}

static const int *find(const int *a, int n, int v) {
    for (int i = 0; i < n; i++)
        if (a[i] == v)
            return &a[i];
    return NULL;
}

int main(void) {
    struct node c = {3, NULL};
    struct node b = {2, &c};
    struct node a = {1, &b};
    printf("%d %d %d\n", len(&a), len(&c), len(NULL));
    int arr[5] = {5, 10, 15, 20, 25};
    const int *p = find(arr, 5, 15);
    printf("%s %d\n", p ? "found" : "missing", p ? *p : -1);
    p = find(arr, 5, 16);
    printf("%s\n", p ? "found" : "missing");
    int *q = 0;
    if (!q)
        printf("null\n");
    q = &arr[1];
    if (q)
        printf("%d\n", *q);
    return 0;
}
