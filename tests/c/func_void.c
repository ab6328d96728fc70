#include <stdio.h>

static int counter;

static void bump(void) { counter++; }

static void bump_by(int n) {
    if (n <= 0)
        return;
    counter += n;
}

static void report(const char *label) {
    printf("%s: %d\n", label, counter);
}

static void early(int *flags, int n) {
    for (int i = 0; i < n; i++) {
        if (flags[i] < 0)
            return;
        flags[i] *= 2;
    }
}

int main(void) {
    bump();
    bump();
    report("after bumps");
    bump_by(10);
    bump_by(-5);
    report("after bump_by");
    int f[5] = {1, 2, -1, 4, 5};
    early(f, 5);
    printf("%d %d %d %d %d\n", f[0], f[1], f[2], f[3], f[4]);
    return 0;
}
