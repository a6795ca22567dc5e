/* buf: a growable, always NUL-terminated byte string.
 *
 * The caller owns a buf and releases it with buf_free(); buf_take() hands the bytes over
 * (free() them). All appends abort on out-of-memory, so none can fail. */
#ifndef HEARTH_BASE_BUF_H
#define HEARTH_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap;
};

#define BUF_INIT {0}

void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The contents as a C string ("" when empty); valid until the next append. */
const char *buf_cstr(const struct buf *b);
void buf_reset(struct buf *b);
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

#endif
