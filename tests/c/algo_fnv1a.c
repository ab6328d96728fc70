#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint64_t fnv1a64(const char *s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint32_t fnv1a32(const char *s) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < strlen(s); i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static uint64_t djb2(const char *s) {
    uint64_t h = 5381;
    while (*s)
        h = ((h << 5) + h) + (unsigned char)*s++;
    return h;
}

int main(void) {
    const char *words[5] = {"", "a", "foobar", "proof-carrying code", "\xff\xfe"};
    for (int i = 0; i < 5; i++)
        printf("%016lx %08x %lu\n", fnv1a64(words[i]), fnv1a32(words[i]), djb2(words[i]));
    int buckets[8] = {0};
    char key[8];
    for (int i = 0; i < 200; i++) {
        key[0] = (char)('a' + i % 26);
        key[1] = (char)('a' + i / 26);
        key[2] = '\0';
        buckets[fnv1a64(key) % 8]++;
    }
    for (int i = 0; i < 8; i++)
        printf("%d ", buckets[i]);
    printf("\n");
    return 0;
}
