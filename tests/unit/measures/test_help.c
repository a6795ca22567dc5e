/* test_help: the help and protection measures (FD1, FD2, AS1, CP1, CP2, CP3, EH1, LADO1),
 * each on a small record built by hand, at one fixed as-at date.
 *
 * As at Monday 31 March 2025; the period is Monday 1 April 2024 (Easter Monday, a bank
 * holiday) to Monday 31 March 2025. Settings are the defaults (CP visits every 10 working
 * days). Bank holidays used: 2024: 29 Mar, 1 Apr, 26 Aug, 25 + 26 Dec; 2025: 1 Jan.
 * Working days count from the day of the event as day 0 (DOMAIN.md §3). Every numerator
 * and denominator is worked by hand in the comment above its case; nothing expected is
 * computed by the code under test. */
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

#define CONTACT(id_, date_, decided_)                                                                          \
	{.id = id_, .date = date_, .decision_date = decided_, .source = "1A",                                 \
	 .decision = (decided_) == NONE ? NULL : "nfa"}
/* A decision date with no outcome recorded: not a decision (the front door records both). */
#define CONTACT_NO_OUTCOME(id_, date_, dated_) {.id = id_, .date = date_, .decision_date = dated_, .source = "1A"}

/* FD1 (contacts decided within 1 working day), child 1:
 *   a  Thu 28 Mar 2024, decided Tue 2 Apr    before the period: out
 *   b  Mon  1 Apr 2024 (Easter Monday), decided Tue 2 Apr: due 1 wd later = Tue 2 Apr    in time
 *   c  Fri 20 Dec 2024, decided Mon 23 Dec: due Mon 23 Dec                                  in time
 *   d  Tue 24 Dec 2024, decided Fri 27 Dec: 25 and 26 Dec are holidays, due Fri 27 Dec    in time
 *   e  Tue 24 Dec 2024, decided Mon 30 Dec: due Fri 27 Dec                                  late
 *   f  Thu 27 Mar 2025, undecided: due Fri 28 Mar, passed                                    late
 *   g  Fri 28 Mar 2025, undecided: due Mon 31 Mar, the as-at date: still pending             out
 *   h  Fri 28 Mar 2025, decided Tue 1 Apr (after the as-at date, not known): pending         out
 *   i  Mon 31 Mar 2025 (the as-at date), decided that day                                    in time
 *   j  Tue  1 Apr 2025: after the as-at date                                                 out
 * child 2:  k  Wed 15 Jan 2025, decided Thu 16 Jan                                            in time
 *           l  Wed 15 Jan 2025, dated Thu 16 Jan but no outcome recorded: undecided, due
 *              Thu 16 Jan, passed                                                          late
 * Numerator b c d i k = 5; denominator b c d e f i k l = 8. */
static void fd1_contacts(void **state)
{
	(void)state;
	struct casefile *c1 = child(1, D(2015, 1, 1)), *c2 = child(2, D(2016, 1, 1));
	PUT(c1, contacts, struct cf_contact, CONTACT(1, D(2024, 3, 28), D(2024, 4, 2)),
	    CONTACT(2, D(2024, 4, 1), D(2024, 4, 2)), CONTACT(3, D(2024, 12, 20), D(2024, 12, 23)),
	    CONTACT(4, D(2024, 12, 24), D(2024, 12, 27)), CONTACT(5, D(2024, 12, 24), D(2024, 12, 30)),
	    CONTACT(6, D(2025, 3, 27), NONE), CONTACT(7, D(2025, 3, 28), NONE), CONTACT(8, D(2025, 3, 28), D(2025, 4, 1)),
	    CONTACT(9, D(2025, 3, 31), D(2025, 3, 31)), CONTACT(10, D(2025, 4, 1), D(2025, 4, 1)));
	PUT(c2, contacts, struct cf_contact, CONTACT(11, D(2025, 1, 15), D(2025, 1, 16)),
	    CONTACT_NO_OUTCOME(12, D(2025, 1, 15), D(2025, 1, 16)));
	struct casefile *cfs[] = {c1, c2};
	struct measures_result *r = run(cfs, 2, AS_AT, "FD1");
	expect(r, "FD1", 5, 8);
	/* The drill-down: both children in both lists; child 1 put 4 into the numerator and 6
	 * into the denominator. */
	const struct measures_part_result *p = measures_result_part(r, "FD1");
	assert_int_equal(p->n_items, 2);
	assert_int_equal(p->items[0].id, 1);
	assert_string_equal(p->items[0].ref, "C1");
	assert_true(p->items[0].num == 4 && p->items[0].den == 6);
	assert_true(p->items[1].num == 1 && p->items[1].den == 2);
}

