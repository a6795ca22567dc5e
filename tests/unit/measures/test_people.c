/* test_people: the measures across the service (SW1, VOI1, CL1, WF1), each on a small
 * record built by hand, at one fixed as-at date, and the breakdowns by team and worker.
 *
 * As at Monday 31 March 2025; the period is 1 April 2024 to 31 March 2025. Settings are
 * the defaults (caseload threshold 18 cases per FTE). Every numerator and denominator is
 * worked by hand in the comment above its case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "measures/measures.h"
#include "test.h"

#define FIXTURE_BREAKDOWNS ((1u << BREAKDOWN_TEAM) | (1u << BREAKDOWN_WORKER))
#include "fixture.h"

#define EP(id_, start_, end_)                                                                                     \
	{.id = id_, .start = start_, .end = end_, .rne = "S", .ls = "C2", .cin = "N1", .place = "U6", .provider = "PR1"}
#define ALLOC(id_, worker_, team_, kind_, start_, end_) \
	{.id = id_, .worker_id = worker_, .team_id = team_, .kind = kind_, .start = start_, .end = end_}

/* SW1 (social workers in the 12 months, for children with an open case on the as-at date):
 *   child 1 in need (open referral), worker 1 since 1 Jan 2024        1 worker, 0 changes
 *   child 2 on a CP plan: worker 1 to 1 Jun 2024, worker 2 to 1 Oct 2024, worker 1 again
 *           since                                                     2 workers, 2 changes
 *   child 3 in care: worker 1 to 31 Mar 2024 (ended on the day the 12 months begin: not in
 *           them), worker 2 from 31 Mar 2024, worker 3 from 1 Jul 2024, worker 4 from
 *           1 Jan 2025                                                3 workers, 2 changes
 *   child 4 in need with no worker ever                               0 workers, 0 changes
 *   child 5 referral closed in 2024                                   out
 * One worker: 1 / 4. Three or more: 1 / 4. Changes: 0 + 2 + 2 + 0 = 4 over 4. */
static void sw1_social_workers(void **state)
{
	(void)state;
	struct casefile *c[5];
	for (int i = 0; i < 5; i++) {
		c[i] = child(i + 1, D(2015, 1, 1));
	}
	PUT(c[0], referrals, struct cf_referral, {.id = 1, .date = D(2024, 1, 1), .closed = NONE, .source = "1A"});
	PUT(c[0], allocations, struct cf_allocation, ALLOC(1, 1, 0, ALLOC_SOCIAL_WORKER, D(2024, 1, 1), NONE));
	PUT(c[1], cp_plans, struct cf_plan, {.id = 1, .referral_id = 2, .start = D(2024, 1, 1), .end = NONE});
	PUT(c[1], allocations, struct cf_allocation, ALLOC(2, 1, 0, ALLOC_SOCIAL_WORKER, D(2024, 1, 1), D(2024, 6, 1)),
	    ALLOC(3, 2, 0, ALLOC_SOCIAL_WORKER, D(2024, 6, 1), D(2024, 10, 1)),
	    ALLOC(4, 1, 0, ALLOC_SOCIAL_WORKER, D(2024, 10, 1), NONE));
	PUT(c[2], episodes, struct cf_episode, EP(1, D(2023, 1, 1), NONE));
	PUT(c[2], allocations, struct cf_allocation, ALLOC(5, 1, 0, ALLOC_SOCIAL_WORKER, D(2023, 1, 1), D(2024, 3, 31)),
	    ALLOC(6, 2, 0, ALLOC_SOCIAL_WORKER, D(2024, 3, 31), D(2024, 7, 1)),
	    ALLOC(7, 3, 0, ALLOC_SOCIAL_WORKER, D(2024, 7, 1), D(2025, 1, 1)),
	    ALLOC(8, 4, 0, ALLOC_SOCIAL_WORKER, D(2025, 1, 1), NONE));
	PUT(c[3], referrals, struct cf_referral, {.id = 3, .date = D(2025, 3, 1), .closed = NONE, .source = "1A"});
	PUT(c[4], referrals, struct cf_referral, {.id = 4, .date = D(2024, 1, 1), .closed = D(2024, 6, 1), .source = "1A"});
	struct measures_result *r = run(c, 5, AS_AT, NULL);
	expect(r, "SW1.one", 1, 4);
	expect(r, "SW1.three_plus", 1, 4);
	expect(r, "SW1.mean_changes", 4, 4);
}

