/* The DfE feed's payload (src/feed/payload.c): the cohort's window worked by hand, the
 * mapping of a small casefile, the canonical form and hash, and purge stubs. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "feed/payload.h"

static void window_worked_by_hand(void **state)
{
	(void)state;
	/* 2026-03-31 - 24 months = 2024-03-31, in the financial year from 2023-04-01. */
	assert_int_equal(feed_window_start(D(2026, 3, 31)), D(2023, 4, 1));
	/* 2026-04-01 - 24 months = 2024-04-01: a new financial year, from 2024-04-01. */
	assert_int_equal(feed_window_start(D(2026, 4, 1)), D(2024, 4, 1));
	/* 2026-12-07 - 24 months = 2024-12-07, in the year from 2024-04-01. */
	assert_int_equal(feed_window_start(D(2026, 12, 7)), D(2024, 4, 1));
}

static void cohort_worked_by_hand(void **state)
{
	(void)state;
	hdate today = D(2026, 3, 31);	/* the window starts 2023-04-01 */
	struct cf_child c = {.dob = D(1997, 4, 2), .expected_dob = DATE_NONE};
	/* 26th birthday 2023-04-02, after the window's start: 25 on 2023-04-01, in. */
	assert_true(feed_in_cohort(&c, today));
	/* 26th birthday 2023-04-01, the window's first day: 26 all through it, out. */
	c.dob = D(1997, 4, 1);
	assert_false(feed_in_cohort(&c, today));
	c.dob = DATE_NONE;	/* unborn: in with an expected date, out without */
	c.expected_dob = D(2026, 5, 1);
	assert_true(feed_in_cohort(&c, today));
	c.expected_dob = DATE_NONE;
	assert_false(feed_in_cohort(&c, today));
	c.dob = D(2026, 4, 1);	/* a birth after today is not a child yet */
	assert_false(feed_in_cohort(&c, today));
}

/* A child with two referrals, an assessment on the first, a CP plan on the second and a
 * placement that began while the second was open. */
static json_t *small_child(bool with_plan)
{
	static struct cf_referral refs[2];
	static struct cf_assessment as[1];
	static struct cf_plan cp[1];
	static struct cf_episode ep[1];
	refs[0] = (struct cf_referral){.id = 10, .date = D(2024, 1, 5), .closed = D(2024, 3, 1), .source = "1A"};
	refs[1] = (struct cf_referral){.id = 11, .date = D(2025, 6, 1), .closed = DATE_NONE, .source = "3E"};
	as[0] = (struct cf_assessment){.id = 20, .referral_id = 10, .start = D(2024, 1, 6), .authorised = DATE_NONE};
	cp[0] = (struct cf_plan){.id = 30, .referral_id = 11, .start = D(2025, 7, 1), .end = DATE_NONE};
	ep[0] = (struct cf_episode){.id = 40, .start = D(2025, 8, 1), .end = DATE_NONE, .rne = "S", .place = "U1"};
	struct casefile cf = {0};
	cf.child = (struct cf_child){.id = 7, .la_child_id = "C7", .given_name = "Amy", .family_name = "Smith",
				     .dob = D(2015, 3, 2), .expected_dob = DATE_NONE, .sex = "F", .uasc_ceased = DATE_NONE};
	cf.referrals = refs;
	cf.n_referrals = 2;
	cf.assessments = as;
	cf.n_assessments = 1;
	cf.cp_plans = cp;
	cf.n_cp_plans = with_plan ? 1 : 0;
	cf.episodes = ep;
	cf.n_episodes = 1;
	static const int64_t ids[] = {20};
	static const char *const factors[] = {"3B, 2B"};
	struct feed_extras x = {.postcode = "WR1 1AA", .assessment_ids = ids, .assessment_factors = factors,
				.n_assessments = 1};
	return feed_child_payload(&cf, &x);
}

