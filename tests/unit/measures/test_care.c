/* test_care: the measures of children in care (CLA1, CLA2, CLA3, CLA4, ED1, MIS1, LEG1,
 * PER1), each on a small record built by hand, at one fixed as-at date.
 *
 * As at Monday 31 March 2025; the period is Monday 1 April 2024 (Easter Monday, a bank
 * holiday) to Monday 31 March 2025. Settings are the defaults (school terms from 1 January,
 * 20 April and 1 September). Bank holidays used: 2024: 29 Mar, 1 Apr, 25 + 26 Dec; 2025:
 * 1 Jan. Working days count from the day of the event as day 0. Every numerator and
 * denominator is worked by hand in the comment above its case. */
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

#define EP(id_, start_, end_, rne_, ls_, place_, long_term_)                                               \
	{.id = id_, .start = start_, .end = end_, .rne = rne_, .ls = ls_, .cin = "N1", .place = place_, \
	 .provider = "PR1", .long_term = long_term_}
#define VISIT(id_, date_, kind_, seen_) {.id = id_, .date = date_, .kind = kind_, .seen = seen_}
#define REVIEW(id_, date_, code_) {.id = id_, .date = date_, .code = code_}

/* CLA1 (children in care visited in time; reg 28 via the clock):
 *   child 1 in care from Mon 3 Mar 2025 (new placement), not visited: due within a week,
 *           Mon 10 Mar                                                               late
 *   child 2 in care from Mon 24 Mar 2025, not visited: due Mon 31 Mar, the as-at date in time
 *   child 3 in care since 1 Jan 2020 in a placement meant to last until 18, visited
 *           2 Jan 2025: after the placement's first year 3-monthly, due 2 Apr 2025    in time
 *   child 4 in care 1 Jan 2024 to 31 Mar 2025: left care on the as-at date            out
 *   child 5 short breaks (V3), open                                                    out
 *   child 6 in care since 1 Jan 2024 but died 1 Mar 2025                               out
 * Numerator 2 3 = 2; denominator 1 2 3 = 3. */
static void cla1_visits(void **state)
{
	(void)state;
	struct casefile *c[6];
	for (int i = 0; i < 6; i++) {
		c[i] = child(i + 1, D(2012, 5, 5));
	}
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2025, 3, 3), NONE, "S", "C2", "U6", false));
	PUT(c[1], episodes, struct cf_episode, EP(2, D(2025, 3, 24), NONE, "S", "V2", "U6", false));
	PUT(c[2], episodes, struct cf_episode, EP(3, D(2020, 1, 1), NONE, "S", "C2", "U4", true));
	PUT(c[2], visits, struct cf_visit, VISIT(1, D(2025, 1, 2), VISIT_CLA, true));
	PUT(c[3], episodes, struct cf_episode, EP(4, D(2024, 1, 1), D(2025, 3, 31), "S", "C2", "U6", false));
	PUT(c[4], episodes, struct cf_episode, EP(5, D(2024, 1, 1), NONE, "S", "V3", "U6", false));
	PUT(c[5], episodes, struct cf_episode, EP(6, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	c[5]->child.death = D(2025, 3, 1);
	expect(run(c, 6, AS_AT, NULL), "CLA1", 2, 3);
}

/* CLA2 (reviews due in the period, held in time; reg 33 walked per period of care):
 *   child 1 in care from Mon 2 Dec 2024: first review due 20 wd later (25, 26 Dec and
 *           1 Jan skipped) Thu 2 Jan 2025, held 2 Jan                      due in period, met
 *           second due 2 Apr 2025: after the as-at date                     out
 *   child 2 in care from Thu 1 Jun 2023; reviews 28 Jun 2023 (due 29 Jun), 20 Sep 2023
 *           (due 28 Sep), 10 Apr 2024 (due 20 Mar 2024: late, but due before the period),
 *           15 Oct 2024 (due 10 Oct 2024)                                   due in period, late
 *           next due 15 Apr 2025: after the as-at date                      out
 *   child 3 in care Thu 1 Feb 2024 to 1 Aug 2024; reviews 28 Feb 2024 (due Thu 29 Feb,
 *           before the period), 20 May 2024 (due 28 May)                    due in period, met
 *           next due 20 Nov 2024: after leaving care                        none owed
 *   child 4 in care from Mon 3 Mar 2025, no review: due 20 wd later = Mon 31 Mar, the
 *           as-at date, not yet held                                        pending, out
 *   child 5 the same, reviewed on 31 Mar 2025                               due in period, met
 * Numerator 1 3 5 = 3; denominator 1 2 3 5 = 4. */
static void cla2_reviews(void **state)
{
	(void)state;
	struct casefile *c[5];
	for (int i = 0; i < 5; i++) {
		c[i] = child(i + 1, D(2012, 5, 5));
	}
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2024, 12, 2), NONE, "S", "C2", "U6", false));
	PUT(c[0], cla_reviews, struct cf_dated, REVIEW(1, D(2025, 1, 2), "PN1"));
	PUT(c[1], episodes, struct cf_episode, EP(2, D(2023, 6, 1), NONE, "S", "C2", "U6", false));
	PUT(c[1], cla_reviews, struct cf_dated, REVIEW(2, D(2023, 6, 28), "PN1"), REVIEW(3, D(2023, 9, 20), "PN1"),
	    REVIEW(4, D(2024, 4, 10), "PN1"), REVIEW(5, D(2024, 10, 15), "PN1"));
	PUT(c[2], episodes, struct cf_episode, EP(3, D(2024, 2, 1), D(2024, 8, 1), "S", "C2", "U6", false));
	PUT(c[2], cla_reviews, struct cf_dated, REVIEW(6, D(2024, 2, 28), "PN1"), REVIEW(7, D(2024, 5, 20), "PN1"));
	PUT(c[3], episodes, struct cf_episode, EP(4, D(2025, 3, 3), NONE, "S", "C2", "U6", false));
	PUT(c[4], episodes, struct cf_episode, EP(5, D(2025, 3, 3), NONE, "S", "C2", "U6", false));
	PUT(c[4], cla_reviews, struct cf_dated, REVIEW(8, D(2025, 3, 31), "PN1"));
	expect(run(c, 5, AS_AT, NULL), "CLA2", 3, 4);
}