#define REFERRAL(id_, date_) {.id = id_, .date = date_, .closed = NONE, .source = "1A"}

/* FD2 (re-referrals within 12 months):
 *   child 1: 10 Apr 2023, 10 Apr 2024. The second is in the period; the first is on the
 *            same date a year before, so within the 12 months                    re-referral
 *   child 2: 9 Apr 2023, 10 Apr 2024 (a year and a day apart)                        not
 *            31 Mar 2025 (as-at date; 10 Apr 2024 is within 12 months)               re-referral
 *            31 Mar 2025 again (a same-day duplicate is no re-referral of the other,
 *            but 10 Apr 2024 still is within 12 months)                               re-referral
 *   child 3: 1 Apr 2025, after the as-at date                                        out
 *   child 4: 15 May 2024, its only referral                                          not
 * Numerator 1 + 2 = 3; denominator 1 + 3 + 1 = 5. */
static void fd2_rereferrals(void **state)
{
	(void)state;
	struct casefile *c1 = child(1, D(2015, 1, 1)), *c2 = child(2, D(2015, 1, 1)), *c3 = child(3, D(2015, 1, 1)),
			*c4 = child(4, D(2015, 1, 1));
	PUT(c1, referrals, struct cf_referral, REFERRAL(1, D(2023, 4, 10)), REFERRAL(2, D(2024, 4, 10)));
	PUT(c2, referrals, struct cf_referral, REFERRAL(3, D(2023, 4, 9)), REFERRAL(4, D(2024, 4, 10)),
	    REFERRAL(5, D(2025, 3, 31)), REFERRAL(6, D(2025, 3, 31)));
	PUT(c3, referrals, struct cf_referral, REFERRAL(7, D(2025, 4, 1)));
	PUT(c4, referrals, struct cf_referral, REFERRAL(8, D(2024, 5, 15)));
	struct casefile *cfs[] = {c1, c2, c3, c4};
	expect(run(cfs, 4, AS_AT, NULL), "FD2", 3, 5);
}

#define ASSESSMENT(id_, ref_, start_, auth_) {.id = id_, .referral_id = ref_, .start = start_, .authorised = auth_}

/* AS1 (assessments authorised within 45 working days):
 *   referral 10, Fri 20 Dec 2024: 45 wd (25, 26 Dec and 1 Jan skipped) = Wed 26 Feb 2025
 *     a1 started 2 Jan, authorised Wed 26 Feb (the due day; counted from the referral)   in time
 *     a2 started 3 Mar 2025 (a later assessment: from its own start), authorised 31 Mar  in time
 *     a5 started 10 Mar 2025, not authorised                                             out
 *   referral 11, 1 Feb 2024:
 *     a4 started 1 Mar 2024, authorised 28 Mar 2024 (before the period)                  out
 *     a3 started Mon 1 Jul 2024, authorised Mon 2 Sep. It is the referral's second, so it
 *        counts from 1 Jul: 45 wd (26 Aug skipped) = Tue 3 Sep (from the referral it would
 *        be long late)                                                                   in time
 *     a6 started 1 Mar 2025, authorised 1 Apr 2025 (after the as-at date)                out
 *   referral 12, Thu 1 Aug 2024:
 *     a7 started 1 Aug, authorised Fri 1 Nov 2024: due Fri 4 Oct                          late
 * Numerator a1 a2 a3 = 3; denominator a1 a2 a3 a7 = 4. */
