/* test_workdays: working-day arithmetic over the England and Wales bank holidays.
 *
 * Every expected date here was worked by hand from a printed calendar; the working is in
 * the comment above each case ("+1" marks the first working day counted). Convention under
 * test: the day of the event is day 0, and N working days later is the N-th working day
 * strictly after it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/workdays.h"

static hdate D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* The issue's example. Fri 2024-12-20 + 10 wd: Mon 23 (1), Tue 24 (2), [Wed 25 Christmas,
 * Thu 26 Boxing Day], Fri 27 (3), [weekend], Mon 30 (4), Tue 31 (5), [Wed 1 Jan], Thu 2 (6),
 * Fri 3 (7), [weekend], Mon 6 (8), Tue 7 (9), Wed 8 (10) = 2025-01-08. */
static void test_issue_example_christmas(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2024, 12, 20), 10), D(2025, 1, 8));
	assert_int_equal(workdays_between(D(2024, 12, 20), D(2025, 1, 8)), 10);
}

/* Referral Fri 2024-12-20 + 45 wd: Wed 8 Jan is 10 (above); Thu 9 (11), Fri 10 (12);
 * 13-17 Jan (13-17); 20-24 Jan (18-22); 27-31 Jan (23-27); 3-7 Feb (28-32); 10-14 Feb
 * (33-37); 17-21 Feb (38-42); Mon 24 (43), Tue 25 (44), Wed 26 (45) = 2025-02-26. */
static void test_45_across_christmas(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2024, 12, 20), 45), D(2025, 2, 26));
	assert_int_equal(workdays_between(D(2024, 12, 20), D(2025, 2, 26)), 45);
	/* One day short: Tue 25 Feb is 44. */
	assert_int_equal(workdays_between(D(2024, 12, 20), D(2025, 2, 25)), 44);
}

/* Day 0 is the event: + 0 is the same day, even a Saturday (2024-12-21). */
static void test_zero_is_the_event_day(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2024, 12, 21), 0), D(2024, 12, 21));
	assert_int_equal(workdays_add(D(2025, 3, 3), 0), D(2025, 3, 3));
	assert_int_equal(workdays_between(D(2025, 3, 3), D(2025, 3, 3)), 0);
}

/* A Saturday start (2025-01-04): counting begins with the next working day, so
 * + 1 wd = Mon 2025-01-06, + 2 = Tue 2025-01-07. */
static void test_weekend_start(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2025, 1, 4), 1), D(2025, 1, 6));
	assert_int_equal(workdays_add(D(2025, 1, 4), 2), D(2025, 1, 7));
	/* Sat to Sun holds no working day. */
	assert_int_equal(workdays_between(D(2025, 1, 4), D(2025, 1, 5)), 0);
	/* Fri to Mon: one (the Monday). */
	assert_int_equal(workdays_between(D(2025, 1, 3), D(2025, 1, 6)), 1);
}

/* Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr. Thu 2025-04-17 + 1 wd:
 * [Fri 18, Sat, Sun, Mon 21] Tue 22 (1) = 2025-04-22. */
static void test_easter_2025(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2025, 4, 17), 1), D(2025, 4, 22));
	assert_int_equal(workdays_between(D(2025, 4, 17), D(2025, 4, 22)), 1);
}

/* Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr. Mon 2024-03-25 + 10 wd: Tue 26 (1),
 * Wed 27 (2), Thu 28 (3), [Fri 29, weekend, Mon 1 Apr], Tue 2 (4), Wed 3 (5), Thu 4 (6),
 * Fri 5 (7), Mon 8 (8), Tue 9 (9), Wed 10 (10) = 2024-04-10. */
static void test_easter_2024(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2024, 3, 25), 10), D(2024, 4, 10));
	assert_int_equal(workdays_add(D(2024, 3, 28), 1), D(2024, 4, 2));
}

/* Leap year: Wed 2024-02-28 + 1 = Thu 29 Feb; + 2 = Fri 1 Mar. Fri 23 Feb to Fri 1 Mar:
 * Mon 26, Tue 27, Wed 28, Thu 29, Fri 1 = 5. */
static void test_leap_day(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2024, 2, 28), 1), D(2024, 2, 29));
	assert_int_equal(workdays_add(D(2024, 2, 28), 2), D(2024, 3, 1));
	assert_int_equal(workdays_between(D(2024, 2, 23), D(2024, 3, 1)), 5);
	/* 2025 has no 29 Feb: Fri 28 Feb + 1 = Mon 3 Mar. */
	assert_int_equal(workdays_add(D(2025, 2, 28), 1), D(2025, 3, 3));
}

