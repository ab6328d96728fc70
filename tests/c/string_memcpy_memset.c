#include <stdio.h>
#include <string.h>

struct rec { int id; char name[8]; long val; };

int main(void) {
    int a[10], b[10];
    for (int i = 0; i < 10; i++)
        a[i] = i * i;
    memcpy(b, a, sizeof a);
    b[0] = -1;
    printf("%d %d %d\n", a[0], b[0], b[9]);
    memset(a, 0, sizeof a);
    printf("%d %d\n", a[0], a[9]);
    memset(a, 0xFF, 3 * sizeof(int));
    printf("%d %d %d\n", a[0], a[2], a[3]);
    char s[16];
    memset(s, '*', 15);
    s[15] = '\0';
    printf("%s\n", s);
    memcpy(s + 5, "HELLO", 5);
    printf("%s\n", s);
    struct rec r1 = {1, "one", 100}, r2;
    memcpy(&r2, &r1, sizeof r1);
    printf("%d %s %ld\n", r2.id, r2.name, r2.val);
    memset(&r2, 0, sizeof r2);
    printf("%d %d %ld\n", r2.id, r2.name[0], r2.val);
    long l[4] = {1, 2, 3, 4};
    memcpy(&l[1], &l[2], 2 * sizeof(long));
    printf("%ld %ld %ld %ld\n", l[0], l[1], l[2], l[3]);
    return 0;
}