static void as1_assessments(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2012, 1, 1));
	PUT(c, referrals, struct cf_referral, REFERRAL(11, D(2024, 2, 1)), REFERRAL(12, D(2024, 8, 1)),
	    REFERRAL(10, D(2024, 12, 20)));
	PUT(c, assessments, struct cf_assessment, ASSESSMENT(4, 11, D(2024, 3, 1), D(2024, 3, 28)),
	    ASSESSMENT(3, 11, D(2024, 7, 1), D(2024, 9, 2)), ASSESSMENT(7, 12, D(2024, 8, 1), D(2024, 11, 1)),
	    ASSESSMENT(1, 10, D(2025, 1, 2), D(2025, 2, 26)), ASSESSMENT(6, 11, D(2025, 3, 1), D(2025, 4, 1)),
	    ASSESSMENT(2, 10, D(2025, 3, 3), D(2025, 3, 31)), ASSESSMENT(5, 10, D(2025, 3, 10), NONE));
	struct casefile *cfs[] = {c};
	expect(run(cfs, 1, AS_AT, NULL), "AS1", 3, 4);
}

#define S47(id_, ref_, strategy_, icpc_) {.id = id_, .referral_id = ref_, .strategy = strategy_, .start = strategy_, .icpc = icpc_}

/* CP1 (ICPCs within 15 working days of the strategy discussion):
 *   s1 strategy Fri 13 Dec 2024: 15 wd (25, 26 Dec, 1 Jan skipped) = Wed 8 Jan 2025;
 *      ICPC Wed 8 Jan                                                         in time
 *   s2 strategy Fri 13 Dec 2024, ICPC Thu 9 Jan 2025                          late
 *   s3 strategy 1 Mar 2024, ICPC 20 Mar 2024 (before the period)              out
 *   s4 strategy 20 Mar 2025, no ICPC yet                                      out
 *   s5 strategy Sun 24 Mar 2024 (before the period) with its ICPC Tue 2 Apr 2024 (in it):
 *      15 wd, Good Friday and Easter Monday skipped = Tue 16 Apr              in time
 * Numerator s1 s5 = 2; denominator s1 s2 s5 = 3. */
static void cp1_icpc(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2012, 1, 1));
	PUT(c, s47s, struct cf_s47, S47(3, 1, D(2024, 3, 1), D(2024, 3, 20)), S47(5, 1, D(2024, 3, 24), D(2024, 4, 2)),
	    S47(1, 1, D(2024, 12, 13), D(2025, 1, 8)), S47(2, 1, D(2024, 12, 13), D(2025, 1, 9)),
	    S47(4, 1, D(2025, 3, 20), NONE));
	struct casefile *cfs[] = {c};
	expect(run(cfs, 1, AS_AT, NULL), "CP1", 2, 3);
}

#define PLAN(id_, start_, end_) {.id = id_, .referral_id = 1, .start = start_, .end = end_, .category = "NEG"}

/* CP2 (repeat plans):
 *   child 1: a plan in 2020, then one from 10 May 2024 (in the period)        repeat
 *   child 2: its first plan from 31 Mar 2025 (the as-at date)                 not
 *   child 3: a plan from 1 Apr 2025 (after the as-at date)                    out
 * Numerator 1; denominator 2. */
static void cp2_repeat_plans(void **state)
{
	(void)state;
	struct casefile *c1 = child(1, D(2012, 1, 1)), *c2 = child(2, D(2012, 1, 1)), *c3 = child(3, D(2012, 1, 1));
	PUT(c1, cp_plans, struct cf_plan, PLAN(1, D(2020, 1, 1), D(2021, 1, 1)), PLAN(2, D(2024, 5, 10), NONE));
	PUT(c2, cp_plans, struct cf_plan, PLAN(3, D(2025, 3, 31), NONE));
	PUT(c3, cp_plans, struct cf_plan, PLAN(4, D(2025, 4, 1), NONE));
	struct casefile *cfs[] = {c1, c2, c3};
	expect(run(cfs, 3, AS_AT, NULL), "CP2", 1, 2);
}

#define VISIT(id_, date_, kind_, seen_, alone_) {.id = id_, .date = date_, .kind = kind_, .seen = seen_, .seen_alone = alone_}

