/* Pointers kept in stack memory: a local table of strings sorted in place, a stack struct
   holding a pointer passed by address, whole-struct copies. Exit status: a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct named { const char *name; int score; };
struct stack { struct named *top; int depth; };

static void push(struct stack *s, struct named *n) {
    s->top = n;
    s->depth++;
}

static int total_length(const char *const *words, int n) {
    int t = 0;
    for (int i = 0; i < n; i++)
        t += (int)strlen(words[i]);
    return t;
}

int main(void) {
    const char *words[6] = {"pear", "fig", "apple", "kiwi", "plum", "date"};
    for (int i = 1; i < 6; i++) {
        const char *key = words[i];
        int j = i - 1;
        while (j >= 0 && strcmp(words[j], key) > 0) {
            words[j + 1] = words[j];
            j--;
        }
        words[j + 1] = key;
    }
    for (int i = 0; i < 6; i++)
        printf("%s ", words[i]);
    printf("\n");

    struct named a = {"alpha", 3};
    struct named b = a;                     /* copied word by word */
    b.score = 4;
    struct stack s = {0, 0};
    struct named *heap = malloc(sizeof *heap);
    *heap = b;
    push(&s, heap);
    printf("%s %d %d\n", s.top->name, s.top->score, s.depth);

    return (total_length(words, 6) + s.depth + heap->score) & 0xff;
}
