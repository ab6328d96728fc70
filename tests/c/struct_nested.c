#include <stdio.h>

struct date { int y; unsigned char m; unsigned char d; };
struct person { char name[12]; struct date born; struct date *ref; };
struct team { struct person lead; struct person members[3]; int size; };

static int age_at(const struct person *p, int year) { return year - p->born.y; }

int main(void) {
    struct date epoch = {1970, 1, 1};
    struct team t = {
        {"Ada", {1815, 12, 10}, &epoch},
        {{"Bob", {1990, 5, 3}, 0}, {"Cy", {1985, 11, 30}, 0}, {"Di", {2001, 2, 14}, &epoch}},
        3,
    };
    printf("%s %d-%d-%d\n", t.lead.name, t.lead.born.y, t.lead.born.m, t.lead.born.d);
    for (int i = 0; i < t.size; i++)
        printf("%s %d %d\n", t.members[i].name, age_at(&t.members[i], 2024), t.members[i].ref != 0);
    t.members[1].born.m++;
    printf("%d\n", t.members[1].born.m);
    t.lead.ref->y = 1971;
    printf("%d %d\n", epoch.y, t.members[2].ref->y);
    struct person *p = &t.members[0];
    p->born.d = (unsigned char)(p->born.d + 20);
    printf("%d\n", t.members[0].born.d);
    return 0;
}
