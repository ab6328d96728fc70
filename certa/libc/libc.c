/* libc.c - the Certa C library, written in the Certa subset.
 *
 * The compiler links the functions reachable from a program into its module,
 * where they are compiled and proved like user code.  Everything here stays
 * inside the subset: no floats, no function pointers, no unions, no casts
 * between pointer types or between pointers and integers, no goto, no
 * varargs.  Loops are plain indexed loops so that the proofs stay simple.
 *
 * Output goes through the host service __certa_write, memory through
 * __certa_alloc (see certa.h).
 */
#include <certa.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Formatted output helpers (targets of the compiler's printf lowering) */

/* Size of the local buffer used to build a whole field in one write. */
#define __CERTA_FIELD 96

/* Write n copies of the character c, in chunks of 128 bytes. */
long __certa_pad(int c, long n)
{
    char buf[128];
    long i;
    long k;
    long done;

    for (i = 0; i < 128; i++)
        buf[i] = (char)c;
    done = 0;
    while (done < n) {
        k = n - done;
        if (k > 128)
            k = 128;
        __certa_write(buf, k);
        done = done + k;
    }
    return n;
}

int __certa_print_int(long value, int conv, int flags, int width)
{
    char digits[24];            /* digits, least significant first */
    char body[32];              /* sign, prefix, digits in order */
    char out[__CERTA_FIELD];    /* the whole padded field */
    unsigned long mag;
    unsigned long base;
    int d;
    int nd;
    int nh;                     /* characters of sign and prefix */
    int nb;                     /* characters of body */
    int i;
    int k;
    long pad;
    int left;
    int zero;

    base = 10;
    if (conv == 'x' || conv == 'X')
        base = 16;

    nh = 0;
    if (conv == 'd') {
        if (value < 0) {
            mag = 0UL - (unsigned long)value;
            body[nh] = '-';
            nh = nh + 1;
        } else {
            mag = (unsigned long)value;
            if ((flags & __CERTA_PF_PLUS) != 0) {
                body[nh] = '+';
                nh = nh + 1;
            } else if ((flags & __CERTA_PF_SPACE) != 0) {
                body[nh] = ' ';
                nh = nh + 1;
            }
        }
    } else {
        mag = (unsigned long)value;
        if ((flags & __CERTA_PF_HASH) != 0 && base == 16 && mag != 0) {
            body[nh] = '0';
            body[nh + 1] = (char)conv;
            nh = nh + 2;
        }
    }

    nd = 0;
    do {
        d = (int)(mag % base);
        if (d < 10)
            digits[nd] = (char)('0' + d);
        else if (conv == 'X')
            digits[nd] = (char)('A' + d - 10);
        else
            digits[nd] = (char)('a' + d - 10);
        nd = nd + 1;
        mag = mag / base;
    } while (mag != 0 && nd < 24);

    nb = nh;
    for (i = nd - 1; i >= 0; i--) {
        body[nb] = digits[i];
        nb = nb + 1;
    }

    left = (flags & __CERTA_PF_MINUS) != 0;
    zero = !left && (flags & __CERTA_PF_ZERO) != 0;
    pad = 0;
    if (width > nb)
        pad = width - nb;

    if (pad + nb <= __CERTA_FIELD) {
        /* Build the whole field and write it at once. */
        k = 0;
        if (!left && !zero) {
            for (i = 0; i < pad; i++) {
                out[k] = ' ';
                k = k + 1;
            }
        }
        for (i = 0; i < nh; i++) {
            out[k] = body[i];
            k = k + 1;
        }
        if (zero) {
            for (i = 0; i < pad; i++) {
                out[k] = '0';
                k = k + 1;
            }
        }
        for (i = nh; i < nb; i++) {
            out[k] = body[i];
            k = k + 1;
        }
        if (left) {
            for (i = 0; i < pad; i++) {
                out[k] = ' ';
                k = k + 1;
            }
        }
        __certa_write(out, k);
        return k;
    }

    /* A very wide field: write it in pieces. */
    if (!left && !zero)
        __certa_pad(' ', pad);
    if (zero) {
        if (nh > 0)
            __certa_write(body, nh);
        __certa_pad('0', pad);
        for (i = nh; i < nb; i++)
            out[i - nh] = body[i];
        __certa_write(out, nb - nh);
    } else {
        __certa_write(body, nb);
    }
    if (left)
        __certa_pad(' ', pad);
    return (int)(pad + nb);
}

int __certa_print_str(const char *s, int flags, int width)
{
    long len;
    long pad;

    if (s == NULL)
        s = "(null)";
    len = (long)strlen(s);
    pad = 0;
    if (width > len)
        pad = width - len;
    if (pad > 0 && (flags & __CERTA_PF_MINUS) == 0)
        __certa_pad(' ', pad);
    if (len > 0)
        __certa_write(s, len);
    if (pad > 0 && (flags & __CERTA_PF_MINUS) != 0)
        __certa_pad(' ', pad);
    return (int)(len + pad);
}

