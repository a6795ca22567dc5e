/* test_clock: the statutory clock, case by hand-worked case.
 *
 * Each case builds a child's casefile by hand (arrays in the test's arena), runs the clock
 * on an as-at date and checks the item's rule, start, due date, days overdue and status.
 * Every expected date was worked by hand from a printed calendar, and the working is in
 * the comment above the case; none is computed by the code under test. Settings are the
 * defaults (CP visits 10 wd, CIN visits 20 wd, due soon within 5 wd, terms starting
 * 1 January, 20 April and 1 September) unless a case says otherwise.
 * Bank holidays used: 2024: 25, 26 Dec. 2025: 1 Jan, 18 + 21 Apr, 5 + 26 May, 25 Aug,
 * 25 + 26 Dec. 2026: 1 Jan, 3 + 6 Apr. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "clock/clock.h"
#include "model/settings.h"

static struct arena A;
static struct settings S;

static hdate D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

#define NONE DATE_NONE

/* Copies a list of elements into the arena as one of the casefile's arrays. */
#define PUT(cf, field, type, ...)                                  \
	do {                                                       \
		type tmp_[] = {__VA_ARGS__};                       \
		(cf)->field = arena_alloc(&A, sizeof(tmp_));       \
		memcpy((cf)->field, tmp_, sizeof(tmp_));           \
		(cf)->n_##field = sizeof(tmp_) / sizeof(tmp_[0]);  \
	} while (0)

#define EPISODE(id_, start_, end_, rne_, long_term_)                                                       \
	{.id = id_, .start = start_, .end = end_, .rne = rne_, .ls = "C2", .cin = "N1", .place = "U1", \
	 .long_term = long_term_}
#define VISIT(id_, date_, kind_, seen_) {.id = id_, .date = date_, .kind = kind_, .seen = seen_}
#define DATED(id_, parent_, date_) {.id = id_, .parent_id = parent_, .date = date_}
#define PLAN(id_, referral_, start_, end_) {.id = id_, .referral_id = referral_, .start = start_, .end = end_}
#define REFERRAL(id_, date_, closed_) {.id = id_, .date = date_, .closed = closed_}

static int setup(void **state)
{
	(void)state;
	settings_defaults(&S);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

static struct casefile *child(hdate dob)
{
	struct casefile *cf = arena_alloc(&A, sizeof(*cf));
	cf->child.id = 1;
	cf->child.la_child_id = "T1";
	cf->child.dob = dob;
	cf->child.expected_dob = NONE;
	cf->child.death = NONE;
	return cf;
}

static struct clock_list run(const struct casefile *cf, hdate as_at)
{
	struct clock_list l = CLOCK_LIST_INIT;
	clock_child(cf, as_at, &S, &A, &l);
	return l;
}

/* The one item of rule, or NULL; fails when the rule has several items. */
static const struct clock_item *find(const struct clock_list *l, const char *rule)
{
	const struct clock_item *found = NULL;
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].rule->id, rule) == 0) {
			if (found) {
				fail_msg("more than one %s item", rule);
			}
			found = &l->items[i];
		}
	}
	return found;
}

static void same_date(const char *what, hdate got, hdate want)
{
	char g[DATE_STR_SIZE], w[DATE_STR_SIZE];
	if (got != want) {
		fail_msg("%s: got %s, want %s", what, date_format(got, g), date_format(want, w));
	}
}

static void expect(const struct clock_list *l, const char *rule, hdate since, hdate due, int days_overdue,
		   enum clock_status status)
{
	const struct clock_item *it = find(l, rule);
	if (!it) {
		fail_msg("no %s item (have %zu items)", rule, l->n);
	}
	same_date("since", it->since, since);
	same_date("due", it->due, due);
	assert_int_equal(it->days_overdue, days_overdue);
	assert_int_equal(it->status, status);
}

/* No item whose rule id starts with prefix. */
static void expect_none(const struct clock_list *l, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strncmp(l->items[i].rule->id, prefix, strlen(prefix)) == 0) {
			fail_msg("unexpected %s item", l->items[i].rule->id);
		}
	}
}

/* ---- contacts (1 working day) ---- */

/* Contact Mon 2025-03-03 + 1 wd = Tue 2025-03-04. As at Mon 3: not yet due (-1), and due
 * soon (Tue 4 is within 5 wd of Mon 3). */
static void test_contact_on_time(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 3, 3), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 3, 3));
	expect(&l, "contact_decision_1wd", D(2025, 3, 3), D(2025, 3, 4), -1, CLOCK_DUE_SOON);
	assert_int_equal(find(&l, "contact_decision_1wd")->subject_id, 5);
}

/* Same contact as at Tue 2025-03-04: due today (0). */
static void test_contact_due_today(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 3, 3), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 3, 4));
	expect(&l, "contact_decision_1wd", D(2025, 3, 3), D(2025, 3, 4), 0, CLOCK_DUE);
}

/* Same contact as at Wed 2025-03-05: one day late. */
static void test_contact_one_day_late(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 3, 3), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 3, 5));
	expect(&l, "contact_decision_1wd", D(2025, 3, 3), D(2025, 3, 4), 1, CLOCK_OVERDUE);
}

/* Contact Wed 2025-12-24 + 1 wd: [Thu 25, Fri 26, Sat, Sun] Mon 29 Dec. As at Mon 29: due. */
static void test_contact_across_christmas(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 12, 24), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 12, 29));
	expect(&l, "contact_decision_1wd", D(2025, 12, 24), D(2025, 12, 29), 0, CLOCK_DUE);
}

/* Contact Sat 2025-03-08: counting starts with the next working day, Mon 10 = + 1 wd. As at
 * Tue 11: one day late. */
static void test_contact_on_a_saturday(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 3, 8), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 3, 11));
	expect(&l, "contact_decision_1wd", D(2025, 3, 8), D(2025, 3, 10), 1, CLOCK_OVERDUE);
}

/* Decided Wed 5 Mar (late): as at Wed 5 the clock has stopped; as at Tue 4, before the
 * decision, it was still running and due that day. */
static void test_contact_decision_stops_clock(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 3, 3), .decision_date = D(2025, 3, 5)});
	struct clock_list l = run(cf, D(2025, 3, 5));
	expect_none(&l, "contact");
	l = run(cf, D(2025, 3, 4));
	expect(&l, "contact_decision_1wd", D(2025, 3, 3), D(2025, 3, 4), 0, CLOCK_DUE);
}

/* A contact received after the as-at date does not exist yet. */
static void test_contact_in_the_future(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 3, 3), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 3, 2));
	assert_int_equal(l.n, 0);
}

/* ---- assessments (45 working days from referral) ---- */

/* Referral Fri 2024-12-20 + 45 wd: Mon 23 (1), Tue 24 (2), [25, 26], Fri 27 (3), Mon 30 (4),
 * Tue 31 (5), [1 Jan], Thu 2 (6), Fri 3 (7), Mon 6 (8), Tue 7 (9), Wed 8 (10), Thu 9 (11),
 * Fri 10 (12), 13-17 Jan (13-17), 20-24 (18-22), 27-31 (23-27), 3-7 Feb (28-32), 10-14
 * (33-37), 17-21 (38-42), Mon 24 (43), Tue 25 (44), Wed 26 (45) = 2025-02-26. */
static void test_assessment_due_today_across_christmas(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 20), NONE));
	PUT(cf, assessments, struct cf_assessment,
	    {.id = 20, .referral_id = 10, .start = D(2024, 12, 23), .authorised = NONE});
	struct clock_list l = run(cf, D(2025, 2, 26));
	expect(&l, "assessment_45wd", D(2024, 12, 20), D(2025, 2, 26), 0, CLOCK_DUE);
	assert_int_equal(find(&l, "assessment_45wd")->subject_id, 20);
}

/* The same as at Thu 2025-02-27: one day late. */
static void test_assessment_one_day_late(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 20), NONE));
	PUT(cf, assessments, struct cf_assessment,
	    {.id = 20, .referral_id = 10, .start = D(2024, 12, 23), .authorised = NONE});
	struct clock_list l = run(cf, D(2025, 2, 27));
	expect(&l, "assessment_45wd", D(2024, 12, 20), D(2025, 2, 26), 1, CLOCK_OVERDUE);
}

/* Authorised on 2025-02-20: no item as at 1 March; and it was in time (20 Feb <= 26 Feb),
 * while 27 Feb would not have been. */
