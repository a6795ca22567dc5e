/* mem: allocation that never returns NULL.
 *
 * Hearth treats running out of memory as fatal (as Fossil, mandoc and h2o do): a failed
 * allocation prints one line and aborts, so no caller carries half-handled OOM paths. */
#ifndef HEARTH_BASE_MEM_H
#define HEARTH_BASE_MEM_H

#include <stddef.h>

/* Each returns memory the caller owns and frees with free(); never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