#define VISIT(id_, date_, seen_, wishes_) {.id = id_, .date = date_, .kind = VISIT_CLA, .seen = seen_, .wishes_recorded = wishes_}
#define REVIEW(id_, date_, code_) {.id = id_, .date = date_, .code = code_}

/* VOI1 (the child's voice):
 *   visits: 31 Mar 2024 seen, words recorded (before the period)           out
 *           1 May 2024 seen, recorded                                      yes
 *           1 Jun 2024 seen, not recorded                                  no
 *           1 Jul 2024 not seen                                            out
 *           31 Mar 2025 (the as-at date) seen, recorded                    yes
 *   reviews: 1 May 2024 PN1 (views conveyed; attended)
 *            1 Aug 2024 PN5 (conveyed through an advocate; not attended)
 *            1 Nov 2024 PN7 (neither)
 *            1 Feb 2025 PN0 (under 4)                                      out
 *            1 Mar 2025 PN4 (attended, views not conveyed)
 * (PN1-PN3 and PN5-PN6 convey the child's views; PN1-PN4 are attendance.)
 * Visits 2 / 3. Views conveyed 2 / 4. Attended 2 / 4. */
static void voi1_voice(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2012, 1, 1));
	PUT(c, visits, struct cf_visit, VISIT(1, D(2024, 3, 31), true, true), VISIT(2, D(2024, 5, 1), true, true),
	    VISIT(3, D(2024, 6, 1), true, false), VISIT(4, D(2024, 7, 1), false, false),
	    VISIT(5, D(2025, 3, 31), true, true));
	PUT(c, cla_reviews, struct cf_dated, REVIEW(1, D(2024, 5, 1), "PN1"), REVIEW(2, D(2024, 8, 1), "PN5"),
	    REVIEW(3, D(2024, 11, 1), "PN7"), REVIEW(4, D(2025, 2, 1), "PN0"), REVIEW(5, D(2025, 3, 1), "PN4"));
	struct casefile *cfs[] = {c};
	struct measures_result *r = run(cfs, 1, AS_AT, NULL);
	expect(r, "VOI1.visits", 2, 3);
	expect(r, "VOI1.reviews", 2, 4);
	expect(r, "VOI1.attended", 2, 4);
}

#define LEAVER_CONTACT(id_, date_, touch_, accom_, suitable_, activity_, told_)                                    \
	{.id = id_, .date = date_, .in_touch = touch_, .accommodation = accom_, .activity = activity_, .suitable = suitable_, \
	 .entitlements_explained = told_}

/* CL1 (care leavers on the as-at date: left care aged 16 or over, under 21):
 *   child 1 (born 1 Jan 2006, 19) in care 2020 to 1 Jan 2024 (left at 18).
 *           Contact 1 Feb 2024 (before the period): entitlements explained. Contact 1 Mar
 *           2025: in touch, D1 (suitable), F2 (education). PA since 1 Jan 2024. Pathway
 *           plan reviewed 1 Dec 2024 (next due 1 Jun 2025).            all six: yes
 *   child 2 (born 1 Jan 2007, 18) in care 2021 to 1 Mar 2024 (left at 17).
 *           Contact 1 Jun 2024 in touch, suitable, G5; contact 1 Jan 2025 not in touch (the
 *           latest: so not in touch, not suitable, not EET). No PA. Pathway plan 1 Jun 2024:
 *           due 1 Dec 2024, overdue. Never told of entitlements.        all six: no
 *   child 3 (born 1 Jan 2004, 21) left care at 18 in 2022: no longer a care leaver    out
 *   child 4 (born 1 Jan 2009, 16) still in care: eligible, not a care leaver          out
 *   child 5 (born 1 Jan 2008, 17) in care 1 Jan 2020 to 1 Dec 2024 (left at 16); no contact,
 *           no PA; no pathway plan review: due 6 months after the 16th birthday (1 Jan
 *           2024, later than entering care), 1 Jul 2024, overdue         all six: no
 * Each part: 1 / 3. */
