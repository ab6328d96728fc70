#include <stdio.h>

#define DIGITS 200

int main(void) {
    unsigned char d[DIGITS] = {1};
    int len = 1;
    for (int n = 2; n <= 100; n++) {
        int carry = 0;
        for (int i = 0; i < len; i++) {
            int v = d[i] * n + carry;
            d[i] = (unsigned char)(v % 10);
            carry = v / 10;
        }
        while (carry) {
            d[len++] = (unsigned char)(carry % 10);
            carry /= 10;
        }
    }
    printf("100! has %d digits\n", len);
    for (int i = len - 1; i >= 0; i--)
        putchar('0' + d[i]);
    putchar('\n');
    int sum = 0;
    for (int i = 0; i < len; i++)
        sum += d[i];
    printf("digit sum=%d\n", sum);
    return 0;
}
