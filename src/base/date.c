/* date: see date.h. Day numbers use Howard Hinnant's days_from_civil algorithm, which is
 * exact for the proleptic Gregorian calendar over any range we need. */
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12) {
		return 0;
	}
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

hdate date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (hdate)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(hdate z, int *y, int *m, int *d)
{
	int zz = z + 719468;
	int era = (zz >= 0 ? zz : zz - 146096) / 146097;
	unsigned doe = (unsigned)(zz - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

enum weekday date_weekday(hdate d)
{
	/* 1970-01-01 was a Thursday. */
	int w = (d + 3) % 7;
	if (w < 0) {
		w += 7;
	}
	return (enum weekday)w;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, hdate *out)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
	    digits(s + 5, 2, &m) || digits(s + 8, 2, &d) || !date_valid_ymd(y, m, d)) {
		return -1;
	}
	*out = date_from_ymd(y, m, d);
	return 0;
}

int date_parse_dmy(const char *s, hdate *out)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[2] != '/' || s[5] != '/' || digits(s, 2, &d) ||
	    digits(s + 3, 2, &m) || digits(s + 6, 4, &y) || !date_valid_ymd(y, m, d)) {
		return -1;
	}
	*out = date_from_ymd(y, m, d);
	return 0;
}

char *date_format(hdate d, char out[DATE_STR_SIZE])
{
	if (d == DATE_NONE) {
		out[0] = '\0';
		return out;
	}
	int y, m, day;
	char tmp[48];
	date_to_ymd(d, &y, &m, &day);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, m, day);
	memcpy(out, tmp, DATE_STR_SIZE - 1);
	out[DATE_STR_SIZE - 1] = '\0';
	return out;
}

char *date_format_dmy(hdate d, char out[DATE_STR_SIZE])
{
	if (d == DATE_NONE) {
		out[0] = '\0';
		return out;
	}
	int y, m, day;
	char tmp[48];
	date_to_ymd(d, &y, &m, &day);
	snprintf(tmp, sizeof(tmp), "%02d/%02d/%04d", day, m, y % 10000);
	memcpy(out, tmp, DATE_STR_SIZE - 1);
	out[DATE_STR_SIZE - 1] = '\0';
	return out;
}

hdate date_add_days(hdate d, int n)
{
	return d + n;
}

hdate date_add_months(hdate d, int n)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	int months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = months % 12 + 1;
	int last = date_days_in_month(y, m);
	return date_from_ymd(y, m, day > last ? last : day);
}

hdate date_add_years(hdate d, int n)
{
	return date_add_months(d, 12 * n);
}

hdate date_birthday(hdate birth, int years)
{
	int y, m, d;
	date_to_ymd(birth, &y, &m, &d);
	if (m == 2 && d == 29 && !date_is_leap(y + years)) {
		return date_from_ymd(y + years, 3, 1);
	}
	return date_from_ymd(y + years, m, d);
}

int date_age(hdate birth, hdate on)
{
	int by, bm, bd, oy, om, od;
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	int age = oy - by;
	if (age > 0 && on < date_birthday(birth, age)) {
		age--;
	}
	return age;
}

/* Per thread: a pin made by one thread (the demo replaying a past day) moves no other's today. */
static _Thread_local hdate today_pin = DATE_NONE;

void date_pin_today(hdate d)
{
	today_pin = d;
}

hdate date_today(void)
{
	if (today_pin != DATE_NONE) {
		return today_pin;
	}
	const char *pinned = getenv("HEARTH_TODAY");
	hdate d;
	if (pinned && date_parse(pinned, &d) == 0) {
		return d;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int instant_parse(const char *s, hinstant *out)
{
	int hh, mi, ss = 0;
	hdate d;
	char date[DATE_STR_SIZE];
	size_t n = s ? strlen(s) : 0;
	if ((n != 17 && n != 20) || s[10] != 'T' || s[13] != ':' || s[n - 1] != 'Z') {
		return -1;
	}
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &d) || digits(s + 11, 2, &hh) || digits(s + 14, 2, &mi) || hh > 23 ||
	    mi > 59) {
		return -1;
	}
	if (n == 20 && (s[16] != ':' || digits(s + 17, 2, &ss) || ss > 59)) {
		return -1;
	}
	*out = (hinstant)d * 86400 + hh * 3600 + mi * 60 + ss;
	return 0;
}

char *instant_format(hinstant t, char out[INSTANT_STR_SIZE])
{
	hinstant days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int secs = (int)(t - days * 86400);
	int y, m, d;
	char tmp[64];
	date_to_ymd((hdate)days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, m, d, secs / 3600,
		 secs / 60 % 60, secs % 60);
	memcpy(out, tmp, INSTANT_STR_SIZE - 1);
	out[INSTANT_STR_SIZE - 1] = '\0';
	return out;
}

hinstant instant_now(void)
{
	return (hinstant)time(NULL);
}

hdate instant_date(hinstant t)
{
	return (hdate)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

hinstant instant_from_date(hdate d)
{
	return (hinstant)d * 86400;
}
