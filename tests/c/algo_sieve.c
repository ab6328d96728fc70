#include <stdio.h>
#include <string.h>

#define N 100000

static char composite[N + 1];

int main(void) {
    memset(composite, 0, sizeof composite);
    composite[0] = composite[1] = 1;
    for (int i = 2; (long)i * i <= N; i++)
        if (!composite[i])
            for (int j = i * i; j <= N; j += i)
                composite[j] = 1;
    int count = 0;
    long sum = 0;
    int last = 0;
    for (int i = 0; i <= N; i++)
        if (!composite[i]) {
            count++;
            sum += i;
            last = i;
        }
    printf("count=%d sum=%ld last=%d\n", count, sum, last);
    for (int i = 0; i < 60; i++)
        if (!composite[i])
            printf("%d ", i);
    printf("\n");
    int twins = 0;
    for (int i = 3; i + 2 <= N; i += 2)
        if (!composite[i] && !composite[i + 2])
            twins++;
    printf("twins=%d\n", twins);
    return 0;
}
