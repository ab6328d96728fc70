#include <stdio.h>
#include <limits.h>

int main(void) {
    long long a = 123456789012345LL;
    long long b = -98765432109LL;
    printf("%lld %lld\n", a + b, a - b);
    printf("%lld %lld\n", a / b, a % b);
    printf("%lld\n", b * 1000);
    unsigned long long u = 0xFFFFFFFFFFFFFFFFULL;
    printf("%llu\n", u);
    printf("%llu\n", u / 3);
    printf("%llu\n", u >> 7);
    printf("%lld %lld\n", LLONG_MAX, LLONG_MIN);
    printf("%llu\n", ULLONG_MAX);
    long long fib[90];
    fib[0] = 0;
    fib[1] = 1;
    for (int i = 2; i < 90; i++)
        fib[i] = fib[i - 1] + fib[i - 2];
    printf("fib89=%lld\n", fib[89]);
    unsigned long long p = 1;
    for (int i = 0; i < 70; i++)
        p *= 3;
    printf("3^70 mod 2^64=%llu\n", p);
    long long n = -1;
    printf("%llu\n", (unsigned long long)n);
    return 0;
}
