#include <stdio.h>

int main(void) {
    int i = 0;
    char c = 'a';
    short s = 1;
    long l = 2;
    printf("%lu %lu %lu %lu\n", sizeof i, sizeof c, sizeof s, sizeof l);
    printf("%lu %lu\n", sizeof(c + c), sizeof(s * 2L));
    printf("%lu\n", sizeof(i++));
    printf("i=%d\n", i);
    printf("%lu %lu\n", sizeof 'x', sizeof "hello");
    int *p = &i;
    printf("%lu %lu\n", sizeof p, sizeof *p);
    long arr[7];
    long *lp = arr;
    printf("%lu %lu %lu\n", sizeof arr, sizeof lp, sizeof arr[0]);
    printf("%lu\n", sizeof(1 ? c : l));
    printf("%lu\n", sizeof(unsigned char) + sizeof(short) * 2);
    int n = (int)sizeof(int) * 3 - 20;
    printf("%d\n", n);
    printf("%lu\n", sizeof(i == 0));
    printf("%lu\n", sizeof(-c));
    return 0;
}
