/* workdays: working days in England and Wales, with the bank holidays held as data.
 *
 * A working day is a Monday to Friday that is not an England and Wales bank holiday.
 * The holiday calendar is data in workdays.c: whole years listed as proclaimed (from
 * DOMAIN.md §3), one-off days (royal occasions, moved holidays), the rule-made days that
 * did not happen because they were moved, and for every other year the usual rules (New
 * Year's Day, Good Friday and Easter Monday by the Gregorian computus, the first and last
 * Mondays in May, the last Monday in August, Christmas Day and Boxing Day, with the
 * substitute weekday when one falls at a weekend).
 *
 * THE counting convention (the DfE validators'): the day of the event is day 0, and a
 * timescale of N working days falls due on the N-th working day strictly after it:
 *     due = workdays_add(start, N)
 *     workdays_between(a, b) = the number of working days in (a, b]
 * so that workdays_between(start, workdays_add(start, N)) == N for every start and N >= 0.
 * When the start is itself a weekend or a holiday nothing changes: counting still begins
 * with the first working day after it, so a contact received on Saturday with "1 working
 * day" to decide is due on Monday, as if it had been received after hours on Friday. (The
 * alternative, treating the next working day as day 0, would give a Saturday contact until
 * Tuesday: more time than a contact received on Friday evening. Receipt is what starts
 * the clock, so we do not roll it forward.)
 *
 * Speed: the calendar from 1900 to 2199 (the range date_parse accepts) is built once, on
 * first use and thread-safely, into a bitmap of working days with a running count per 64
 * days (about 21 KB); every call is then a few table reads. Outside that range only
 * weekends are excluded. No function allocates; all are safe from any thread. */
#ifndef HEARTH_BASE_WORKDAYS_H
#define HEARTH_BASE_WORKDAYS_H

#include <stdbool.h>

#include "base/date.h"

/* True when d is a Monday to Friday and not a bank holiday. False for DATE_NONE. */
bool workday_is(hdate d);

/* True when d is an England and Wales bank holiday (including substitute days). */
bool workdays_is_bank_holiday(hdate d);

/* The N-th working day after d, counting from day 0 = d (see the convention above):
 * n > 0: the n-th working day strictly after d; n == 0: d itself, whatever day it is;
 * n < 0: the |n|-th working day strictly before d. Returns DATE_NONE when d is DATE_NONE. */
hdate workdays_add(hdate d, int n);

/* The number of working days in (a, b] when a <= b, and minus the number in (b, a] when
 * b < a; 0 when a == b. Returns 0 when either date is DATE_NONE. */
int workdays_between(hdate a, hdate b);

/* Writes the bank holidays of year (in date order) into out, at most max of them, and
 * returns how many the year has (which may exceed max). Returns 0 outside 1900-2199. */
int workdays_bank_holidays(int year, hdate *out, int max);

/* The days the usual rules alone give for year, ignoring listed years, one-off days and
 * moved days: for checking the data (the rules must reproduce each listed year). Same
 * contract as workdays_bank_holidays. */
int workdays_rule_holidays(int year, hdate *out, int max);

#endif
