#include <stdio.h>

static int next_id(void) {
    static int id = 100;
    return id++;
}

static int fib_next(void) {
    static long a = 0, b = 1;
    long t = a;
    a = b;
    b = t + b;
    return (int)t;
}

static const char *cycle(void) {
    static const char *words[3] = {"red", "green", "blue"};
    static int i;
    const char *w = words[i];
    i = (i + 1) % 3;
    return w;
}

static int *counter_ref(void) {
    static int c;
    return &c;
}

int main(void) {
    for (int i = 0; i < 4; i++)
        printf("%d ", next_id());
    printf("\n");
    for (int i = 0; i < 12; i++)
        printf("%d ", fib_next());
    printf("\n");
    for (int i = 0; i < 5; i++)
        printf("%s ", cycle());
    printf("\n");
    *counter_ref() += 5;
    (*counter_ref())++;
    printf("%d\n", *counter_ref());
    for (int i = 0; i < 3; i++) {
        static int loop_static = 0;
        int loop_auto = 0;
        loop_static++;
        loop_auto++;
        printf("%d %d\n", loop_static, loop_auto);
    }
    return 0;
}
