#include <stdio.h>
#include <string.h>

static int rle_encode(const char *in, char *out) {
    int o = 0;
    for (int i = 0; in[i];) {
        int j = i;
        while (in[j] == in[i] && j - i < 9)
            j++;
        out[o++] = (char)('0' + (j - i));
        out[o++] = in[i];
        i = j;
    }
    out[o] = '\0';
    return o;
}

static void rle_decode(const char *in, char *out) {
    int o = 0;
    for (int i = 0; in[i]; i += 2)
        for (int k = 0; k < in[i] - '0'; k++)
            out[o++] = in[i + 1];
    out[o] = '\0';
}

int main(void) {
    const char *tests[5] = {"", "a", "aaabccddddd", "abcdef", "zzzzzzzzzzzzzzzzzzzzzzzz"};
    for (int i = 0; i < 5; i++) {
        char enc[128], dec[128];
        int n = rle_encode(tests[i], enc);
        rle_decode(enc, dec);
        printf("[%s] -> [%s] %d ok=%d\n", tests[i], enc, n, strcmp(dec, tests[i]) == 0);
    }
    return 0;
}
