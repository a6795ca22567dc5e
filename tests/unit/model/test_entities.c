/* The entity descriptors are consistent: every code list and reference they name exists,
 * every date rule compares dates, and the child link is where it says. */
#include "test.h"

#include <string.h>

#include "model/codes.h"
#include "model/entity.h"

static void every_code_field_names_a_list(void **state)
{
	(void)state;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		for (int i = 0; i < e->n_fields; i++) {
			const struct field *f = &e->fields[i];
			if (f->type == FT_CODE) {
				if (!codelist_find(f->arg)) {
					fail_msg("%s.%s names no code list '%s'", e->name, f->name, f->arg);
				}
			} else if (f->type == FT_REF) {
				if (!entity_find(f->arg)) {
					fail_msg("%s.%s refers to no entity '%s'", e->name, f->name, f->arg);
				}
			} else {
				assert_null(f->arg);
			}
			assert_non_null(f->label);
			assert_true(strlen(f->label) > 0);
		}
	}
}

static void child_links_and_date_rules(void **state)
{
	(void)state;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field >= 0) {
			assert_string_equal(e->fields[e->child_field].name, "child_id");
			assert_string_equal(e->fields[e->child_field].arg, "child");
		} else {
			assert_int_equal(entity_field_index(e, "child_id"), -1);
		}
		for (int i = 0; i < e->n_orders; i++) {
			enum field_type a = e->fields[e->orders[i].before].type, b = e->fields[e->orders[i].after].type;
			assert_true(a == FT_DATE || a == FT_INSTANT);
			assert_true(b == a);
			assert_non_null(e->orders[i].rule);
		}
	}
}

static void names_are_unique_and_found(void **state)
{
	(void)state;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		assert_ptr_equal(entity_find(e->name), e);
		for (int i = 0; i < e->n_fields; i++) {
			assert_int_equal(entity_field_index(e, e->fields[i].name), i);
			assert_string_not_equal(e->fields[i].name, "id");
			assert_string_not_equal(e->fields[i].name, "voided");
		}
	}
	assert_null(entity_find("no_such_table"));
	/* The generated enums follow the descriptor order. */
	assert_string_equal(entity_visit.fields[VISIT_SEEN_ALONE].name, "seen_alone");
	assert_string_equal(entity_cla_episode.fields[CLA_EPISODE_REASON_PLACE_CHANGE].name, "reason_place_change");
	assert_int_equal(entity_child.n_fields, CHILD__COUNT);
}

/* Every hint names a real table and column (a hint for a renamed column would vanish). */
static void every_hint_names_a_field(void **state)
{
	(void)state;
	size_t n = 0;
#define HINT(e, col, hint)                                                              \
	do {                                                                              \
		const struct entity *en = entity_find(#e);                                \
		if (!en || entity_field_index(en, #col) < 0) {                            \
			fail_msg("hint for %s.%s: no such field", #e, #col);                \
		}                                                                         \
		assert_string_equal(entity_field_hint(en, entity_field_index(en, #col)), hint); \
		n++;                                                                      \
	} while (0);
	HEARTH_FIELD_HINTS(HINT)
#undef HINT
	assert_true(n > 0);
	assert_null(entity_field_hint(&entity_visit, VISIT_VISIT_DATE));
	assert_null(entity_field_hint(&entity_visit, -1));
	assert_null(entity_field_hint(&entity_visit, entity_visit.n_fields));
}

/* Every condition on a field names fields of its kind; the deciding field is one a form
 * draws as radios (yes/no, or a list of 7 codes or fewer, as web/pages/page.c RADIOS_MAX),
 * each value one it may hold; and the field shown is never required (a form ignores it
 * when hidden, so a required one could never be saved). */
static void every_condition_names_radios_and_their_values(void **state)
{
	(void)state;
	size_t n = 0;
#define SHOWN(e, col, when, values)                                                                    \
	do {                                                                                           \
		const struct entity *en = entity_find(#e);                                             \
		int f = en ? entity_field_index(en, #col) : -1, w = en ? entity_field_index(en, #when) : -1; \
		if (f < 0 || w < 0 || f == w) {                                                        \
			fail_msg("condition on %s.%s: no such field", #e, #col);                          \
		}                                                                                      \
		const char *vs = NULL;                                                                 \
		assert_int_equal(entity_field_shown_when(en, f, &vs), w);                              \
		assert_string_equal(vs, values);                                                       \
		assert_false(en->fields[f].flags & F_REQUIRED);                                        \
		const struct field *wf = &en->fields[w];                                               \
		const struct codelist *cl = wf->type == FT_CODE ? codelist_find(wf->arg) : NULL;       \
		assert_true(wf->type == FT_BOOL || (cl && cl->n <= 7));                                \
		for (const char *p = vs; *p;) {                                                        \
			size_t len = strcspn(p, ",");                                                  \
			char v[32];                                                                    \
			assert_true(len > 0 && len < sizeof(v));                                       \
			memcpy(v, p, len);                                                             \
			v[len] = '\0';                                                                 \
			assert_true(wf->type == FT_BOOL ? strcmp(v, "yes") == 0 || strcmp(v, "no") == 0 \
							: code_find(cl, v) != NULL);                   \
			assert_true(entity_value_among(vs, v));                                        \
			p += len + (p[len] == ',');                                                    \
		}                                                                                      \
		n++;                                                                                   \
	} while (0);
	HEARTH_FIELD_SHOWN_WHEN(SHOWN)
#undef SHOWN
	assert_true(n > 0);
	assert_int_equal(entity_field_shown_when(&entity_visit, VISIT_VISIT_DATE, NULL), -1);
	assert_false(entity_value_among("P,T,U,B", "S"));
	assert_false(entity_value_among("P,T,U,B", ""));
	assert_false(entity_value_among("yes", "ye"));
	assert_true(entity_value_among("P,T,U,B", "B"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_field_names_a_list),
		cmocka_unit_test(child_links_and_date_rules),
		cmocka_unit_test(names_are_unique_and_found),
		cmocka_unit_test(every_hint_names_a_field),
		cmocka_unit_test(every_condition_names_radios_and_their_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
