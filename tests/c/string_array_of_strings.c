#include <stdio.h>
#include <string.h>

static const char *days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static int find(const char *const *list, int n, const char *key) {
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], key) == 0)
            return i;
    return -1;
}

int main(void) {
    int n = (int)(sizeof days / sizeof days[0]);
    for (int i = 0; i < n; i++)
        printf("%d:%s ", i, days[i]);
    printf("\n");
    printf("%d %d\n", find(days, n, "Fri"), find(days, n, "Xyz"));
    const char *sorted[7];
    for (int i = 0; i < n; i++)
        sorted[i] = days[i];
    for (int i = 1; i < n; i++) {
        const char *key = sorted[i];
        int j = i - 1;
        while (j >= 0 && strcmp(sorted[j], key) > 0) {
            sorted[j + 1] = sorted[j];
            j--;
        }
        sorted[j + 1] = key;
    }
    for (int i = 0; i < n; i++)
        printf("%s ", sorted[i]);
    printf("\n");
    size_t total = 0;
    for (int i = 0; i < n; i++)
        total += strlen(days[i]);
    printf("%lu\n", total);
    return 0;
}
