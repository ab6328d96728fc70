/* bst: binary search tree of heap-allocated nodes (ACSL-annotated copy of
 * bench/kernels/bst.c: same computation, same checksum).
 * The supported ACSL subset cannot describe the tree (every stored child pointer null or
 * a valid node: a quantified fact about memory contents), so only the accesses through
 * the fresh node nd are proven; every access through p and t (pointers loaded from the
 * tree) keeps its run-time check.  The loop invariant makes bench an annotated function.
 * bench(n): inserts KEYS pseudo-random keys (malloc per node), then n rounds
 * of LOOKUPS searches, summing the depth of each found key; finally adds a
 * recursive sum over the tree.  Returns -1 if malloc fails. */
#include <stdio.h>
#include <stdlib.h>

#define KEYS 4096
#define LOOKUPS 100000
#define DEFAULT_N 8

struct node {
    long key;
    struct node *left;
    struct node *right;
};

long tree_sum(struct node *t, long depth)
{
    if (t == NULL)
        return 0;
    return t->key % 1000 * depth + tree_sum(t->left, depth + 1) + tree_sum(t->right, depth + 1);
}

long bench(long n)
{
    struct node *root;
    struct node *p;
    struct node *nd;
    unsigned long seed;
    long key;
    long i;
    long round;
    long depth;
    long total;

    root = NULL;
    seed = 5u;
    for (i = 0; i < KEYS; i++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        key = (long)((seed >> 33) % 1000000u);
        nd = malloc(sizeof(struct node));
        if (nd == NULL)
            return -1;
        nd->key = key;
        nd->left = NULL;
        nd->right = NULL;
        if (root == NULL) {
            root = nd;
        } else {
            p = root;
            while (p != NULL) {
                if (key < p->key) {
                    if (p->left == NULL) {
                        p->left = nd;
                        p = NULL;
                    } else {
                        p = p->left;
                    }
                } else {
                    if (p->right == NULL) {
                        p->right = nd;
                        p = NULL;
                    } else {
                        p = p->right;
                    }
                }
            }
        }
    }

    total = 0;
    seed = 5u;
    /*@ loop invariant 0 <= round; */
    for (round = 0; round < n; round++) {
        for (i = 0; i < LOOKUPS; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            key = (long)((seed >> 33) % 1000000u);
            p = root;
            depth = 0;
            while (p != NULL && p->key != key) {
                if (key < p->key)
                    p = p->left;
                else
                    p = p->right;
                depth = depth + 1;
            }
            if (p != NULL)
                total = total + depth + 1;
        }
        if (round % 4 == 0)
            seed = 5u;      /* revisit the inserted keys: hits, not only misses */
    }
    return total + tree_sum(root, 1);
}

int main(void)
{
    printf("%ld\n", bench(DEFAULT_N));
    return 0;
}