static void test_assessment_authorised(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 20), NONE));
	PUT(cf, assessments, struct cf_assessment,
	    {.id = 20, .referral_id = 10, .start = D(2024, 12, 23), .authorised = D(2025, 2, 20)});
	struct clock_list l = run(cf, D(2025, 3, 1));
	expect_none(&l, "assessment");
	const struct clock_rule *r = clock_rule_find("assessment_45wd");
	assert_true(clock_in_time(r, D(2024, 12, 20), D(2025, 2, 20), &S));
	assert_true(clock_in_time(r, D(2024, 12, 20), D(2025, 2, 26), &S));
	assert_false(clock_in_time(r, D(2024, 12, 20), D(2025, 2, 27), &S));
	assert_false(clock_in_time(r, D(2024, 12, 20), NONE, &S));
}

/* The referral closed on 31 Jan with the assessment unauthorised: the clock has stopped. */
static void test_assessment_referral_closed(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 20), D(2025, 1, 31)));
	PUT(cf, assessments, struct cf_assessment,
	    {.id = 20, .referral_id = 10, .start = D(2024, 12, 23), .authorised = NONE});
	struct clock_list l = run(cf, D(2025, 3, 1));
	expect_none(&l, "assessment");
}

/* Open referral Mon 2025-03-03, no assessment started: due 45 wd after the referral:
 * 4-7 Mar (1-4), 10-14 (5-9), 17-21 (10-14), 24-28 (15-19), 31 Mar-4 Apr (20-24), 7-11 Apr
 * (25-29), 14-17 Apr (30-33), [Fri 18, Mon 21 Easter], 22-25 Apr (34-37), 28 Apr-2 May
 * (38-42), [Mon 5 May], Tue 6 (43), Wed 7 (44), Thu 8 (45) = 2025-05-08. As at 1 April:
 * upcoming, 37 days to go (1 Apr to 8 May). */
static void test_assessment_not_started_across_easter(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2025, 3, 3), NONE));
	struct clock_list l = run(cf, D(2025, 4, 1));
	expect(&l, "assessment_45wd", D(2025, 3, 3), D(2025, 5, 8), -37, CLOCK_UPCOMING);
	assert_int_equal(find(&l, "assessment_45wd")->subject_id, 10);
}

/* A second assessment in the same referral counts from its own start, Mon 2025-06-02:
 * 3-6 Jun (1-4), 9-13 (5-9), 16-20 (10-14), 23-27 (15-19), 30 Jun-4 Jul (20-24), 7-11 Jul
 * (25-29), 14-18 (30-34), 21-25 (35-39), 28 Jul-1 Aug (40-44), Mon 4 Aug (45). */
static void test_assessment_second_in_referral(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2025, 1, 6), NONE));
	PUT(cf, assessments, struct cf_assessment,
	    {.id = 20, .referral_id = 10, .start = D(2025, 1, 6), .authorised = D(2025, 2, 10)},
	    {.id = 21, .referral_id = 10, .start = D(2025, 6, 2), .authorised = NONE});
	struct clock_list l = run(cf, D(2025, 6, 30));
	expect(&l, "assessment_45wd", D(2025, 6, 2), D(2025, 8, 4), -35, CLOCK_UPCOMING);
}

/* A referral marked no further action has no assessment clock. */
static void test_assessment_nfa(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, {.id = 10, .date = D(2025, 3, 3), .closed = NONE, .nfa = true});
	struct clock_list l = run(cf, D(2025, 6, 1));
	expect_none(&l, "assessment");
}

/* ---- ICPC (15 working days from the strategy discussion) ---- */

/* Strategy Thu 2024-12-19 + 15 wd: Fri 20 (1), Mon 23 (2), Tue 24 (3), [25, 26], Fri 27 (4),
 * Mon 30 (5), Tue 31 (6), [1 Jan], Thu 2 (7), Fri 3 (8), Mon 6 (9), Tue 7 (10), Wed 8 (11),
 * Thu 9 (12), Fri 10 (13), Mon 13 (14), Tue 14 (15) = 2025-01-14. As at Wed 15: 1 late. */
static void test_icpc_one_day_late_across_christmas(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 16), NONE));
	PUT(cf, s47s, struct cf_s47,
	    {.id = 30, .referral_id = 10, .strategy = D(2024, 12, 19), .start = D(2024, 12, 19), .icpc = NONE});
	struct clock_list l = run(cf, D(2025, 1, 15));
	expect(&l, "icpc_15wd", D(2024, 12, 19), D(2025, 1, 14), 1, CLOCK_OVERDUE);
}

/* The ICPC held on 13 Jan stops the clock; so does a CP plan starting for the referral on
 * 13 Jan with the ICPC date left blank; so does "conference not required". */
static void test_icpc_stopped(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 16), NONE));
	PUT(cf, s47s, struct cf_s47,
	    {.id = 30, .referral_id = 10, .strategy = D(2024, 12, 19), .start = NONE, .icpc = D(2025, 1, 13)});
	struct clock_list l = run(cf, D(2025, 1, 15));
	expect_none(&l, "icpc");

	cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 16), NONE));
	PUT(cf, s47s, struct cf_s47,
	    {.id = 30, .referral_id = 10, .strategy = D(2024, 12, 19), .start = NONE, .icpc = NONE});
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 1, 13), NONE));
	l = run(cf, D(2025, 1, 15));
	expect_none(&l, "icpc");

	cf = child(D(2015, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2024, 12, 16), NONE));
	PUT(cf, s47s, struct cf_s47,
	    {.id = 30, .referral_id = 10, .strategy = D(2024, 12, 19), .icpc = NONE, .icpc_not_required = true});
	l = run(cf, D(2025, 1, 15));
	expect_none(&l, "icpc");
}

/* ---- CP plans: core group, reviews, visits ---- */

/* Plan (ICPC) Mon 2025-04-14 + 10 wd: Tue 15 (1), Wed 16 (2), Thu 17 (3), [Fri 18, Mon 21
 * Easter], Tue 22 (4), Wed 23 (5), Thu 24 (6), Fri 25 (7), Mon 28 (8), Tue 29 (9), Wed 30
 * (10) = 2025-04-30. As at 30 April: due today. */
static void test_core_group_due_today_across_easter(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 4, 14), NONE));
	struct clock_list l = run(cf, D(2025, 4, 30));
	expect(&l, "core_group_10wd", D(2025, 4, 14), D(2025, 4, 30), 0, CLOCK_DUE);
}

/* A core group on 29 April stops it. */
static void test_core_group_held(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 4, 14), NONE));
	PUT(cf, core_groups, struct cf_dated, DATED(41, 40, D(2025, 4, 29)));
	struct clock_list l = run(cf, D(2025, 4, 30));
	expect_none(&l, "core_group");
}

/* First review: plan 2024-11-30 + 3 months = 30 Feb 2025, which does not exist: the last
 * day of February, 2025-02-28. As at 1 March: one day late. */
static void test_cp_review_first_month_end(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2024, 11, 30), NONE));
	struct clock_list l = run(cf, D(2025, 3, 1));
	expect(&l, "cp_review_first_3m", D(2024, 11, 30), D(2025, 2, 28), 1, CLOCK_OVERDUE);
}

/* Leap year: plan 2023-11-30 + 3 months = 2024-02-29 (a leap day). As at 29 Feb: due. */
static void test_cp_review_first_leap_day(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2023, 11, 30), NONE));
	struct clock_list l = run(cf, D(2024, 2, 29));
	expect(&l, "cp_review_first_3m", D(2023, 11, 30), D(2024, 2, 29), 0, CLOCK_DUE);
}

/* After the first review on 2025-02-20, the next within 6 months: 2025-08-20. As at 21 Aug:
 * one day late. */
static void test_cp_review_then_six_months(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2024, 11, 30), NONE));
	PUT(cf, cp_reviews, struct cf_dated, DATED(42, 40, D(2025, 2, 20)));
	struct clock_list l = run(cf, D(2025, 8, 21));
	expect(&l, "cp_review_6m", D(2025, 2, 20), D(2025, 8, 20), 1, CLOCK_OVERDUE);
	expect_none(&l, "cp_review_first");
}

