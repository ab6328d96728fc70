#include <stdio.h>

struct stats { int min, max; long sum; int count; };

static void compute(const int *a, int n, struct stats *out) {
    out->min = a[0];
    out->max = a[0];
    out->sum = 0;
    out->count = n;
    for (int i = 0; i < n; i++) {
        if (a[i] < out->min) out->min = a[i];
        if (a[i] > out->max) out->max = a[i];
        out->sum += a[i];
    }
}

static struct stats global_result;

int main(void) {
    int data[8] = {5, -3, 17, 8, 0, -11, 4, 9};
    struct stats s;
    compute(data, 8, &s);
    printf("%d %d %ld %d\n", s.min, s.max, s.sum, s.count);
    compute(data + 2, 3, &global_result);
    printf("%d %d %ld %d\n", global_result.min, global_result.max, global_result.sum, global_result.count);
    struct stats all[2];
    compute(data, 4, &all[0]);
    compute(data + 4, 4, &all[1]);
    printf("%ld %ld\n", all[0].sum, all[1].sum);
    return 0;
}
