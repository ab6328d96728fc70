#include <stdio.h>
#include <string.h>

static void isort_long(long *a, int n) {
    for (int i = 1; i < n; i++) {
        long key = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > key) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = key;
    }
}

static void isort_str(char s[][8], int n) {
    for (int i = 1; i < n; i++) {
        char key[8];
        strcpy(key, s[i]);
        int j = i - 1;
        while (j >= 0 && strcmp(s[j], key) > 0) {
            strcpy(s[j + 1], s[j]);
            j--;
        }
        strcpy(s[j + 1], key);
    }
}

int main(void) {
    long a[12] = {50000000000L, -3, 7, 7, -9000000000L, 0, 12, 5, -1, 100, 3, 2};
    isort_long(a, 12);
    for (int i = 0; i < 12; i++)
        printf("%ld ", a[i]);
    printf("\n");
    char words[6][8] = {"pear", "fig", "apple", "kiwi", "date", "banana"};
    isort_str(words, 6);
    for (int i = 0; i < 6; i++)
        printf("%s ", words[i]);
    printf("\n");
    return 0;
}