int __certa_print_char(int c, int flags, int width)
{
    char out[__CERTA_FIELD];
    long pad;
    long i;
    long k;

    pad = 0;
    if (width > 1)
        pad = width - 1;
    if (pad + 1 <= __CERTA_FIELD) {
        k = 0;
        if ((flags & __CERTA_PF_MINUS) == 0) {
            for (i = 0; i < pad; i++) {
                out[k] = ' ';
                k = k + 1;
            }
        }
        out[k] = (char)c;
        k = k + 1;
        if ((flags & __CERTA_PF_MINUS) != 0) {
            for (i = 0; i < pad; i++) {
                out[k] = ' ';
                k = k + 1;
            }
        }
        __certa_write(out, k);
        return (int)k;
    }
    if ((flags & __CERTA_PF_MINUS) == 0)
        __certa_pad(' ', pad);
    out[0] = (char)c;
    __certa_write(out, 1);
    if ((flags & __CERTA_PF_MINUS) != 0)
        __certa_pad(' ', pad);
    return (int)(pad + 1);
}

int __certa_print_lit(const char *s, long len)
{
    if (len > 0)
        __certa_write(s, len);
    return (int)len;
}

/* ------------------------------------------------------------------ */
/* stdio.h */

int puts(const char *s)
{
    long len;
    char nl[1];

    len = (long)strlen(s);
    if (len > 0)
        __certa_write(s, len);
    nl[0] = '\n';
    __certa_write(nl, 1);
    if (len >= 2147483647L)
        return 2147483647;
    return (int)(len + 1);
}

int putchar(int c)
{
    char b[1];

    b[0] = (char)c;
    __certa_write(b, 1);
    return (int)(unsigned char)c;
}

/* ------------------------------------------------------------------ */
/* stdlib.h */

/* More than 2^47 bytes (all of user space) is refused here: the allocator
   traps on such a request rather than return NULL. */
#define __CERTA_ALLOC_MAX 140737488355328UL

void *malloc(size_t size)
{
    if (size > __CERTA_ALLOC_MAX)
        return NULL;
    return __certa_alloc(size);
}

void *calloc(size_t nmemb, size_t size)
{
    if (size != 0 && nmemb > __CERTA_ALLOC_MAX / size)
        return NULL;
    /* __certa_alloc memory is already zero-filled. */
    return __certa_alloc(nmemb * size);
}

void free(void *ptr)
{
    /* The heap of a module is reclaimed when the module is dropped. */
}

void exit(int status)
{
    __certa_exit(status);
}

int abs(int j)
{
    if (j < 0)
        return -j;
    return j;
}

long labs(long j)
{
    if (j < 0)
        return -j;
    return j;
}

long atol(const char *nptr)
{
    unsigned long v;
    long i;
    int neg;

    i = 0;
    while (nptr[i] == ' ' || nptr[i] == '\t' || nptr[i] == '\n' ||
           nptr[i] == '\v' || nptr[i] == '\f' || nptr[i] == '\r')
        i++;
    neg = 0;
    if (nptr[i] == '-') {
        neg = 1;
        i++;
    } else if (nptr[i] == '+') {
        i++;
    }
    v = 0;
    while (nptr[i] >= '0' && nptr[i] <= '9') {
        v = v * 10 + (unsigned long)(nptr[i] - '0');
        i++;
    }
    if (neg)
        return (long)(0UL - v);
    return (long)v;
}

int atoi(const char *nptr)
{
    return (int)atol(nptr);
}

/* ------------------------------------------------------------------ */
/* string.h */

void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    size_t i;

    for (i = 0; i < n; i++)
        p[i] = (unsigned char)c;
    return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    size_t i;

    for (i = 0; i < n; i++)
        d[i] = s[i];
    return dest;
}

int memcmp(const void *s1, const void *s2, size_t n)
{
    const unsigned char *a = s1;
    const unsigned char *b = s2;
    size_t i;

    for (i = 0; i < n; i++) {
        if (a[i] != b[i])
            return (int)a[i] - (int)b[i];
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n;

    n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}

int strcmp(const char *s1, const char *s2)
{
    size_t i;

    i = 0;
    while (s1[i] != '\0' && s1[i] == s2[i])
        i++;
    return (int)(unsigned char)s1[i] - (int)(unsigned char)s2[i];
}

int strncmp(const char *s1, const char *s2, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s1[i] != s2[i])
            return (int)(unsigned char)s1[i] - (int)(unsigned char)s2[i];
        if (s1[i] == '\0')
            return 0;
    }
    return 0;
}

char *strcpy(char *dest, const char *src)
{
    size_t i;

    i = 0;
    while (src[i] != '\0') {
        dest[i] = src[i];
        i++;
    }
    dest[i] = '\0';
    return dest;
}

char *strncpy(char *dest, const char *src, size_t n)
{
    size_t i;

    i = 0;
    while (i < n && src[i] != '\0') {
        dest[i] = src[i];
        i++;
    }
    while (i < n) {
        dest[i] = '\0';
        i++;
    }
    return dest;
}

char *strcat(char *dest, const char *src)
{
    size_t n;
    size_t i;

    n = strlen(dest);
    i = 0;
    while (src[i] != '\0') {
        dest[n + i] = src[i];
        i++;
    }
    dest[n + i] = '\0';
    return dest;
}

/* ------------------------------------------------------------------ */
/* The host's monotonic clock (the "clock" capability). */

long certa_clock_ns(void)
{
    return __certa_clock();
}

/* ------------------------------------------------------------------ */
/* Files under the granted directory (the "files" capability). */

long certa_file_open(const char *path)
{
    return __certa_file_open(path, (long)strlen(path));
}
