/* assert.h - Certa
 *
 * As the C standard requires, this header may be included more than once and
 * assert is redefined each time according to the current state of NDEBUG.
 * A failed assertion traps (kind 2) with the source line; it never returns.
 */
#include "certa.h"

#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __certa_trap(2, __LINE__))
#endif

