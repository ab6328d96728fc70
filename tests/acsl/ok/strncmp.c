#include <stdio.h>
#include <stddef.h>

/*@ requires \valid_read(a + (0..n-1));
    requires \valid_read(b + (0..n-1));
    assigns \nothing;
    ensures -255 <= \result <= 255;
*/
int bounded_strcmp(const char *a, const char *b, size_t n) {
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return (int)(unsigned char)a[i] - (int)(unsigned char)b[i];
        }
        if (a[i] == '\0') {
            return 0;
        }
    }
    return 0;
}

/*@ assigns \nothing;
    ensures -1 <= \result <= 1;
*/
int sign(int x) {
    return x > 0 ? 1 : (x < 0 ? -1 : 0);
}

int main(void) {
    char s1[8] = "apple";
    char s2[8] = "apply";
    char s3[8] = "app";
    char s4[8] = "apple";
    printf("%d\n", sign(bounded_strcmp(s1, s2, 8)));
    printf("%d\n", sign(bounded_strcmp(s2, s1, 8)));
    printf("%d\n", sign(bounded_strcmp(s1, s2, 4)));
    printf("%d\n", sign(bounded_strcmp(s1, s3, 8)));
    printf("%d\n", sign(bounded_strcmp(s1, s4, 8)));
    printf("%d\n", bounded_strcmp(s1, s2, 8));
    printf("%d\n", bounded_strcmp(s1, s3, 0));
    return 0;
}
