/* Where a child stands on a date, and how many social workers they have had: cases
 * worked by hand. */
#include "test.h"

#include <string.h>

#include "model/status.h"

static struct casefile cf;
static struct cf_episode eps[4];
static struct cf_plan cps[2];
static struct cf_referral refs[2];
static struct cf_allocation allocs[4];
static struct cf_leaver_contact contacts[2];

static void reset(hdate dob)
{
	memset(&cf, 0, sizeof(cf));
	cf.child.dob = dob;
	cf.child.death = DATE_NONE;
	cf.child.expected_dob = DATE_NONE;
	cf.episodes = eps;
	cf.cp_plans = cps;
	cf.referrals = refs;
	cf.allocations = allocs;
	cf.leaver_contacts = contacts;
}

static void care_outranks_protection(void **state)
{
	(void)state;
	reset(D(2015, 1, 1));
	refs[0] = (struct cf_referral){.date = D(2024, 1, 5), .closed = DATE_NONE};
	cps[0] = (struct cf_plan){.start = D(2024, 2, 1), .end = DATE_NONE};
	eps[0] = (struct cf_episode){.start = D(2024, 6, 1), .end = DATE_NONE};
	cf.n_referrals = cf.n_cp_plans = 1;
	assert_int_equal(status_at(&cf, D(2024, 1, 20)), STATUS_CIN); /* referral open, no plan yet */
	assert_int_equal(status_at(&cf, D(2024, 3, 1)), STATUS_CP);
	cf.n_episodes = 1;
	assert_int_equal(status_at(&cf, D(2024, 6, 1)), STATUS_CLA); /* in care from the first day */
	assert_int_equal(status_at(&cf, D(2024, 5, 31)), STATUS_CP);
}

static void an_episode_ending_today_is_over(void **state)
{
	(void)state;
	/* DEC is the day care ended: on that day the child is no longer in care. */
	reset(D(2012, 3, 3));
	eps[0] = (struct cf_episode){.start = D(2023, 1, 1), .end = D(2025, 7, 1)};
	cf.n_episodes = 1;
	assert_int_equal(status_at(&cf, D(2025, 6, 30)), STATUS_CLA);
	assert_int_equal(status_at(&cf, D(2025, 7, 1)), STATUS_CLOSED);
}

static void nfa_referral_is_not_an_open_case(void **state)
{
	(void)state;
	reset(D(2012, 3, 3));
	refs[0] = (struct cf_referral){.date = D(2025, 1, 5), .closed = D(2025, 1, 5), .nfa = true};
	refs[1] = (struct cf_referral){.date = D(2025, 2, 5), .closed = DATE_NONE, .nfa = true};
	cf.n_referrals = 2;
	assert_int_equal(status_at(&cf, D(2025, 3, 1)), STATUS_CLOSED);
}

static void care_leavers(void **state)
{
	(void)state;
	/* Born 2007-05-01; in care 2020-01-01 to the 18th birthday 2025-05-01: left at 18,
	 * so on 2026-03-31 (age 18) a care leaver. */
	reset(D(2007, 5, 1));
	eps[0] = (struct cf_episode){.start = D(2020, 1, 1), .end = D(2025, 5, 1)};
	cf.n_episodes = 1;
	assert_int_equal(status_at(&cf, D(2025, 4, 30)), STATUS_CLA);
	assert_int_equal(status_at(&cf, D(2026, 3, 31)), STATUS_LEAVER);
	/* At 21 (2028-05-01) no longer, unless in education or training: age 22 on
	 * 2029-06-01 with a latest contact showing F1 (full-time education) is still a leaver. */
	assert_int_equal(status_at(&cf, D(2028, 5, 1)), STATUS_CLOSED);
	contacts[0] = (struct cf_leaver_contact){.date = D(2029, 1, 10), .activity = "F1"};
	cf.n_leaver_contacts = 1;
	assert_int_equal(status_at(&cf, D(2029, 6, 1)), STATUS_LEAVER);
	contacts[1] = (struct cf_leaver_contact){.date = D(2029, 4, 10), .activity = "G4"};
	cf.n_leaver_contacts = 2;
	assert_int_equal(status_at(&cf, D(2029, 6, 1)), STATUS_CLOSED);
	/* Left care at 15 (before the 16th birthday 2023-05-01): not a care leaver. */
	reset(D(2007, 5, 1));
	eps[0] = (struct cf_episode){.start = D(2020, 1, 1), .end = D(2023, 4, 30)};
	cf.n_episodes = 1;
	assert_int_equal(status_at(&cf, D(2026, 3, 31)), STATUS_CLOSED);
}

static void social_workers_in_twelve_months(void **state)
{
	(void)state;
	reset(D(2015, 1, 1));
	allocs[0] = (struct cf_allocation){.worker_id = 1, .start = D(2024, 1, 1), .end = D(2025, 6, 1)};
	allocs[1] = (struct cf_allocation){.worker_id = 2, .start = D(2025, 6, 1), .end = D(2025, 12, 1)};
	allocs[2] = (struct cf_allocation){.worker_id = 3, .start = D(2025, 12, 1), .end = DATE_NONE};
	allocs[3] = (struct cf_allocation){.worker_id = 9, .kind = ALLOC_IRO, .start = D(2025, 1, 1), .end = DATE_NONE};
	cf.n_allocations = 4;
	/* As at 2026-03-31 the window is 2025-03-31..2026-03-31: workers 1 (until 2025-06-01),
	 * 2 and 3 all fall in it; the IRO is not a social worker. */
	assert_int_equal(status_social_workers_12m(&cf, D(2026, 3, 31)), 3);
	/* As at 2026-06-15 the window starts 2025-06-15, after worker 1 left: 2 and 3. */
	assert_int_equal(status_social_workers_12m(&cf, D(2026, 6, 15)), 2);
	assert_int_equal(status_social_worker(&cf, D(2025, 6, 1)), 2); /* the handover day */
	assert_int_equal(status_social_worker(&cf, D(2023, 6, 1)), 0);
	/* The same worker twice counts once. */
	allocs[2].worker_id = 1;
	assert_int_equal(status_social_workers_12m(&cf, D(2026, 3, 31)), 2);
}

static void status_names(void **state)
{
	(void)state;
	for (int s = 0; s < STATUS_MAX; s++) {
		assert_int_equal(status_parse(status_code((enum child_status)s)), s);
	}
	assert_int_equal(status_parse("adopted"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(care_outranks_protection), cmocka_unit_test(an_episode_ending_today_is_over),
		cmocka_unit_test(nfa_referral_is_not_an_open_case), cmocka_unit_test(care_leavers),
		cmocka_unit_test(social_workers_in_twelve_months), cmocka_unit_test(status_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