/* CLA3 (placement stability), every child in care on the as-at date:
 *   child 1 (born 2010) S 1 Jan 2023, P 1 May 2024, L 1 Sep 2024 (same placement),
 *           T 1 Dec 2024, U 1 Feb 2025 (same carers): placements overlapping the period:
 *           the first (to 1 May 2024), the second, the third = 3             three or more
 *   child 2 (2010) S 1 Jan 2024 ending 31 Mar 2024 (before the period), P 31 Mar 2024,
 *           P 1 Jan 2025 = 2                                                 not
 *   child 3 (2010) in care 1 May to 1 Jun 2024 (S), again from 1 Jan 2025 (S), P 1 Mar
 *           2025: 3 across both periods                                      three or more
 *   child 4 (born 1 Jan 2015) S 1 Jan 2022, P 1 Feb 2023: one placement in the period;
 *           under 16, in care since before 30 Sep 2022 (2.5 years before 31 Mar 2025),
 *           placed since before 31 Mar 2023 (2 years)                        long-term: same placement
 *   child 5 (2015) S 1 Sep 2022, P 1 May 2023: in care 2.5 years, placed under 2 years
 *                                                                            long-term: not
 *   child 6 (born 1 Mar 2009, 16 on 1 Mar 2025) S 1 Jan 2020: not under 16   long-term: out
 *   child 7 (2015) S 1 Oct 2022: in care under 2.5 years                      long-term: out
 * Three or more: numerator 1 3 = 2, denominator all 7. Long-term: numerator 4 = 1,
 * denominator 4 5 = 2. */
