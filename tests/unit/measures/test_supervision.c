/* test_supervision: SUP1, open cases supervised within the local interval, on a small
 * record built by hand, as at Monday 31 March 2025.
 *
 * The interval is the setting supervision_interval_days: 30 by default, so a supervision
 * counts when dated from 1 March 2025 (31 March less 30 days) to 31 March 2025. Every
 * numerator and denominator is worked by hand in the comment above its case. */
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

#define SUP(id_, date_) {.id = id_, .parent_id = 0, .date = date_}

static void open_referral(struct casefile *cf, int64_t id, hdate date)
{
	PUT(cf, referrals, struct cf_referral, {.id = id, .date = date, .closed = NONE, .source = "1A"});
}

/* With the default 30 days (window 1 Mar 2025 .. 31 Mar 2025):
 *   child 1 in need, supervised 1 Mar 2025 (the first day of the window)   yes
 *   child 2 in need, supervised 28 Feb 2025 (a day before it)               no
 *   child 3 in need, supervised 15 Feb and 31 Mar 2025 (the as-at date)     yes
 *   child 4 in need, supervision recorded for 1 Apr 2025 (after as-at)      no
 *   child 5 in need, never supervised                                        no
 *   child 6 referral closed in 2024, supervised 10 Mar 2025: no open case   out
 * SUP1 = 2 / 5.
 * With the interval set to 31 days (window from 28 Feb), child 2 counts too: 3 / 5. */
static void sup1_supervised(void **state)
{
	(void)state;
	struct casefile *c[6];
	for (int i = 0; i < 6; i++) {
		c[i] = child(i + 1, D(2015, 1, 1));
		open_referral(c[i], i + 1, D(2024, 6, 1));
	}
	c[5]->referrals[0].closed = D(2024, 9, 1);
	PUT(c[0], supervisions, struct cf_dated, SUP(1, D(2025, 3, 1)));
	PUT(c[1], supervisions, struct cf_dated, SUP(2, D(2025, 2, 28)));
	PUT(c[2], supervisions, struct cf_dated, SUP(3, D(2025, 2, 15)), SUP(4, D(2025, 3, 31)));
	PUT(c[3], supervisions, struct cf_dated, SUP(5, D(2025, 4, 1)));
	PUT(c[5], supervisions, struct cf_dated, SUP(6, D(2025, 3, 10)));
	expect(run(c, 6, AS_AT, NULL), "SUP1", 2, 5);
	IN.settings.supervision_interval_days = 31;
	expect(run(c, 6, AS_AT, NULL), "SUP1", 3, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sup1_supervised, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
