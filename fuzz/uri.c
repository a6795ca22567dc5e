/* uri: a request target as libmicrohttpd hands it over (src/web/http/uri.c). Whatever it
 * accepts must keep uri.c's promises: every path and parameter valid UTF-8 without NUL or
 * control characters, no "." or ".." segment, no parameter twice. */
#include "fuzz.h"
#include "model/validate.h"
#include "web/http/http.h"

static void check_path(const char *p)
{
	if (!p || p[0] != '/' || !validate_text(p, false)) {
		abort();
	}
	for (const char *s = p; *s; s++) {
		if (s[0] == '/' && s[1] == '.' && (s[2] == '/' || !s[2] || (s[2] == '.' && (s[3] == '/' || !s[3])))) {
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct web_request *r = calloc(1, sizeof(*r));
	r->raw_uri = fuzz_string(data, size);
	if (web_uri_parse(r) == 0) {
		check_path(r->path);
		for (size_t i = 0; i < r->n_query; i++) {
			if (!validate_text(r->query[i].name, false) || !validate_text(r->query[i].value, false)) {
				abort();
			}
			for (size_t j = 0; j < i; j++) {
				if (strcmp(r->query[i].name, r->query[j].name) == 0) {
					abort();
				}
			}
		}
	} else if (r->status != 400 || !r->out) {
		abort(); /* a refusal is always a 400 with its answer */
	}
	json_decref(r->out);
	free(r->raw_uri);
	arena_free(&r->a);
	free(r);
	return 0;
}
