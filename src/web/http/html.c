/* html: the escaping writer (see html.h for the contract). */
#include "web/http/html.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_text(struct html *h, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(&h->b, s + start, i - start);
		buf_puts(&h->b, rep);
		start = i + 1;
	}
	buf_append(&h->b, s + start, n - start);
}

void html_fragment(struct html *h, const struct html *part)
{
	buf_append(&h->b, part->b.data ? part->b.data : "", part->b.len);
}

void html_free(struct html *h)
{
	buf_free(&h->b);
}

const char *html_url_encode(const char *s, char *out, size_t out_size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;
	for (; s && *s && k + 4 < out_size; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~", c)) {
			out[k++] = (char)c;
		} else {
			out[k++] = '%';
			out[k++] = hex[c >> 4];
			out[k++] = hex[c & 15];
		}
	}
	out[k] = '\0';
	return out;
}

/* One numeric conversion, spec being "%<flags><width><length><conv>", cut from html_f's
 * own format, which the compiler has checked against the arguments: the one place a
 * format is not a literal. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void number(struct html *h, const char *spec, size_t spec_len, char length, char conv, va_list *ap)
{
	char f[32], out[64];
	if (spec_len >= sizeof(f)) {
		abort();
	}
	memcpy(f, spec, spec_len);
	f[spec_len] = '\0';
	int n;
	bool is_signed = conv == 'd' || conv == 'i';
	switch (length) {
	case 'L': /* ll */
		n = is_signed ? snprintf(out, sizeof(out), f, va_arg(*ap, long long))
			      : snprintf(out, sizeof(out), f, va_arg(*ap, unsigned long long));
		break;
	case 'l':
		n = is_signed ? snprintf(out, sizeof(out), f, va_arg(*ap, long))
			      : snprintf(out, sizeof(out), f, va_arg(*ap, unsigned long));
		break;
	case 'z':
		n = is_signed ? snprintf(out, sizeof(out), f, va_arg(*ap, ssize_t))
			      : snprintf(out, sizeof(out), f, va_arg(*ap, size_t));
		break;
	default:
		n = is_signed ? snprintf(out, sizeof(out), f, va_arg(*ap, int))
			      : snprintf(out, sizeof(out), f, va_arg(*ap, unsigned));
		break;
	}
	if (n > 0) {
		buf_append(&h->b, out, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1);
	}
}

#pragma GCC diagnostic pop

void html_vf(struct html *h, const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_puts(&h->b, p);
			break;
		}
		buf_append(&h->b, p, (size_t)(pct - p));
		const char *q = pct + 1;
		if (*q == '%') {
			buf_putc(&h->b, '%');
			p = q + 1;
			continue;
		}
		q += strspn(q, "-+ #0");
		q += strspn(q, "0123456789");
		int precision = -1;
		if (q[0] == '.' && q[1] == '*') {
			precision = va_arg(ap, int);
			q += 2;
		}
		char length = 0;
		if (q[0] == 'l' && q[1] == 'l') {
			length = 'L';
			q += 2;
		} else if (*q == 'l' || *q == 'z') {
			length = *q++;
		}
		char conv = *q;
		switch (conv) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (s) {
				size_t n = precision >= 0 ? strnlen(s, (size_t)precision) : strlen(s);
				html_text(h, s, n);
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			html_text(h, &c, 1);
			break;
		}
		case 'd': case 'i': case 'u': case 'x':
			if (precision >= 0) {
				abort();
			}
			number(h, pct, (size_t)(q - pct + 1), length, conv, &ap);
			break;
		default:
			abort(); /* a conversion this writer does not take: a bug in our markup */
		}
		p = q + 1;
	}
	va_end(ap);
}

void html_f(struct html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vf(h, fmt, ap);
	va_end(ap);
}
