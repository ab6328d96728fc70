#include <stdio.h>

int main(void) {
    int sum = 0;
    for (int i = 0; i < 100; i++) {
        if (i % 3 == 0)
            continue;
        if (i > 50)
            break;
        sum += i;
    }
    printf("%d\n", sum);
    int found = -1;
    int data[10] = {4, 8, 15, 16, 23, 42, 7, 1, 9, 3};
    for (int i = 0; i < 10; i++) {
        if (data[i] % 2)
            continue;
        if (data[i] > 20) {
            found = i;
            break;
        }
    }
    printf("%d\n", found);
    int n = 0;
    while (1) {
        n++;
        if (n < 5)
            continue;
        break;
    }
    printf("%d\n", n);
    return 0;
}
