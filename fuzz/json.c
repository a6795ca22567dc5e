/* json: a JSON body (src/web/http/json.c), parsed strictly and then read as a row of
 * every entity (as the API's writes read it), validated and written back out. */
#include "fuzz.h"
#include "model/validate.h"
#include "web/http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct web_request *r = calloc(1, sizeof(*r));
	json_t *o = NULL;
	if (web_json_object(r, (const char *)data, size, &o) == 0) {
		if (!json_is_object(o)) {
			abort();
		}
		for (int k = 0; k < model_entity_count; k++) {
			const struct entity *e = model_entities[k];
			struct hval *vals = calloc((size_t)e->n_fields, sizeof(*vals));
			bool *given = calloc((size_t)e->n_fields, sizeof(*given));
			for (int i = 0; i < e->n_fields; i++) {
				vals[i].null = true;
			}
			json_decref(r->out);
			r->out = NULL;
			if (web_json_to_row(r, e, o, vals, given) == 0) {
				struct hearth_error err = {0};
				validate_row(e, vals, &err);
				json_t *back = web_json_row(e, 1, vals, &r->a);
				char *text = json_dumps(back, 0);
				free(text);
				json_decref(back);
			} else if (r->status != 400) {
				abort();
			}
			free(vals);
			free(given);
		}
		json_decref(o);
	} else if (r->status != 400 || !r->out) {
		abort();
	}
	json_decref(r->out);
	arena_free(&r->a);
	free(r);
	return 0;
}
