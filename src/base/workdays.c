/* workdays: the England and Wales bank holiday calendar as data, and working-day
 * arithmetic on it; see workdays.h for the counting convention.
 *
 * How a year's holidays are decided, in order:
 *   1. a year in listed_years[] has exactly the days listed there (as proclaimed);
 *   2. any other year gets the days the usual rules (holiday_rules[]) give, minus the days
 *      in not_held[] (rule days that were moved), plus the days in one_off_days[].
 * To extend the calendar, add a year to listed_years[] (or a day to one_off_days[] /
 * not_held[]); tests/unit/base/test_workdays.c checks the rules reproduce the listed years.
 * The rules are exact from 1978 (when the early May holiday began); before that the
 * calendar is only an approximation, which no statutory clock reaches.
 *
 * Invariants of the built tables: bit i of work[w] is set when day BASE + 64w + i is a
 * working day; rank[w] is the number of working days before word w; rank[N_WORDS] is the
 * total. Built once under pthread_once, read-only afterwards. */
#include "base/workdays.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define FIRST_YEAR 1900
#define LAST_YEAR 2199
#define MAX_YEAR_DAYS 16	/* no year has had more than 11 holidays */

/* ---- the calendar, as data ---- */

/* Years held in full, as in DOMAIN.md §3 (gov.uk/bank-holidays). */
static const struct {
	int year;
	const char *days[MAX_YEAR_DAYS];
} listed_years[] = {
	{2024, {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25",
		"2024-12-26"}},
	{2025, {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25",
		"2025-12-26"}},
	{2026, {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
		"2026-12-28"}},
	{2027, {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
		"2027-12-28"}},
};

/* Days proclaimed for one occasion, or a usual holiday moved to an unusual day. The first
 * block is DOMAIN.md's list; the second, older days from the same proclamations. */
static const struct {
	const char *day, *why;
} one_off_days[] = {
	{"2011-04-29", "Wedding of Prince William and Catherine Middleton"},
	{"2012-06-04", "Spring bank holiday, moved for the Diamond Jubilee"},
	{"2012-06-05", "Queen's Diamond Jubilee"},
	{"2020-05-08", "Early May bank holiday, moved to VE Day (75th anniversary)"},
	{"2022-06-02", "Spring bank holiday, moved for the Platinum Jubilee"},
	{"2022-06-03", "Queen's Platinum Jubilee"},
	{"2022-09-19", "State funeral of Queen Elizabeth II"},
	{"2023-05-08", "Coronation of King Charles III"},

	{"1981-07-29", "Wedding of Prince Charles and Lady Diana Spencer"},
	{"1995-05-08", "Early May bank holiday, moved to VE Day (50th anniversary)"},
	{"1999-12-31", "Millennium"},
	{"2002-06-03", "Spring bank holiday, moved for the Golden Jubilee"},
	{"2002-06-04", "Queen's Golden Jubilee"},
};

/* Days the usual rules give that were not holidays, because the holiday was moved. */
static const struct {
	const char *day, *why;
} not_held[] = {
	{"1995-05-01", "moved to 8 May 1995"},
	{"2002-05-27", "moved to 3 June 2002"},
	{"2012-05-28", "moved to 4 June 2012"},
	{"2020-05-04", "moved to 8 May 2020"},
	{"2022-05-30", "moved to 2 June 2022"},
};

enum rule_kind {
	RULE_FIXED,		/* month/day; a weekend day moves to the next free weekday */
	RULE_EASTER,		/* Easter Sunday + offset days */
	RULE_FIRST_MONDAY,	/* first Monday of month */
	RULE_LAST_MONDAY,	/* last Monday of month */
};

/* The usual rules (Banking and Financial Dealings Act 1971 and the yearly proclamations). */
static const struct {
	const char *name;
	enum rule_kind kind;
	int month, arg;		/* RULE_FIXED: day of month; RULE_EASTER: offset */
	int from_year;
} holiday_rules[] = {
	{"New Year's Day", RULE_FIXED, 1, 1, 1974},
	{"Good Friday", RULE_EASTER, 0, -2, FIRST_YEAR},
	{"Easter Monday", RULE_EASTER, 0, 1, FIRST_YEAR},
	{"Early May bank holiday", RULE_FIRST_MONDAY, 5, 0, 1978},
	{"Spring bank holiday", RULE_LAST_MONDAY, 5, 0, 1971},
	{"Summer bank holiday", RULE_LAST_MONDAY, 8, 0, 1971},
	{"Christmas Day", RULE_FIXED, 12, 25, FIRST_YEAR},
	{"Boxing Day", RULE_FIXED, 12, 26, FIRST_YEAR},
};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- the built tables ---- */

