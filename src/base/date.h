/* date: civil dates (no time zone) and UTC instants.
 *
 * A civil date is an hdate: the number of days since 1970-01-01 (negative before). It is a
 * plain integer so a date compares, subtracts and sorts as one. DATE_NONE marks "no date".
 * An instant is seconds since the Unix epoch, UTC (audit rows, missing from/to).
 * Parsing is strict: "2025-02-29" and "2025-2-3" are rejected, never normalised. */
#ifndef HEARTH_BASE_DATE_H
#define HEARTH_BASE_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t hdate;
typedef int64_t hinstant;

#define DATE_NONE INT32_MIN
#define DATE_STR_SIZE 11	/* "YYYY-MM-DD" and its NUL */
#define INSTANT_STR_SIZE 21	/* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

enum weekday { MON = 0, TUE, WED, THU, FRI, SAT, SUN };

hdate date_from_ymd(int y, int m, int d);	/* no checking: use date_valid_ymd first */
void date_to_ymd(hdate d, int *y, int *m, int *day);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
bool date_is_leap(int y);
enum weekday date_weekday(hdate d);

/* Parses exactly "YYYY-MM-DD" (years 1900-2199). Returns 0, or -1 when the text is not
 * such a date or names a day that does not exist. */
int date_parse(const char *s, hdate *out);
/* Parses exactly "dd/mm/yyyy", the form of the DfE returns and Annex A. */
int date_parse_dmy(const char *s, hdate *out);
/* Writes "YYYY-MM-DD" into out (DATE_STR_SIZE bytes) and returns out; "" for DATE_NONE. */
char *date_format(hdate d, char out[DATE_STR_SIZE]);
/* Writes "dd/mm/yyyy" into out; "" for DATE_NONE. */
char *date_format_dmy(hdate d, char out[DATE_STR_SIZE]);

/* Calendar arithmetic. Adding months keeps the day of the month, clamped to the month's
 * last day (31 Jan + 1 month = 28/29 Feb), as the statutory "within N months" is read. */
hdate date_add_days(hdate d, int n);
hdate date_add_months(hdate d, int n);
hdate date_add_years(hdate d, int n);
/* Whole years from birth to on (an age); a 29 February birthday falls on 1 March in
 * other years, as in English law for attaining an age. */
int date_age(hdate birth, hdate on);
/* The date a person born on birth reaches age years. */
hdate date_birthday(hdate birth, int years);

/* Today's civil date in the local time zone, or HEARTH_TODAY (YYYY-MM-DD) when set, so
 * tests and demos can pin "today". */
hdate date_today(void);
/* Pins what date_today() answers on the calling thread to d (DATE_NONE: unpinned), over
 * HEARTH_TODAY and the clock: for a command replaying saves made on earlier days (the
 * demo's requests for authorisation, src/demo/approvals.c). The pin is the thread's own,
 * so no other thread's "today" moves with it. Never called by the server. */
void date_pin_today(hdate d);

/* Instants: "YYYY-MM-DDTHH:MM:SSZ" (seconds optional as ":SS"; "Z" required). */
int instant_parse(const char *s, hinstant *out);
char *instant_format(hinstant t, char out[INSTANT_STR_SIZE]);
hinstant instant_now(void);
hdate instant_date(hinstant t);	/* the UTC civil date of an instant */
hinstant instant_from_date(hdate d);	/* midnight UTC at the start of d */

#endif
