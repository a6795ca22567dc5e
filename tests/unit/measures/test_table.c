/* test_table: the measure table and the engine's mechanics — every measure DOMAIN.md §5
 * names is there with its parts complete; a trend (several as-at dates in one pass) equals
 * separate runs; the drill-down keeps the subjects asked for and no others; the JSON has
 * the shape the issue fixes ({"as_at", "measures": [{"id", "title", "numerator",
 * "denominator", "rate", ...}]}). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "measures/measures.h"
#include "test.h"

#include "fixture.h"

static void every_domain_measure_is_in_the_table(void **state)
{
	(void)state;
	static const char *const ids[] = {"FD1",  "FD2",  "AS1",  "CP1",  "CP2", "CP3", "CLA1",	 "CLA2",  "CLA3", "CLA4",
					  "ED1",  "MIS1", "LEG1", "PER1", "SW1", "VOI1", "CL1", "WF1", "LADO1", "EH1", "SUP1", "PP1", "KIN1"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		if (!measures_find(ids[i])) {
			fail_msg("measure %s is missing", ids[i]);
		}
	}
	assert_int_equal(measures_count, (int)(sizeof(ids) / sizeof(ids[0])));
	assert_null(measures_find("XX9"));
	const struct measures_def *m;
	assert_non_null(measures_find_part("CL1.in_touch", &m));
	assert_string_equal(m->id, "CL1");
	assert_non_null(measures_find_part("FD1", NULL));
	assert_null(measures_find_part("CL1", NULL)); /* a measure with parts is not a part */
}

static void every_part_is_complete(void **state)
{
	(void)state;
	for (int i = 0; i < measures_count; i++) {
		const struct measures_def *m = &measures_table[i];
		assert_true(m->title && strlen(m->title) > 3);
		assert_true(m->definition && strlen(m->definition) > 40);
		assert_true(m->judgement > JUDGEMENT_NONE && m->judgement < JUDGEMENT_MAX);
		assert_true(m->child || m->finish);
		assert_true(m->n_parts >= 1);
		size_t len = strlen(m->id);
		for (int k = 0; k < m->n_parts; k++) {
			const struct measures_part_def *p = &m->parts[k];
			if (!p->id || !p->title || !p->numerator || !p->denominator || !p->unit) {
				fail_msg("%s: part %d has an empty slot", m->id, k);
			}
			if (m->n_parts == 1) {
				assert_string_equal(p->id, m->id);
			} else if (strncmp(p->id, m->id, len) != 0 || p->id[len] != '.' || !p->id[len + 1]) {
				fail_msg("%s: part id %s does not begin with '%s.'", m->id, p->id, m->id);
			}
			assert_true(p->kind < KIND_MAX && p->subject < SUBJECT_MAX);
			assert_int_equal(p->kind == KIND_COUNT, p->denominator[0] == '\0');
			assert_int_equal(p->kind == KIND_RATIO, p->unit[0] != '\0');
			assert_true(measures_part_judgement(m, p) > JUDGEMENT_NONE);
			for (int j = 0; j <= i; j++) {
				for (int q = 0; q < measures_table[j].n_parts; q++) {
					const struct measures_part_def *o = &measures_table[j].parts[q];
					if (o != p && strcmp(o->id, p->id) == 0) {
						fail_msg("part id %s twice", p->id);
					}
				}
			}
		}
	}
	for (int j = JUDGEMENT_LEADERS; j < JUDGEMENT_MAX; j++) {
		assert_true(strlen(measures_judgement_title((enum measures_judgement)j)) > 20);
	}
}

#define CONTACT(id_, date_, decided_) {.id = id_, .date = date_, .decision_date = decided_, .source = "1A", .decision = "nfa"}

/* One run over three as-at dates gives what three runs give. Contacts: 10 Jan 2025 (decided
 * in time), 5 Feb 2025 (decided 10 Feb: late), 3 Mar 2025 (decided 4 Mar).
 * As at 31 Jan: 1 / 1; 28 Feb: 1 / 2; 31 Mar: 2 / 3. */
