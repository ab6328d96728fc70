#include <stdio.h>
#include <string.h>

#define SIZE 64

struct entry { char key[16]; int value; int used; };

static struct entry table[SIZE];

static unsigned hash(const char *s) {
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static int put(const char *key, int value) {
    unsigned i = hash(key) % SIZE;
    for (int probes = 0; probes < SIZE; probes++) {
        struct entry *e = &table[(i + (unsigned)probes) % SIZE];
        if (!e->used) {
            strcpy(e->key, key);
            e->value = value;
            e->used = 1;
            return probes;
        }
        if (strcmp(e->key, key) == 0) {
            e->value = value;
            return probes;
        }
    }
    return -1;
}

static int get(const char *key, int *value) {
    unsigned i = hash(key) % SIZE;
    for (int probes = 0; probes < SIZE; probes++) {
        struct entry *e = &table[(i + (unsigned)probes) % SIZE];
        if (!e->used)
            return 0;
        if (strcmp(e->key, key) == 0) {
            *value = e->value;
            return 1;
        }
    }
    return 0;
}

int main(void) {
    char key[16];
    int total_probes = 0;
    for (int i = 0; i < 40; i++) {
        key[0] = 'k';
        key[1] = (char)('0' + i / 10);
        key[2] = (char)('0' + i % 10);
        key[3] = '\0';
        total_probes += put(key, i * i);
    }
    put("k05", -5);
    printf("probes=%d\n", total_probes);
    const char *queries[5] = {"k00", "k05", "k39", "k40", "zzz"};
    for (int i = 0; i < 5; i++) {
        int v = 0;
        int found = get(queries[i], &v);
        printf("%s: %d %d\n", queries[i], found, v);
    }
    return 0;
}