/* Two reviews (20 Feb, 15 Aug 2025): the next is 6 months after the later, 2026-02-15. */
static void test_cp_review_latest_counts(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2024, 11, 30), NONE));
	PUT(cf, cp_reviews, struct cf_dated, DATED(42, 40, D(2025, 2, 20)), DATED(43, 40, D(2025, 8, 15)));
	struct clock_list l = run(cf, D(2025, 9, 1));
	/* 1 Sep to 15 Feb: 29 (Sep) + 31 + 30 + 31 + 31 (Jan) + 15 = 167 days to go. */
	expect(&l, "cp_review_6m", D(2025, 8, 15), D(2026, 2, 15), -167, CLOCK_UPCOMING);
}

/* A plan ending stops its clocks: ended 1 Aug 2025, nothing CP as at 21 Aug. */
static void test_cp_plan_ended_stops_clocks(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2024, 11, 30), D(2025, 8, 1)));
	PUT(cf, cp_reviews, struct cf_dated, DATED(42, 40, D(2025, 2, 20)));
	struct clock_list l = run(cf, D(2025, 8, 21));
	expect_none(&l, "cp_");
	expect_none(&l, "core_group");
	/* ... but as at 31 July it was still open, its visits overdue since the start: plan
	 * 2024-11-30 (Sat) + 10 wd: Mon 2 Dec (1) ... Fri 6 (5), Mon 9 (6) ... Fri 13 (10). */
	l = run(cf, D(2025, 7, 31));
	expect(&l, "cp_visit_local", D(2024, 11, 30), D(2024, 12, 13), 230, CLOCK_OVERDUE);
}

/* CP visit seen Tue 2025-04-22 + 10 wd: Wed 23 (1), Thu 24 (2), Fri 25 (3), Mon 28 (4),
 * Tue 29 (5), Wed 30 (6), Thu 1 May (7), Fri 2 (8), [Mon 5 May], Tue 6 (9), Wed 7 (10) =
 * 2025-05-07. As at 8 May: one day late. */
static void test_cp_visit_one_day_late(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 4, 14), NONE));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 4, 22), VISIT_CP, true));
	struct clock_list l = run(cf, D(2025, 5, 8));
	expect(&l, "cp_visit_local", D(2025, 4, 22), D(2025, 5, 7), 1, CLOCK_OVERDUE);
}

/* A visit where the child was not seen does not count: the clock runs from the plan start,
 * Mon 14 Apr + 10 wd = Wed 30 Apr (worked above); as at 8 May: 8 days late. */
static void test_cp_visit_not_seen(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 4, 14), NONE));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 4, 22), VISIT_CP, false));
	struct clock_list l = run(cf, D(2025, 5, 8));
	expect(&l, "cp_visit_local", D(2025, 4, 14), D(2025, 4, 30), 8, CLOCK_OVERDUE);
}

/* A local interval of 5 wd: visit Tue 22 Apr + 5: Wed 23 (1), Thu 24 (2), Fri 25 (3),
 * Mon 28 (4), Tue 29 (5) = 2025-04-29. */
static void test_cp_visit_local_setting(void **state)
{
	(void)state;
	assert_int_equal(settings_apply(&S, "cp_visit_working_days", "5", NULL), 0);
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 4, 14), NONE));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 4, 22), VISIT_CP, true));
	struct clock_list l = run(cf, D(2025, 4, 29));
	expect(&l, "cp_visit_local", D(2025, 4, 22), D(2025, 4, 29), 0, CLOCK_DUE);
}

/* CIN visit seen Mon 2025-06-16 + 20 wd: 17-20 Jun (1-4), 23-27 (5-9), 30 Jun-4 Jul (10-14),
 * 7-11 Jul (15-19), Mon 14 Jul (20). As at 14 July: due. */
static void test_cin_visit_due_today(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cin_plans, struct cf_plan, PLAN(60, 10, D(2025, 6, 2), NONE));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 6, 16), VISIT_CIN, true));
	struct clock_list l = run(cf, D(2025, 7, 14));
	expect(&l, "cin_visit_local", D(2025, 6, 16), D(2025, 7, 14), 0, CLOCK_DUE);
}

/* The CIN plan ended on 10 July: no visit clock on 14 July. */
static void test_cin_plan_ended(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cin_plans, struct cf_plan, PLAN(60, 10, D(2025, 6, 2), D(2025, 7, 10)));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 6, 16), VISIT_CIN, true));
	struct clock_list l = run(cf, D(2025, 7, 14));
	expect_none(&l, "cin_visit");
}

/* ---- children in care: visits (reg 28) ---- */

/* New placement (RNE S) Mon 2025-03-03, no visit yet: within 1 week, Mon 2025-03-10. */
static void test_cla_visit_new_placement(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 3, 3), NONE, "S", false));
	struct clock_list l = run(cf, D(2025, 3, 10));
	expect(&l, "cla_visit_new_placement_1w", D(2025, 3, 3), D(2025, 3, 10), 0, CLOCK_DUE);
}

/* Visited Fri 2025-03-07: then 6-weekly in the placement's first year: 7 Mar + 42 days =
 * 18 Apr (calendar weeks: Good Friday is not skipped). As at 19 Apr: one day late. */
static void test_cla_visit_six_weeks_first_year(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 3, 3), NONE, "S", false));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 3, 7), VISIT_CLA, true));
	struct clock_list l = run(cf, D(2025, 4, 19));
	expect(&l, "cla_visit_6w_first_year", D(2025, 3, 7), D(2025, 4, 18), 1, CLOCK_OVERDUE);
}

/* A placement change restarts the visit clock: placed 6 Jan 2025 (S), moved to new carers
 * 3 Mar (P); last visit 20 Feb was in the old placement. As at Wed 5 Mar: a visit is due
 * within a week of the move, Mon 10 Mar, which is within 5 wd of 5 Mar (Wed 12): due soon. */
static void test_cla_visit_placement_change_restarts(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 1, 6), D(2025, 3, 3), "S", false),
	    EPISODE(71, D(2025, 3, 3), NONE, "P", false));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 2, 20), VISIT_CLA, true));
	struct clock_list l = run(cf, D(2025, 3, 5));
	expect(&l, "cla_visit_new_placement_1w", D(2025, 3, 3), D(2025, 3, 10), -5, CLOCK_DUE_SOON);
	assert_int_equal(find(&l, "cla_visit_new_placement_1w")->subject_id, 71);
}

/* A change of legal status only (RNE L) keeps the placement: 20 Feb + 42 days = 3 Apr
 * (20 Feb + 8 = 28 Feb, + 31 = 31 Mar, + 3 = 3 Apr). */
static void test_cla_visit_legal_change_keeps_placement(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 1, 6), D(2025, 3, 3), "S", false),
	    EPISODE(71, D(2025, 3, 3), NONE, "L", false));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 2, 20), VISIT_CLA, true));
	struct clock_list l = run(cf, D(2025, 3, 5));
	expect(&l, "cla_visit_6w_first_year", D(2025, 2, 20), D(2025, 4, 3), -29, CLOCK_UPCOMING);
}

/* After the first year, a placement intended to last to 18: 3-monthly. Placed 2023-06-01;
 * last visit 2024-09-10 (after the first anniversary, 1 Jun 2024): due 2024-12-10. */
static void test_cla_visit_long_term_after_first_year(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2012, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2023, 6, 1), NONE, "S", true));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2024, 9, 10), VISIT_CLA, true));
	struct clock_list l = run(cf, D(2024, 12, 11));
	expect(&l, "cla_visit_3m_long_term", D(2024, 9, 10), D(2024, 12, 10), 1, CLOCK_OVERDUE);
}

/* The same placement not intended to last: 6-weekly still, 10 Sep + 42 days = 22 Oct
 * (10 Sep + 20 = 30 Sep, + 22 = 22 Oct). */
static void test_cla_visit_other_after_first_year(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2012, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2023, 6, 1), NONE, "S", false));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2024, 9, 10), VISIT_CLA, true));
	struct clock_list l = run(cf, D(2024, 10, 22));
	expect(&l, "cla_visit_6w", D(2024, 9, 10), D(2024, 10, 22), 0, CLOCK_DUE);
}

/* A last visit just inside the first year (20 May 2024, anniversary 1 Jun) is on the
 * first-year rule even for a long-term placement: 20 May + 42 = 1 Jul (20 May + 11 = 31
 * May, + 30 = 30 Jun, + 1 = 1 Jul). */
