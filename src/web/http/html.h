/* html: the one way HTML is written. Escaping by construction.
 *
 * html_f's format is markup written by us: the compiler insists it is a string literal
 * (-Wformat-nonliteral, part of -Wformat=2, is an error in the test build), and every %s
 * argument is escaped for text and attribute values alike (& < > " '). There is no way
 * to put a runtime string into the page unescaped; a fragment built elsewhere is added
 * with html_fragment, which takes only another struct html (itself built this way).
 *
 * Conversions: %s (escaped; NULL writes nothing), %d %i %u %ld %lld %lu %llu %zu %zd %x
 * (numbers), %c (escaped), %% — with the usual flags and widths for numbers. %s also
 * takes a precision (%.*s). Anything else is a programming error and aborts. */
#ifndef HEARTH_WEB_HTML_H
#define HEARTH_WEB_HTML_H

#include <stdarg.h>
#include <stddef.h>

#include "base/buf.h"

struct html {
	struct buf b;
};

void html_f(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vf(struct html *h, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Escaped text, n bytes of s. */
void html_text(struct html *h, const char *s, size_t n);
/* Appends what another writer built (already safe). */
void html_fragment(struct html *h, const struct html *part);
/* A URL query value, percent-encoded (then, as any %s, escaped when written by html_f). */
const char *html_url_encode(const char *s, char *out, size_t out_size);
void html_free(struct html *h);

#endif
