#include <stdio.h>
/*@ requires 0 <= n <= 1000000;
    requires \valid_read(a + (0..n-1));
    ensures \result >= 0;
*/
extern long total(const unsigned char *a, long n);
extern int twice(int x);

unsigned char data[100];

int main(void) {
    for (int i = 0; i < 100; i++) data[i] = i;
    printf("%ld %d\n", total(data, 100), twice(21));
    return 0;
}
