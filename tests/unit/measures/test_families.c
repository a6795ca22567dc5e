/* test_families: the 2026 Act's measures (PP1 pre-proceedings and FGDM, KIN1 kinship), each
 * on a small record built by hand, as at Monday 31 March 2025; the period is 1 April 2024 to
 * 31 March 2025. The local pre-proceedings timescale is the default 16 weeks (112 days)
 * unless a case says otherwise. Every expected figure is worked by hand in the comment above
 * its case; nothing expected is computed by the code under test. */
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

#define PP(id_, start_, offered_, held_, decided_, court_, exempt_, outcome_)                              \
	{.id = id_, .start = start_, .lbp_sent = NONE, .fgdm_offered = offered_, .fgdm_held = held_,          \
	 .step_decision = decided_, .court_app = court_, .letter_init_cp = NONE, .lbp_fgdm_offer = offered_ != NONE, \
	 .fgdm_exempt = exempt_, .outcome = outcome_}
#define PROC(id_, issued_) {.id = id_, .issued = issued_, .final_order = NONE}

/* The record behind both PP1 cases:
 *   child 1: A  start Wed 1 May 2024, FGDM offered 10 May, held 1 Jun, step decision Tue 20 Aug
 *               2024, outcome continue_cp, no court application, no proceedings.
 *               16 weeks from 1 May: May 1 + 30 = May 31, + 31 = Jul 1, + 31 = Aug 1, + 20 =
 *               Wed 21 Aug (112 days). 20 Aug <= 21 Aug: in time. Held by the decision. Avoided.
 *   child 2: B  start Mon 1 Jul 2024, exempt (no offer), decision Fri 1 Nov 2024, outcome
 *               proceedings, court application 5 Nov; proceedings issued Tue 12 Nov 2024.
 *               16 weeks: Jul 1 + 30 = Jul 31, + 31 = Aug 31, + 30 = Sep 30, + 21 = Mon 21 Oct.
 *               1 Nov > 21 Oct: late. No offer: not in fgdm_held. Not avoided.
 *               Proceedings 12 Nov: in the period; B (the latest begun by then) has no offer: miss.
 *   child 3: C  start Sun 1 Dec 2024, offered 5 Dec, never held, decision Mon 31 Mar 2025 (the
 *               as-at date), outcome kinship, no court application; but proceedings issued
 *               31 Mar 2025. 16 weeks: Dec 1 + 30 = Dec 31, + 31 = Jan 31, + 28 = Feb 28, + 23 =
 *               Sun 23 Mar. 31 Mar > 23 Mar: late. Offered, not held: miss. Proceedings issued
 *               since the start: not avoided. Proceedings 31 Mar: C offered 5 Dec: hit.
 *   child 4: D  start 1 Jan 2025, offered 1 Feb, held 1 Apr 2025 (after the as-at date), no
 *               decision yet: in no concluded part. Proceedings 1 Jan 2024: before the period.
 *   child 5: proceedings Tue 1 Oct 2024 with no pre-proceedings: in the period, miss.
 *            E  start 1 Jan 2025, decision 1 Apr 2025 (after the as-at date): out.
 * fgdm_offered: proceedings of children 2 (miss), 3 (hit), 5 (miss)  = 1 / 3.
 * fgdm_held:    A (hit), C (miss)                                     = 1 / 2.
 * in_timescale: A (hit), B (late), C (late)                           = 1 / 3.
 * avoided:      A (yes), B (no), C (no)                               = 1 / 3. */
static struct casefile **pp_record(void)
{
	static struct casefile *cfs[5];
	for (int i = 0; i < 5; i++) {
		cfs[i] = child(i + 1, D(2015, 1, 1));
	}
	PUT(cfs[0], pre_proceedings, struct cf_pre_proceedings,
	    PP(1, D(2024, 5, 1), D(2024, 5, 10), D(2024, 6, 1), D(2024, 8, 20), NONE, false, "continue_cp"));
	PUT(cfs[1], pre_proceedings, struct cf_pre_proceedings,
	    PP(2, D(2024, 7, 1), NONE, NONE, D(2024, 11, 1), D(2024, 11, 5), true, "proceedings"));
	PUT(cfs[1], proceedings, struct cf_proceedings, PROC(1, D(2024, 11, 12)));
	PUT(cfs[2], pre_proceedings, struct cf_pre_proceedings,
	    PP(3, D(2024, 12, 1), D(2024, 12, 5), NONE, D(2025, 3, 31), NONE, false, "kinship"));
	PUT(cfs[2], proceedings, struct cf_proceedings, PROC(2, D(2025, 3, 31)));
	PUT(cfs[3], pre_proceedings, struct cf_pre_proceedings,
	    PP(4, D(2025, 1, 1), D(2025, 2, 1), D(2025, 4, 1), NONE, NONE, false, NULL));
	PUT(cfs[3], proceedings, struct cf_proceedings, PROC(3, D(2024, 1, 1)));
	PUT(cfs[4], proceedings, struct cf_proceedings, PROC(4, D(2024, 10, 1)));
	PUT(cfs[4], pre_proceedings, struct cf_pre_proceedings,
	    PP(5, D(2025, 1, 1), NONE, NONE, D(2025, 4, 1), NONE, false, "closed"));
	return cfs;
}

