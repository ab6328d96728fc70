#include <stdio.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void encode(const unsigned char *in, int n, char *out) {
    int o = 0;
    for (int i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n) v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
    }
    out[o] = '\0';
}

static int value_of(char c) {
    for (int i = 0; i < 64; i++)
        if (alphabet[i] == c)
            return i;
    return -1;
}

static int decode(const char *in, unsigned char *out) {
    int n = 0;
    size_t len = strlen(in);
    for (size_t i = 0; i + 3 < len; i += 4) {
        unsigned v = 0;
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            v <<= 6;
            if (in[i + k] == '=')
                pad++;
            else
                v |= (unsigned)value_of(in[i + k]);
        }
        out[n++] = (unsigned char)(v >> 16);
        if (pad < 2) out[n++] = (unsigned char)(v >> 8);
        if (pad < 1) out[n++] = (unsigned char)v;
    }
    return n;
}

int main(void) {
    const char *inputs[6] = {"", "f", "fo", "foo", "foobar", "Certa: proof-carrying code!"};
    for (int i = 0; i < 6; i++) {
        char enc[64];
        unsigned char dec[64];
        int n = (int)strlen(inputs[i]);
        unsigned char raw[64];
        memcpy(raw, inputs[i], (size_t)n);
        encode(raw, n, enc);
        int m = decode(enc, dec);
        printf("[%s] -> [%s] roundtrip=%d\n", inputs[i], enc, m == n && memcmp(dec, raw, (size_t)n) == 0);
    }
    unsigned char bin[5] = {0, 255, 128, 1, 254};
    char enc[16];
    encode(bin, 5, enc);
    printf("%s\n", enc);
    return 0;
}
