/* Civil dates: parsing is strict, arithmetic follows the calendar. */
#include "test.h"

#include <string.h>

static void parse_and_format(void **state)
{
	(void)state;
	hdate d;
	char out[DATE_STR_SIZE];
	assert_int_equal(date_parse("2024-02-29", &d), 0); /* 2024 is a leap year */
	assert_string_equal(date_format(d, out), "2024-02-29");
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("1969-12-31", &d), 0);
	assert_int_equal(d, -1);
	assert_string_equal(date_format_dmy(D(2025, 3, 31), out), "31/03/2025");
	assert_int_equal(date_parse_dmy("01/04/2025", &d), 0);
	assert_int_equal(d, D(2025, 4, 1));
	assert_string_equal(date_format(DATE_NONE, out), "");
}

static void parse_bad_dates(void **state)
{
	(void)state;
	hdate d;
	const char *bad[] = {"2025-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2025-2-03", "2025-02-3",
			     "20250203",   "",	     "2025-02-03x", "1899-12-31", "2200-01-01", "2025/02/03",
			     " 2025-02-03"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(date_parse(bad[i], &d), -1);
	}
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(date_parse_dmy("31/02/2025", &d), -1);
}

static void weekdays(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(D(1970, 1, 1)), THU);
	assert_int_equal(date_weekday(D(2024, 12, 25)), WED); /* Christmas 2024 was a Wednesday */
	assert_int_equal(date_weekday(D(2026, 11, 22)), SUN);
	assert_int_equal(date_weekday(D(1969, 12, 28)), SUN); /* before the epoch */
}

static void months_clamp_to_month_end(void **state)
{
	(void)state;
	/* 31 Jan + 1 month: February has no 31st, so its last day. */
	assert_int_equal(date_add_months(D(2025, 1, 31), 1), D(2025, 2, 28));
	assert_int_equal(date_add_months(D(2024, 1, 31), 1), D(2024, 2, 29));
	/* 31 Aug + 6 months = 28 Feb (2026 is not a leap year). */
	assert_int_equal(date_add_months(D(2025, 8, 31), 6), D(2026, 2, 28));
	/* Across the year end, and backwards. */
	assert_int_equal(date_add_months(D(2025, 11, 15), 3), D(2026, 2, 15));
	assert_int_equal(date_add_months(D(2026, 3, 31), -12), D(2025, 3, 31));
	assert_int_equal(date_add_months(D(2024, 2, 29), 12), D(2025, 2, 28));
}

static void ages_and_birthdays(void **state)
{
	(void)state;
	hdate b = D(2010, 6, 15);
	assert_int_equal(date_age(b, D(2026, 6, 14)), 15);
	assert_int_equal(date_age(b, D(2026, 6, 15)), 16); /* the birthday itself */
	/* Born 29 Feb 2008: in 2026 (not leap) the 18th birthday falls on 1 March. */
	hdate leap = D(2008, 2, 29);
	assert_int_equal(date_birthday(leap, 18), D(2026, 3, 1));
	assert_int_equal(date_age(leap, D(2026, 2, 28)), 17);
	assert_int_equal(date_age(leap, D(2026, 3, 1)), 18);
	assert_int_equal(date_birthday(leap, 16), D(2024, 2, 29)); /* 2024 is leap */
}

static void instants(void **state)
{
	(void)state;
	hinstant t;
	char out[INSTANT_STR_SIZE];
	assert_int_equal(instant_parse("2025-03-30T01:30:00Z", &t), 0);
	assert_string_equal(instant_format(t, out), "2025-03-30T01:30:00Z");
	assert_int_equal(instant_date(t), D(2025, 3, 30));
	assert_int_equal(instant_parse("2025-03-30T23:59Z", &t), 0); /* seconds optional */
	assert_int_equal(instant_date(t), D(2025, 3, 30));
	assert_int_equal(t - instant_from_date(D(2025, 3, 30)), 23 * 3600 + 59 * 60);
}

static void instants_bad(void **state)
{
	(void)state;
	hinstant t;
	const char *bad[] = {"2025-03-30T24:00:00Z", "2025-03-30T01:30:00", "2025-03-30 01:30:00Z",
			     "2025-02-30T01:30:00Z", "2025-03-30T01:60Z", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(instant_parse(bad[i], &t), -1);
	}
}

static void round_trip_every_day(void **state)
{
	(void)state;
	/* Every day from 1900 to 2199 converts to parts and back. */
	char out[DATE_STR_SIZE];
	hdate d;
	for (hdate x = D(1900, 1, 1); x <= D(2199, 12, 31); x++) {
		date_format(x, out);
		assert_int_equal(date_parse(out, &d), 0);
		assert_int_equal(d, x);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_and_format),	 cmocka_unit_test(parse_bad_dates),
		cmocka_unit_test(weekdays),		 cmocka_unit_test(months_clamp_to_month_end),
		cmocka_unit_test(ages_and_birthdays),	 cmocka_unit_test(instants),
		cmocka_unit_test(instants_bad),		 cmocka_unit_test(round_trip_every_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
