/* uri: the request target, decoded strictly before anything reads it.
 *
 * libmicrohttpd hands the access handler a path it has already unescaped, which would
 * turn "%00" into an early end of string; so Hearth takes the raw target from the URI
 * log callback and decodes it here. Invariants on what leaves this file: every path and
 * parameter is valid UTF-8 with no NUL and no control characters; no path segment is "."
 * or ".."; no parameter is repeated; at most WEB_QUERY_MAX * 2 parameters. Anything else
 * is answered 400 naming the rule, and the request goes no further. */
#include <string.h>

#include "model/validate.h"
#include "web/http/http.h"

#define URI_MAX 4096

static int hex(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Decodes s[0..n) into the arena; plus_space turns '+' into ' ' (query strings). Returns
 * NULL and names the rule when the text is not acceptable. */
static char *decode(struct arena *a, const char *s, size_t n, bool plus_space, bool multiline, const char **rule)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int h = i + 2 < n ? hex(s[i + 1]) : -1;
			int l = i + 2 < n ? hex(s[i + 2]) : -1;
			if (h < 0 || l < 0) {
				*rule = "escape";
				return NULL;
			}
			c = (unsigned char)(h * 16 + l);
			i += 2;
			if (c == 0) {
				*rule = "nul";
				return NULL;
			}
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (multiline && c == '\r') {
			continue; /* a browser's CRLF is stored as LF */
		}
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7f) {
			*rule = "control";
			return NULL;
		}
		*o++ = (char)c;
	}
	*o = '\0';
	if (!validate_text(out, multiline)) {
		*rule = "utf8";
		return NULL;
	}
	return out;
}

static int bad(struct web_request *r, const char *field, const char *rule)
{
	return web_fail(r, 400, field, rule, "the request's %s is not acceptable (%s)", field, rule);
}

int web_uri_parse(struct web_request *r)
{
	const char *u = r->raw_uri ? r->raw_uri : "";
	size_t len = strlen(u);
	if (len == 0 || u[0] != '/' || len > URI_MAX) {
		return bad(r, "path", len > URI_MAX ? "length" : "path");
	}
	size_t plen = strcspn(u, "?#");
	const char *rule = NULL;
	char *path = decode(&r->a, u, plen, false, false, &rule);
	if (!path) {
		return bad(r, "path", rule);
	}
	/* No "." or ".." segments: nothing here maps to files, but no path may even look like
	 * it climbs. */
	for (const char *p = path; *p;) {
		const char *seg = p + 1;
		size_t n = strcspn(seg, "/");
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.')) {
			return bad(r, "path", "path_traversal");
		}
		p = seg + n;
		if (!*p) {
			break;
		}
	}
	r->path = path;
	if (u[plen] != '?') {
		return 0;
	}
	const char *q = u + plen + 1;
	return web_pairs_parse(r, "query", q, strcspn(q, "#"), false, r->query, sizeof(r->query) / sizeof(r->query[0]),
			       &r->n_query);
}

int web_pairs_parse(struct web_request *r, const char *what, const char *text, size_t len, bool multiline,
		    struct web_param *out, size_t max, size_t *n_out)
{
	const char *q = text, *end = text + len;
	const char *rule = NULL;
	*n_out = 0;
	while (q < end) {
		const char *amp = memchr(q, '&', (size_t)(end - q));
		const char *stop = amp ? amp : end;
		if (stop > q) {
			const char *eq = memchr(q, '=', (size_t)(stop - q));
			const char *name_end = eq ? eq : stop;
			char *name = decode(&r->a, q, (size_t)(name_end - q), true, false, &rule);
			char *value = name ? decode(&r->a, eq ? eq + 1 : stop, eq ? (size_t)(stop - eq - 1) : 0, true,
						    multiline, &rule)
					   : NULL;
			if (!name || !value) {
				return bad(r, what, rule);
			}
			if (*n_out >= max) {
				return web_fail(r, 400, what, "too_many", "too many %s parameters", what);
			}
			for (size_t i = 0; i < *n_out; i++) {
				if (strcmp(out[i].name, name) == 0) {
					return web_fail(r, 400, name, "repeated", "the parameter %s is given twice", name);
				}
			}
			out[(*n_out)++] = (struct web_param){name, value};
		}
		q = stop + 1;
	}
	return 0;
}
