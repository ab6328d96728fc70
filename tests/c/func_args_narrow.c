#include <stdio.h>

static int take_uc(unsigned char c) { return c; }
static int take_sc(signed char c) { return c; }
static int take_us(unsigned short s) { return s; }
static int take_ss(short s) { return s; }
static long take_u(unsigned u) { return u; }
static long take_l(long l) { return l; }
static int take_bool(_Bool b) { return b; }

int main(void) {
    int v = 0x12345;
    printf("%d %d %d %d\n", take_uc((unsigned char)v), take_sc((signed char)v), take_us((unsigned short)v), take_ss((short)v));
    int neg = -1;
    printf("%d %d %ld\n", take_uc((unsigned char)neg), take_us((unsigned short)neg), take_u((unsigned)neg));
    printf("%ld\n", take_l(neg));
    printf("%d\n", take_bool(v != 0));
    unsigned char c = 250;
    printf("%ld\n", take_l(c));
    short s = -5;
    printf("%ld\n", take_u((unsigned)s));
    return 0;
}
