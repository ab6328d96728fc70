#include <stdio.h>

static long work(int n) {
    int buf[20000];
    for (int i = 0; i < 20000; i++)
        buf[i] = (i * 31 + n) % 1000;
    long s = 0;
    for (int i = 0; i < 20000; i += 7)
        s += buf[i];
    return s;
}

int main(void) {
    char big[70000];
    for (int i = 0; i < 70000; i++)
        big[i] = (char)(i % 100);
    long s = 0;
    for (int i = 0; i < 70000; i++)
        s += big[i];
    printf("%ld\n", s);
    printf("%ld %ld\n", work(1), work(2));
    return 0;
}