static void pp1_default_timescale(void **state)
{
	(void)state;
	struct measures_result *r = run(pp_record(), 5, AS_AT, "PP1.fgdm_offered");
	expect(r, "PP1.fgdm_offered", 1, 3);
	expect(r, "PP1.fgdm_held", 1, 2);
	expect(r, "PP1.in_timescale", 1, 3);
	expect(r, "PP1.avoided", 1, 3);
	/* The drill-down: children 2, 3 and 5, only child 3 in the numerator. */
	const struct measures_part_result *p = measures_result_part(r, "PP1.fgdm_offered");
	assert_int_equal(p->n_items, 3);
	assert_int_equal(p->items[0].id, 2);
	assert_true(p->items[0].num == 0 && p->items[0].den == 1);
	assert_int_equal(p->items[1].id, 3);
	assert_true(p->items[1].num == 1 && p->items[1].den == 1);
	assert_int_equal(p->items[2].id, 5);
	assert_true(p->items[2].num == 0 && p->items[2].den == 1);
}

/* The same record with the local timescale set to 20 weeks (140 days):
 *   B: 21 Oct + 28 = Mon 18 Nov; 1 Nov <= 18 Nov: in time.
 *   C: 23 Mar + 28 = Sun 20 Apr; 31 Mar <= 20 Apr: in time.
 * in_timescale = 3 / 3; the other parts do not depend on it. */
static void pp1_local_timescale(void **state)
{
	(void)state;
	assert_int_equal(settings_apply(&IN.settings, "pre_proceedings_weeks", "20", NULL), 0);
	struct measures_result *r = run(pp_record(), 5, AS_AT, NULL);
	expect(r, "PP1.in_timescale", 3, 3);
	expect(r, "PP1.avoided", 1, 3);
}

#define KIN(id_, kind_, start_, end_, offer_)                                                           \
	{.id = id_, .start = start_, .end = end_, .offer_date = offer_, .kind = kind_, .offer_version = NULL, \
	 .allowance = false, .support_package = false}

/* KIN1:
 *   child 1: SGO from 1 Jan 2024, open; offer given 1 Feb 2024            sgo; offered
 *   child 2: informal from 1 Jan 2025 and another from 1 Mar 2025, open; no offer
 *                                                                         informal (once); not offered
 *   child 3: CAO 1 Jan 2023 to 1 Jan 2025 (ended); offer 2023             in nothing
 *   child 4: kinship foster care from 1 Apr 2025 (after the as-at date)   in nothing
 *   child 5: kinship foster care from 1 Jun 2024 and an SGO from 1 Mar 2025, both open;
 *            offer 1 Apr 2025 (after the as-at date)                      kinship_foster, sgo; not offered
 * informal 1, kinship_foster 1, sgo 2, cao 0; local_offer: children 1, 2, 5 in the
 * denominator, child 1 in the numerator = 1 / 3. */
static void kin1_kinship(void **state)
{
	(void)state;
	struct casefile *cfs[5];
	for (int i = 0; i < 5; i++) {
		cfs[i] = child(i + 1, D(2015, 1, 1));
	}
	PUT(cfs[0], kinship, struct cf_kinship, KIN(1, "sgo", D(2024, 1, 1), NONE, D(2024, 2, 1)));
	PUT(cfs[1], kinship, struct cf_kinship, KIN(2, "informal", D(2025, 1, 1), NONE, NONE),
	    KIN(3, "informal", D(2025, 3, 1), NONE, NONE));
	PUT(cfs[2], kinship, struct cf_kinship, KIN(4, "cao", D(2023, 1, 1), D(2025, 1, 1), D(2023, 2, 1)));
	PUT(cfs[3], kinship, struct cf_kinship, KIN(5, "kinship_foster", D(2025, 4, 1), NONE, NONE));
	PUT(cfs[4], kinship, struct cf_kinship, KIN(6, "kinship_foster", D(2024, 6, 1), NONE, D(2025, 4, 1)),
	    KIN(7, "sgo", D(2025, 3, 1), NONE, NONE));
	struct measures_result *r = run(cfs, 5, AS_AT, "KIN1.sgo");
	expect(r, "KIN1.informal", 1, 0);
	expect(r, "KIN1.kinship_foster", 1, 0);
	expect(r, "KIN1.sgo", 2, 0);
	expect(r, "KIN1.cao", 0, 0);
	expect(r, "KIN1.local_offer", 1, 3);
	const struct measures_part_result *p = measures_result_part(r, "KIN1.sgo");
	assert_int_equal(p->n_items, 2);
	assert_int_equal(p->items[0].id, 1);
	assert_int_equal(p->items[1].id, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pp1_default_timescale, setup, teardown),
		cmocka_unit_test_setup_teardown(pp1_local_timescale, setup, teardown),
		cmocka_unit_test_setup_teardown(kin1_kinship, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
