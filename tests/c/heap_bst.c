#include <stdio.h>
#include <stdlib.h>

struct tree { int key; int count; struct tree *left, *right; };

static struct tree *insert(struct tree *t, int key) {
    if (!t) {
        t = calloc(1, sizeof *t);
        t->key = key;
        t->count = 1;
        return t;
    }
    if (key < t->key)
        t->left = insert(t->left, key);
    else if (key > t->key)
        t->right = insert(t->right, key);
    else
        t->count++;
    return t;
}

static void inorder(const struct tree *t) {
    if (!t)
        return;
    inorder(t->left);
    printf("%d", t->key);
    if (t->count > 1)
        printf("x%d", t->count);
    printf(" ");
    inorder(t->right);
}

static int height(const struct tree *t) {
    if (!t)
        return 0;
    int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}

static int contains(const struct tree *t, int key) {
    while (t) {
        if (key == t->key)
            return 1;
        t = key < t->key ? t->left : t->right;
    }
    return 0;
}

static void destroy(struct tree *t) {
    if (!t)
        return;
    destroy(t->left);
    destroy(t->right);
    free(t);
}

int main(void) {
    struct tree *root = 0;
    unsigned seed = 12345;
    for (int i = 0; i < 40; i++) {
        seed = seed * 1103515245u + 12345u;
        root = insert(root, (int)((seed >> 16) % 50));
    }
    inorder(root);
    printf("\nheight=%d\n", height(root));
    printf("%d %d %d\n", contains(root, 7), contains(root, 49), contains(root, 100));
    destroy(root);
    return 0;
}