static void test_cla_visit_end_of_first_year(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2012, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2023, 6, 1), NONE, "S", true));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2024, 5, 20), VISIT_CLA, true));
	struct clock_list l = run(cf, D(2024, 6, 3));
	expect(&l, "cla_visit_6w_first_year", D(2024, 5, 20), D(2024, 7, 1), -28, CLOCK_UPCOMING);
}

/* ---- children in care: reviews (reg 33) ---- */

/* Entered care Fri 2024-12-20 + 20 wd: Wed 8 Jan is 10 (as in the example), Thu 9
 * (11), Fri 10 (12), Mon 13 (13) ... Fri 17 (17), Mon 20 (18), Tue 21 (19), Wed 22 (20) =
 * 2025-01-22. As at 23 Jan: one day late. */
static void test_cla_review_first_across_christmas(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), NONE, "S", false));
	struct clock_list l = run(cf, D(2025, 1, 23));
	expect(&l, "cla_review_first_20wd", D(2024, 12, 20), D(2025, 1, 22), 1, CLOCK_OVERDUE);
}

/* First review 2025-01-20: the second within 3 months, 2025-04-20 (a Sunday: calendar
 * months do not move to a working day). */
static void test_cla_review_second(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), NONE, "S", false));
	PUT(cf, cla_reviews, struct cf_dated, DATED(80, 0, D(2025, 1, 20)));
	struct clock_list l = run(cf, D(2025, 4, 20));
	expect(&l, "cla_review_second_3m", D(2025, 1, 20), D(2025, 4, 20), 0, CLOCK_DUE);
}

/* Reviews 20 Jan and 14 Apr 2025: then 6-monthly, 2025-10-14. As at 14 Oct: due. */
static void test_cla_review_six_monthly(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), NONE, "S", false));
	PUT(cf, cla_reviews, struct cf_dated, DATED(80, 0, D(2025, 1, 20)), DATED(81, 0, D(2025, 4, 14)));
	struct clock_list l = run(cf, D(2025, 10, 14));
	expect(&l, "cla_review_6m", D(2025, 4, 14), D(2025, 10, 14), 0, CLOCK_DUE);
}

/* Leaving care (the episode ended 1 April 2025) stops every in-care clock. */
static void test_cla_left_care(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), D(2025, 4, 1), "S", false));
	struct clock_list l = run(cf, D(2025, 5, 1));
	expect_none(&l, "cla_");
	expect_none(&l, "pep_");
	expect_none(&l, "health_");
	expect_none(&l, "dental");
}

/* A new period of care starts the review clock afresh: care 8 Jan-3 Jun 2024 (review on
 * 1 Feb 2024), back in care Mon 3 Mar 2025. First review 20 wd after 3 Mar: 4-7 Mar (1-4),
 * 10-14 (5-9), 17-21 (10-14), 24-28 (15-19), Mon 31 Mar (20). */
static void test_cla_review_new_period(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 1, 8), D(2024, 6, 3), "S", false),
	    EPISODE(71, D(2025, 3, 3), NONE, "S", false));
	PUT(cf, cla_reviews, struct cf_dated, DATED(80, 0, D(2024, 2, 1)));
	struct clock_list l = run(cf, D(2025, 3, 10));
	expect(&l, "cla_review_first_20wd", D(2025, 3, 3), D(2025, 3, 31), -21, CLOCK_UPCOMING);
}

/* ---- PEP (10 wd, then each term) ---- */

/* Aged 9, entered care Mon 2025-03-03, no PEP: within 10 wd, 4-7 Mar (1-4), 10-14 (5-9),
 * Mon 17 (10) = 2025-03-17. */
static void test_pep_initial(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 5, 10));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 3, 3), NONE, "S", false));
	struct clock_list l = run(cf, D(2025, 3, 17));
	expect(&l, "pep_initial_10wd", D(2025, 3, 3), D(2025, 3, 17), 0, CLOCK_DUE);
}

/* PEP on 14 Mar 2025 (spring term, 1 Jan-19 Apr): the next in the summer term (20 Apr-31
 * Aug), so due by its last day, 2025-08-31. */
static void test_pep_next_term(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 5, 10));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 3, 3), NONE, "S", false));
	PUT(cf, peps, struct cf_dated, DATED(90, 0, D(2025, 3, 14)));
	struct clock_list l = run(cf, D(2025, 5, 1));
	/* 1 May to 31 Aug: 30 + 30 + 31 + 31 = 122 days to go. */
	expect(&l, "pep_termly", D(2025, 3, 14), D(2025, 8, 31), -122, CLOCK_UPCOMING);
}

/* PEP on 1 Oct 2025 (autumn term, 1 Sep-31 Dec): the next in the spring term, 1 Jan-19 Apr
 * 2026. As at 20 Apr 2026 (the summer term's first day): one day late. */
static void test_pep_term_missed(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 5, 10));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 3, 3), NONE, "S", false));
	PUT(cf, peps, struct cf_dated, DATED(90, 0, D(2025, 3, 14)), DATED(91, 0, D(2025, 10, 1)));
	struct clock_list l = run(cf, D(2026, 4, 20));
	expect(&l, "pep_termly", D(2025, 10, 1), D(2026, 4, 19), 1, CLOCK_OVERDUE);
}

/* Below school age (born 1 Jun 2021, starts Year 1 on 1 Sep 2026): no PEP clock in 2025. */
static void test_pep_under_school_age(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2021, 6, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 3, 3), NONE, "S", false));
	struct clock_list l = run(cf, D(2025, 6, 1));
	expect_none(&l, "pep_");
	assert_int_equal(clock_school_age_from(D(2021, 6, 1)), D(2026, 9, 1));
}

/* Reaching school age in care: born 15 Jul 2020, 5 on 15 Jul 2025 (by 31 Aug), so Year 1
 * from Mon 1 Sep 2025; in care since 2024. PEP within 10 wd of 1 Sep: 2-5 Sep (1-4),
 * 8-12 (5-9), Mon 15 (10). A September birthday (1 Sep 2020) waits a year: 1 Sep 2026. */
static void test_pep_reaching_school_age(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2020, 7, 15));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 1, 8), NONE, "S", false));
	struct clock_list l = run(cf, D(2025, 9, 10));
	expect(&l, "pep_initial_10wd", D(2025, 9, 1), D(2025, 9, 15), -5, CLOCK_DUE_SOON);
	assert_int_equal(clock_school_age_from(D(2020, 9, 1)), D(2026, 9, 1));
	assert_int_equal(clock_school_age_until(D(2020, 7, 15)), D(2036, 9, 1));
}

/* ---- health and dental ---- */

/* Entered care Mon 2025-04-14, initial health assessment within 20 wd: Tue 15 (1), Wed 16
 * (2), Thu 17 (3), [18, 21 Easter], 22-25 (4-7), 28 Apr-2 May (8-12), [Mon 5 May], 6-9 May
 * (13-16), 12-15 May (17-20) = Thu 2025-05-15. */
static void test_health_initial_across_easter_and_may_day(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2025, 4, 14), NONE, "S", false));
	struct clock_list l = run(cf, D(2025, 5, 16));
	expect(&l, "health_initial_20wd", D(2025, 4, 14), D(2025, 5, 15), 1, CLOCK_OVERDUE);
	expect_none(&l, "health_review");
}

/* In care since Mon 5 Jan 2015 (the record holds nothing from then), reviewed 1 Jun 2025:
 * the review shows the initial assessment was held, so no IHA item; next review 12 months
 * on (aged 10), 2026-06-01. */
static void test_health_review_presupposes_initial(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2015, 1, 5), NONE, "S", true));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2025, 6, 1), .kind = HEALTH_REVIEW});
	struct clock_list l = run(cf, D(2026, 6, 2));
	expect_none(&l, "health_initial");
	expect(&l, "health_review_12m", D(2025, 6, 1), D(2026, 6, 1), 1, CLOCK_OVERDUE);
}

/* Under 5 (born 1 Mar 2022), initial assessment 10 Jan 2025: review 6 months later,
 * 2025-07-10, long before the 5th birthday (1 Mar 2027). */
static void test_health_review_under_five(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2022, 3, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), NONE, "S", false));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2025, 1, 10), .kind = HEALTH_INITIAL});
	struct clock_list l = run(cf, D(2025, 7, 10));
	expect(&l, "health_review_6m_under5", D(2025, 1, 10), D(2025, 7, 10), 0, CLOCK_DUE);
	expect_none(&l, "health_initial");
}