#define BASE_DAY ((hdate)-25567)	/* 1900-01-01 */
#define END_DAY ((hdate)84006)		/* 2200-01-01, exclusive */
#define N_DAYS (END_DAY - BASE_DAY)
#define N_WORDS ((N_DAYS + 63) / 64)

static uint64_t work[N_WORDS];		/* working days */
static uint64_t holiday[N_WORDS];	/* bank holidays (on any day of the week) */
static int32_t rank[N_WORDS + 1];	/* working days before each word */
static pthread_once_t built = PTHREAD_ONCE_INIT;

static bool weekend(hdate d)
{
	return date_weekday(d) >= SAT;
}

static bool bit(const uint64_t *map, hdate d)
{
	int32_t i = d - BASE_DAY;
	return (map[i >> 6] >> (i & 63)) & 1u;
}

static void set_bit(uint64_t *map, hdate d, bool on)
{
	if (d < BASE_DAY || d >= END_DAY) {
		return;
	}
	int32_t i = d - BASE_DAY;
	if (on) {
		map[i >> 6] |= (uint64_t)1 << (i & 63);
	} else {
		map[i >> 6] &= ~((uint64_t)1 << (i & 63));
	}
}

/* Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
static hdate easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return date_from_ymd(y, month, day);
}

static void mark_parsed(const char *s, bool on)
{
	hdate d;
	if (date_parse(s, &d) == 0) {
		set_bit(holiday, d, on);
	}
}

static bool in_list(const hdate *days, int n, hdate d)
{
	for (int i = 0; i < n; i++) {
		if (days[i] == d) {
			return true;
		}
	}
	return false;
}

/* The holidays the usual rules give for year y, into out (MAX_YEAR_DAYS), unsorted; returns
 * how many. Fixed days on weekdays are placed first, then each fixed day at a weekend takes
 * the next weekday not already a holiday, so that Christmas on a Sunday gives Boxing Day on
 * Monday 26 and the substitute on Tuesday 27. */
static int rule_year(int y, hdate *out)
{
	int n = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int r = 0; r < N_OF(holiday_rules); r++) {
			if (y < holiday_rules[r].from_year) {
				continue;
			}
			int month = holiday_rules[r].month, arg = holiday_rules[r].arg;
			hdate d = DATE_NONE;
			switch (holiday_rules[r].kind) {
			case RULE_FIXED:
				d = date_from_ymd(y, month, arg);
				if (weekend(d) != (pass == 1)) {
					d = DATE_NONE;
				} else {
					while (weekend(d) || in_list(out, n, d)) {
						d++;
					}
				}
				break;
			case RULE_EASTER:
				d = pass == 0 ? easter_sunday(y) + arg : DATE_NONE;
				break;
			case RULE_FIRST_MONDAY:
				if (pass == 0) {
					d = date_from_ymd(y, month, 1);
					d += (7 - (int)date_weekday(d)) % 7;
				}
				break;
			case RULE_LAST_MONDAY:
				if (pass == 0) {
					d = date_from_ymd(y, month, date_days_in_month(y, month));
					d -= (int)date_weekday(d);
				}
				break;
			}
			if (d != DATE_NONE && n < MAX_YEAR_DAYS) {
				out[n++] = d;
			}
		}
	}
	return n;
}

static int listed_index(int y)
{
	for (int i = 0; i < N_OF(listed_years); i++) {
		if (listed_years[i].year == y) {
			return i;
		}
	}
	return -1;
}

static int year_of(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return y;
}

static void build(void)
{
	/* The years' holidays. A substitute day for 25/26 December stays in its own year, so
	 * years can be marked one by one. */
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		int li = listed_index(y);
		if (li >= 0) {
			for (int k = 0; k < MAX_YEAR_DAYS && listed_years[li].days[k]; k++) {
				mark_parsed(listed_years[li].days[k], true);
			}
		} else {
			hdate days[MAX_YEAR_DAYS];
			int n = rule_year(y, days);
			for (int k = 0; k < n; k++) {
				set_bit(holiday, days[k], true);
			}
		}
	}
	for (int i = 0; i < N_OF(not_held); i++) {
		hdate d;
		if (date_parse(not_held[i].day, &d) == 0 && listed_index(year_of(d)) < 0) {
			set_bit(holiday, d, false);
		}
	}
	for (int i = 0; i < N_OF(one_off_days); i++) {
		hdate d;
		if (date_parse(one_off_days[i].day, &d) == 0 && listed_index(year_of(d)) < 0) {
			set_bit(holiday, d, true);
		}
	}
	/* Working days and their running count. */
	for (hdate d = BASE_DAY; d < END_DAY; d++) {
		set_bit(work, d, !weekend(d) && !bit(holiday, d));
	}
	rank[0] = 0;
	for (int w = 0; w < N_WORDS; w++) {
		rank[w + 1] = rank[w] + __builtin_popcountll(work[w]);
	}
}

