#include <stdio.h>

typedef int myint;
typedef unsigned long word;
typedef myint *intptr;
typedef char name_t[8];
typedef const char *cstr;
typedef unsigned char byte;

static word sum_words(const word *w, int n) {
    word s = 0;
    for (int i = 0; i < n; i++)
        s += w[i];
    return s;
}

int main(void) {
    myint a = 5;
    intptr p = &a;
    *p += 10;
    printf("%d\n", a);
    word ws[3] = {1UL << 40, 2, 3};
    printf("%lu\n", sum_words(ws, 3));
    name_t n = "typed";
    printf("%s %lu\n", n, sizeof(name_t));
    cstr s = "string";
    printf("%s\n", s);
    byte b = 250;
    b += 10;
    printf("%d\n", b);
    {
        typedef long myint2;
        myint2 big = 1L << 50;
        printf("%ld\n", big);
    }
    return 0;
}
