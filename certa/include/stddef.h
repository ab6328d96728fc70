/* stddef.h - Certa (x86-64, LP64) */
#ifndef __CERTA_STDDEF_H
#define __CERTA_STDDEF_H

#ifndef __CERTA_SIZE_T
#define __CERTA_SIZE_T
typedef unsigned long size_t;
#endif

#ifndef __CERTA_PTRDIFF_T
#define __CERTA_PTRDIFF_T
typedef long ptrdiff_t;
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

/* offsetof is not provided: it needs a pointer-to-integer cast, which the
   Certa subset does not allow. */

#endif
