#include <stdio.h>

/* copies at most n-1 characters and always terminates dst */
/*@ requires n >= 1;
    requires \valid(dst + (0..n-1));
    requires \valid_read(src + (0..n-1));
    assigns dst[0..n-1];
    ensures 0 <= \result < n;
*/
int bounded_strcpy(char *dst, const char *src, int n) {
    int i = 0;
    /*@ loop invariant 0 <= i <= n - 1;
        loop assigns i, dst[0..n-2];
        loop variant n - 1 - i;
    */
    while (i < n - 1 && src[i] != '\0') {
        dst[i] = src[i];
        i++;
    }
    dst[i] = '\0';
    return i;
}

int main(void) {
    char src[20] = "certified code";
    char dst[20];
    char small[6];
    int k;
    k = bounded_strcpy(dst, src, 20);
    printf("%d [%s]\n", k, dst);
    k = bounded_strcpy(small, src, 6);
    printf("%d [%s]\n", k, small);
    k = bounded_strcpy(small, src, 1);
    printf("%d [%s]\n", k, small);
    return 0;
}
