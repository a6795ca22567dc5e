/* cookie: the Cookie header. libmicrohttpd splits it into name=value pairs (its own
 * parser, exercised by tests/hostile); what Hearth reads of it is the session token, taken
 * only when it is exactly 64 lowercase hex digits (web_auth_token_ok in auth.c). The
 * harness splits the header as RFC 6265 does and checks the token test on every value. */
#include "fuzz.h"
#include "web/http/http.h"

static bool shape(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return n == 64 && s[n] == '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_string(data, size);
	if (web_auth_token_ok(h) != shape(h)) {
		abort();
	}
	char *save = NULL;
	for (char *p = strtok_r(h, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(p, '=');
		const char *v = eq ? eq + 1 : p;
		if (web_auth_token_ok(v) != shape(v)) {
			abort();
		}
	}
	free(h);
	return 0;
}
