/* Timing driver for the gcc builds of the benchmark kernels.
 *
 * Linked with a kernel compiled with -Dmain=kernel_main (in its own
 * translation unit, so gcc cannot specialise bench() for the call site).
 * Usage: driver N REPS  ->  prints "RESULT BEST_NS" where BEST_NS is the
 * fastest of REPS timed calls of bench(N) (CLOCK_MONOTONIC). */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

long bench(long n);

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long n, result = 0;
    int reps, r;
    long long best = -1, t0, t1;

    if (argc != 3) {
        fprintf(stderr, "usage: %s N REPS\n", argv[0]);
        return 2;
    }
    n = atol(argv[1]);
    reps = atoi(argv[2]);
    for (r = 0; r < reps; r++) {
        long v;
        t0 = now_ns();
        v = bench(n);
        t1 = now_ns();
        if (r > 0 && v != result) {
            fprintf(stderr, "bench(%ld) is not deterministic: %ld then %ld\n", n, result, v);
            return 3;
        }
        result = v;
        if (best < 0 || t1 - t0 < best)
            best = t1 - t0;
    }
    printf("%ld %lld\n", result, best);
    return 0;
}
