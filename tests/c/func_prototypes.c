#include <stdio.h>

int add(int, int);
long scale(long value, int factor);
void show(const char *name, long value);
int collatz_len(long n);

int main(void) {
    show("add", add(40, 2));
    show("scale", scale(123456789L, 1000));
    show("collatz27", collatz_len(27));
    return 0;
}

int add(int a, int b) { return a + b; }

long scale(long value, int factor) { return value * factor; }

void show(const char *name, long value) { printf("%s = %ld\n", name, value); }

int collatz_len(long n) {
    int len = 1;
    while (n != 1) {
        n = (n % 2) ? 3 * n + 1 : n / 2;
        len++;
    }
    return len;
}
