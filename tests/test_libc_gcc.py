"""Test Certa's C library (certa/libc/libc.c) and headers (certa/include) with gcc alone.

libc.c is compiled freestanding against our own headers, its symbols are renamed with
objcopy (prefix ``cl_``) so they do not clash with the system C library, and it is linked
with a driver that provides the host services (__certa_write captures output into a
buffer) and compares every function against the system libc: the printf helpers against
snprintf over many values, flags and widths, the string functions over random inputs.
The -O0 build also runs under AddressSanitizer and UBSan when they are available.

The headers are also checked to preprocess with ``cpp -nostdinc -undef`` and parse with
pycparser, alone, twice, and all together.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "certa" / "include"
LIBC = ROOT / "certa" / "libc" / "libc.c"
HEADERS = ["stdio.h", "stdlib.h", "string.h", "stdint.h", "stddef.h", "stdbool.h",
           "limits.h", "assert.h", "certa.h"]

pytestmark = pytest.mark.skipif(
    shutil.which("gcc") is None or shutil.which("objcopy") is None or shutil.which("nm") is None,
    reason="needs gcc, objcopy and nm")

LIBC_CFLAGS = ["-std=c11", "-nostdinc", "-ffreestanding", "-fno-builtin",
               # keep gcc from turning our loops into calls to memset/memcpy
               "-fno-tree-loop-distribute-patterns",
               "-Wall", "-Wextra", "-Wno-unused-parameter", "-Werror"]
SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer"]

DRIVER = r"""
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the library under test (renamed with the cl_ prefix) ---- */
int cl___certa_print_int(long value, int conv, int flags, int width);
int cl___certa_print_str(const char *s, int flags, int width);
int cl___certa_print_char(int c, int flags, int width);
int cl___certa_print_lit(const char *s, long len);
int cl_puts(const char *s);
int cl_putchar(int c);
void *cl_malloc(size_t n);
void *cl_calloc(size_t n, size_t size);
void cl_free(void *p);
void cl_exit(int status);
int cl_abs(int j);
long cl_labs(long j);
int cl_atoi(const char *s);
long cl_atol(const char *s);
void *cl_memset(void *s, int c, size_t n);
void *cl_memcpy(void *d, const void *s, size_t n);
int cl_memcmp(const void *a, const void *b, size_t n);
size_t cl_strlen(const char *s);
int cl_strcmp(const char *a, const char *b);
int cl_strncmp(const char *a, const char *b, size_t n);
char *cl_strcpy(char *d, const char *s);
char *cl_strncpy(char *d, const char *s, size_t n);
char *cl_strcat(char *d, const char *s);

/* ---- host services ---- */
static char cap[1 << 16];
static long caplen;
static int nwrites;
static int bad_write;
static long alloc_calls;
static jmp_buf exit_jmp;

long __certa_write(const char *buf, long len)
{
    nwrites++;
    if (len <= 0 || caplen + len > (long)sizeof cap) {   /* we never write empty pieces */
        bad_write = 1;
        return 0;
    }
    memcpy(cap + caplen, buf, (size_t)len);
    caplen += len;
    return len;
}

void *__certa_alloc(unsigned long size)
{
    alloc_calls++;
    if (size > (1UL << 30))
        return NULL;
    return calloc(size ? size : 1, 1);
}

void __certa_exit(int status) { longjmp(exit_jmp, 1000 + status); }
void __certa_trap(int kind, int line) { longjmp(exit_jmp, 2000 + kind); }
long __certa_clock(void) { return 1; }
long __certa_file_open(const char *path, long len) { (void)path; (void)len; return -1; }

static void reset(void) { caplen = 0; nwrites = 0; bad_write = 0; }

static long cases, failures;

static void fail(const char *what, const char *exp, long explen)
{
    failures++;
    if (failures <= 40)
        printf("FAIL %s: expected [%.*s] (%ld) got [%.*s] (%ld) writes=%d bad=%d\n",
               what, (int)explen, exp, explen, (int)caplen, cap, caplen, nwrites, bad_write);
}

