#include <stdio.h>

struct big { int id; long data[100]; char name[33]; };

static struct big pool[3];

static void fill(struct big *b, int id) {
    b->id = id;
    for (int i = 0; i < 100; i++)
        b->data[i] = (long)id * 1000 + i;
    for (int i = 0; i < 32; i++)
        b->name[i] = (char)('a' + (id + i) % 26);
    b->name[32] = '\0';
}

static unsigned long checksum(const struct big *b) {
    unsigned long s = (unsigned long)b->id;
    for (int i = 0; i < 100; i++)
        s = s * 31 + (unsigned long)b->data[i];
    for (int i = 0; b->name[i]; i++)
        s = s * 7 + (unsigned long)b->name[i];
    return s;
}

int main(void) {
    struct big local;
    fill(&local, 5);
    pool[0] = local;
    pool[1] = pool[0];
    pool[1].id = 6;
    pool[1].data[99] = -1;
    fill(&pool[2], 9);
    local = pool[2];
    for (int i = 0; i < 3; i++)
        printf("%d %lu %s\n", pool[i].id, checksum(&pool[i]), pool[i].name);
    printf("%lu %ld\n", checksum(&local), local.data[50]);
    printf("%lu\n", sizeof(struct big));
    return 0;
}
