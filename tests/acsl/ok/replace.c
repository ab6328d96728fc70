#include <stdio.h>

/*@ requires n >= 0;
    requires \valid(s + (0..n-1));
    assigns s[0..n-1];
    ensures 0 <= \result <= n;
*/
int replace(char *s, int n, char from, char to) {
    int i;
    int c = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= c <= i;
        loop assigns i, c, s[0..n-1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (s[i] == from) {
            s[i] = to;
            c++;
        }
    }
    return c;
}

int main(void) {
    char s[] = "the quick brown fox jumps over the lazy dog";
    int n = (int)(sizeof(s) - 1);
    int c = replace(s, n, ' ', '_');
    printf("%d: %s\n", c, s);
    c = replace(s, 9, 'e', 'E');
    printf("%d: %s\n", c, s);
    return 0;
}
