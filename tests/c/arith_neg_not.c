#include <stdio.h>
#include <stdint.h>

int main(void) {
    int i = 42;
    printf("%d %d %d\n", -i, ~i, !i);
    unsigned u = 42;
    printf("%u %u %d\n", -u, ~u, !u);
    long l = 5000000000L;
    printf("%ld %ld %d\n", -l, ~l, !l);
    unsigned long ul = 1;
    printf("%lu %lu\n", -ul, ~ul);
    uint8_t b = 1;
    printf("%d %d\n", -b, ~b);
    uint8_t nb = (uint8_t)-b;
    printf("%d\n", nb);
    int16_t s = -300;
    printf("%d %d\n", -s, ~s);
    long long z = 0;
    printf("%lld %lld %d\n", -z, ~z, !z);
    int n = -2147483647;
    printf("%d\n", -n);
    printf("%d %d\n", !!7, !!0);
    return 0;
}
