#include <stdio.h>

/*@ requires n >= 0;
    requires \valid_read(s + (0..n-1));
    assigns \nothing;
    ensures 0 <= \result <= n;
*/
int bounded_strlen(const char *s, int n) {
    const char *p = s;
    /*@ loop invariant s <= p <= s + n;
        loop assigns p;
        loop variant (s + n) - p;
    */
    while (p < s + n && *p) {
        p++;
    }
    return (int)(p - s);
}

int main(void) {
    char a[16] = "hello, world";
    char b[4] = {'a', 'b', 'c', 'd'};
    char c[1] = {0};
    printf("%d\n", bounded_strlen(a, 16));
    printf("%d\n", bounded_strlen(a, 5));
    printf("%d\n", bounded_strlen(b, 4));
    printf("%d\n", bounded_strlen(c, 1));
    printf("%d\n", bounded_strlen(c, 0));
    return 0;
}