static void ensure_built(void)
{
	pthread_once(&built, build);
}

static bool in_table(hdate d)
{
	return d >= BASE_DAY && d < END_DAY;
}

/* The number of working days in [BASE_DAY, d]; d must be in the table. */
static int32_t count_to(hdate d)
{
	int32_t i = d - BASE_DAY;
	int w = i >> 6, b = i & 63;
	uint64_t mask = b == 63 ? ~(uint64_t)0 : (((uint64_t)1 << (b + 1)) - 1);
	return rank[w] + __builtin_popcountll(work[w] & mask);
}

/* The k-th working day of the table (k >= 1), or DATE_NONE when the table has fewer. */
static hdate kth_workday(int32_t k)
{
	if (k < 1 || k > rank[N_WORDS]) {
		return DATE_NONE;
	}
	/* The last word whose count before it is < k holds the k-th working day. */
	int lo = 0, hi = N_WORDS - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (rank[mid] < k) {
			lo = mid;
		} else {
			hi = mid - 1;
		}
	}
	uint64_t bits = work[lo];
	for (int32_t j = k - rank[lo]; j > 1; j--) {
		bits &= bits - 1;
	}
	return BASE_DAY + lo * 64 + __builtin_ctzll(bits);
}

/* Outside the table: weekends only, one day at a time (never reached by real records). */
static hdate add_slow(hdate d, int n)
{
	int step = n > 0 ? 1 : -1;
	for (int left = n > 0 ? n : -n; left > 0;) {
		d += step;
		if (in_table(d) ? workday_is(d) : !weekend(d)) {
			left--;
		}
	}
	return d;
}

bool workday_is(hdate d)
{
	if (d == DATE_NONE) {
		return false;
	}
	if (!in_table(d)) {
		return !weekend(d);
	}
	ensure_built();
	return bit(work, d);
}

bool workdays_is_bank_holiday(hdate d)
{
	if (d == DATE_NONE || !in_table(d)) {
		return false;
	}
	ensure_built();
	return bit(holiday, d);
}

hdate workdays_add(hdate d, int n)
{
	if (d == DATE_NONE) {
		return DATE_NONE;
	}
	if (n == 0) {
		return d;
	}
	ensure_built();
	if (in_table(d) && in_table(d - 1)) {
		/* n > 0: the (count through d + n)-th working day. n < 0: counting back from the
		 * day before d, so a weekend d steps back from the Friday, not past it. */
		int32_t k = n > 0 ? count_to(d) + n : count_to(d - 1) + n + 1;
		hdate r = kth_workday(k);
		if (r != DATE_NONE) {
			return r;
		}
	}
	return add_slow(d, n);
}

int workdays_between(hdate a, hdate b)
{
	if (a == DATE_NONE || b == DATE_NONE || a == b) {
		return 0;
	}
	if (b < a) {
		return -workdays_between(b, a);
	}
	ensure_built();
	if (in_table(a) && in_table(b)) {
		return count_to(b) - count_to(a);
	}
	int n = 0;
	for (hdate d = a + 1; d <= b; d++) {
		n += workday_is(d);
	}
	return n;
}

int workdays_rule_holidays(int year, hdate *out, int max)
{
	if (year < FIRST_YEAR || year > LAST_YEAR) {
		return 0;
	}
	hdate days[MAX_YEAR_DAYS];
	int n = rule_year(year, days);
	/* In date order (insertion sort: at most a dozen days). */
	for (int i = 1; i < n; i++) {
		for (int k = i; k > 0 && days[k - 1] > days[k]; k--) {
			hdate t = days[k];
			days[k] = days[k - 1];
			days[k - 1] = t;
		}
	}
	for (int i = 0; i < n && i < max; i++) {
		out[i] = days[i];
	}
	return n;
}

int workdays_bank_holidays(int year, hdate *out, int max)
{
	if (year < FIRST_YEAR || year > LAST_YEAR) {
		return 0;
	}
	ensure_built();
	int n = 0;
	hdate end = date_from_ymd(year + 1, 1, 1);
	for (hdate d = date_from_ymd(year, 1, 1); d < end; d++) {
		if (bit(holiday, d)) {
			if (n < max) {
				out[n] = d;
			}
			n++;
		}
	}
	return n;
}
