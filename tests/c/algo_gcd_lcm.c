#include <stdio.h>

static unsigned long gcd(unsigned long a, unsigned long b) {
    while (b) {
        unsigned long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static unsigned long lcm(unsigned long a, unsigned long b) { return a / gcd(a, b) * b; }

static unsigned binary_gcd(unsigned a, unsigned b) {
    if (a == 0) return b;
    if (b == 0) return a;
    int shift = 0;
    while (((a | b) & 1) == 0) {
        a >>= 1;
        b >>= 1;
        shift++;
    }
    while ((a & 1) == 0) a >>= 1;
    do {
        while ((b & 1) == 0) b >>= 1;
        if (a > b) {
            unsigned t = a;
            a = b;
            b = t;
        }
        b -= a;
    } while (b);
    return a << shift;
}

int main(void) {
    unsigned long l = 1;
    for (unsigned long i = 1; i <= 40; i++)
        l = lcm(l, i);
    printf("lcm(1..40)=%lu\n", l);
    printf("%lu %lu %lu\n", gcd(0, 5), gcd(12, 18), gcd(1UL << 40, 6UL << 20));
    printf("%u %u %u\n", binary_gcd(48, 180), binary_gcd(17, 31), binary_gcd(1u << 31, 1u << 20));
    int coprime = 0;
    for (unsigned a = 1; a <= 60; a++)
        for (unsigned b = 1; b <= 60; b++)
            coprime += binary_gcd(a, b) == 1;
    printf("coprime pairs=%d\n", coprime);
    return 0;
}
