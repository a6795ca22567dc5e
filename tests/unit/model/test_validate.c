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

/* The NHS number's check digit, worked by hand (weights 10..2 on the first nine digits,
 * the remainder of the sum by 11, 11 minus it; 11 gives 0, 10 is no number at all). */
static void nhs_check_digit_by_hand(void **state)
{
	(void)state;
	/* 9x10+4x9+3x8+4x7+7x6+6x5+5x4+9x3+1x2 = 299 = 27x11 + 2; 11-2 = 9. */
	assert_true(nhs_number_check("9434765919"));
	assert_false(nhs_number_check("9434765918"));	/* the same, last digit wrong */
	/* 4x10+0+1x8+0+2x6+3x5+2x4+1x3+3x2 = 92 = 8x11 + 4; 11-4 = 7. */
	assert_true(nhs_number_check("4010232137"));
	assert_false(nhs_number_check("4010232173"));	/* two digits swapped: caught */
	/* 2x10 + 1x2 = 22 = 2x11 + 0; 11-0 = 11, which becomes 0. */
	assert_true(nhs_number_check("2000000010"));
	assert_false(nhs_number_check("2000000011"));
	/* 1x10 + 1x2 = 12 = 11 + 1; 11-1 = 10: no check digit makes this a number. */
	for (char last = '0'; last <= '9'; last++) {
		char n[11] = "100000001X";
		n[9] = last;
		assert_false(nhs_number_check(n));
	}
	assert_false(nhs_number_check("943476591"));	/* nine digits */
	assert_false(nhs_number_check("94347659190"));	/* eleven */
	assert_false(nhs_number_check("943476591A"));
	assert_false(nhs_number_check(NULL));
}

static void nhs_number_written_with_spaces(void **state)
{
	(void)state;
	char d[11];
	assert_true(nhs_number_normalise("943 476 5919", d));
	assert_string_equal(d, "9434765919");
	assert_true(nhs_number_normalise("943-476-5919", d));
	assert_string_equal(d, "9434765919");
	assert_false(nhs_number_normalise("943 476 591", d));
	assert_false(nhs_number_normalise("943 476 59190", d));
	assert_false(nhs_number_normalise("943.476.5919", d));
	assert_false(nhs_number_normalise("", d));
}

/* The child's NHS number field: parsed without its spaces, checked, refused by name. */
static void nhs_number_field_on_the_child(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct hearth_error e = {0};
	const struct field *f = &entity_child.fields[CHILD_NHS_NUMBER];
	struct hval v;
	assert_int_equal(value_parse(f, "943 476 5919", &a, &v, &e), 0);
	assert_string_equal(v.s, "9434765919");
	assert_int_equal(validate_field(&entity_child, CHILD_NHS_NUMBER, &v, &e), 0);
	assert_int_equal(value_parse(f, "943 476 5918", &a, &v, &e), 0);
	assert_int_equal(validate_field(&entity_child, CHILD_NHS_NUMBER, &v, &e), HERR_INVALID);
	assert_string_equal(e.field, "nhs_number");
	assert_string_equal(e.rule, "nhs_check_digit");
	assert_int_equal(value_parse(f, "12345", &a, &v, &e), 0);
	assert_int_equal(validate_field(&entity_child, CHILD_NHS_NUMBER, &v, &e), HERR_INVALID);
	assert_string_equal(e.rule, "nhs_format");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_row_passes),	    cmocka_unit_test(bad_required_field),
		cmocka_unit_test(bad_code),		    cmocka_unit_test(bad_text),
		cmocka_unit_test(bad_blank_required_text), cmocka_unit_test(bad_dates_out_of_order),
		cmocka_unit_test(values_parse_by_type),
		cmocka_unit_test(nhs_check_digit_by_hand), cmocka_unit_test(nhs_number_written_with_spaces),
		cmocka_unit_test(nhs_number_field_on_the_child),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
