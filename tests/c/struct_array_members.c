#include <stdio.h>

struct cell { char ch; int weight; };
struct row { struct cell cells[4]; int used; };
struct table { struct row rows[3]; char title[16]; };

static struct table tab;

int main(void) {
    const char *src = "abcdefghijkl";
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
            tab.rows[r].cells[c].ch = src[r * 4 + c];
            tab.rows[r].cells[c].weight = (r + 1) * (c + 1);
        }
        tab.rows[r].used = 4 - r;
    }
    tab.title[0] = 'T';
    tab.title[1] = '\0';
    for (int r = 0; r < 3; r++) {
        int w = 0;
        for (int c = 0; c < tab.rows[r].used; c++) {
            putchar(tab.rows[r].cells[c].ch);
            w += tab.rows[r].cells[c].weight;
        }
        printf(" %d\n", w);
    }
    struct row copy = tab.rows[1];
    copy.cells[0].ch = '#';
    printf("%c %c %s\n", copy.cells[0].ch, tab.rows[1].cells[0].ch, tab.title);
    return 0;
}