/* Turning 5: born 15 Sep 2020, reviewed 1 Jun 2025 (aged 4). Six months on (1 Dec 2025) the
 * child is 5 (since 15 Sep), so the yearly rule: due 2026-06-01. */
static void test_health_review_turning_five(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2020, 9, 15));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), NONE, "S", false));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2025, 1, 10), .kind = HEALTH_INITIAL},
	    {.id = 101, .date = D(2025, 6, 1), .kind = HEALTH_REVIEW});
	struct clock_list l = run(cf, D(2025, 12, 2));
	expect(&l, "health_review_12m", D(2025, 6, 1), D(2026, 6, 1), -181, CLOCK_UPCOMING);
	/* 2 Dec to 1 Jun: 29 + 31 + 28 + 31 + 30 + 31 + 1 = 181 days to go. */
}

/* Aged 10, reviewed 28 Feb 2025: yearly, 2026-02-28. */
static void test_health_review_yearly(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 12, 20), NONE, "S", false));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2025, 1, 10), .kind = HEALTH_INITIAL},
	    {.id = 101, .date = D(2025, 2, 28), .kind = HEALTH_REVIEW});
	struct clock_list l = run(cf, D(2026, 3, 2));
	expect(&l, "health_review_12m", D(2025, 2, 28), D(2026, 2, 28), 2, CLOCK_OVERDUE);
}

/* Reviewed on leap day 2024-02-29: 12 months on is 29 Feb 2025, which does not exist, so
 * 2025-02-28. */
static void test_health_review_from_leap_day(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2012, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2023, 12, 1), NONE, "S", false));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2023, 12, 20), .kind = HEALTH_INITIAL},
	    {.id = 101, .date = D(2024, 2, 29), .kind = HEALTH_REVIEW});
	struct clock_list l = run(cf, D(2025, 3, 1));
	expect(&l, "health_review_12m", D(2024, 2, 29), D(2025, 2, 28), 1, CLOCK_OVERDUE);
}

/* Dental: in care since 3 Jun 2024, checked 10 Sep 2024: next by 2025-09-10. */
static void test_dental_yearly(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 6, 3), NONE, "S", false));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2024, 9, 10), .kind = HEALTH_DENTAL});
	struct clock_list l = run(cf, D(2025, 9, 11));
	expect(&l, "dental_12m", D(2024, 9, 10), D(2025, 9, 10), 1, CLOCK_OVERDUE);
}

/* A dental check before entering care (5 Jan 2024) does not carry in: 12 months from
 * entering care on 3 Jun 2024, 2025-06-03. */
static void test_dental_from_entering_care(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2024, 6, 3), NONE, "S", false));
	PUT(cf, health, struct cf_health, {.id = 100, .date = D(2024, 1, 5), .kind = HEALTH_DENTAL});
	struct clock_list l = run(cf, D(2025, 6, 3));
	expect(&l, "dental_12m", D(2024, 6, 3), D(2025, 6, 3), 0, CLOCK_DUE);
}

/* ---- missing: return interview within 72 hours ---- */

/* Returned Fri 2025-03-14 18:00Z; 72 hours on is Mon 2025-03-17 18:00Z (hours, not working
 * days). As at Tue 18: one day late. The child has an open referral (an open case). */
static void test_return_interview_late(void **state)
{
	(void)state;
	hinstant back;
	assert_int_equal(instant_parse("2025-03-14T18:00:00Z", &back), 0);
	struct casefile *cf = child(D(2010, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2025, 1, 6), NONE));
	PUT(cf, missing, struct cf_missing, {.id = 110, .start = back - 86400, .end = back});
	struct clock_list l = run(cf, D(2025, 3, 18));
	expect(&l, "return_interview_72h", D(2025, 3, 14), D(2025, 3, 17), 1, CLOCK_OVERDUE);
	/* The exact deadline is 72 hours after the return. */
	hinstant due;
	assert_int_equal(instant_parse("2025-03-17T18:00:00Z", &due), 0);
	assert_int_equal(clock_deadline_at(clock_rule_find("return_interview_72h"), back, &S), due);
}

/* An interview offered on 16 March stops it; an "away from placement" episode has none. */
static void test_return_interview_offered_or_away(void **state)
{
	(void)state;
	hinstant back, offered;
	assert_int_equal(instant_parse("2025-03-14T18:00:00Z", &back), 0);
	assert_int_equal(instant_parse("2025-03-16T10:00:00Z", &offered), 0);
	struct casefile *cf = child(D(2010, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2025, 1, 6), NONE));
	PUT(cf, missing, struct cf_missing, {.id = 110, .start = back - 86400, .end = back, .rhi_offered = offered},
	    {.id = 111, .start = back - 3600, .end = back, .away = true});
	struct clock_list l = run(cf, D(2025, 3, 18));
	expect_none(&l, "return_interview");
}

/* Returned Fri 14 Mar 18:00Z with no interview, missing again Sun 16 Mar 20:00Z, back Mon
 * 17 Mar 09:00Z: the first clock stops (the next interview covers both); the second runs
 * 72 hours to Thu 20 Mar 09:00Z. As at Fri 21 Mar: one item, one day late. */
static void test_return_interview_superseded(void **state)
{
	(void)state;
	hinstant back1, gone2, back2;
	assert_int_equal(instant_parse("2025-03-14T18:00:00Z", &back1), 0);
	assert_int_equal(instant_parse("2025-03-16T20:00:00Z", &gone2), 0);
	assert_int_equal(instant_parse("2025-03-17T09:00:00Z", &back2), 0);
	struct casefile *cf = child(D(2010, 1, 1));
	PUT(cf, referrals, struct cf_referral, REFERRAL(10, D(2025, 1, 6), NONE));
	PUT(cf, missing, struct cf_missing, {.id = 110, .start = back1 - 86400, .end = back1},
	    {.id = 111, .start = gone2, .end = back2});
	struct clock_list l = run(cf, D(2025, 3, 21));
	expect(&l, "return_interview_72h", D(2025, 3, 17), D(2025, 3, 20), 1, CLOCK_OVERDUE);
	assert_int_equal(find(&l, "return_interview_72h")->subject_id, 111);
	/* As at Sat 15 Mar, before the second episode, the first clock was running. */
	l = run(cf, D(2025, 3, 15));
	expect(&l, "return_interview_72h", D(2025, 3, 14), D(2025, 3, 17), -2, CLOCK_DUE_SOON);
}

/* ---- care proceedings (26 weeks) ---- */

/* Issued Mon 2025-01-06 + 26 weeks (182 days): 6 Jan + 25 = 31 Jan, + 28 = 28 Feb (53),
 * + 31 = 31 Mar (84), + 30 = 30 Apr (114), + 31 = 31 May (145), + 30 = 30 Jun (175),
 * + 7 = 7 Jul (182) = Mon 2025-07-07. As at 8 July: one day late. */
static void test_proceedings_26_weeks(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, proceedings, struct cf_proceedings, {.id = 120, .issued = D(2025, 1, 6), .final_order = NONE});
	struct clock_list l = run(cf, D(2025, 7, 8));
	expect(&l, "proceedings_26w", D(2025, 1, 6), D(2025, 7, 7), 1, CLOCK_OVERDUE);
}

/* The same proceedings with an 8-week extension granted: the 26-week date Mon 7 Jul plus
 * 56 days: 7 Jul + 24 = 31 Jul, + 31 = 31 Aug (55), + 1 = Mon 1 Sep (56). As at 2 Sep:
 * one day late. */
static void test_proceedings_extension(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, proceedings, struct cf_proceedings,
	    {.id = 121, .issued = D(2025, 1, 6), .final_order = NONE, .extension_weeks = 8});
	struct clock_list l = run(cf, D(2025, 9, 2));
	expect(&l, "proceedings_26w", D(2025, 1, 6), D(2025, 9, 1), 1, CLOCK_OVERDUE);
}

/* A final order on 30 June stops it. */
static void test_proceedings_concluded(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, proceedings, struct cf_proceedings,
	    {.id = 120, .issued = D(2025, 1, 6), .final_order = D(2025, 6, 30)});
	struct clock_list l = run(cf, D(2025, 7, 8));
	expect_none(&l, "proceedings");
}

/* ---- pre-proceedings (local timescale, setting pre_proceedings_weeks) ---- */

#define PRE_PROCEEDINGS(i, st, decision, app)                                                                  \
	{.id = (i), .start = (st), .lbp_sent = NONE, .fgdm_offered = NONE, .fgdm_held = NONE,                \
	 .step_decision = (decision), .court_app = (app), .letter_init_cp = NONE}