/* CP3 (open plans with review and visit in time; CP visits with the child seen alone):
 *   child 1, plan 20 from Mon 3 Feb 2025, no review yet: first review due 3 May 2025   review in time
 *            seen (alone) Fri 14 Mar: next visit within 10 wd = Fri 28 Mar; a visit on
 *            17 Mar without seeing the child does not count; overdue on 31 Mar        visit late
 *   child 2, plan 21 from 1 Oct 2024, reviewed 6 Dec 2024 (next due 6 Jun 2025)        review in time
 *            seen (not alone) Mon 24 Mar: due Mon 7 Apr                                visit in time
 *   child 3, plan 22 from 1 Jun 2024 ended 31 Mar 2025: not open on the as-at date     out
 *            CP visits: seen alone 1 Jul 2024, seen not alone 1 Sep 2024, seen alone
 *            31 Mar 2024 (before the period); a CIN visit seen alone (not a CP visit)
 *   child 4, plan 23 from 1 Jul 2024, never reviewed (due 1 Oct 2024), never visited   both late
 * Reviews: numerator 1 2 = 2, denominator 1 2 4 = 3. Visits: numerator 2 = 1, denominator 3.
 * Seen alone: child 1 14 Mar, child 3 1 Jul = 2; denominator 14 Mar, 24 Mar, 1 Jul, 1 Sep = 4. */
static void cp3_reviews_visits_alone(void **state)
{
	(void)state;
	struct casefile *c1 = child(1, D(2015, 1, 1)), *c2 = child(2, D(2015, 1, 1)), *c3 = child(3, D(2015, 1, 1)),
			*c4 = child(4, D(2015, 1, 1));
	PUT(c1, cp_plans, struct cf_plan, PLAN(20, D(2025, 2, 3), NONE));
	PUT(c1, visits, struct cf_visit, VISIT(1, D(2025, 3, 14), VISIT_CP, true, true),
	    VISIT(2, D(2025, 3, 17), VISIT_CP, false, false));
	PUT(c2, cp_plans, struct cf_plan, PLAN(21, D(2024, 10, 1), NONE));
	PUT(c2, cp_reviews, struct cf_dated, {.id = 1, .parent_id = 21, .date = D(2024, 12, 6)});
	PUT(c2, visits, struct cf_visit, VISIT(3, D(2025, 3, 24), VISIT_CP, true, false));
	PUT(c3, cp_plans, struct cf_plan, PLAN(22, D(2024, 6, 1), D(2025, 3, 31)));
	PUT(c3, visits, struct cf_visit, VISIT(4, D(2024, 3, 31), VISIT_CP, true, true),
	    VISIT(5, D(2024, 7, 1), VISIT_CP, true, true), VISIT(6, D(2024, 9, 1), VISIT_CP, true, false),
	    VISIT(7, D(2024, 10, 1), VISIT_CIN, true, true));
	PUT(c4, cp_plans, struct cf_plan, PLAN(23, D(2024, 7, 1), NONE));
	struct casefile *cfs[] = {c1, c2, c3, c4};
	struct measures_result *r = run(cfs, 4, AS_AT, NULL);
	expect(r, "CP3.reviews", 2, 3);
	expect(r, "CP3.visits", 1, 3);
	expect(r, "CP3.seen_alone", 2, 4);
}

/* A child who died is not in the "open on the as-at date" populations: child 4 above,
 * dead on 1 Mar 2025, leaves CP3's reviews and visits (0 / 0). */
static void cp3_dead_child_left_out(void **state)
{
	(void)state;
	struct casefile *c = child(4, D(2015, 1, 1));
	c->child.death = D(2025, 3, 1);
	PUT(c, cp_plans, struct cf_plan, PLAN(23, D(2024, 7, 1), NONE));
	struct casefile *cfs[] = {c};
	struct measures_result *r = run(cfs, 1, AS_AT, NULL);
	expect(r, "CP3.reviews", 0, 0);
	expect(r, "CP3.visits", 0, 0);
	assert_false(measures_result_part(r, "CP3.reviews")->has_rate);
}

#define EH(id_, start_, end_, reason_, down_) {.id = id_, .start = start_, .end = end_, .end_reason = reason_, .step_down = down_}

/* EH1 (early help):
 *   child 1: episode 1 from 1 Mar 2024, ended 10 Apr 2024 by a step up         ended in the period, stepped up
 *            episode 2 from 1 Feb 2025, open, a step down                     open; started, a step down
 *   child 2: episode from 31 Mar 2025 (the as-at date), not a step down       open; started, not a step down
 *   child 3: episode 1 Jan 2025 to 31 Mar 2025 (ended on the as-at date), needs met
 *                                                                             not open; ended, not a step up;
 *                                                                             started, not a step down
 * Open: 2 (child 1's second, child 2). Step up: 1 of 2 ended. Step down: 1 of 3 started. */