/* compare the captured output and return value with snprintf's */
static void check(const char *what, const char *exp, int expret, int ret, int maxwrites)
{
    cases++;
    if (expret < 0 || ret != expret || caplen != expret || bad_write ||
        memcmp(cap, exp, (size_t)caplen) != 0 || nwrites > maxwrites)
        fail(what, exp, expret);
}

static void make_fmt(char *fmt, int flags, int width, const char *len, char conv)
{
    char *p = fmt;
    *p++ = '%';
    if (flags & 1) *p++ = '-';
    if (flags & 2) *p++ = '0';
    if (flags & 4) *p++ = '+';
    if (flags & 8) *p++ = ' ';
    if (flags & 16) *p++ = '#';
    if (width > 0) p += sprintf(p, "%d", width);
    p += sprintf(p, "%s%c", len, conv);
}

static const int widths[] = {0, 1, 2, 3, 5, 8, 10, 11, 19, 20, 21, 22, 25, 40, 64, 90, 93,
                             94, 95, 96, 97, 100, 127, 128, 129, 200, 300};
#define NWIDTHS ((int)(sizeof widths / sizeof widths[0]))

static unsigned long lcg_state = 12345;
static unsigned long lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005UL + 1442695040888963407UL;
    return lcg_state >> 11 ^ lcg_state << 29;
}

static void test_print_int(void)
{
    long values[80];
    int nv = 0;
    long fixed[] = {0, 1, -1, 7, 9, 10, 15, 16, 17, 42, -42, 99, 100, 255, 256, -255,
                    4095, 65535, 65536, 123456789, -987654321,
                    INT_MAX, INT_MIN, (long)UINT_MAX, (long)INT_MAX + 1, (long)INT_MIN - 1,
                    LONG_MAX, LONG_MIN, LONG_MIN + 1, LONG_MAX - 1,
                    1234567890123L, -1234567890123L, 0xdeadbeefL, 0x7fffffffffffffffL,
                    1000000000000000000L, -1000000000000000000L, 999999999999999999L};
    const char convs[] = {'d', 'u', 'x', 'X'};
    char fmt[64], exp[512], what[128];
    int i, c, f, w;

    for (i = 0; i < (int)(sizeof fixed / sizeof fixed[0]); i++)
        values[nv++] = fixed[i];
    while (nv < 60)
        values[nv++] = (long)lcg() >> (lcg() % 64);
    values[nv++] = (long)ULONG_MAX;

    for (i = 0; i < nv; i++)
        for (c = 0; c < 4; c++)
            for (f = 0; f < 32; f++) {
                /* '#' is undefined for d and u */
                if ((f & 16) && (convs[c] == 'd' || convs[c] == 'u'))
                    continue;
                for (w = 0; w < NWIDTHS; w++) {
                    int expret, ret, width = widths[w];
                    make_fmt(fmt, f, width, "l", convs[c]);
                    if (convs[c] == 'd')
                        expret = snprintf(exp, sizeof exp, fmt, values[i]);
                    else
                        expret = snprintf(exp, sizeof exp, fmt, (unsigned long)values[i]);
                    reset();
                    ret = cl___certa_print_int(values[i], convs[c], f, width);
                    snprintf(what, sizeof what, "print_int(%ld) as \"%s\"", values[i], fmt);
                    /* a field that fits 96 chars is written at once */
                    check(what, exp, expret, ret, expret <= 96 ? 1 : 8);
                }
            }

    /* 32-bit arguments: the compiler sign-extends for d and zero-extends for u/x/X */
    {
        int ivals[] = {0, 1, -1, 42, -42, INT_MAX, INT_MIN, 0x12345678, -0x12345678, 255};
        for (i = 0; i < (int)(sizeof ivals / sizeof ivals[0]); i++)
            for (c = 0; c < 4; c++)
                for (f = 0; f < 32; f += 3) {
                    int expret, ret;
                    long arg;
                    if ((f & 16) && (convs[c] == 'd' || convs[c] == 'u'))
                        continue;
                    make_fmt(fmt, f, 12, "", convs[c]);
                    if (convs[c] == 'd') {
                        expret = snprintf(exp, sizeof exp, fmt, ivals[i]);
                        arg = (long)ivals[i];
                    } else {
                        expret = snprintf(exp, sizeof exp, fmt, (unsigned)ivals[i]);
                        arg = (long)(unsigned long)(unsigned)ivals[i];
                    }
                    reset();
                    ret = cl___certa_print_int(arg, convs[c], f, 12);
                    snprintf(what, sizeof what, "print_int(int %d) as \"%s\"", ivals[i], fmt);
                    check(what, exp, expret, ret, 1);
                }
    }
}

