/* One row on its own: required fields, text, codes, dates in order. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "model/validate.h"

static struct hval vals[32];

static void visit_row(void)
{
	memset(vals, 0, sizeof(vals));
	vals[VISIT_CHILD_ID].i = 1;
	vals[VISIT_VISIT_DATE].i = D(2025, 1, 6);
	vals[VISIT_KIND].s = "cla";
	vals[VISIT_WORKER_ID].null = true;
	vals[VISIT_SEEN].i = 1;
	vals[VISIT_SEEN_ALONE].i = 0;
	vals[VISIT_CHILD_SAID].s = "Ich bin glücklich — I'm happy\nand settled";
	vals[VISIT_SUMMARY].null = true;
}

static void a_good_row_passes(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	visit_row();
	assert_int_equal(validate_row(&entity_visit, vals, &e), 0);
}

static void bad_required_field(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	visit_row();
	vals[VISIT_SEEN].null = true;
	assert_int_equal(validate_row(&entity_visit, vals, &e), HERR_INVALID);
	assert_string_equal(e.field, "seen");
	assert_string_equal(e.rule, "required");
}

static void bad_code(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	visit_row();
	vals[VISIT_KIND].s = "phone";
	assert_int_equal(validate_row(&entity_visit, vals, &e), HERR_INVALID);
	assert_string_equal(e.field, "kind");
	assert_string_equal(e.rule, "code");
}

static void bad_text(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	const char *bad[] = {"\xff", "a\x01", "\xc0\xaf" /* overlong '/' */, "\xed\xa0\x80" /* surrogate */,
			     "\xf4\x90\x80\x80" /* past U+10FFFF */, "\xe2\x82"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		visit_row();
		vals[VISIT_CHILD_SAID].s = bad[i];
		assert_int_equal(validate_row(&entity_visit, vals, &e), HERR_INVALID);
		assert_string_equal(e.rule, "text");
	}
	/* Newlines are fine in free text, not in short text. */
	assert_true(validate_text("two\nlines", true));
	assert_false(validate_text("two\nlines", false));
	assert_true(validate_text("Zoë Nguyễn 😀", false));
}

static void bad_blank_required_text(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	struct hval n[NOTE__COUNT] = {0};
	n[NOTE_CHILD_ID].i = 1;
	n[NOTE_NOTE_DATE].i = D(2025, 1, 1);
	n[NOTE_KIND].s = "case_note";
	n[NOTE_WORKER_ID].null = true;
	n[NOTE_CHILD_VOICE].i = 0;
	n[NOTE_BODY].s = "  \n ";
	assert_int_equal(validate_row(&entity_note, n, &e), HERR_INVALID);
	assert_string_equal(e.field, "body");
	assert_string_equal(e.rule, "required");
}

static void bad_dates_out_of_order(void **state)
{
	(void)state;
	struct hearth_error e = {0};
	struct hval r[REFERRAL__COUNT] = {0};
	r[REFERRAL_CHILD_ID].i = 1;
	r[REFERRAL_REFERRAL_DATE].i = D(2025, 3, 10);
	r[REFERRAL_SOURCE].s = "1A";
	r[REFERRAL_PRIMARY_NEED].null = true;
	r[REFERRAL_NFA].i = 0;
	r[REFERRAL_CLOSURE_DATE].i = D(2025, 3, 9);
	r[REFERRAL_CLOSURE_REASON].s = "RC1";
	assert_int_equal(validate_row(&entity_referral, r, &e), HERR_INVALID);
	assert_string_equal(e.field, "closure_date");
	assert_string_equal(e.rule, "closure_after_referral");
	/* The same day is in order. */
	r[REFERRAL_CLOSURE_DATE].i = D(2025, 3, 10);
	assert_int_equal(validate_row(&entity_referral, r, &e), 0);
}

static void values_parse_by_type(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct hearth_error e = {0};
	struct hval v;
	assert_int_equal(value_parse(&entity_visit.fields[VISIT_VISIT_DATE], "2024-02-29", &a, &v, &e), 0);
	assert_int_equal(v.i, D(2024, 2, 29));
	assert_int_equal(value_parse(&entity_visit.fields[VISIT_VISIT_DATE], "2023-02-29", &a, &v, &e), HERR_INVALID);
	assert_string_equal(e.rule, "date");
	assert_int_equal(value_parse(&entity_visit.fields[VISIT_SEEN], "yes", &a, &v, &e), 0);
	assert_int_equal(v.i, 1);
	assert_int_equal(value_parse(&entity_visit.fields[VISIT_SEEN], "maybe", &a, &v, &e), HERR_INVALID);
	assert_int_equal(value_parse(&entity_visit.fields[VISIT_SEEN], "", &a, &v, &e), 0);
	assert_true(v.null);
	assert_int_equal(value_parse(&entity_missing.fields[MISSING_START_AT], "2025-01-01T22:15Z", &a, &v, &e), 0);
	assert_string_equal(value_text(&entity_missing.fields[MISSING_START_AT], &v, &a), "2025-01-01T22:15:00Z");
	assert_int_equal(value_parse(&entity_worker.fields[WORKER_FTE], "0.8", &a, &v, &e), 0);
	assert_true(v.r > 0.79 && v.r < 0.81);
	assert_int_equal(value_parse(&entity_worker.fields[WORKER_FTE], "most", &a, &v, &e), HERR_INVALID);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_row_passes),	    cmocka_unit_test(bad_required_field),
		cmocka_unit_test(bad_code),		    cmocka_unit_test(bad_text),
		cmocka_unit_test(bad_blank_required_text), cmocka_unit_test(bad_dates_out_of_order),
		cmocka_unit_test(values_parse_by_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
