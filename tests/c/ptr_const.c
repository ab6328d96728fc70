#include <stdio.h>

static int total(const int *a, int n) {
    int s = 0;
    for (const int *p = a; p < a + n; p++)
        s += *p;
    return s;
}

int main(void) {
    int data[5] = {1, 2, 3, 4, 5};
    const int *cp = data;
    printf("%d\n", cp[2]);
    cp++;
    printf("%d\n", *cp);
    int *const fixed = &data[4];
    *fixed = 50;
    printf("%d\n", data[4]);
    const int *const both = data;
    printf("%d\n", both[1]);
    printf("%d\n", total(data, 5));
    const char *msg = "constant";
    int n = 0;
    while (msg[n])
        n++;
    printf("%d\n", n);
    const int k = 7;
    const int *kp = &k;
    printf("%d\n", *kp * 2);
    return 0;
}