static void test_print_str_char(void)
{
    char longstr[151];
    const char *strs[] = {"", "a", "hello", "hello, world", "%d\\n", longstr};
    int chars[] = {'a', 'Z', ' ', '%', 0, 255, -1, 'q' + 256, 128, 127};
    char fmt[64], exp[512], what[256];
    int i, f, w, expret, ret;

    for (i = 0; i < 150; i++)
        longstr[i] = (char)('a' + i % 26);
    longstr[150] = 0;
    for (i = 0; i < (int)(sizeof strs / sizeof strs[0]); i++)
        for (f = 0; f < 32; f++) {
            if (f & (2 | 16))  /* '0' and '#' are undefined for s and c */
                continue;
            for (w = 0; w < NWIDTHS; w++) {
                make_fmt(fmt, f, widths[w], "", 's');
                expret = snprintf(exp, sizeof exp, fmt, strs[i]);
                reset();
                ret = cl___certa_print_str(strs[i], f, widths[w]);
                snprintf(what, sizeof what, "print_str(\"%.20s\") as \"%s\"", strs[i], fmt);
                check(what, exp, expret, ret, widths[w] <= 128 ? 3 : 8);
            }
        }
    for (i = 0; i < (int)(sizeof chars / sizeof chars[0]); i++)
        for (f = 0; f < 32; f++) {
            if (f & (2 | 16))
                continue;
            for (w = 0; w < NWIDTHS; w++) {
                make_fmt(fmt, f, widths[w], "", 'c');
                expret = snprintf(exp, sizeof exp, fmt, chars[i]);
                reset();
                ret = cl___certa_print_char(chars[i], f, widths[w]);
                snprintf(what, sizeof what, "print_char(%d) as \"%s\"", chars[i], fmt);
                check(what, exp, expret, ret, widths[w] <= 96 ? 1 : 8);
            }
        }
    /* NULL prints as (null), as glibc does */
    for (w = 0; w < NWIDTHS; w++)
        for (f = 0; f < 2; f++) {
            make_fmt(fmt, f, widths[w], "", 's');
            expret = snprintf(exp, sizeof exp, fmt, "(null)");
            reset();
            ret = cl___certa_print_str(NULL, f, widths[w]);
            check("print_str(NULL)", exp, expret, ret, 8);
        }
    /* literals */
    reset();
    ret = cl___certa_print_lit("abc\0def", 7);
    check("print_lit", "abc\0def", 7, ret, 1);
    reset();
    ret = cl___certa_print_lit("", 0);
    check("print_lit empty", "", 0, ret, 0);
}

static void test_stdio(void)
{
    int ret;
    reset();
    ret = cl_puts("hello");
    check("puts", "hello\n", 6, ret, 2);
    reset();
    ret = cl_puts("");
    check("puts empty", "\n", 1, ret, 1);
    {
        int cs[] = {'x', 0, 255, -1, 'A' + 256, 128};
        int i;
        for (i = 0; i < 6; i++) {
            char e = (char)cs[i];
            reset();
            ret = cl_putchar(cs[i]);
            cases++;
            if (ret != (unsigned char)cs[i] || caplen != 1 || cap[0] != e || nwrites != 1)
                fail("putchar", &e, 1);
        }
    }
}