/* Reversed order gives the negative count; backwards steps count strictly before. */
static void test_backwards(void **state)
{
	(void)state;
	assert_int_equal(workdays_between(D(2025, 1, 8), D(2024, 12, 20)), -10);
	/* Thu 2 Jan 2025 - 1 wd: [Wed 1 Jan] Tue 31 Dec 2024. */
	assert_int_equal(workdays_add(D(2025, 1, 2), -1), D(2024, 12, 31));
	/* Sat 4 Jan 2025 - 1 wd: the Friday before, 3 Jan. */
	assert_int_equal(workdays_add(D(2025, 1, 4), -1), D(2025, 1, 3));
	/* Wed 8 Jan 2025 - 10 wd: back to Fri 20 Dec 2024 (the issue example, reversed). */
	assert_int_equal(workdays_add(D(2025, 1, 8), -10), D(2024, 12, 20));
}

/* Christmas 2026 is a Friday, Boxing Day a Saturday: the substitute is Mon 28 Dec.
 * Thu 2026-12-24 + 1 wd: [Fri 25, Sat, Sun, Mon 28] Tue 29 (1). */
static void test_substitute_boxing_day_2026(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2026, 12, 24), 1), D(2026, 12, 29));
	assert_false(workday_is(D(2026, 12, 28)));
}

/* Christmas 2027 is a Saturday, Boxing Day a Sunday: substitutes Mon 27 and Tue 28.
 * Fri 2027-12-24 + 1 wd: [Sat, Sun, Mon 27, Tue 28] Wed 29 (1). */
static void test_substitute_christmas_2027(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2027, 12, 24), 1), D(2027, 12, 29));
}

/* Christmas 2022 was a Sunday: Boxing Day Mon 26, Christmas substitute Tue 27 (a rule year,
 * not listed). Fri 2022-12-23 + 1 wd: [Sat, Sun, Mon 26, Tue 27] Wed 28 (1). */
static void test_substitute_christmas_sunday_2022(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2022, 12, 23), 1), D(2022, 12, 28));
}

/* New Year's Day 2022 was a Saturday: substitute Mon 3 Jan. Fri 2021-12-31 + 1 wd:
 * [Sat 1, Sun 2, Mon 3] Tue 4 (1). (31 Dec 2021 was an ordinary Friday.) */
static void test_substitute_new_year_2022(void **state)
{
	(void)state;
	assert_true(workday_is(D(2021, 12, 31)));
	assert_int_equal(workdays_add(D(2021, 12, 31), 1), D(2022, 1, 4));
}

/* A rule year beyond the listed ones: Easter Sunday 2028 is 16 April, so Good Friday 14 and
 * Easter Monday 17 April. Thu 2028-04-13 + 1 wd: [Fri 14, Sat, Sun, Mon 17] Tue 18 (1). */
static void test_rule_year_2028_easter(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2028, 4, 13), 1), D(2028, 4, 18));
}

/* Platinum Jubilee 2022: Thu 2 and Fri 3 June (the spring holiday moved from Mon 30 May,
 * which was a working day). Wed 2022-06-01 + 1 wd: [Thu 2, Fri 3, Sat, Sun] Mon 6 (1). */
static void test_one_off_jubilee_2022(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2022, 6, 1), 1), D(2022, 6, 6));
	assert_true(workday_is(D(2022, 5, 30)));
}

/* Queen's funeral Mon 2022-09-19: Fri 16 Sep + 1 wd: [Sat, Sun, Mon 19] Tue 20 (1). */
static void test_one_off_funeral_2022(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2022, 9, 16), 1), D(2022, 9, 20));
}

/* 2020: the early May holiday moved from Mon 4 May to Fri 8 May (VE Day). */
static void test_moved_may_day_2020(void **state)
{
	(void)state;
	assert_true(workday_is(D(2020, 5, 4)));
	assert_false(workday_is(D(2020, 5, 8)));
	/* Thu 7 May + 1 wd: [Fri 8, Sat, Sun] Mon 11 (1). */
	assert_int_equal(workdays_add(D(2020, 5, 7), 1), D(2020, 5, 11));
}

/* Coronation Mon 2023-05-08, a week after the early May holiday Mon 1 May.
 * Fri 5 May + 1 wd: [Sat, Sun, Mon 8] Tue 9 (1). */
static void test_coronation_2023(void **state)
{
	(void)state;
	assert_false(workday_is(D(2023, 5, 1)));
	assert_int_equal(workdays_add(D(2023, 5, 5), 1), D(2023, 5, 9));
}

/* Diamond Jubilee 2012: Mon 4 and Tue 5 June; Mon 28 May (the usual spring date) worked.
 * Fri 1 June + 1 wd: [Sat, Sun, Mon 4, Tue 5] Wed 6 (1). */
static void test_one_off_jubilee_2012(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2012, 6, 1), 1), D(2012, 6, 6));
	assert_true(workday_is(D(2012, 5, 28)));
}

/* 2011: Easter Sunday 24 April (Good Friday 22, Easter Monday 25), royal wedding Fri 29
 * April, early May Mon 2 May. Thu 2011-04-21 + 5 wd: [Fri 22, Sat, Sun, Mon 25], Tue 26 (1),
 * Wed 27 (2), Thu 28 (3), [Fri 29, Sat, Sun, Mon 2 May], Tue 3 (4), Wed 4 (5) = 2011-05-04. */
