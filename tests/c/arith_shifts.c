#include <stdio.h>

int main(void) {
    int x = -256;
    for (int s = 0; s < 10; s += 3)
        printf("%d>>%d=%d\n", x, s, x >> s);
    unsigned u = 0x80000000u;
    for (int s = 0; s < 32; s += 7)
        printf("%u>>%d=%u\n", u, s, u >> s);
    int p = 1;
    for (int s = 0; s < 31; s += 5)
        printf("1<<%d=%d\n", s, p << s);
    unsigned one = 1;
    printf("%u\n", one << 31);
    long l = -1000000000000L;
    int amt = 20;
    printf("%ld\n", l >> amt);
    unsigned long ul = 1;
    amt = 63;
    printf("%lu\n", ul << amt);
    printf("%lu\n", (ul << amt) >> amt);
    long long ll = 0x7FFFFFFFFFFFFFFFLL;
    amt = 40;
    printf("%lld\n", ll >> amt);
    int y = 12345;
    int k = 3;
    y <<= k;
    printf("%d\n", y);
    y >>= k + 1;
    printf("%d\n", y);
    int neg = -1;
    printf("%d\n", neg >> 31);
    printf("%u\n", (unsigned)neg >> 31);
    return 0;
}
