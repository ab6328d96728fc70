/* certa.h - host services of the Certa runtime (internal).
 *
 * Names starting with __certa_ are reserved for the implementation.
 * These functions are imported from the runtime; user programs should use
 * the standard headers (stdio.h, stdlib.h, ...) instead.
 */
#ifndef __CERTA_H
#define __CERTA_H

/* Write len bytes of buf to the console; returns the number written. */
long __certa_write(const char *buf, long len);

/* A zero-filled block of size bytes, or 0 (NULL) when out of heap. */
void *__certa_alloc(unsigned long size);

/* Stop the module with the given status; never returns. */
void __certa_exit(int status);

/* Trap with a reason; never returns.  Kinds: 2 = assertion failed. */
void __certa_trap(int kind, int line);

#define __CERTA_TRAP_ASSERT 2

/* Nanoseconds of the host's monotonic clock (a capability: the manifest grants "clock"). */
long __certa_clock(void);
long certa_clock_ns(void);

/* Read-only files under the directory the manifest grants ("files"). Paths are relative to
 * it ("data/in.txt"); no "..", no absolute paths, no symbolic links.
 * open: a handle >= 0, or -1.  size: the file's size in bytes, or -1.
 * read: up to len bytes at offset into buf; the number read (0 at the end), or -1. */
long __certa_file_open(const char *path, long len);
long __certa_file_size(long handle);
long __certa_file_read(long handle, char *buf, long len, long offset);
long __certa_file_close(long handle);   /* 0, or -1 for a handle that is not open */
long certa_file_open(const char *path);
#define certa_file_size __certa_file_size
#define certa_file_read __certa_file_read
#define certa_file_close __certa_file_close

#endif
