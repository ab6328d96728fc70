/* Division and remainder at every width: checked for zero and overflow at run time. */
static long divs(long a, long b) { return b == 0 ? 0 : a / b + a % b; }
static unsigned udiv(unsigned a, unsigned b) { return b ? a / b : 7u; }
static int sdiv(int a, int b) { if (b == 0) return -1; return a / b; }
int main(void) {
    long s = divs(-100, 7) + divs(100, -7) + (long)udiv(4000000000u, 3u) % 1000 + sdiv(-9, 2);
    return (int)(s & 0xff);
}
