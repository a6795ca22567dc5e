/* form: a page's POSTed application/x-www-form-urlencoded body (web_pairs_parse with
 * multiline values, as src/web/pages reads forms). Accepted values are valid UTF-8 with
 * no control character but tab and newline, and no CR (a browser's CRLF becomes LF). */
#include "fuzz.h"
#include "model/validate.h"
#include "web/http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct web_request *r = calloc(1, sizeof(*r));
	if (web_pairs_parse(r, "form", (const char *)data, size, true, r->form, WEB_FORM_MAX, &r->n_form) == 0) {
		if (r->n_form > WEB_FORM_MAX) {
			abort();
		}
		for (size_t i = 0; i < r->n_form; i++) {
			if (!validate_text(r->form[i].name, false) || !validate_text(r->form[i].value, true) ||
			    strchr(r->form[i].value, '\r')) {
				abort();
			}
		}
	} else if (r->status != 400 || !r->out) {
		abort();
	}
	json_decref(r->out);
	arena_free(&r->a);
	free(r);
	return 0;
}