static void a_small_child_mapped(void **state)
{
	(void)state;
	json_t *p = small_child(true);
	assert_string_equal(json_string_value(json_object_get(p, "mis_child_id")), "7");
	json_t *d = json_object_get(p, "child_details");
	assert_string_equal(json_string_value(json_object_get(d, "date_of_birth")), "2015-03-02");
	assert_true(json_is_null(json_object_get(d, "expected_date_of_birth")));
	assert_string_equal(json_string_value(json_object_get(d, "postcode")), "WR1 1AA");
	assert_true(json_is_false(json_object_get(d, "purge")));
	json_t *eps = json_object_get(p, "social_care_episodes");
	assert_int_equal(json_array_size(eps), 2);
	json_t *e0 = json_array_get(eps, 0), *e1 = json_array_get(eps, 1);
	assert_string_equal(json_string_value(json_object_get(e0, "social_care_episode_id")), "10");
	json_t *f = json_object_get(json_array_get(json_object_get(e0, "child_and_family_assessments"), 0), "factors");
	assert_int_equal(json_array_size(f), 2);	/* "3B, 2B": two codes, spaces trimmed */
	assert_string_equal(json_string_value(json_array_get(f, 1)), "2B");
	/* The placement began 2025-08-01, while referral 11 (from 2025-06-01, open) was open. */
	assert_int_equal(json_array_size(json_object_get(e0, "child_looked_after_placements")), 0);
	assert_int_equal(json_array_size(json_object_get(e1, "child_looked_after_placements")), 1);
	assert_int_equal(json_array_size(json_object_get(e1, "child_protection_plans")), 1);
	json_decref(p);
}

static void canonical_and_hash_are_stable(void **state)
{
	(void)state;
	json_t *a = small_child(true), *b = small_child(true), *c = small_child(false);
	char *ta = feed_canonical(a), *tb = feed_canonical(b), *tc = feed_canonical(c);
	char ha[65], hb[65], hc[65];
	feed_hash(ta, ha);
	feed_hash(tb, hb);
	feed_hash(tc, hc);
	assert_string_equal(ha, hb);
	assert_string_not_equal(ha, hc);
	/* Keys sorted: "child_details" comes before "la_child_id". */
	assert_true(strstr(ta, "\"child_details\"") < strstr(ta, "\"la_child_id\""));
	/* The SHA-256 of "abc" (FIPS 180-2's example). */
	feed_hash("abc", ha);
	assert_string_equal(ha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	free(ta);
	free(tb);
	free(tc);
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

static void purge_stubs_for_what_vanished(void **state)
{
	(void)state;
	json_t *before = small_child(true), *now = small_child(false);
	assert_int_equal(feed_add_purges(now, before), 1);
	json_t *e1 = json_array_get(json_object_get(now, "social_care_episodes"), 1);
	json_t *plans = json_object_get(e1, "child_protection_plans");
	assert_int_equal(json_array_size(plans), 1);
	json_t *stub = json_array_get(plans, 0);
	assert_int_equal(json_object_size(stub), 2);
	assert_string_equal(json_string_value(json_object_get(stub, "child_protection_plan_id")), "30");
	assert_true(json_is_true(json_object_get(stub, "purge")));
	/* Nothing vanished: no stub. */
	json_t *same = small_child(true);
	assert_int_equal(feed_add_purges(same, before), 0);
	/* A whole episode gone: one stub for it, none for what it held. */
	json_t *fewer = small_child(true);
	json_array_remove(json_object_get(fewer, "social_care_episodes"), 1);
	assert_int_equal(feed_add_purges(fewer, before), 1);
	json_t *last = json_array_get(json_object_get(fewer, "social_care_episodes"), 1);
	assert_string_equal(json_string_value(json_object_get(last, "social_care_episode_id")), "11");
	assert_true(json_is_true(json_object_get(last, "purge")));
	json_decref(before);
	json_decref(now);
	json_decref(same);
	json_decref(fewer);
}

static void a_purged_child(void **state)
{
	(void)state;
	json_t *p = feed_purge_payload("C7", 7);
	char *t = feed_canonical(p);
	assert_string_equal(t, "{\"la_child_id\":\"C7\",\"mis_child_id\":\"7\",\"purge\":true}");
	free(t);
	json_decref(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(window_worked_by_hand),
		cmocka_unit_test(cohort_worked_by_hand),
		cmocka_unit_test(a_small_child_mapped),
		cmocka_unit_test(canonical_and_hash_are_stable),
		cmocka_unit_test(purge_stubs_for_what_vanished),
		cmocka_unit_test(a_purged_child),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