/* Started Wed 2026-09-09 + 16 weeks (the default; 112 days): 9 Sep + 21 = 30 Sep, + 31 =
 * 31 Oct (52), + 30 = 30 Nov (82), + 30 = Wed 30 Dec (112). As at 31 Dec: one day late. */
static void test_pre_proceedings_16_weeks(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, pre_proceedings, struct cf_pre_proceedings, PRE_PROCEEDINGS(130, D(2026, 9, 9), NONE, NONE));
	struct clock_list l = run(cf, D(2026, 12, 31));
	expect(&l, "pre_proceedings_local", D(2026, 9, 9), D(2026, 12, 30), 1, CLOCK_OVERDUE);
	assert_int_equal(find(&l, "pre_proceedings_local")->subject_id, 130);
}

/* The setting at 12 weeks (84 days): 9 Sep + 21 = 30 Sep, + 31 = 31 Oct (52), + 30 = 30 Nov
 * (82), + 2 = Wed 2 Dec (84). As at 31 Dec: 29 days late. */
static void test_pre_proceedings_setting(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, pre_proceedings, struct cf_pre_proceedings, PRE_PROCEEDINGS(131, D(2026, 9, 9), NONE, NONE));
	int was = S.pre_proceedings_weeks;
	S.pre_proceedings_weeks = 12;
	struct clock_list l = run(cf, D(2026, 12, 31));
	S.pre_proceedings_weeks = was;
	expect(&l, "pre_proceedings_local", D(2026, 9, 9), D(2026, 12, 2), 29, CLOCK_OVERDUE);
}

/* A step decision on 1 December, or a court application on 1 December, stops it (as at 31
 * Dec); a decision dated after as_at does not (as at 30 Nov: due in 30 days, upcoming). */
static void test_pre_proceedings_stopped(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, pre_proceedings, struct cf_pre_proceedings, PRE_PROCEEDINGS(132, D(2026, 9, 9), D(2026, 12, 1), NONE),
	    PRE_PROCEEDINGS(133, D(2026, 9, 9), NONE, D(2026, 12, 1)));
	struct clock_list l = run(cf, D(2026, 12, 31));
	expect_none(&l, "pre_proceedings");
	struct casefile *one = child(D(2015, 1, 1));
	PUT(one, pre_proceedings, struct cf_pre_proceedings, PRE_PROCEEDINGS(132, D(2026, 9, 9), D(2026, 12, 1), NONE));
	l = run(one, D(2026, 11, 30));
	expect(&l, "pre_proceedings_local", D(2026, 9, 9), D(2026, 12, 30), -30, CLOCK_UPCOMING);
}

/* ---- pathway plans (6 months) ---- */

/* In care since 2020, 16 on 1 May 2024, no pathway plan yet: the clock runs from the 16th
 * birthday, due 2024-11-01. As at 1 Jan 2025: 29 (Nov) + 31 (Dec) + 1 = 61 days late. */
static void test_pathway_plan_first(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2008, 5, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2020, 1, 6), NONE, "S", true));
	struct clock_list l = run(cf, D(2025, 1, 1));
	expect(&l, "pathway_plan_6m", D(2024, 5, 1), D(2024, 11, 1), 61, CLOCK_OVERDUE);
}

/* Reviewed 15 Oct 2024: next by 2025-04-15. A 15-year-old has no pathway plan clock. */
static void test_pathway_plan_review(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2008, 5, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2020, 1, 6), NONE, "S", true));
	PUT(cf, pathway_plans, struct cf_dated, DATED(130, 0, D(2024, 10, 15)));
	struct clock_list l = run(cf, D(2025, 4, 15));
	expect(&l, "pathway_plan_6m", D(2024, 10, 15), D(2025, 4, 15), 0, CLOCK_DUE);

	cf = child(D(2010, 5, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2020, 1, 6), NONE, "S", true));
	l = run(cf, D(2025, 4, 15));
	expect_none(&l, "pathway");
}

/* A care leaver born 1 May 2003 left care at 18 (1 May 2021) and is 21 on 1 May 2024; in
 * education by her last contact. Last pathway plan review 10 Jan 2024: due 10 Jul 2024.
 * As at 1 Sep 2024 with a personal adviser allocated: 21 (Jul) + 31 (Aug) + 1 = 53 days
 * late. With no one allocated since she turned 21: no item. */
static void test_pathway_plan_over_21(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2003, 5, 1));
	PUT(cf, episodes, struct cf_episode, EPISODE(70, D(2019, 1, 7), D(2021, 5, 1), "S", true));
	PUT(cf, leaver_contacts, struct cf_leaver_contact, {.id = 150, .date = D(2024, 6, 1), .activity = "F2"});
	PUT(cf, pathway_plans, struct cf_dated, DATED(130, 0, D(2024, 1, 10)));
	PUT(cf, allocations, struct cf_allocation,
	    {.id = 160, .worker_id = 7, .kind = ALLOC_PERSONAL_ADVISER, .start = D(2021, 5, 1), .end = NONE});
	struct clock_list l = run(cf, D(2024, 9, 1));
	expect(&l, "pathway_plan_6m", D(2024, 1, 10), D(2024, 7, 10), 53, CLOCK_OVERDUE);
	cf->allocations[0].end = D(2024, 5, 1);
	l = run(cf, D(2024, 9, 1));
	expect_none(&l, "pathway");
}

/* ---- LADO ---- */

/* Received Tue 2024-12-24 + 1 wd: [Wed 25, Thu 26] Fri 27 Dec. As at 27 Dec: due. The
 * resolution's first target is a month on, 24 Jan 2025 (28 days to go). */
static void test_lado_consideration_christmas(void **state)
{
	(void)state;
	struct clock_lado row = {.id = 140, .reference = "L-1", .received = D(2024, 12, 24), .considered = NONE,
				 .resolved = NONE};
	struct clock_list l = CLOCK_LIST_INIT;
	assert_int_equal(clock_lado(&row, 1, D(2024, 12, 27), &S, &A, &l), 2);
	expect(&l, "lado_consideration_1wd", D(2024, 12, 24), D(2024, 12, 27), 0, CLOCK_DUE);
	expect(&l, "lado_resolution_1m", D(2024, 12, 24), D(2025, 1, 24), -28, CLOCK_UPCOMING);
	assert_string_equal(find(&l, "lado_resolution_1m")->ref, "L-1");
}

/* Received 10 Dec 2024, considered, unresolved as at 15 Feb 2025: the 1-month target
 * (10 Jan) is missed by 21 + 15 = 36 days; the 3-month target (10 Mar) not yet. */
static void test_lado_resolution_one_month_missed(void **state)
{
	(void)state;
	struct clock_lado row = {.id = 140, .reference = "L-1", .received = D(2024, 12, 10),
				 .considered = D(2024, 12, 11), .resolved = NONE};
	struct clock_list l = CLOCK_LIST_INIT;
	assert_int_equal(clock_lado(&row, 1, D(2025, 2, 15), &S, &A, &l), 1);
	expect(&l, "lado_resolution_1m", D(2024, 12, 10), D(2025, 1, 10), 36, CLOCK_OVERDUE);
}

/* Received 1 Oct 2024, unresolved as at 15 Feb 2025: the gravest target missed is 3 months
 * (1 Jan 2025), by 31 + 14 = 45 days. */
static void test_lado_resolution_three_months_missed(void **state)
{
	(void)state;
	struct clock_lado row = {.id = 140, .reference = "L-1", .received = D(2024, 10, 1),
				 .considered = D(2024, 10, 1), .resolved = NONE};
	struct clock_list l = CLOCK_LIST_INIT;
	clock_lado(&row, 1, D(2025, 2, 15), &S, &A, &l);
	expect(&l, "lado_resolution_3m", D(2024, 10, 1), D(2025, 1, 1), 45, CLOCK_OVERDUE);
}

/* Received 1 Dec 2023, unresolved as at 1 Jan 2025: past the 12-month limit (1 Dec 2024)
 * by 31 days. Resolved on 20 Nov 2024 instead: nothing left. */
