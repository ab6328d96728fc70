/* stdlib.h - Certa */
#ifndef __CERTA_STDLIB_H
#define __CERTA_STDLIB_H

#include "certa.h"

#ifndef __CERTA_SIZE_T
#define __CERTA_SIZE_T
typedef unsigned long size_t;
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* Memory comes from the module's heap (zero-filled) and is reclaimed when the
   module instance is dropped; free does nothing. */
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void free(void *ptr);

void exit(int status);

int abs(int j);
long labs(long j);
int atoi(const char *nptr);
long atol(const char *nptr);

#endif