static void cl1_care_leavers(void **state)
{
	(void)state;
	struct casefile *c[5] = {child(1, D(2006, 1, 1)), child(2, D(2007, 1, 1)), child(3, D(2004, 1, 1)),
				 child(4, D(2009, 1, 1)), child(5, D(2008, 1, 1))};
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2020, 1, 1), D(2024, 1, 1)));
	PUT(c[0], leaver_contacts, struct cf_leaver_contact,
	    LEAVER_CONTACT(1, D(2024, 2, 1), "YES", "D1", true, "F2", true),
	    LEAVER_CONTACT(2, D(2025, 3, 1), "YES", "D1", true, "F2", false));
	PUT(c[0], allocations, struct cf_allocation, ALLOC(1, 7, 3, ALLOC_PERSONAL_ADVISER, D(2024, 1, 1), NONE));
	PUT(c[0], pathway_plans, struct cf_dated, {.id = 1, .date = D(2024, 12, 1)});
	PUT(c[1], episodes, struct cf_episode, EP(2, D(2021, 1, 1), D(2024, 3, 1)));
	PUT(c[1], leaver_contacts, struct cf_leaver_contact,
	    LEAVER_CONTACT(3, D(2024, 6, 1), "YES", "D1", true, "G5", false),
	    LEAVER_CONTACT(4, D(2025, 1, 1), "NO", "0", false, "0", false));
	PUT(c[1], pathway_plans, struct cf_dated, {.id = 2, .date = D(2024, 6, 1)});
	PUT(c[2], episodes, struct cf_episode, EP(3, D(2015, 1, 1), D(2022, 1, 1)));
	PUT(c[3], episodes, struct cf_episode, EP(4, D(2020, 1, 1), NONE));
	PUT(c[4], episodes, struct cf_episode, EP(5, D(2020, 1, 1), D(2024, 12, 1)));
	struct measures_team teams[] = {{3, "Leaving Care", "leaving_care", 0, DATE_NONE}};
	IN.teams = teams;
	IN.n_teams = 1;
	struct measures_result *r = run(c, 5, AS_AT, NULL);
	static const char *const parts[] = {"CL1.in_touch", "CL1.accommodation", "CL1.eet", "CL1.pathway_plan", "CL1.pa",
					    "CL1.entitlements"};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		expect(r, parts[i], 1, 3);
	}
	/* Attributed to the personal adviser's team (team 3) where there is one, else nobody. */
	const struct measures_part_result *p = measures_result_part(r, "CL1.in_touch");
	assert_non_null(p->by[BREAKDOWN_TEAM]);
	assert_int_equal(p->n_by[BREAKDOWN_TEAM], 2);
	assert_int_equal(p->by[BREAKDOWN_TEAM][0].id, 3);
	assert_true(p->by[BREAKDOWN_TEAM][0].num == 1 && p->by[BREAKDOWN_TEAM][0].den == 1);
	assert_int_equal(p->by[BREAKDOWN_TEAM][1].id, 0);
	assert_true(p->by[BREAKDOWN_TEAM][1].num == 0 && p->by[BREAKDOWN_TEAM][1].den == 2);
	IN.teams = NULL;
	IN.n_teams = 0;
}

/* WF1 (the workforce). Workers (team, FTE, flags):
 *   w1 team 1, 1.0, case-holder, registered                 3 children allocated
 *   w2 team 1, 0.5, case-holder, registered, agency         10 children: 20 per FTE, above 18
 *   w3 team 2, 1.0, case-holder, registered, left 15 Jun 2024 (in the period)
 *   w4 team 2, 1.0, team manager (no cases), registered
 *   w5 team 3, 1.0, personal adviser (no cases, not registered)
 *   w6 team 1, 1.0, case-holder, registered, starts 1 Apr 2025 (not yet in post)
 * A child allocated to w1 until 31 Mar 2025 (ended on the as-at date) does not count; a PA
 * allocation to w5 is not a social work case.
 * Caseload: 3 + 10 = 13 cases over 1.5 FTE (8.67 per FTE); per worker 3 and 20: mean 11.5,
 * median 11.5, max 20. Above threshold: 1 / 2. Agency: 0.5 FTE of 1 + 0.5 + 1 = 2.5.
 * Turnover: w3's 1.0 FTE over 2.5. Vacancies: not recorded (no figures, a note). */
