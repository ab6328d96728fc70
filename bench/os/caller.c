/* caller.c - module A of the cross-module call benchmark (bench/os.py).
 *
 * cross(n): n calls of add1, imported from module B (callee.c) through the loader's
 * import slot (call [rip+slot]); local(n): n calls of local_add1, defined here (a plain
 * call rel32); empty(n): the same loop with add1's work done in place (no call), for the
 * loop's own cost; unchecked(n) and checked(n): calls of two functions that differ only in
 * a call on a branch never taken, which makes the second check the stack limit on entry
 * (the prologue check, DESIGN 9.9): their difference is what the check costs.  Each times
 * its loop with the host's monotonic clock (grant "clock") and returns the elapsed
 * nanoseconds; the loop's result is kept (read it with sink()). */
#include <certa.h>

/*@ requires 0 <= x <= 1000000000000;
    ensures \result == x + 1;
*/
extern long add1(long x);

/*@ requires 0 <= x <= 1000000000000;
    ensures \result == x + 1;
*/
static long local_add1(long x)
{
    return x + 1;
}

static long result;

long sink(void);

/*@ requires 0 <= x <= 1000000000000;
    ensures \result == x + 1;
*/
static long add1_unchecked(long x)
{
    if (x < 0)
        return 0;
    return x + 1;
}

/*@ requires 0 <= x <= 1000000000000;
    ensures \result == x + 1;
*/
static long add1_checked(long x)
{
    if (x < 0)
        return sink();          /* never runs; makes this a function that calls */
    return x + 1;
}

/*@ requires 0 <= n <= 1000000000; */
long cross(long n)
{
    long i;
    long s = 0;
    long t0;
    long t1;

    t0 = certa_clock_ns();
    /*@ loop invariant 0 <= i <= n;
        loop invariant s == i;
    */
    for (i = 0; i < n; i++)
        s = add1(s);
    t1 = certa_clock_ns();
    result = s;
    return t1 - t0;
}

/*@ requires 0 <= n <= 1000000000; */
long local(long n)
{
    long i;
    long s = 0;
    long t0;
    long t1;

    t0 = certa_clock_ns();
    /*@ loop invariant 0 <= i <= n;
        loop invariant s == i;
    */
    for (i = 0; i < n; i++)
        s = local_add1(s);
    t1 = certa_clock_ns();
    result = s;
    return t1 - t0;
}

/*@ requires 0 <= n <= 1000000000; */
long empty(long n)
{
    long i;
    long s = 0;
    long t0;
    long t1;

    t0 = certa_clock_ns();
    /*@ loop invariant 0 <= i <= n;
        loop invariant s == i;
    */
    for (i = 0; i < n; i++)
        s = s + 1;
    t1 = certa_clock_ns();
    result = s;
    return t1 - t0;
}

/*@ requires 0 <= n <= 1000000000; */
long unchecked(long n)
{
    long i;
    long s = 0;
    long t0;
    long t1;

    t0 = certa_clock_ns();
    /*@ loop invariant 0 <= i <= n;
        loop invariant s == i;
    */
    for (i = 0; i < n; i++)
        s = add1_unchecked(s);
    t1 = certa_clock_ns();
    result = s;
    return t1 - t0;
}

/*@ requires 0 <= n <= 1000000000; */
long checked(long n)
{
    long i;
    long s = 0;
    long t0;
    long t1;

    t0 = certa_clock_ns();
    /*@ loop invariant 0 <= i <= n;
        loop invariant s == i;
    */
    for (i = 0; i < n; i++)
        s = add1_checked(s);
    t1 = certa_clock_ns();
    result = s;
    return t1 - t0;
}

long sink(void)
{
    return result;
}
