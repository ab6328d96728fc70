/* pyabi.c - the functions called from Python in bench/os.py, built twice: by Certa as a
 * module (m.call("addp", 1, 2)) and by gcc -O2 -shared -fPIC as a shared library called
 * through ctypes.  The contracts are comments to gcc. */

/*@ requires -1000000000 <= a <= 1000000000;
    requires -1000000000 <= b <= 1000000000;
    ensures \result == a + b;
*/
long addp(long a, long b)
{
    return a + b;
}

/* The same without a contract: no precondition for the runtime to check at the call
   (the addition wraps, as unsigned arithmetic would; the kernel needs no fact for it). */
long addn(long a, long b)
{
    return a + b;
}

/* Writes the last byte of the buffer (lent zero-copy by the caller) and returns n. */
/*@ requires 1 <= n <= 1000000000;
    requires \valid(p + (0..n-1));
*/
long touch(char *p, long n)
{
    p[n - 1] = p[0];
    return n;
}
