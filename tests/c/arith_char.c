#include <stdio.h>

int main(void) {
    char c = 'a';
    char d = c + 1;
    printf("%c %d %d\n", d, d, c + d);
    char up = c - 'a' + 'A';
    printf("%c\n", up);
    signed char sc = -100;
    unsigned char uc = 200;
    printf("%d %d %d\n", sc, uc, sc + uc);
    printf("%d\n", sc * 2);
    printf("%d\n", uc * uc);
    char digits[11];
    for (int i = 0; i < 10; i++)
        digits[i] = (char)('0' + i);
    digits[10] = 0;
    printf("%s\n", digits);
    int sum = 0;
    for (char ch = 'A'; ch <= 'Z'; ch++)
        sum += ch;
    printf("sum=%d\n", sum);
    char neg = -1;
    printf("%d %u\n", neg, (unsigned)(unsigned char)neg);
    signed char m = -128;
    printf("%d %d\n", m, -m);
    return 0;
}