static void test_stdlib(void)
{
    const char *nums[] = {"0", "42", "-17", "+5", "  42", "\t\n\v\f\r -9", "abc", "", "12abc",
                          "2147483647", "-2147483648", " - 5", "00012", "-0", "+-1", "7 8",
                          "-000123", "999999", "\n+77x"};
    const char *lnums[] = {"9223372036854775807", "-9223372036854775808", "-1", "1234567890123",
                           "  -42"};
    int ivals[] = {0, 1, -1, 5, -5, INT_MAX, INT_MIN + 1, 12345, -12345};
    long lvals[] = {0, 1, -1, LONG_MAX, LONG_MIN + 1, 1L << 40, -(1L << 40)};
    int i, st;
    unsigned char *p;

    for (i = 0; i < (int)(sizeof nums / sizeof nums[0]); i++) {
        cases++;
        if (cl_atoi(nums[i]) != atoi(nums[i]) || cl_atol(nums[i]) != atol(nums[i])) {
            failures++;
            printf("FAIL atoi(\"%s\") = %d, expected %d\n", nums[i], cl_atoi(nums[i]), atoi(nums[i]));
        }
    }
    for (i = 0; i < (int)(sizeof lnums / sizeof lnums[0]); i++) {
        cases++;
        if (cl_atol(lnums[i]) != atol(lnums[i])) {
            failures++;
            printf("FAIL atol(\"%s\") = %ld, expected %ld\n", lnums[i], cl_atol(lnums[i]), atol(lnums[i]));
        }
    }
    for (i = 0; i < (int)(sizeof ivals / sizeof ivals[0]); i++) {
        cases++;
        if (cl_abs(ivals[i]) != abs(ivals[i])) {
            failures++;
            printf("FAIL abs(%d)\n", ivals[i]);
        }
    }
    for (i = 0; i < (int)(sizeof lvals / sizeof lvals[0]); i++) {
        cases++;
        if (cl_labs(lvals[i]) != labs(lvals[i])) {
            failures++;
            printf("FAIL labs(%ld)\n", lvals[i]);
        }
    }

    /* malloc / calloc / free */
    cases++;
    p = cl_malloc(100);
    if (p == NULL) { failures++; printf("FAIL malloc(100) returned NULL\n"); }
    else { p[0] = 1; p[99] = 2; cl_free(p); }
    cases++;
    p = cl_calloc(25, 4);
    if (p == NULL) { failures++; printf("FAIL calloc(25, 4) returned NULL\n"); }
    else {
        for (i = 0; i < 100; i++)
            if (p[i] != 0) { failures++; printf("FAIL calloc not zeroed\n"); break; }
        p[99] = 3;
    }
    cases++;
    alloc_calls = 0;
    if (cl_calloc(1UL << 33, 1UL << 33) != NULL || cl_calloc(ULONG_MAX, 2) != NULL ||
        cl_calloc(2, ULONG_MAX) != NULL || alloc_calls != 0) {
        failures++;
        printf("FAIL calloc overflow not detected\n");
    }
    cases++;
    p = cl_calloc(0, 0);
    (void)p;   /* any result is fine; it must not crash */
    cases++;
    if (cl_malloc(1UL << 40) != NULL) { failures++; printf("FAIL malloc out of heap\n"); }

    /* exit never returns */
    cases++;
    st = setjmp(exit_jmp);
    if (st == 0) {
        cl_exit(3);
        failures++;
        printf("FAIL exit returned\n");
    } else if (st != 1003) {
        failures++;
        printf("FAIL exit status %d\n", st - 1000);
    }
}

static int sign(int x) { return (x > 0) - (x < 0); }

static void random_str(char *buf, int maxlen)
{
    static const char alphabet[] = {'a', 'b', 'c', (char)0x80, (char)0xff, 'A'};
    int n = (int)(lcg() % (unsigned long)(maxlen + 1)), i;
    for (i = 0; i < n; i++)
        buf[i] = alphabet[lcg() % 6];
    buf[n] = 0;
}

