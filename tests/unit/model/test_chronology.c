/* The chronology is generated from rows: every date becomes an event, titled from the
 * table, with the row's other values as detail, in date order. */
#include "test.h"

#include <string.h>

#include "model/chronology.h"

static void every_date_becomes_an_event_in_order(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct chronology ch = {0};
	struct hval r[REFERRAL__COUNT] = {{.i = 1},
					  {.i = D(2025, 1, 10)},
					  {.s = "1A"},
					  {.s = "N1"},
					  {.i = 0},
					  {.i = D(2025, 4, 1)},
					  {.s = "RC1"}};
	struct hval v[VISIT__COUNT] = {{.i = 1},	 {.i = D(2025, 2, 3)}, {.s = "cin"},
				       {.null = true}, {.i = 1},	      {.i = 1},
				       {.s = "I want to live with nan"}, {.null = true}};
	chronology_add_row(&ch, &entity_visit, 7, v, &a);
	chronology_add_row(&ch, &entity_referral, 3, r, &a);
	chronology_sort(&ch);
	assert_int_equal(ch.n, 3); /* referral received, visit, case closed */
	assert_string_equal(ch.events[0].title, "Referral received");
	assert_int_equal(ch.events[0].date, D(2025, 1, 10));
	assert_string_equal(ch.events[1].title, "Visit");
	assert_string_equal(ch.events[2].title, "Case closed");
	/* Details carry codes with their labels and the child's words; the child link is left out. */
	bool said = false, source = false;
	for (size_t i = 0; i < ch.events[1].n_details; i++) {
		said |= strcmp(ch.events[1].details[i].value, "I want to live with nan") == 0;
		assert_string_not_equal(ch.events[1].details[i].label, "Child");
	}
	for (size_t i = 0; i < ch.events[0].n_details; i++) {
		source |= strstr(ch.events[0].details[i].value, "(1A)") != NULL;
	}
	assert_true(said);
	assert_true(source);
	arena_free(&a);
}

static void same_day_events_have_a_stable_order(void **state)
{
	(void)state;
	/* A strategy discussion and an ICPC on the same day as a referral: ordered by the
	 * table order (referral before s47), then by row: the same on every run. */
	struct arena a = ARENA_INIT;
	struct chronology ch = {0};
	hdate d = D(2025, 5, 5);
	struct hval s[S47__COUNT] = {{.i = 1}, {.i = 2}, {.i = d}, {.null = true}, {.null = true}, {.i = 0}};
	struct hval r[REFERRAL__COUNT] = {{.i = 1}, {.i = d}, {.s = "1A"}, {.null = true},
					  {.i = 0}, {.null = true}, {.null = true}};
	chronology_add_row(&ch, &entity_s47, 1, s, &a);
	chronology_add_row(&ch, &entity_referral, 2, r, &a);
	chronology_sort(&ch);
	assert_int_equal(ch.n, 2);
	assert_string_equal(ch.events[0].entity, "referral");
	assert_string_equal(ch.events[1].title, "Strategy discussion");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_date_becomes_an_event_in_order),
		cmocka_unit_test(same_day_events_have_a_stable_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