static void test_royal_wedding_2011(void **state)
{
	(void)state;
	assert_int_equal(workdays_add(D(2011, 4, 21), 5), D(2011, 5, 4));
}

/* The bank holidays themselves are not working days; their neighbours are. */
static void test_workday_is(void **state)
{
	(void)state;
	assert_false(workday_is(D(2024, 12, 25)));
	assert_true(workday_is(D(2024, 12, 24)));
	assert_false(workday_is(D(2025, 5, 5)));	/* early May */
	assert_false(workday_is(D(2025, 5, 26)));	/* spring */
	assert_false(workday_is(D(2024, 8, 26)));	/* summer */
	assert_false(workday_is(D(2025, 1, 4)));	/* a Saturday */
	assert_true(workday_is(D(2025, 1, 6)));
	assert_false(workday_is(DATE_NONE));
	assert_true(workdays_is_bank_holiday(D(2026, 8, 31)));
	assert_false(workdays_is_bank_holiday(D(2026, 8, 24)));
}

/* Whole years. 2025 starts on a Wednesday and has 365 days = 52 weeks + 1 day (a Wednesday):
 * 52 x 5 + 1 = 261 weekdays, less its 8 holidays (all on weekdays) = 253.
 * 2024 (leap) starts on a Monday: 366 days = 52 weeks + Mon 30 and Tue 31 Dec: 262 weekdays,
 * less 8 holidays (all on weekdays) = 254. */
static void test_whole_years(void **state)
{
	(void)state;
	assert_int_equal(workdays_between(D(2024, 12, 31), D(2025, 12, 31)), 253);
	assert_int_equal(workdays_between(D(2023, 12, 31), D(2024, 12, 31)), 254);
}

/* DOMAIN.md's listed years, as listed; and the rules alone reproduce each listed year. */
static void test_listed_years(void **state)
{
	(void)state;
	static const int y2026[][3] = {{2026, 1, 1}, {2026, 4, 3},   {2026, 4, 6},   {2026, 5, 4},
				       {2026, 5, 25}, {2026, 8, 31}, {2026, 12, 25}, {2026, 12, 28}};
	hdate got[16];
	assert_int_equal(workdays_bank_holidays(2026, got, 16), 8);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(got[i], D(y2026[i][0], y2026[i][1], y2026[i][2]));
	}
	for (int y = 2024; y <= 2027; y++) {
		hdate listed[16], rules[16];
		int n = workdays_bank_holidays(y, listed, 16);
		assert_int_equal(workdays_rule_holidays(y, rules, 16), n);
		for (int i = 0; i < n; i++) {
			assert_int_equal(listed[i], rules[i]);
		}
	}
	/* 2022 had ten: the rules' eight with 30 May moved to 2 June, plus 3 June and 19 Sep. */
	assert_int_equal(workdays_bank_holidays(2022, got, 16), 10);
}

/* The convention holds as an identity: between(d, add(d, n)) == n for every start,
 * weekends and holidays included, across 2024-2026. */
static void test_add_between_identity(void **state)
{
	(void)state;
	for (hdate d = D(2024, 1, 1); d < D(2027, 1, 1); d++) {
		for (int n = 0; n <= 70; n += 7) {
			assert_int_equal(workdays_between(d, workdays_add(d, n)), n);
		}
	}
}

/* Outside the table only weekends count: Fri 2250-01-04 + 1 wd = Mon 2250-01-07. */
static void test_outside_table(void **state)
{
	(void)state;
	hdate fri = D(2250, 1, 4);
	assert_int_equal(date_weekday(fri), FRI);
	assert_int_equal(workdays_add(fri, 1), D(2250, 1, 7));
	assert_int_equal(workdays_add(DATE_NONE, 5), DATE_NONE);
	assert_int_equal(workdays_between(DATE_NONE, fri), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_example_christmas),
		cmocka_unit_test(test_45_across_christmas),
		cmocka_unit_test(test_zero_is_the_event_day),
		cmocka_unit_test(test_weekend_start),
		cmocka_unit_test(test_easter_2025),
		cmocka_unit_test(test_easter_2024),
		cmocka_unit_test(test_leap_day),
		cmocka_unit_test(test_backwards),
		cmocka_unit_test(test_substitute_boxing_day_2026),
		cmocka_unit_test(test_substitute_christmas_2027),
		cmocka_unit_test(test_substitute_christmas_sunday_2022),
		cmocka_unit_test(test_substitute_new_year_2022),
		cmocka_unit_test(test_rule_year_2028_easter),
		cmocka_unit_test(test_one_off_jubilee_2022),
		cmocka_unit_test(test_one_off_funeral_2022),
		cmocka_unit_test(test_moved_may_day_2020),
		cmocka_unit_test(test_coronation_2023),
		cmocka_unit_test(test_one_off_jubilee_2012),
		cmocka_unit_test(test_royal_wedding_2011),
		cmocka_unit_test(test_workday_is),
		cmocka_unit_test(test_whole_years),
		cmocka_unit_test(test_listed_years),
		cmocka_unit_test(test_add_between_identity),
		cmocka_unit_test(test_outside_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
