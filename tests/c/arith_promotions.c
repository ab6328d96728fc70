#include <stdio.h>

int main(void) {
    unsigned char a = 200, b = 100;
    printf("%d\n", a + b);
    unsigned char c = (unsigned char)(a + b);
    printf("%d\n", c);
    signed char x = 100, y = 100;
    printf("%d\n", x + y);
    printf("%d\n", x * y);
    unsigned short p = 65535;
    printf("%d\n", p * 2);
    printf("%d\n", ~a);
    printf("%d\n", -a);
    char ch = 'z';
    printf("%d\n", ch - 'a');
    unsigned char m = 0x80;
    printf("%d\n", m << 1);
    printf("%d\n", (unsigned char)(m << 1));
    short s = -1;
    printf("%d\n", s >> 1);
    unsigned short us = 0xFFFF;
    printf("%d\n", us >> 4);
    printf("%lu %lu\n", sizeof(a + b), sizeof(+ch));
    return 0;
}
