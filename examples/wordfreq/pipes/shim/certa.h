/* certa.h - gcc shim for the wordfreq example (NOT Certa's header).
 *
 * The module files are built with gcc for the pipes twin and the single-process
 * reference; main.c includes <certa.h> for the file service.  With
 * `gcc -I pipes/shim` this header stands in for it: the same four functions,
 * implemented with stdio (and close).  Paths are relative to the current directory (Certa:
 * to the directory the manifest grants).  At most 16 open files.
 */
#ifndef WORDFREQ_CERTA_SHIM_H
#define WORDFREQ_CERTA_SHIM_H

#include <stdio.h>

#define CERTA_SHIM_FILES 16

static FILE *certa_shim_files[CERTA_SHIM_FILES];

/* a handle >= 0, or -1 */
static inline long certa_file_open(const char *path)
{
    long h;

    for (h = 0; h < CERTA_SHIM_FILES; h++) {
        if (certa_shim_files[h] == NULL) {
            certa_shim_files[h] = fopen(path, "rb");
            return certa_shim_files[h] != NULL ? h : -1;
        }
    }
    return -1;
}

/* the file's size in bytes, or -1 */
static inline long certa_file_size(long h)
{
    if (h < 0 || h >= CERTA_SHIM_FILES || certa_shim_files[h] == NULL)
        return -1;
    if (fseek(certa_shim_files[h], 0, SEEK_END) != 0)
        return -1;
    return ftell(certa_shim_files[h]);
}

/* up to len bytes at offset into buf: the number read (0 at the end), or -1 */
static inline long certa_file_read(long h, char *buf, long len, long offset)
{
    size_t got;

    if (h < 0 || h >= CERTA_SHIM_FILES || certa_shim_files[h] == NULL || len < 0 || offset < 0)
        return -1;
    if (fseek(certa_shim_files[h], offset, SEEK_SET) != 0)
        return -1;
    got = fread(buf, 1, (size_t)len, certa_shim_files[h]);
    if (got == 0 && ferror(certa_shim_files[h]))
        return -1;
    return (long)got;
}

/* the monotonic clock, as Certa's certa_clock_ns() */
#include <time.h>
static inline long certa_clock_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* 0, or -1 if the handle is not open */
static inline long certa_file_close(long h)
{
    if (h < 0 || h >= CERTA_SHIM_FILES || certa_shim_files[h] == NULL)
        return -1;
    fclose(certa_shim_files[h]);
    certa_shim_files[h] = NULL;
    return 0;
}

#endif
