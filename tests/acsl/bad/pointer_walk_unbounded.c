// expect: 13: read *p not provable: nothing bounds p within s + (0..n-1)
#include <stdio.h>

/*@ requires n >= 1;
    requires \valid_read(s + (0..n-1));
    assigns \nothing;
*/
int length(const char *s, int n) {
    const char *p = s;
    /*@ loop invariant s <= p;
        loop assigns p;
    */
    while (*p) {
        p++;
    }
    return (int)(p - s);
}

int main(void) {
    char s[8] = "abc";
    printf("%d\n", length(s, 8));
    return 0;
}