static void test_string(void)
{
    char a[64], b[64], d1[160], d2[160];
    unsigned char m1[100], m2[100];
    int it, k;

    for (it = 0; it < 20000; it++) {
        size_t n = lcg() % 12;
        random_str(a, 8);
        random_str(b, it % 3 == 0 ? 8 : 3);
        if (it % 4 == 0)
            strcpy(b, a);          /* equal strings */
        if (it % 8 == 1 && strlen(a) > 0) {
            strcpy(b, a);          /* differ in one place */
            b[lcg() % strlen(a)] ^= (char)0x80;
        }
        cases += 4;
        if (cl_strlen(a) != strlen(a)) { failures++; printf("FAIL strlen\n"); }
        if (sign(cl_strcmp(a, b)) != sign(strcmp(a, b))) {
            failures++; printf("FAIL strcmp(\"%s\", \"%s\")\n", a, b);
        }
        if (sign(cl_strncmp(a, b, n)) != sign(strncmp(a, b, n))) {
            failures++; printf("FAIL strncmp(\"%s\", \"%s\", %zu)\n", a, b, n);
        }
        if (sign(cl_memcmp(a, b, n < 9 ? n : 9)) != sign(memcmp(a, b, n < 9 ? n : 9))) {
            failures++; printf("FAIL memcmp\n");
        }

        /* strcpy / strncpy / strcat into buffers prefilled with a marker */
        memset(d1, 0x5a, sizeof d1);
        memset(d2, 0x5a, sizeof d2);
        cases++;
        if (cl_strcpy(d1, a) != d1 || (strcpy(d2, a), memcmp(d1, d2, sizeof d1) != 0)) {
            failures++; printf("FAIL strcpy\n");
        }
        cases++;
        if (cl_strcat(d1, b) != d1 || (strcat(d2, b), memcmp(d1, d2, sizeof d1) != 0)) {
            failures++; printf("FAIL strcat\n");
        }
        memset(d1, 0x5a, sizeof d1);
        memset(d2, 0x5a, sizeof d2);
        cases++;
        if (cl_strncpy(d1, a, n) != d1 || (strncpy(d2, a, n), memcmp(d1, d2, sizeof d1) != 0)) {
            failures++; printf("FAIL strncpy(\"%s\", %zu)\n", a, n);
        }

        /* memset / memcpy on random ranges */
        {
            size_t off = lcg() % 50, len = lcg() % 50;
            int c = (int)(lcg() % 600) - 300;
            for (k = 0; k < 100; k++)
                m1[k] = m2[k] = (unsigned char)lcg();
            cases += 2;
            if (cl_memset(m1 + off, c, len) != m1 + off ||
                (memset(m2 + off, c, len), memcmp(m1, m2, sizeof m1) != 0)) {
                failures++; printf("FAIL memset\n");
            }
            for (k = 0; k < 100; k++)
                m2[k] = (unsigned char)lcg();
            memcpy(d2, m1, sizeof m1);
            if (cl_memcpy(m1 + off, m2 + 50, len) != m1 + off ||
                (memcpy(d2 + off, m2 + 50, len), memcmp(m1, d2, sizeof m1) != 0)) {
                failures++; printf("FAIL memcpy\n");
            }
        }
    }
    /* zero lengths with pointers one past the end */
    cases += 3;
    if (cl_memcmp(a, b, 0) != 0 || cl_strncmp("x", "y", 0) != 0 ||
        cl_memcpy(m1, m2, 0) != m1 || cl_memset(m1 + 100, 1, 0) != m1 + 100) {
        failures++; printf("FAIL zero lengths\n");
    }
}

