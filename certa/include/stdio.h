/* stdio.h - Certa
 *
 * Output only, to the console service.  printf must be called with a string
 * literal as its format; the compiler lowers each call into calls of the
 * __certa_print_* functions below (integer, character and string
 * conversions with the flags "-0+ #" and a field width).
 */
#ifndef __CERTA_STDIO_H
#define __CERTA_STDIO_H

#include "certa.h"

#ifndef __CERTA_SIZE_T
#define __CERTA_SIZE_T
typedef unsigned long size_t;
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

#define EOF (-1)

int printf(const char *format, ...);
int puts(const char *s);
int putchar(int c);

/* Used by the compiler's lowering of printf (reserved names).
   conv: 'd' signed decimal, 'u' unsigned decimal, 'x'/'X' hexadecimal (for
   u/x/X the 64-bit pattern of value is printed as unsigned).
   flags: 1 '-', 2 '0', 4 '+', 8 ' ', 16 '#'.  width: minimum field width.
   Each returns the number of characters written. */
#define __CERTA_PF_MINUS 1
#define __CERTA_PF_ZERO  2
#define __CERTA_PF_PLUS  4
#define __CERTA_PF_SPACE 8
#define __CERTA_PF_HASH  16

int __certa_print_int(long value, int conv, int flags, int width);
int __certa_print_str(const char *s, int flags, int width);
int __certa_print_char(int c, int flags, int width);
int __certa_print_lit(const char *s, long len);

#endif
