/* Scalar recursion and loops: certified with no annotations. */
static int fact(int n) { int r = 1; for (int i = 2; i <= n; i++) r = r * i; return r; }
static int gcd(int a, int b) { while (b != 0) { int t = a % b; a = b; b = t; } return a; }
static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) { return (int)((fact(6) + gcd(84, 36) + fib(15)) % 251); }