static void a_trend_is_one_pass_over_many_dates(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2015, 1, 1));
	PUT(c, contacts, struct cf_contact, CONTACT(1, D(2025, 1, 10), D(2025, 1, 10)),
	    CONTACT(2, D(2025, 2, 5), D(2025, 2, 10)), CONTACT(3, D(2025, 3, 3), D(2025, 3, 4)));
	hdate dates[] = {D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31)};
	struct measures_run *run3 = measures_run_new(&A, &IN, dates, 3, NULL);
	measures_run_child(run3, c);
	struct measures_result *rs = measures_run_finish(run3);
	static const double want[3][2] = {{1, 1}, {1, 2}, {2, 3}};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rs[i].as_at, dates[i]);
		expect(&rs[i], "FD1", want[i][0], want[i][1]);
		struct casefile *cfs[] = {c};
		struct measures_result *one = run(cfs, 1, dates[i], NULL);
		for (size_t k = 0; k < one->n_parts; k++) {
			assert_true(one->parts[k].num == rs[i].parts[k].num && one->parts[k].den == rs[i].parts[k].den);
		}
	}
	assert_int_equal(rs[2].period_from, D(2024, 4, 1));
	json_t *t = measures_trend_to_json(rs, 3, "FD1");
	json_t *series = json_object_get(t, "series");
	assert_int_equal(json_array_size(series), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(series, 1), "as_at")), "2025-02-28");
	assert_true(json_real_value(json_object_get(json_array_get(series, 1), "rate")) == 0.5);
	json_decref(t);
}

/* collect "CL1" keeps every CL1 part's subjects and nothing else's; NULL keeps none. */
static void the_drill_down_keeps_what_was_asked(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2015, 1, 1));
	PUT(c, contacts, struct cf_contact, CONTACT(1, D(2025, 1, 10), D(2025, 1, 10)));
	struct casefile *cfs[] = {c};
	struct measures_result *r = run(cfs, 1, AS_AT, "FD");
	assert_false(measures_result_part(r, "FD1")->collected); /* "FD" is not a prefix of parts */
	r = run(cfs, 1, AS_AT, "CL1");
	for (size_t i = 0; i < r->n_parts; i++) {
		bool cl1 = strncmp(r->parts[i].def->id, "CL1.", 4) == 0;
		assert_int_equal(r->parts[i].collected, cl1);
	}
	r = run(cfs, 1, AS_AT, "*");
	const struct measures_part_result *p = measures_result_part(r, "FD1");
	assert_true(p->collected);
	assert_int_equal(p->n_items, 1);
	size_t n;
	int64_t *ids = measures_drill(r, "FD1", true, &A, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 1);
	assert_null(measures_drill(run(cfs, 1, AS_AT, NULL), "FD1", true, &A, &n));
	assert_int_equal(n, 0);
}

/* The JSON report: one entry per part, counts as integers, rates rounded, a count's
 * denominator and rate null, an empty part's rate null. */
static void the_json_has_one_entry_per_part(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2015, 1, 1));
	PUT(c, contacts, struct cf_contact, CONTACT(1, D(2025, 1, 10), D(2025, 1, 10)),
	    CONTACT(2, D(2025, 2, 5), D(2025, 2, 10)), CONTACT(3, D(2025, 3, 3), D(2025, 3, 4)));
	struct casefile *cfs[] = {c};
	struct measures_result *r = run(cfs, 1, AS_AT, "FD1");
	json_t *doc = measures_to_json(r);
	assert_string_equal(json_string_value(json_object_get(doc, "as_at")), "2025-03-31");
	json_t *arr = json_object_get(doc, "measures");
	size_t parts = 0;
	for (int i = 0; i < measures_count; i++) {
		parts += (size_t)measures_table[i].n_parts;
	}
	assert_int_equal(json_array_size(arr), parts);
	json_t *fd1 = json_array_get(arr, 0);
	assert_string_equal(json_string_value(json_object_get(fd1, "id")), "FD1");
	assert_string_equal(json_string_value(json_object_get(fd1, "title")), "Contacts decided within 1 working day");
	assert_int_equal(json_integer_value(json_object_get(fd1, "numerator")), 2);
	assert_int_equal(json_integer_value(json_object_get(fd1, "denominator")), 3);
	assert_true(json_real_value(json_object_get(fd1, "rate")) == 0.6667);
	assert_string_equal(json_string_value(json_object_get(fd1, "judgement")), "help_protection");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);
		const char *id = json_string_value(json_object_get(e, "id"));
		if (strcmp(id, "EH1.open") == 0) {
			assert_true(json_is_null(json_object_get(e, "denominator")));
			assert_true(json_is_null(json_object_get(e, "rate")));
		}
		if (strcmp(id, "CLA1") == 0) {
			assert_int_equal(json_integer_value(json_object_get(e, "denominator")), 0);
			assert_true(json_is_null(json_object_get(e, "rate")));
		}
	}
	json_decref(doc);
	json_t *one = measures_part_to_json(r, measures_result_part(r, "FD1"), 3);
	json_t *nl = json_object_get(one, "numerator_list");
	assert_int_equal(json_array_size(nl), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(nl, 0), "ref")), "C1");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(nl, 0), "numerator")), 2);
	json_decref(one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_domain_measure_is_in_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(every_part_is_complete, setup, teardown),
		cmocka_unit_test_setup_teardown(a_trend_is_one_pass_over_many_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(the_drill_down_keeps_what_was_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(the_json_has_one_entry_per_part, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