int main(void)
{
    test_print_int();
    test_print_str_char();
    test_stdio();
    test_stdlib();
    test_string();
    printf("cases=%ld failures=%ld\n", cases, failures);
    return failures != 0;
}
"""


def _run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace", **kw)


def _build(tmp: Path, opt: str, sanitize: bool) -> Path:
    extra = SANITIZE if sanitize else []
    obj = tmp / "libc.o"
    r = _run(["gcc", opt, *LIBC_CFLAGS, *extra, "-I", str(INCLUDE), "-c", str(LIBC), "-o", str(obj)])
    assert r.returncode == 0, r.stderr
    # rename every symbol libc.o defines to cl_NAME (imports like __certa_write and the
    # sanitizer runtime keep their names)
    nm = _run(["nm", "--defined-only", "-g", "--format=posix", str(obj)])
    assert nm.returncode == 0, nm.stderr
    names = [line.split()[0] for line in nm.stdout.splitlines() if line.strip()]
    assert "__certa_print_int" in names and "memcpy" in names
    syms = tmp / "syms.txt"
    syms.write_text("".join(f"{n} cl_{n}\n" for n in names))
    r = _run(["objcopy", f"--redefine-syms={syms}", str(obj)])
    assert r.returncode == 0, r.stderr
    undef = _run(["nm", "--undefined-only", str(obj)]).stdout.split()
    allowed = {"U", "__certa_write", "__certa_alloc", "__certa_exit", "__certa_trap", "__certa_clock",
               "__certa_file_open"}
    leftover = [s for s in undef if s not in allowed and not s.startswith(("__asan", "__ubsan"))]
    assert not leftover, f"libc.c depends on symbols it does not define: {leftover}"

    driver = tmp / "driver.c"
    driver.write_text(DRIVER)
    exe = tmp / "driver"
    r = _run(["gcc", "-O1", "-std=gnu11", "-Wall", "-Wno-format-truncation", *extra,
              str(driver), str(obj), "-o", str(exe)])
    assert r.returncode == 0, r.stderr
    return exe


def _sanitizers_work(tmp: Path) -> bool:
    src = tmp / "probe.c"
    src.write_text("int main(void) { return 0; }\n")
    r = _run(["gcc", *SANITIZE, str(src), "-o", str(tmp / "probe")])
    return r.returncode == 0 and _run([str(tmp / "probe")]).returncode == 0


@pytest.mark.parametrize("opt,sanitize", [("-O0", True), ("-O2", False)])
def test_libc_against_system_libc(tmp_path, opt, sanitize):
    if sanitize and not _sanitizers_work(tmp_path):
        sanitize = False
    exe = _build(tmp_path, opt, sanitize)
    # free() is a no-op by design (a module's heap is dropped with it): no leak checks
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    r = _run([str(exe)], timeout=300, env=env)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-4000:]
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("cases=") and last.endswith("failures=0"), out[-4000:]
    assert int(last.split()[0].split("=")[1]) > 100000
    print(last)


def test_libc_uses_only_the_subset_headers():
    # libc.c must build against our headers only, with no help from the system
    text = LIBC.read_text()
    assert "#include <" in text
    for line in text.splitlines():
        if line.startswith("#include"):
            name = line.split("<")[1].split(">")[0]
            assert name in HEADERS, name


# ---- headers ----

def _preprocess(tmp: Path, source: str) -> str:
    src = tmp / "t.c"
    src.write_text(source)
    r = _run(["cpp", "-nostdinc", "-undef", "-I", str(INCLUDE), str(src)])
    assert r.returncode == 0, r.stderr
    return r.stdout


def _parse(text: str):
    pycparser = pytest.importorskip("pycparser")
    return pycparser.CParser().parse(text, "t.c")


pytestmark_cpp = pytest.mark.skipif(shutil.which("cpp") is None, reason="needs cpp")


@pytestmark_cpp
@pytest.mark.parametrize("header", HEADERS)
def test_header_parses_alone_and_twice(tmp_path, header):
    text = _preprocess(tmp_path, f"#include <{header}>\n#include <{header}>\nint main(void) {{ return 0; }}\n")
    _parse(text)


@pytestmark_cpp
def test_all_headers_together(tmp_path):
    includes = "".join(f"#include <{h}>\n" for h in HEADERS)
    body = r"""
