#include <stdio.h>

int main(void) {
    unsigned char uc = 200;
    uc += 100; printf("%d\n", uc);
    uc *= 3; printf("%d\n", uc);
    uc <<= 2; printf("%d\n", uc);
    uc -= 250; printf("%d\n", uc);
    signed char sc = 100;
    sc -= 50; printf("%d\n", sc);
    sc /= -3; printf("%d\n", sc);
    sc %= 5; printf("%d\n", sc);
    unsigned short us = 65000;
    us += 1000; printf("%d\n", us);
    us *= 300; printf("%d\n", us);
    us >>= 3; printf("%d\n", us);
    short s = -1000;
    s *= 30; printf("%d\n", s);
    s /= 7; printf("%d\n", s);
    s |= 0x0F; printf("%d\n", s);
    char c = 'a';
    c += 2; printf("%c\n", c);
    c ^= 0x20; printf("%c\n", c);
    unsigned char h = 0;
    for (int i = 0; i < 300; i++)
        h += (unsigned char)i;
    printf("h=%d\n", h);
    unsigned u = 3000000000u;
    u += 2000000000u; printf("%u\n", u);
    u *= 3u; printf("%u\n", u);
    return 0;
}
