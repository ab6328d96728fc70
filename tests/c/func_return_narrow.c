#include <stdio.h>

static unsigned char uc_of(int x) { return (unsigned char)x; }
static signed char sc_of(int x) { return (signed char)x; }
static short s_of(long x) { return (short)x; }
static unsigned short us_of(int x) { return (unsigned short)x; }
static int i_of(long x) { return (int)x; }
static unsigned u_of(long x) { return (unsigned)x; }
static char next_char(char c) { return (char)(c + 1); }
static _Bool truthy(long x) { return x; }

int main(void) {
    printf("%d %d\n", uc_of(300), uc_of(-1));
    printf("%d %d\n", sc_of(200), sc_of(-129));
    printf("%d %d\n", s_of(70000), s_of(-70000));
    printf("%d\n", us_of(-2));
    printf("%d %u\n", i_of(0x1FFFFFFFFL), u_of(-1L));
    printf("%c\n", next_char('q'));
    printf("%d %d\n", truthy(0x100000000L), truthy(0));
    int sum = uc_of(255) + sc_of(255);
    printf("%d\n", sum);
    long w = uc_of(511);
    printf("%ld\n", w);
    return 0;
}
