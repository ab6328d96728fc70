/* sieve: sieve of Eratosthenes over a global byte array (ACSL-annotated copy of
 * bench/kernels/sieve.c: same computation, same checksum).
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
    long sq;
    long count;
    long total;

    total = 0;
    /*@ loop invariant 0 <= round; */
    for (round = 0; round < n; round++) {
        limit = LIMIT - 1000 * (round % 500);
        //@ assert 500000 <= limit <= 1000000;
        /*@ loop invariant 0 <= i <= limit;
            loop invariant 500000 <= limit <= 1000000; */
        for (i = 0; i < limit; i++)
            composite[i] = 0;
        count = 0;
        sq = 4;
        /* sq == i * i, kept up to date by addition: the kernel has no facts about a
           product of two variables, but 2 * i <= sq <= 2000000 * i is linear */
        /*@ loop invariant 2 <= i <= limit;
            loop invariant 500000 <= limit <= 1000000;
            loop invariant 2 * i <= sq <= 2000000 * i; */
        for (i = 2; i < limit; i++) {
            if (composite[i] == 0) {
                count = count + 1;
                total = total + i;
                /*@ loop invariant 0 <= j;
                    loop invariant 2 <= i < limit;
                    loop invariant limit <= 1000000; */
                for (j = sq; j < limit; j = j + i)
                    composite[j] = 1;
            }
            sq = sq + 2 * i + 1;
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