static void cla3_stability(void **state)
{
	(void)state;
	struct casefile *c[7];
	for (int i = 0; i < 7; i++) {
		c[i] = child(i + 1, i < 3 ? D(2010, 1, 1) : i == 5 ? D(2009, 3, 1) : D(2015, 1, 1));
	}
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2023, 1, 1), D(2024, 5, 1), "S", "C2", "U6", false),
	    EP(2, D(2024, 5, 1), D(2024, 9, 1), "P", "C2", "U6", false),
	    EP(3, D(2024, 9, 1), D(2024, 12, 1), "L", "E1", "U6", false),
	    EP(4, D(2024, 12, 1), D(2025, 2, 1), "T", "C2", "K2", false), EP(5, D(2025, 2, 1), NONE, "U", "C2", "K2", false));
	PUT(c[1], episodes, struct cf_episode, EP(6, D(2024, 1, 1), D(2024, 3, 31), "S", "C2", "U6", false),
	    EP(7, D(2024, 3, 31), D(2025, 1, 1), "P", "C2", "U6", false), EP(8, D(2025, 1, 1), NONE, "P", "C2", "U6", false));
	PUT(c[2], episodes, struct cf_episode, EP(9, D(2024, 5, 1), D(2024, 6, 1), "S", "V2", "U6", false),
	    EP(10, D(2025, 1, 1), D(2025, 3, 1), "S", "V2", "U6", false), EP(11, D(2025, 3, 1), NONE, "P", "V2", "U6", false));
	PUT(c[3], episodes, struct cf_episode, EP(12, D(2022, 1, 1), D(2023, 2, 1), "S", "C2", "U6", false),
	    EP(13, D(2023, 2, 1), NONE, "P", "C2", "U4", true));
	PUT(c[4], episodes, struct cf_episode, EP(14, D(2022, 9, 1), D(2023, 5, 1), "S", "C2", "U6", false),
	    EP(15, D(2023, 5, 1), NONE, "P", "C2", "U4", true));
	PUT(c[5], episodes, struct cf_episode, EP(16, D(2020, 1, 1), NONE, "S", "C2", "U4", true));
	PUT(c[6], episodes, struct cf_episode, EP(17, D(2022, 10, 1), NONE, "S", "C2", "U4", true));
	struct measures_result *r = run(c, 7, AS_AT, NULL);
	expect(r, "CLA3.three_plus", 2, 7);
	expect(r, "CLA3.long_term", 1, 2);
}

#define HEALTH(id_, date_, kind_) {.id = id_, .date = date_, .kind = kind_}

/* CLA4 (health assessment and dental check in time, as the clock has them):
 *   child 1 (born 2015) in care from 1 Jan 2024: initial 15 Jan 2024, review 10 Jan 2025
 *           (next in 12 months)                                              health in time
 *           dental 1 Feb 2024: next due 1 Feb 2025                          dental late
 *   child 2 (born 1 Jun 2022) in care from 1 Jun 2024: initial 20 Jun 2024; under 5, so
 *           the review is due in 6 months, 20 Dec 2024                      health late
 *           no dental check: due 12 months from entering care, 1 Jun 2025   dental in time
 *   child 3 (2015) in care from Mon 3 Mar 2025, nothing yet: the initial assessment is due
 *           20 wd later, Mon 31 Mar, the as-at date: due, not overdue        health in time
 *                                                                            dental in time
 * Health: numerator 1 3 = 2, denominator 3. Dental: numerator 2 3 = 2, denominator 3. */
static void cla4_health_dental(void **state)
{
	(void)state;
	struct casefile *c[3] = {child(1, D(2015, 1, 1)), child(2, D(2022, 6, 1)), child(3, D(2015, 1, 1))};
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	PUT(c[0], health, struct cf_health, HEALTH(1, D(2024, 1, 15), HEALTH_INITIAL),
	    HEALTH(2, D(2024, 2, 1), HEALTH_DENTAL), HEALTH(3, D(2025, 1, 10), HEALTH_REVIEW));
	PUT(c[1], episodes, struct cf_episode, EP(2, D(2024, 6, 1), NONE, "S", "C2", "U6", false));
	PUT(c[1], health, struct cf_health, HEALTH(4, D(2024, 6, 20), HEALTH_INITIAL));
	PUT(c[2], episodes, struct cf_episode, EP(3, D(2025, 3, 3), NONE, "S", "C2", "U6", false));
	struct measures_result *r = run(c, 3, AS_AT, NULL);
	expect(r, "CLA4.health", 2, 3);
	expect(r, "CLA4.dental", 2, 3);
}

#define PEP(id_, date_) {.id = id_, .date = date_}