int main(void)
{
    size_t s = SIZE_MAX;
    ptrdiff_t d = PTRDIFF_MIN;
    int8_t a = INT8_MIN; uint8_t b = UINT8_MAX; int16_t c = INT16_MIN; uint16_t e = UINT16_MAX;
    int32_t f = INT32_MIN; uint32_t g = UINT32_MAX; int64_t h = INT64_MIN; uint64_t k = UINT64_MAX;
    bool t = true, u = false;
    long l = LONG_MIN + LLONG_MIN + CHAR_MIN + SCHAR_MIN + SHRT_MIN + INT_MIN;
    unsigned long m = ULONG_MAX + ULLONG_MAX + UINT_MAX + USHRT_MAX + UCHAR_MAX;
    char *p = NULL;
    assert(s != 0);
    printf("%d\n", 1);
    puts("x"); putchar('y');
    p = malloc(10); free(p); p = calloc(1, 2);
    memset(p, 0, 2); memcpy(p, "a", 1); strlen("a"); strcmp("a", "b"); strncmp("a", "b", 1);
    strcpy(p, "a"); strncpy(p, "a", 1); strcat(p, ""); memcmp(p, p, 1);
    if (abs(-1) + labs(-1) + atoi("1") == 0) exit(EXIT_FAILURE);
    __certa_print_int(1, 'd', 0, 0); __certa_print_str("a", 0, 0);
    __certa_print_char('a', 0, 0); __certa_print_lit("a", 1);
    return EXIT_SUCCESS + EOF + CHAR_BIT + a + b + c + e + f + g + h + k + t + u + l + m + d;
}
"""
    _parse(_preprocess(tmp_path, includes + includes + body))


@pytestmark_cpp
def test_header_values_match_gcc(tmp_path):
    """The constants in our limits.h/stdint.h equal the system's (x86-64 LP64)."""
    names = ["CHAR_BIT", "SCHAR_MIN", "SCHAR_MAX", "CHAR_MIN", "CHAR_MAX", "UCHAR_MAX",
             "SHRT_MIN", "SHRT_MAX", "USHRT_MAX", "INT_MIN", "INT_MAX", "UINT_MAX",
             "LONG_MIN", "LONG_MAX", "ULONG_MAX", "LLONG_MIN", "LLONG_MAX", "ULLONG_MAX",
             "INT8_MIN", "INT8_MAX", "UINT8_MAX", "INT16_MIN", "INT16_MAX", "UINT16_MAX",
             "INT32_MIN", "INT32_MAX", "UINT32_MAX", "INT64_MIN", "INT64_MAX", "UINT64_MAX",
             "SIZE_MAX", "PTRDIFF_MIN", "PTRDIFF_MAX", "INTMAX_MIN", "INTMAX_MAX", "UINTMAX_MAX"]
    types = ["size_t", "ptrdiff_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
             "uint16_t", "uint32_t", "uint64_t", "intmax_t", "uintmax_t"]

    def program(sys: bool) -> str:
        inc = "#include <limits.h>\n#include <stdint.h>\n#include <stddef.h>\n#include <stdbool.h>\n"
        s = inc + "#include <stdio.h>\nint main(void) {\n"
        for n in names:
            s += f'    printf("{n} %s %d %d\\n", ({n}) < 0 ? "-" : "+", (int)sizeof({n}), ' \
                 f'(int)(({n}) < 0 ? 0 : 1));\n'
            s += f'    printf("{n}=%lu\\n", (unsigned long)({n}));\n'
        for t in types:
            s += f'    printf("{t} %d %d\\n", (int)sizeof({t}), (int)(({t})-1 < 0));\n'
        s += '    printf("bool %d %d\\n", (int)sizeof(bool), (int)true);\n'
        s += "    return 0;\n}\n"
        return s

    outs = []
    for sys in (True, False):
        src = tmp_path / f"v{sys}.c"
        src.write_text(program(sys))
        exe = tmp_path / f"v{sys}"
        if sys:
            cmd = ["gcc", "-std=c11", str(src), "-o", str(exe)]
        else:
            # our headers for the constants; the system libc still provides printf
            cmd = ["gcc", "-std=c11", "-nostdinc", "-I", str(INCLUDE), str(src), "-o", str(exe)]
        r = _run(cmd)
        assert r.returncode == 0, r.stderr
        outs.append(_run([str(exe)]).stdout)
    assert outs[0] == outs[1]


