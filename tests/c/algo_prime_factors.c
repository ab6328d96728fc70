#include <stdio.h>

static void factor(unsigned long n) {
    printf("%lu =", n);
    if (n < 2) {
        printf(" %lu\n", n);
        return;
    }
    int first = 1;
    for (unsigned long p = 2; p * p <= n; p += (p == 2 ? 1 : 2)) {
        int e = 0;
        while (n % p == 0) {
            n /= p;
            e++;
        }
        if (e) {
            printf("%s %lu", first ? "" : " *", p);
            if (e > 1)
                printf("^%d", e);
            first = 0;
        }
    }
    if (n > 1)
        printf("%s %lu", first ? "" : " *", n);
    printf("\n");
}

int main(void) {
    unsigned long nums[9] = {1, 2, 12, 97, 360, 1001, 65536, 600851475143UL, 9999999967UL};
    for (int i = 0; i < 9; i++)
        factor(nums[i]);
    return 0;
}