/* ED1 (school-age children in care with a PEP in time; terms from 1 Jan, 20 Apr, 1 Sep):
 *   child 1 (born 1 Jan 2012: Year 1 from 1 Sep 2017 to Year 11) in care from 1 Jan 2024,
 *           PEPs through to 15 Jan 2025 (spring term): the next is due by the end of the
 *           summer term, 31 Aug 2025                                          in time
 *   child 2 (2012) in care from 1 Jan 2024, last PEP 10 May 2024 (summer term): due by the
 *           end of the autumn term, 31 Dec 2024                              late
 *   child 3 (born 1 Jan 2021, Year 1 from 1 Sep 2026) in care: not of school age  out
 *   child 4 (2012) in care from Mon 3 Mar 2025, no PEP: due in 10 wd, Mon 17 Mar   late
 *   child 5 (born 1 Jan 2007, past Year 11) in care                            out
 * Numerator 1; denominator 1 2 4 = 3. */
static void ed1_peps(void **state)
{
	(void)state;
	struct casefile *c[5] = {child(1, D(2012, 1, 1)), child(2, D(2012, 1, 1)), child(3, D(2021, 1, 1)),
				 child(4, D(2012, 1, 1)), child(5, D(2007, 1, 1))};
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	PUT(c[0], peps, struct cf_dated, PEP(1, D(2024, 1, 10)), PEP(2, D(2024, 5, 1)), PEP(3, D(2024, 9, 10)),
	    PEP(4, D(2025, 1, 15)));
	PUT(c[1], episodes, struct cf_episode, EP(2, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	PUT(c[1], peps, struct cf_dated, PEP(5, D(2024, 1, 10)), PEP(6, D(2024, 5, 10)));
	PUT(c[2], episodes, struct cf_episode, EP(3, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	PUT(c[3], episodes, struct cf_episode, EP(4, D(2025, 3, 3), NONE, "S", "C2", "U6", false));
	PUT(c[4], episodes, struct cf_episode, EP(5, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	expect(run(c, 5, AS_AT, NULL), "ED1", 1, 3);
}

/* An instant: hour h (UTC) of day d. */
static hinstant at(hdate d, int h)
{
	return instant_from_date(d) + (hinstant)h * 3600;
}

#define MISSING(id_, start_, end_, offered_, accepted_, away_) \
	{.id = id_, .start = start_, .end = end_, .rhi_offered = offered_, .away = away_, .rhi_accepted = accepted_}

/* MIS1 (missing):
 *   child 1, in care since 1 Jan 2024:
 *     m5 20 Mar 2024 to 21 Mar 2024                      before the period: out entirely
 *     m6 31 Mar 2024 23:00 to 1 Apr 2024 09:00, no offer: began before the period (not an
 *        episode in it) but returned in it; 72 hours ran to 4 Apr 09:00    return: late
 *     m1 10 Jun 2024 20:00 to 11 Jun 08:00; offered 12 Jun 10:00 (by 14 Jun 08:00), accepted
 *                                                        episode; return in time; accepted
 *     m2 1 Mar 2025 22:00 to 2 Mar 06:00; offered 6 Mar 09:00 (72 hours ended 5 Mar 06:00),
 *        declined                                        episode; return late; not accepted
 *     m3 5 Mar 2025, away from placement (not missing)   out
 *     m4 30 Mar 2025 10:00 to 18:00, no offer yet: 72 hours run to 2 Apr    episode; return pending
 *   child 2, not in care: 1 Feb 2025 10:00 to 20:00, offered 3 Feb 10:00, accepted
 *                                                        episode; return in time; accepted
 *   child 3, in care 1 May to 1 Jul 2024, never missing
 * Episodes: 3 + 1 = 4 over 2 children. Children in care in the period: 1 and 3, of whom 1
 * went missing in care: 1 / 2. Returns offered in time: m1 and child 2's of m6 m1 m2 and
 * child 2's: 2 / 4. Accepted: m1 and child 2's of the three offers: 2 / 3. */
static void mis1_missing(void **state)
{
	(void)state;
	struct casefile *c[3] = {child(1, D(2009, 1, 1)), child(2, D(2009, 1, 1)), child(3, D(2009, 1, 1))};
	PUT(c[0], episodes, struct cf_episode, EP(1, D(2024, 1, 1), NONE, "S", "C2", "U6", false));
	PUT(c[0], missing, struct cf_missing,
	    MISSING(5, at(D(2024, 3, 20), 10), at(D(2024, 3, 21), 10), 0, false, false),
	    MISSING(6, at(D(2024, 3, 31), 23), at(D(2024, 4, 1), 9), 0, false, false),
	    MISSING(1, at(D(2024, 6, 10), 20), at(D(2024, 6, 11), 8), at(D(2024, 6, 12), 10), true, false),
	    MISSING(2, at(D(2025, 3, 1), 22), at(D(2025, 3, 2), 6), at(D(2025, 3, 6), 9), false, false),
	    MISSING(3, at(D(2025, 3, 5), 10), at(D(2025, 3, 5), 20), 0, false, true),
	    MISSING(4, at(D(2025, 3, 30), 10), at(D(2025, 3, 30), 18), 0, false, false));
	PUT(c[1], missing, struct cf_missing,
	    MISSING(7, at(D(2025, 2, 1), 10), at(D(2025, 2, 1), 20), at(D(2025, 2, 3), 10), true, false));
	PUT(c[2], episodes, struct cf_episode, EP(2, D(2024, 5, 1), D(2024, 7, 1), "S", "V2", "U6", false));
	struct measures_result *r = run(c, 3, AS_AT, NULL);
	expect(r, "MIS1.episodes", 4, 2);
	expect(r, "MIS1.children", 1, 2);
	expect(r, "MIS1.rhi_offered", 2, 4);
	expect(r, "MIS1.rhi_accepted", 2, 3);
}

#define PROCEEDINGS(id_, issued_, final_) {.id = id_, .issued = issued_, .final_order = final_, .order = "CO"}

/* LEG1 (care proceedings concluded in the period):
 *   p1 issued Mon 1 Jul 2024, final order Mon 30 Dec 2024: 182 days, exactly 26 weeks   in time
 *   p2 issued 1 Apr 2024, final 1 Nov 2024: 214 days                                     late
 *   p3 issued 1 Jan 2024, final 30 Mar 2024: before the period                          out
 *   p4 issued 1 Jan 2025, not concluded                                                  out
 *   p5 issued 1 Dec 2024, final 31 Mar 2025 (the as-at date): 120 days                  in time
 * Within 26 weeks: 2 / 3. Mean weeks: (182 + 214 + 120) / 7 = 516 / 7 weeks over 3. */
static void leg1_proceedings(void **state)
{
	(void)state;
	struct casefile *c = child(1, D(2020, 1, 1));
	PUT(c, proceedings, struct cf_proceedings, PROCEEDINGS(3, D(2024, 1, 1), D(2024, 3, 30)),
	    PROCEEDINGS(2, D(2024, 4, 1), D(2024, 11, 1)), PROCEEDINGS(1, D(2024, 7, 1), D(2024, 12, 30)),
	    PROCEEDINGS(5, D(2024, 12, 1), D(2025, 3, 31)), PROCEEDINGS(4, D(2025, 1, 1), NONE));
	struct casefile *cfs[] = {c};
	struct measures_result *r = run(cfs, 1, AS_AT, NULL);
	expect(r, "LEG1.in_26_weeks", 2, 3);
	expect(r, "LEG1.mean_weeks", 516.0 / 7.0, 3);
	assert_true(fabs(measures_result_part(r, "LEG1.mean_weeks")->rate - 516.0 / 21.0) < 1e-9);
}

#define PERMANENCE(id_, date_, plan_) {.id = id_, .decided = date_, .plan = plan_}

/* PER1 (permanence):
 *   children 1-4 in care from 1 Jun 2024; first review 20 Jun 2024
 *     child 1: second review 15 Sep 2024, plan agreed 1 Sep 2024                 by the second review
 *     child 2: second review 15 Sep 2024, plan agreed 16 Sep 2024                not
 *     child 3: no second review yet                                               out
 *     child 4: second review 31 Mar 2025 (the as-at date), plan agreed that day   by the second review
 *   child 5: in care 2021-2023 with a plan agreed 1 Jun 2022; in care again from 1 Jun 2024,
 *            reviews 20 Jun and 15 Sep 2024, no plan in this period of care       not
 *   child 6: in care from 1 Jan 2023 (S); placed for adoption 1 Jun 2024 (P, A5); placement
 *            order 1 Oct 2023, matched 1 May 2024, adopted 1 Dec 2024 (in the period):
 *            A1 = 1 Jun 2024 - 1 Jan 2023 = 517 days; A2 = 1 May 2024 - 1 Oct 2023 = 213 days
 *   child 7: adopted 1 Mar 2024, before the period                                out
 * Plan by the second review: 1 4 of 1 2 4 5 = 2 / 4. A1 517 / 1. A2 213 / 1. */
static void per1_permanence(void **state)
{
	(void)state;
	struct casefile *c[7];
	for (int i = 0; i < 7; i++) {
		c[i] = child(i + 1, D(2018, 1, 1));
	}
	for (int i = 0; i < 4; i++) {
		PUT(c[i], episodes, struct cf_episode, EP(i + 1, D(2024, 6, 1), NONE, "S", "C2", "U6", false));
	}
	PUT(c[0], cla_reviews, struct cf_dated, REVIEW(1, D(2024, 6, 20), "PN1"), REVIEW(2, D(2024, 9, 15), "PN1"));
	PUT(c[0], permanence, struct cf_permanence, PERMANENCE(1, D(2024, 9, 1), "adoption"));
	PUT(c[1], cla_reviews, struct cf_dated, REVIEW(3, D(2024, 6, 20), "PN1"), REVIEW(4, D(2024, 9, 15), "PN1"));
	PUT(c[1], permanence, struct cf_permanence, PERMANENCE(2, D(2024, 9, 16), "adoption"));
	PUT(c[2], cla_reviews, struct cf_dated, REVIEW(5, D(2024, 6, 20), "PN1"));
	PUT(c[3], cla_reviews, struct cf_dated, REVIEW(6, D(2024, 6, 20), "PN1"), REVIEW(7, D(2025, 3, 31), "PN1"));
	PUT(c[3], permanence, struct cf_permanence, PERMANENCE(3, D(2025, 3, 31), "long_term_fostering"));
	PUT(c[4], episodes, struct cf_episode, EP(5, D(2021, 1, 1), D(2023, 1, 1), "S", "C2", "U6", false),
	    EP(6, D(2024, 6, 1), NONE, "S", "C2", "U6", false));
	PUT(c[4], cla_reviews, struct cf_dated, REVIEW(8, D(2024, 6, 20), "PN1"), REVIEW(9, D(2024, 9, 15), "PN1"));
	PUT(c[4], permanence, struct cf_permanence, PERMANENCE(4, D(2022, 6, 1), "return_home"));
	PUT(c[5], episodes, struct cf_episode, EP(7, D(2023, 1, 1), D(2024, 6, 1), "S", "C2", "U6", false),
	    EP(8, D(2024, 6, 1), D(2024, 12, 1), "P", "E1", "A5", false));
	PUT(c[5], adoptions, struct cf_adoption,
	    {.id = 1, .decision = D(2023, 7, 1), .placement_order = D(2023, 10, 1), .matched = D(2024, 5, 1),
	     .placed = D(2024, 6, 1), .adoption_order = D(2024, 12, 1), .ceased = NONE});
	PUT(c[6], episodes, struct cf_episode, EP(9, D(2022, 1, 1), D(2024, 3, 1), "S", "E1", "A5", false));
	PUT(c[6], adoptions, struct cf_adoption,
	    {.id = 2, .decision = D(2022, 3, 1), .placement_order = D(2022, 6, 1), .matched = D(2022, 11, 1),
	     .placed = D(2023, 1, 1), .adoption_order = D(2024, 3, 1), .ceased = NONE});
	struct measures_result *r = run(c, 7, AS_AT, NULL);
	expect(r, "PER1.plan_by_second_review", 2, 4);
	expect(r, "PER1.A1", 517, 1);
	expect(r, "PER1.A2", 213, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(cla1_visits, setup, teardown),
		cmocka_unit_test_setup_teardown(cla2_reviews, setup, teardown),
		cmocka_unit_test_setup_teardown(cla3_stability, setup, teardown),
		cmocka_unit_test_setup_teardown(cla4_health_dental, setup, teardown),
		cmocka_unit_test_setup_teardown(ed1_peps, setup, teardown),
		cmocka_unit_test_setup_teardown(mis1_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(leg1_proceedings, setup, teardown),
		cmocka_unit_test_setup_teardown(per1_permanence, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
