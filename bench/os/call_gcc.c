/* call_gcc.c - the reference for the cross-module call benchmark (bench/os.py): the loop of
 * caller.c built by gcc -O2, calling a function gcc may not inline.
 *
 *     call_gcc N        prints "<ns for N calls> <ns for N loop iterations without a call> <sum>"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

__attribute__((noinline)) long add1(long x)
{
    __asm__ volatile("");       /* keep the call (and its body) as written */
    return x + 1;
}

static long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    volatile long sink;
    long s = 0, i, t0, t1, t2, t3;

    t0 = now_ns();
    for (i = 0; i < n; i++)
        s = add1(s);
    t1 = now_ns();
    sink = s;
    s = 0;
    t2 = now_ns();
    for (i = 0; i < n; i++) {
        __asm__ volatile("" : "+r"(s));   /* a loop of the same shape, without the call */
        s = s + 1;
    }
    t3 = now_ns();
    sink = s;
    printf("%ld %ld %ld\n", t1 - t0, t3 - t2, (long)sink);
    return 0;
}