@pytestmark_cpp
def test_assert_and_ndebug(tmp_path):
    text = _preprocess(tmp_path, "#define NDEBUG\n#include <assert.h>\nvoid f(int x) { assert(x); }\n"
                                 "#undef NDEBUG\n#include <assert.h>\nvoid g(int x) { assert(x); }\n")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert "void f(int x) { ((void)0); }" in body
    assert "void g(int x) { ((x) ? (void)0 : __certa_trap(2, 6)); }" in body
    _parse(text)


# ---- benchmark kernels, built against our headers and libc ----

HOST_STUBS = r"""
#include <stdio.h>
#include <stdlib.h>
long __certa_write(const char *buf, long len) { return (long)fwrite(buf, 1, (size_t)len, stdout); }
void *__certa_alloc(unsigned long size) { return calloc(size ? size : 1, 1); }
void __certa_exit(int status) { exit(status); }
void __certa_trap(int kind, int line) { fprintf(stderr, "trap %d at %d\n", kind, line); exit(99); }
long __certa_clock(void) { return 1; }
long __certa_file_open(const char *path, long len) { (void)path; (void)len; return -1; }
"""


@pytest.mark.parametrize("kernel", sorted(p.stem for p in (ROOT / "bench" / "kernels").glob("*.c")))
def test_bench_kernel_with_certa_headers_and_libc(tmp_path, kernel):
    """Each benchmark kernel compiles against certa/include alone, and gives the same
    checksum linked with our libc as with the system's."""
    src = ROOT / "bench" / "kernels" / f"{kernel}.c"
    driver = ROOT / "bench" / "driver.c"
    _parse(_preprocess(tmp_path, src.read_text()))

    # reference: system headers and libc
    ref = tmp_path / "ref"
    for cmd in (["gcc", "-O1", "-Dmain=kernel_main", "-c", str(src), "-o", str(tmp_path / "k.o")],
                ["gcc", "-O1", str(tmp_path / "k.o"), str(driver), "-o", str(ref)]):
        r = _run(cmd)
        assert r.returncode == 0, r.stderr
    expected = _run([str(ref), "1", "1"]).stdout.split()[0]

    # ours: kernel + libc.c, freestanding, partially linked, everything but bench renamed
    flags = ["-O1", *LIBC_CFLAGS, "-I", str(INCLUDE)]
    cmds = [["gcc", *flags, "-Dmain=kernel_main", "-c", str(src), "-o", str(tmp_path / "kc.o")],
            ["gcc", *flags, "-c", str(LIBC), "-o", str(tmp_path / "libc.o")],
            ["ld", "-r", str(tmp_path / "kc.o"), str(tmp_path / "libc.o"), "-o", str(tmp_path / "all.o")]]
    for cmd in cmds:
        r = _run(cmd)
        assert r.returncode == 0, r.stderr
    nm = _run(["nm", "--defined-only", "-g", "--format=posix", str(tmp_path / "all.o")])
    names = [ln.split()[0] for ln in nm.stdout.splitlines() if ln.strip()]
    (tmp_path / "syms.txt").write_text("".join(f"{n} cl_{n}\n" for n in names if n != "bench"))
    r = _run(["objcopy", f"--redefine-syms={tmp_path / 'syms.txt'}", str(tmp_path / "all.o")])
    assert r.returncode == 0, r.stderr
    undef = set(_run(["nm", "--undefined-only", str(tmp_path / "all.o")]).stdout.split()) - {"U"}
    # only the host services (and printf, which the compiler lowers) stay external
    assert undef <= {"__certa_write", "__certa_alloc", "__certa_exit", "__certa_trap", "__certa_clock",
                     "__certa_file_open", "printf"}, undef
    (tmp_path / "host.c").write_text(HOST_STUBS)
    exe = tmp_path / "ours"
    r = _run(["gcc", "-O1", str(tmp_path / "all.o"), str(tmp_path / "host.c"), str(driver), "-o", str(exe)])
    assert r.returncode == 0, r.stderr
    got = _run([str(exe), "1", "1"]).stdout.split()[0]
    assert got == expected