static void eh1_early_help(void **state)
{
	(void)state;
	struct casefile *c1 = child(1, D(2015, 1, 1)), *c2 = child(2, D(2015, 1, 1)), *c3 = child(3, D(2015, 1, 1));
	PUT(c1, early_help, struct cf_early_help, EH(1, D(2024, 3, 1), D(2024, 4, 10), "step_up", false),
	    EH(2, D(2025, 2, 1), NONE, NULL, true));
	PUT(c2, early_help, struct cf_early_help, EH(3, D(2025, 3, 31), NONE, NULL, false));
	PUT(c3, early_help, struct cf_early_help, EH(4, D(2025, 1, 1), D(2025, 3, 31), "needs_met", false));
	struct casefile *cfs[] = {c1, c2, c3};
	struct measures_result *r = run(cfs, 3, AS_AT, NULL);
	expect(r, "EH1.open", 2, 0);
	assert_false(measures_result_part(r, "EH1.open")->has_rate);
	expect(r, "EH1.step_up", 1, 2);
	expect(r, "EH1.step_down", 1, 3);
}

/* LADO1 (allegations; not children: the inputs carry them):
 *   L1 received Fri 20 Dec 2024, considered Mon 23 Dec (due Mon 23 Dec)       considered in time
 *      resolved 10 Jan 2025: within 1 month (20 Jan), 3 (20 Mar), 12 (20 Dec 2025);
 *      known on 10 Jan, in the period, for each target                         met x3
 *   L2 received Tue 24 Dec 2024, considered Mon 30 Dec (due Fri 27 Dec)        considered late
 *      unresolved: 1-month target 24 Jan and 3-month 24 Mar passed            missed x2
 *      12-month target 24 Dec 2025 not yet come                               out
 *   L3 received 1 Feb 2024 (before the period: not a referral in it), resolved 15 Jun 2024:
 *      1 month (1 Mar 2024) missed before the period                           out
 *      3 months (1 May 2024) missed in the period                              missed
 *      12 months (1 Feb 2025): met, known on 15 Jun 2024 in the period         met
 *   L4 received Mon 31 Mar 2025, not considered: due Tue 1 Apr, pending        referral only
 *   L5 received 1 Apr 2025, after the as-at date                               out
 * Referrals 3 (L1 L2 L4). Considered 1 / 2. Resolved 1 month 1 / 2, 3 months 1 / 3,
 * 12 months 2 / 2. */
static void lado1_allegations(void **state)
{
	(void)state;
	struct clock_lado lado[] = {
		{1, 0, "L-1", D(2024, 12, 20), D(2024, 12, 23), D(2025, 1, 10)},
		{2, 0, "L-2", D(2024, 12, 24), D(2024, 12, 30), NONE},
		{3, 0, "L-3", D(2024, 2, 1), D(2024, 2, 1), D(2024, 6, 15)},
		{4, 0, "L-4", D(2025, 3, 31), NONE, NONE},
		{5, 0, "L-5", D(2025, 4, 1), NONE, NONE},
	};
	IN.lado = lado;
	IN.n_lado = 5;
	struct measures_result *r = run(NULL, 0, AS_AT, "LADO1.resolved_3m");
	expect(r, "LADO1.referrals", 3, 0);
	expect(r, "LADO1.considered_1wd", 1, 2);
	expect(r, "LADO1.resolved_1m", 1, 2);
	expect(r, "LADO1.resolved_3m", 1, 3);
	expect(r, "LADO1.resolved_12m", 2, 2);
	/* The drill-down names allegations by reference. */
	const struct measures_part_result *p = measures_result_part(r, "LADO1.resolved_3m");
	assert_int_equal(p->n_items, 3);
	assert_string_equal(p->items[2].ref, "L-3");
	assert_true(p->items[2].num == 0 && p->items[2].den == 1);
	IN.lado = NULL;
	IN.n_lado = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fd1_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(fd2_rereferrals, setup, teardown),
		cmocka_unit_test_setup_teardown(as1_assessments, setup, teardown),
		cmocka_unit_test_setup_teardown(cp1_icpc, setup, teardown),
		cmocka_unit_test_setup_teardown(cp2_repeat_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(cp3_reviews_visits_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(cp3_dead_child_left_out, setup, teardown),
		cmocka_unit_test_setup_teardown(eh1_early_help, setup, teardown),
		cmocka_unit_test_setup_teardown(lado1_allegations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
