/* sieve: sieve of Eratosthenes over a global byte array.
 * bench(n): n rounds; round r sieves the numbers below LIMIT - 1000 * r and
 * adds the number of primes and their sum to the checksum. */
#include <stdio.h>

#define LIMIT 1000000
#define DEFAULT_N 14

unsigned char composite[LIMIT];

long bench(long n)
{
    long round;
    long limit;
    long i;
    long j;
    long count;
    long total;

    total = 0;
    for (round = 0; round < n; round++) {
        limit = LIMIT - 1000 * (round % 500);
        for (i = 0; i < limit; i++)
            composite[i] = 0;
        count = 0;
        for (i = 2; i < limit; i++) {
            if (composite[i] == 0) {
                count = count + 1;
                total = total + i;
                for (j = i * i; j < limit; j = j + i)
                    composite[j] = 1;
            }
        }
        total = total + count * 1000003;
    }
    return total;
}

int main(void)
{
    printf("%ld\n", bench(DEFAULT_N));
    return 0;
}