static void test_lado_resolution_twelve_months(void **state)
{
	(void)state;
	struct clock_lado row = {.id = 140, .reference = "L-1", .received = D(2023, 12, 1),
				 .considered = D(2023, 12, 1), .resolved = NONE};
	struct clock_list l = CLOCK_LIST_INIT;
	clock_lado(&row, 1, D(2025, 1, 1), &S, &A, &l);
	expect(&l, "lado_resolution_12m", D(2023, 12, 1), D(2024, 12, 1), 31, CLOCK_OVERDUE);
	row.resolved = D(2024, 11, 20);
	struct clock_list l2 = CLOCK_LIST_INIT;
	assert_int_equal(clock_lado(&row, 1, D(2025, 1, 1), &S, &A, &l2), 0);
	/* ... which was within 12 months (by 1 Dec 2024) but not within 3 (by 1 Mar 2024). */
	assert_true(clock_in_time(clock_rule_find("lado_resolution_12m"), row.received, row.resolved, &S));
	assert_false(clock_in_time(clock_rule_find("lado_resolution_3m"), row.received, row.resolved, &S));
}

/* ---- statuses, sorting, the whole child ---- */

/* Due soon means within 5 wd of as at: as at Mon 2025-03-03, + 5 wd = Mon 10 Mar. A
 * contact decision due on 10 Mar would be due soon; a CIN visit clock due Tue 11 Mar is
 * upcoming. CIN plan Mon 2025-02-10 + 20 wd: 11-14 Feb (1-4), 17-21 (5-9), 24-28 (10-14),
 * 3-7 Mar (15-19), Mon 10 Mar (20): due soon. Plan Tue 11 Feb: due Tue 11 Mar: upcoming. */
static void test_due_soon_boundary(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cin_plans, struct cf_plan, PLAN(60, 10, D(2025, 2, 10), NONE));
	struct clock_list l = run(cf, D(2025, 3, 3));
	expect(&l, "cin_visit_local", D(2025, 2, 10), D(2025, 3, 10), -7, CLOCK_DUE_SOON);
	cf = child(D(2015, 1, 1));
	PUT(cf, cin_plans, struct cf_plan, PLAN(60, 10, D(2025, 2, 11), NONE));
	l = run(cf, D(2025, 3, 3));
	expect(&l, "cin_visit_local", D(2025, 2, 11), D(2025, 3, 11), -8, CLOCK_UPCOMING);
}

/* A child who has died has no items. */
static void test_child_died(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	cf->child.death = D(2025, 2, 1);
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 1, 6), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 3, 1));
	assert_int_equal(l.n, 0);
}

/* Tasks: task 1 set Mon 3 Mar 2025, due Fri 7 Mar, not done: as at Mon 10 Mar it is 3
 * days overdue, for worker 42, and says what. Task 2 was done on Thu 6 Mar: no item. Task
 * 3 is set on Tue 11 Mar, after the as-at date: no item. As at Wed 5 Mar, task 1 is not yet
 * due (-2) and task 2 (not yet done then) is listed too. */
static void test_tasks(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, tasks, struct cf_task,
	    {.id = 1, .worker_id = 42, .set = D(2025, 3, 3), .due = D(2025, 3, 7), .done = NONE, .what = "Ring school"},
	    {.id = 2, .worker_id = 42, .set = D(2025, 3, 3), .due = D(2025, 3, 7), .done = D(2025, 3, 6), .what = "x"},
	    {.id = 3, .worker_id = 42, .set = D(2025, 3, 11), .due = D(2025, 3, 12), .done = NONE, .what = "y"});
	struct clock_list l = run(cf, D(2025, 3, 10));
	assert_int_equal(l.n, 1);
	expect(&l, "task", D(2025, 3, 3), D(2025, 3, 7), 3, CLOCK_OVERDUE);
	assert_int_equal(l.items[0].subject_id, 1);
	assert_int_equal(l.items[0].owner_id, 42);
	assert_string_equal(l.items[0].what, "Ring school");
	l = run(cf, D(2025, 3, 5));
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].days_overdue, -2);
}

/* A task a CP visit does: set Mon 3 Mar 2025, due Fri 7 Mar. A CIN visit on Tue 4 Mar and
 * a CP visit on Fri 28 Feb (before it was set) and one on Wed 5 Mar with the child not seen
 * do not do it: as at Mon 10 Mar it is 3 days overdue. A CP visit with the child seen on
 * Thu 6 Mar does it: no item as at Mon 10 Mar, but still one as at Wed 5 Mar. */
static void test_task_done_by_visit(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, tasks, struct cf_task,
	    {.id = 1, .worker_id = 7, .set = D(2025, 3, 3), .due = D(2025, 3, 7), .done = NONE, .what = "Visit",
	     .done_by_visit = "cp"});
	PUT(cf, visits, struct cf_visit, VISIT(1, D(2025, 2, 28), VISIT_CP, true),
	    VISIT(2, D(2025, 3, 4), VISIT_CIN, true), VISIT(3, D(2025, 3, 5), VISIT_CP, false));
	struct clock_list l = run(cf, D(2025, 3, 10));
	expect(&l, "task", D(2025, 3, 3), D(2025, 3, 7), 3, CLOCK_OVERDUE);
	assert_string_equal(find(&l, "task")->visit_kind, "cp");
	assert_string_equal(find(&l, "task")->subject_kind, "task");
	PUT(cf, visits, struct cf_visit, VISIT(1, D(2025, 2, 28), VISIT_CP, true),
	    VISIT(2, D(2025, 3, 4), VISIT_CIN, true), VISIT(3, D(2025, 3, 5), VISIT_CP, false),
	    VISIT(4, D(2025, 3, 6), VISIT_CP, true));
	l = run(cf, D(2025, 3, 10));
	assert_null(find(&l, "task"));
	l = run(cf, D(2025, 3, 5));
	assert_non_null(find(&l, "task"));
}

/* Most urgent first: an item 8 days late, one 1 day late, one due today, then the others
 * by due date; equal dates by child. */
static void test_sort_most_urgent_first(void **state)
{
	(void)state;
	struct casefile *cf = child(D(2015, 1, 1));
	PUT(cf, cp_plans, struct cf_plan, PLAN(40, 10, D(2025, 4, 14), NONE));
	PUT(cf, visits, struct cf_visit, VISIT(50, D(2025, 4, 22), VISIT_CP, false));
	PUT(cf, contacts, struct cf_contact, {.id = 5, .date = D(2025, 5, 7), .decision_date = NONE},
	    {.id = 6, .date = D(2025, 5, 6), .decision_date = NONE});
	struct clock_list l = run(cf, D(2025, 5, 8));
	struct casefile *other = child(D(2016, 1, 1));
	other->child.id = 2;
	PUT(other, contacts, struct cf_contact, {.id = 7, .date = D(2025, 5, 6), .decision_date = NONE});
	clock_child(other, D(2025, 5, 8), &S, &A, &l);
	clock_sort(&l);
	/* Visits from the plan start: due 30 Apr, 8 late (test_cp_visit_not_seen). Core group
	 * also 30 Apr. Contacts: 6 May + 1 wd = 7 May (1 late) for children 1 and 2; 7 May +
	 * 1 wd = 8 May (due). First review 14 Jul (upcoming). */
	assert_int_equal(l.n, 6);
	assert_string_equal(l.items[0].rule->id, "core_group_10wd");
	assert_string_equal(l.items[1].rule->id, "cp_visit_local");
	assert_int_equal(l.items[1].days_overdue, 8);
	assert_string_equal(l.items[2].rule->id, "contact_decision_1wd");
	assert_int_equal(l.items[2].child_id, 1);
	assert_int_equal(l.items[2].days_overdue, 1);
	assert_int_equal(l.items[3].child_id, 2);
	assert_int_equal(l.items[4].days_overdue, 0);
	assert_string_equal(l.items[5].rule->id, "cp_review_first_3m");
	same_date("review", l.items[5].due, D(2025, 7, 14));
}

/* ---- the rule table and the settings ---- */

