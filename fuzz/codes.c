/* codes: code values and typed field text (src/model/codes.c, validate.c). The input is
 * "LIST\nVALUE": the value is looked up in the named list (and, when no list has that
 * name, in every list), then parsed as every field of every entity and the row checked. */
#include "fuzz.h"
#include "model/codes.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char *nl = strchr(s, '\n');
	const char *list = s, *value = nl ? nl + 1 : s;
	if (nl) {
		*nl = '\0';
	}
	const struct codelist *cl = codelist_find(list);
	for (size_t i = 0; i < model_codelist_count; i++) {
		const struct codelist *l = cl ? cl : &model_codelists[i];
		bool valid = code_valid(l->name, value);
		const struct code *c = code_find(l, value);
		if (valid != (c != NULL) || !code_label(l->name, value)) {
			abort();
		}
		for (int y = 2017; y <= 2028; y++) {
			if (code_valid_in_year(l->name, value, y) && !valid) {
				abort();
			}
		}
		if (cl) {
			break;
		}
	}
	validate_text(value, false);
	validate_text(value, true);
	struct arena a = ARENA_INIT;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		struct hval *vals = calloc((size_t)e->n_fields, sizeof(*vals));
		for (int i = 0; i < e->n_fields; i++) {
			struct hearth_error err = {0};
			if (value_parse(&e->fields[i], value, &a, &vals[i], &err) != 0) {
				vals[i] = (struct hval){.null = true};
			} else {
				(void)value_text(&e->fields[i], &vals[i], &a);
			}
		}
		struct hearth_error err = {0};
		validate_row(e, vals, &err);
		free(vals);
	}
	arena_free(&a);
	free(s);
	return 0;
}
