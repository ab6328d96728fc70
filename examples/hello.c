/* The bundled example of `make demo`: a word-frequency table over argv, sorted.
   Compiled by Certa to a native x86-64 module and run inside the Python process. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

struct entry {
    const char *word;
    int count;
};

static struct entry table[64];
static int used;

static void add(const char *w) {
    for (int i = 0; i < used; i++) {
        if (strcmp(table[i].word, w) == 0) {
            table[i].count++;
            return;
        }
    }
    if (used < 64) {
        table[used].word = w;
        table[used].count = 1;
        used++;
    }
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        add(argv[i]);
    /* insertion sort by count, then alphabetically */
    for (int i = 1; i < used; i++) {
        struct entry e = table[i];
        int j = i - 1;
        while (j >= 0 && (table[j].count < e.count ||
                          (table[j].count == e.count && strcmp(table[j].word, e.word) > 0))) {
            table[j + 1] = table[j];
            j--;
        }
        table[j + 1] = e;
    }
    printf("%-8s %5s\n", "word", "count");
    for (int i = 0; i < used; i++)
        printf("%-8s %5d\n", table[i].word, table[i].count);
    return 0;
}
