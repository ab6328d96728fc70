#include <stdio.h>
#include <stdint.h>

int main(void) {
    int i = 5;
    int a = i++;
    int b = ++i;
    int c = i--;
    int d = --i;
    printf("%d %d %d %d %d\n", a, b, c, d, i);
    char ch = 'x';
    ch++;
    printf("%c\n", ch);
    unsigned char uc = 255;
    uc++;
    printf("%d\n", uc);
    uc--;
    printf("%d\n", uc);
    signed char sc = -127;
    sc--;
    printf("%d\n", sc);
    short s = 32766;
    s++;
    printf("%d\n", s);
    unsigned short us = 0;
    us--;
    printf("%d\n", us);
    unsigned u = 0;
    printf("%u\n", u--);
    printf("%u\n", u);
    long l = -1;
    ++l;
    printf("%ld\n", l);
    unsigned long ul = 18446744073709551615UL;
    ul++;
    printf("%lu\n", ul);
    long long ll = 9223372036854775806LL;
    ++ll;
    printf("%lld\n", ll);
    uint64_t u64 = 0;
    --u64;
    printf("%lu\n", u64);
    int8_t i8 = 126;
    i8++;
    printf("%d\n", i8);
    int arr[4] = {10, 20, 30, 40};
    int k = 0;
    arr[k++]++;
    ++arr[k];
    arr[++k]--;
    printf("%d %d %d %d k=%d\n", arr[0], arr[1], arr[2], arr[3], k);
    return 0;
}
