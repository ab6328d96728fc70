/* single - the whole wordfreq application in one gcc process: the three module
 * files and main.c itself, compiled together; main.c's file service comes from
 * shim/certa.h (stdio).  Build: gcc -O2 -I shim single.c -o single */
#include "../tokenizer.c"
#include "../counter.c"
#include "../ranker.c"
#include "../main.c"