static void wf1_workforce(void **state)
{
	(void)state;
	struct measures_team teams[] = {{1, "Team One", "cin_cp", 0, DATE_NONE},
					{2, "Team Two", "cla", 0, DATE_NONE},
					{3, "Leaving Care", "leaving_care", 0, DATE_NONE}};
	struct measures_worker workers[] = {
		{1, 1, "SW1", "A", "One", "social_worker", 1.0, false, true, true, D(2020, 1, 1), NONE},
		{2, 1, "SW2", "B", "Two", "social_worker", 0.5, true, true, true, D(2024, 1, 1), NONE},
		{3, 2, "SW3", "C", "Three", "social_worker", 1.0, false, true, true, D(2020, 1, 1), D(2024, 6, 15)},
		{4, 2, "TM4", "D", "Four", "team_manager", 1.0, false, false, true, D(2020, 1, 1), NONE},
		{5, 3, "PA5", "E", "Five", "personal_adviser", 1.0, false, false, false, D(2020, 1, 1), NONE},
		{6, 1, "SW6", "F", "Six", "social_worker", 1.0, false, true, true, D(2025, 4, 1), NONE},
	};
	IN.teams = teams;
	IN.n_teams = 3;
	IN.workers = workers;
	IN.n_workers = 6;
	struct casefile *c[15];
	for (int i = 0; i < 15; i++) {
		c[i] = child(i + 1, D(2015, 1, 1));
		int64_t w = i < 3 ? 1 : i < 13 ? 2 : i == 13 ? 1 : 5;
		hdate end = i == 13 ? D(2025, 3, 31) : NONE;
		enum cf_allocation_kind k = i == 14 ? ALLOC_PERSONAL_ADVISER : ALLOC_SOCIAL_WORKER;
		PUT(c[i], allocations, struct cf_allocation, ALLOC(i + 1, w, w == 5 ? 3 : 1, k, D(2024, 6, 1), end));
	}
	struct measures_result *r = run(c, 15, AS_AT, "WF1.turnover");
	expect(r, "WF1.caseload", 13, 1.5);
	const struct measures_part_result *p = measures_result_part(r, "WF1.caseload");
	assert_int_equal(p->n_extras, 3);
	assert_string_equal(p->extras[0].name, "mean_per_worker");
	assert_true(fabs(p->extras[0].value - 11.5) < 1e-9);
	assert_true(fabs(p->extras[1].value - 11.5) < 1e-9);
	assert_true(fabs(p->extras[2].value - 20) < 1e-9);
	/* By team: both case-holders are in team 1. */
	assert_int_equal(p->n_by[BREAKDOWN_TEAM], 1);
	assert_int_equal(p->by[BREAKDOWN_TEAM][0].id, 1);
	expect(r, "WF1.over_threshold", 1, 2);
	expect(r, "WF1.agency", 0.5, 2.5);
	expect(r, "WF1.turnover", 1.0, 2.5);
	expect(r, "WF1.vacancy", 0, 0);
	assert_non_null(measures_result_part(r, "WF1.vacancy")->note);
	/* The drill-down lists workers: w3 behind the numerator, w1 w2 w4 behind the denominator. */
	const struct measures_part_result *t = measures_result_part(r, "WF1.turnover");
	assert_int_equal(t->n_items, 4);
	assert_string_equal(t->items[2].ref, "SW3");
	assert_true(t->items[2].num == 1 && t->items[2].den == 0);
	size_t n;
	int64_t *ids = measures_drill(r, "WF1.turnover", true, &A, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 3);
	ids = measures_drill(r, "WF1.turnover", false, &A, &n);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[2], 4);
	IN.teams = NULL;
	IN.workers = NULL;
	IN.n_teams = IN.n_workers = 0;
}

