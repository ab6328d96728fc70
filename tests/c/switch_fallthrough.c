#include <stdio.h>

static int days_before_month(int m) {
    int d = 0;
    switch (m) {
    case 12: d += 30; /* fall through */
    case 11: d += 31; /* fall through */
    case 10: d += 30; /* fall through */
    case 9: d += 31; /* fall through */
    case 8: d += 31; /* fall through */
    case 7: d += 30; /* fall through */
    case 6: d += 31; /* fall through */
    case 5: d += 30; /* fall through */
    case 4: d += 31; /* fall through */
    case 3: d += 28; /* fall through */
    case 2: d += 31; /* fall through */
    case 1: break;
    }
    return d;
}

static int unrolled_copy(char *to, const char *from, int count) {
    int copied = 0;
    while (count > 0) {
        switch (count % 4) {
        case 0: *to++ = *from++; copied++; count--; /* fall through */
        case 3: *to++ = *from++; copied++; count--; /* fall through */
        case 2: *to++ = *from++; copied++; count--; /* fall through */
        case 1: *to++ = *from++; copied++; count--;
        }
    }
    return copied;
}

int main(void) {
    for (int m = 1; m <= 12; m++)
        printf("%d ", days_before_month(m));
    printf("\n");
    char dst[32];
    const char *src = "duffs device copies";
    for (int len = 1; len <= 19; len += 6) {
        int c = unrolled_copy(dst, src, len);
        dst[len] = '\0';
        printf("[%s] %d\n", dst, c);
    }
    int trace = 0;
    switch (2) {
    case 1: trace += 1; /* fall through */
    case 2: trace += 10; /* fall through */
    case 3: trace += 100; /* fall through */
    default: trace += 1000;
    }
    printf("%d\n", trace);
    return 0;
}
