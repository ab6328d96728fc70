/* Tables of strings in static data: pointers loaded from memory get their bounds from the block headers. */
#include <stdio.h>
static const char *names[] = {"zero", "one", "two", "three"};
struct entry { const char *name; int value; };
static struct entry table[] = {{"alpha", 1}, {"beta", 2}, {"gamma", 3}};
int main(void) {
    for (int i = 0; i < 4; i++)
        printf("%s\n", names[i]);
    for (int i = 0; i < 3; i++)
        printf("%s=%d\n", table[i].name, table[i].value);
    return 0;
}
