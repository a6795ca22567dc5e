/* test_as1_authorised: AS1 counts an assessment's completion from the date a manager
 * authorised its end, where authorisation was asked for (issue 15, part 2: the DfE's
 * completion date is the authorisation date), on a small record built by hand, as at
 * Monday 31 March 2025 (the period 1 April 2024 to 31 March 2025).
 *
 * Every child has referral 10 of Friday 20 December 2024 and its first assessment started
 * 2 January 2025, so the clock runs from the referral: 45 working days (25, 26 December and
 * 1 January are bank holidays) ends on Wednesday 26 February 2025 (as test_help works it).
 *   child 1: the record says 20 Feb; the manager authorised it on Mon 3 Mar       late
 *            (counted from 3 Mar, not the worker's 20 Feb)
 *   child 2: awaiting authorisation (the record holds no date)                     out
 *   child 3: the record says 20 Feb, but the request was returned on 24 Feb       out
 *            (not complete until authorised)
 *   child 4: the record says 25 Feb, no authorisation asked (a manager's own)     in time
 *   child 5: returned on 10 Feb, resubmitted, authorised Wed 26 Feb (the due day) in time
 *            (the latest request decides)
 *   child 6: authorised Tue 1 Apr 2025, after the as-at date                      out
 * AS1 = 2 (children 4 and 5) / 3 (children 1, 4 and 5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "measures/measures.h"
#include "test.h"

#define FIXTURE_BREAKDOWNS 0u
#include "fixture.h"

#define REQUEST(id_, state_, decided_)                                                                      \
	{.id = id_, .record_id = 1, .asked = D(2025, 2, 3), .decided = decided_, .point = "assessment_end", \
	 .record_kind = "assessment", .state = state_}

static struct casefile *assessed(int64_t id, hdate record_date)
{
	struct casefile *c = child(id, D(2012, 1, 1));
	PUT(c, referrals, struct cf_referral, {.id = 10, .date = D(2024, 12, 20), .closed = NONE, .source = "1A"});
	PUT(c, assessments, struct cf_assessment,
	    {.id = 1, .referral_id = 10, .start = D(2025, 1, 2), .authorised = record_date});
	return c;
}

static void as1_from_the_authorisation(void **state)
{
	(void)state;
	struct casefile *c[6] = {assessed(1, D(2025, 2, 20)), assessed(2, NONE),	   assessed(3, D(2025, 2, 20)),
				 assessed(4, D(2025, 2, 25)), assessed(5, D(2025, 2, 26)), assessed(6, D(2025, 4, 1))};
	PUT(c[0], authorisations, struct cf_authorisation, REQUEST(1, "authorised", D(2025, 3, 3)));
	PUT(c[1], authorisations, struct cf_authorisation, REQUEST(2, "awaiting", NONE));
	PUT(c[2], authorisations, struct cf_authorisation, REQUEST(3, "returned", D(2025, 2, 24)));
	PUT(c[4], authorisations, struct cf_authorisation, REQUEST(4, "returned", D(2025, 2, 10)),
	    REQUEST(5, "authorised", D(2025, 2, 26)));
	PUT(c[5], authorisations, struct cf_authorisation, REQUEST(6, "authorised", D(2025, 4, 1)));
	expect(run(c, 6, AS_AT, NULL), "AS1", 2, 3);
	/* Without the requests, the records' own dates: children 1, 3, 4, 5 in time (20, 20,
	 * 25, 26 Feb), child 6 after the as-at date: 4 / 4. */
	for (int i = 0; i < 6; i++) {
		c[i]->n_authorisations = 0;
	}
	expect(run(c, 6, AS_AT, NULL), "AS1", 4, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(as1_from_the_authorisation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