/* WF1.vacancy, as the DfE's workforce census counts it (as at 31 Mar 2025). Teams:
 *   team 1, establishment 5: w1 1.0 registered (filled), w2 0.5 registered agency (a post
 *     covered by an agency worker is vacant), w3 1.0 registered left 15 Jun 2024 (not in
 *     post), w5 1.0 not registered (not a social worker), w6 0.8 registered (filled):
 *     filled 1.0 + 0.8 = 1.8, vacant 5 - 1.8 = 3.2 of 5.
 *   team 2, establishment 1: w4 1.0 and w7 1.0 registered: filled 2, over it: vacant 0 of 1.
 *   team 3, establishment 3, closed 1 Jan 2025: not counted.
 *   team 4, no establishment: not counted.
 * The rate: 3.2 / 6 = 53.3%; by team, 3.2 of 5 and 0 of 1. */
static void wf1_vacancy(void **state)
{
	(void)state;
	struct measures_team teams[] = {{1, "Team One", "cin_cp", 5, NONE},
					{2, "Team Two", "cla", 1, NONE},
					{3, "Closed Team", "cin_cp", 3, D(2025, 1, 1)},
					{4, "Team Four", "cin_cp", 0, NONE}};
	struct measures_worker workers[] = {
		{1, 1, "SW1", "A", "One", "social_worker", 1.0, false, true, true, D(2020, 1, 1), NONE},
		{2, 1, "SW2", "B", "Two", "social_worker", 0.5, true, true, true, D(2024, 1, 1), NONE},
		{3, 1, "SW3", "C", "Three", "social_worker", 1.0, false, true, true, D(2020, 1, 1), D(2024, 6, 15)},
		{4, 2, "SW4", "D", "Four", "social_worker", 1.0, false, true, true, D(2020, 1, 1), NONE},
		{5, 1, "FS5", "E", "Five", "family_support", 1.0, false, false, false, D(2020, 1, 1), NONE},
		{6, 1, "SW6", "F", "Six", "social_worker", 0.8, false, true, true, D(2020, 1, 1), NONE},
		{7, 2, "SW7", "G", "Seven", "social_worker", 1.0, false, true, true, D(2020, 1, 1), NONE},
		{8, 4, "SW8", "H", "Eight", "social_worker", 1.0, false, true, true, D(2020, 1, 1), NONE},
	};
	IN.teams = teams;
	IN.n_teams = 4;
	IN.workers = workers;
	IN.n_workers = 8;
	struct casefile *c[1] = {child(1, D(2015, 1, 1))};
	struct measures_result *r = run(c, 1, AS_AT, "WF1.vacancy");
	expect(r, "WF1.vacancy", 3.2, 6);
	const struct measures_part_result *p = measures_result_part(r, "WF1.vacancy");
	assert_null(p->note);
	assert_int_equal(p->n_by[BREAKDOWN_TEAM], 2);
	assert_int_equal(p->by[BREAKDOWN_TEAM][0].id, 1);
	assert_true(fabs(p->by[BREAKDOWN_TEAM][0].num - 3.2) < 1e-9 && p->by[BREAKDOWN_TEAM][0].den == 5);
	assert_int_equal(p->by[BREAKDOWN_TEAM][1].id, 2);
	assert_true(p->by[BREAKDOWN_TEAM][1].num == 0 && p->by[BREAKDOWN_TEAM][1].den == 1);
	IN.teams = NULL;
	IN.workers = NULL;
	IN.n_teams = IN.n_workers = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sw1_social_workers, setup, teardown),
		cmocka_unit_test_setup_teardown(voi1_voice, setup, teardown),
		cmocka_unit_test_setup_teardown(cl1_care_leavers, setup, teardown),
		cmocka_unit_test_setup_teardown(wf1_workforce, setup, teardown),
		cmocka_unit_test_setup_teardown(wf1_vacancy, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