static void test_rule_table(void **state)
{
	(void)state;
	bool kind_seen[CLOCK_KIND_MAX] = {false};
	for (int i = 0; i < clock_rule_count; i++) {
		const struct clock_rule *r = &clock_rules[i];
		assert_true(r->kind < CLOCK_KIND_MAX);
		kind_seen[r->kind] = true;
		assert_non_null(r->title);
		assert_non_null(r->start);
		assert_non_null(r->stop);
		assert_non_null(r->source);
		assert_true(strspn(r->id, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(r->id));
		assert_ptr_equal(clock_rule_find(r->id), r);
		hdate eff;
		assert_int_equal(date_parse(r->effective_from, &eff), 0);
		assert_int_equal(clock_rule_effective(r), eff);
		if (r->setting) {
			const struct setting_def *def = settings_find(r->setting);
			assert_non_null(def);
			assert_int_equal(def->type, SETTING_INT);
		} else if (r->kind != CLOCK_TASK) {
			assert_true(r->interval > 0); /* a task's due date is its own, not an interval */
		}
		assert_true(r->unit < CLOCK_UNIT_MAX);
	}
	for (int k = 0; k < CLOCK_KIND_MAX; k++) {
		assert_true(kind_seen[k]);
		assert_non_null(clock_rule_for((enum clock_kind)k, D(2025, 1, 1)));
	}
	/* A clock started before any row took effect uses the kind's earliest row. */
	assert_ptr_equal(clock_rule_for(CLOCK_PROCEEDINGS, D(2010, 1, 1)), clock_rule_find("proceedings_26w"));
	assert_null(clock_rule_find("no_such_rule"));
}

/* Terms: by default spring from 1 Jan, summer from 20 Apr, autumn from 1 Sep. 19 Apr is
 * still spring; 31 Dec is autumn, whose next term starts 1 Jan of the following year. */
static void test_settings_terms(void **state)
{
	(void)state;
	assert_int_equal(settings_term_start(&S, D(2025, 4, 19)), D(2025, 1, 1));
	assert_int_equal(settings_term_start(&S, D(2025, 4, 20)), D(2025, 4, 20));
	assert_int_equal(settings_next_term_start(&S, D(2025, 12, 31)), D(2026, 1, 1));
	assert_int_equal(settings_term_start(&S, D(2026, 1, 1)), D(2026, 1, 1));
	/* Two terms a year, from 1 Sep and 1 Feb: a PEP on 10 Jan 2025 (the autumn term that began
	 * 1 Sep 2024) is next due by the end of the term from 1 Feb 2025: 31 Aug 2025. */
	assert_int_equal(settings_apply(&S, "pep_term_starts", "02-01,09-01", NULL), 0);
	assert_int_equal(S.n_terms, 2);
	assert_int_equal(clock_deadline(clock_rule_find("pep_termly"), D(2025, 1, 10), &S), D(2025, 8, 31));
}

static void test_settings_defaults_valid(void **state)
{
	(void)state;
	for (int i = 0; i < settings_count; i++) {
		assert_int_equal(settings_validate(settings_table[i].key, settings_table[i].default_value, NULL), 0);
		for (int k = 0; k < i; k++) {
			assert_string_not_equal(settings_table[i].key, settings_table[k].key);
		}
	}
	assert_int_equal(S.cp_visit_working_days, 10);
	assert_int_equal(S.cin_visit_working_days, 20);
	assert_int_equal(S.caseload_threshold, 18);
	assert_string_equal(S.la_code, "885");
	assert_int_equal(S.n_terms, 3);
}

static void test_settings_bad_values(void **state)
{
	(void)state;
	struct hearth_error err;
	assert_int_equal(settings_validate("cp_visit_working_days", "0", &err), HERR_INVALID);
	assert_string_equal(err.rule, "range");
	assert_string_equal(err.field, "cp_visit_working_days");
	assert_int_equal(settings_validate("cp_visit_working_days", "ten", &err), HERR_INVALID);
	assert_string_equal(err.rule, "whole_number");
	assert_int_equal(settings_validate("cin_visit_working_days", "20x", &err), HERR_INVALID);
	assert_int_equal(settings_validate("la_code", "88", &err), HERR_INVALID);
	assert_string_equal(err.rule, "la_code");
	assert_int_equal(settings_validate("la_code", "88a", &err), HERR_INVALID);
	assert_int_equal(settings_validate("pep_term_starts", "09-01,01-01", &err), HERR_INVALID);
	assert_string_equal(err.rule, "terms");
	assert_int_equal(settings_validate("pep_term_starts", "02-29", &err), HERR_INVALID);
	assert_int_equal(settings_validate("pep_term_starts", "01-01,", &err), HERR_INVALID);
	assert_int_equal(settings_validate("pep_term_starts", "", &err), HERR_INVALID);
	assert_int_equal(settings_validate("no_such_key", "1", &err), HERR_INVALID);
	assert_string_equal(err.rule, "unknown_setting");
	/* A bad value leaves the settings as they were. */
	assert_int_equal(settings_apply(&S, "caseload_threshold", "1000", &err), HERR_INVALID);
	assert_int_equal(S.caseload_threshold, 18);
}

/* Loading: stored values override defaults; a bad stored value is skipped and counted. */
static const char *fake_store(void *ctx, const char *key)
{
	(void)ctx;
	return strcmp(key, "cin_visit_working_days") == 0 ? "15" : strcmp(key, "la_code") == 0 ? "ABC" : NULL;
}

static void test_settings_load_bad_stored_value(void **state)
{
	(void)state;
	struct settings s;
	struct hearth_error err;
	assert_int_equal(settings_load(&s, fake_store, NULL, &err), 1);
	assert_int_equal(s.cin_visit_working_days, 15);
	assert_string_equal(s.la_code, "885");
	assert_string_equal(err.field, "la_code");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_contact_on_time),
		T(test_tasks),
		T(test_task_done_by_visit),
		T(test_contact_due_today),
		T(test_contact_one_day_late),
		T(test_contact_across_christmas),
		T(test_contact_on_a_saturday),
		T(test_contact_decision_stops_clock),
		T(test_contact_in_the_future),
		T(test_assessment_due_today_across_christmas),
		T(test_assessment_one_day_late),
		T(test_assessment_authorised),
		T(test_assessment_referral_closed),
		T(test_assessment_not_started_across_easter),
		T(test_assessment_second_in_referral),
		T(test_assessment_nfa),
		T(test_icpc_one_day_late_across_christmas),
		T(test_icpc_stopped),
		T(test_core_group_due_today_across_easter),
		T(test_core_group_held),
		T(test_cp_review_first_month_end),
		T(test_cp_review_first_leap_day),
		T(test_cp_review_then_six_months),
		T(test_cp_review_latest_counts),
		T(test_cp_plan_ended_stops_clocks),
		T(test_cp_visit_one_day_late),
		T(test_cp_visit_not_seen),
		T(test_cp_visit_local_setting),
		T(test_cin_visit_due_today),
		T(test_cin_plan_ended),
		T(test_cla_visit_new_placement),
		T(test_cla_visit_six_weeks_first_year),
		T(test_cla_visit_placement_change_restarts),
		T(test_cla_visit_legal_change_keeps_placement),
		T(test_cla_visit_long_term_after_first_year),
		T(test_cla_visit_other_after_first_year),
		T(test_cla_visit_end_of_first_year),
		T(test_cla_review_first_across_christmas),
		T(test_cla_review_second),
		T(test_cla_review_six_monthly),
		T(test_cla_left_care),
		T(test_cla_review_new_period),
		T(test_pep_initial),
		T(test_pep_next_term),
		T(test_pep_term_missed),
		T(test_pep_under_school_age),
		T(test_pep_reaching_school_age),
		T(test_health_initial_across_easter_and_may_day),
		T(test_health_review_presupposes_initial),
		T(test_health_review_under_five),
		T(test_health_review_turning_five),
		T(test_health_review_yearly),
		T(test_health_review_from_leap_day),
		T(test_dental_yearly),
		T(test_dental_from_entering_care),
		T(test_return_interview_late),
		T(test_return_interview_offered_or_away),
		T(test_return_interview_superseded),
		T(test_proceedings_26_weeks),
		T(test_proceedings_extension),
		T(test_proceedings_concluded),
		T(test_pre_proceedings_16_weeks),
		T(test_pre_proceedings_setting),
		T(test_pre_proceedings_stopped),
		T(test_pathway_plan_first),
		T(test_pathway_plan_review),
		T(test_pathway_plan_over_21),
		T(test_lado_consideration_christmas),
		T(test_lado_resolution_one_month_missed),
		T(test_lado_resolution_three_months_missed),
		T(test_lado_resolution_twelve_months),
		T(test_due_soon_boundary),
		T(test_child_died),
		T(test_sort_most_urgent_first),
		T(test_rule_table),
		T(test_settings_terms),
		T(test_settings_defaults_valid),
		T(test_settings_bad_values),
		T(test_settings_load_bad_stored_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
