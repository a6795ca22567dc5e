/* settings: the local policy values an authority sets for itself, as a table.
 *
 * Each setting has a key, a type, a default, a unit, a description and a validation rule
 * (settings_table in settings.c). Values are kept in the record as text (the `setting`
 * table, one live row per key, written by `hearth settings DB set KEY VALUE`); a key with no
 * row takes its default. struct settings holds the values typed, for the clock and the
 * measures; settings_load fills it from any source through a callback, so this module does
 * no I/O. Statutory timescales are not settings: they are rules (clock/rules.c).
 *
 * School terms (for the termly PEP review) are held as the dates each term starts, the
 * same every year, as "MM-DD" in calendar order: by default "01-01,04-20,09-01", i.e.
 * spring from 1 January, summer from 20 April (the Easter holidays end between early and
 * late April; 20 April is a fixed stand-in an authority can change to its own calendar) and
 * autumn from 1 September. Each term runs to the day before the next one starts, so the
 * terms tile the year and every date is in exactly one term (holidays belong to the term
 * before them). The number of PEP reviews a year is the number of terms.
 *
 * Invariants: every key in the table is unique, lower_snake_case, and its default passes
 * its own validation (tests/unit/clock/test_clock.c checks). All data is static; nothing
 * here allocates. */
#ifndef HEARTH_MODEL_SETTINGS_H
#define HEARTH_MODEL_SETTINGS_H

#include <stdbool.h>

#include "base/date.h"
#include "base/error.h"

enum setting_type {
	SETTING_INT,		/* a whole number between min and max */
	SETTING_LA_CODE,	/* a three-digit local authority code, e.g. "885" */
	SETTING_TERMS,		/* school term start dates, "MM-DD,MM-DD,..." */
	SETTING_ADDRESSES,	/* "none" or numeric IP addresses, "10.0.0.2,::1" */
	SETTING_YESNO,		/* "yes" or "no" */
	SETTING_IDENTIFIER,	/* the child's field that is the consistent identifier */
	SETTING_ROLE,		/* a role's name (model/roles.h), or "none" */
	SETTING_DATE,		/* a date, YYYY-MM-DD */
	SETTING_ONS_CODES,	/* "none" or ONS area codes, "E10000034,E07000237" */
	SETTING_TYPE_MAX
};

struct setting_def {
	const char *key;
	enum setting_type type;
	const char *default_value;
	const char *unit;		/* "working days", "cases per FTE", "" */
	const char *description;
	int min, max;			/* SETTING_INT only */
};

extern const struct setting_def settings_table[];
extern const int settings_count;

#define SETTINGS_MAX_TERMS 6
#define SETTINGS_MAX_PROXIES 16
#define SETTINGS_ADDRESS_SIZE 46	/* INET6_ADDRSTRLEN */
#define SETTINGS_MAX_ONS_CODES 32	/* a county council and its districts: Kent's is 13 */

struct settings {
	int cp_visit_working_days;
	int cin_visit_working_days;
	int caseload_threshold;
	int due_soon_working_days;
	int supervision_interval_days;	/* case supervision, local policy (measure SUP1) */
	int pre_proceedings_weeks;	/* local policy, default 16 (not statutory) */
	int user_requests_per_minute;	/* hearth serve's per-user rate cap */
	int user_request_burst;
	int break_glass_minutes;	/* how long a break-glass opening lets its person read */
	int request_work_limit;		/* SQLite steps one request may take */
	int request_time_limit;		/* milliseconds of PostgreSQL work one request may take */
	int n_terms;
	struct {
		int month, day;
	} terms[SETTINGS_MAX_TERMS];	/* in calendar order */
	char la_code[4];
	/* Sign-in and sessions (web/http/auth.c). */
	int signin_free_failures;	/* per account and address (or known device) */
	int signin_address_free_failures;
	int signin_delay_s, signin_delay_max_s;	/* the first wait, doubling up to the last */
	int signin_forget_hours;
	int device_days;
	int password_min_length;
	int session_idle_minutes, session_absolute_hours;
	/* Serving (web/http/server.c). */
	int n_proxies;
	char proxies[SETTINGS_MAX_PROXIES][SETTINGS_ADDRESS_SIZE];	/* as inet_ntop writes them */
	bool secure_cookies;
	char identifier[16];	/* the child's column used as the consistent identifier */
	hdate macpt_duty_from;	/* the day the MACPT duty (s.16EA Children Act 2004) applies here */
};

/* The definition of key, or NULL when there is no such setting. Static data. */
const struct setting_def *settings_find(const char *key);

/* Checks value against key's rule. Returns 0, or HERR_INVALID with err naming the key (as
 * the field) and the rule ("unknown_setting", "whole_number", "range", "la_code",
 * "terms", "addresses", "yes_no", "identifier", "ons_codes"). Pure. */
int settings_validate(const char *key, const char *value, struct hearth_error *err);

/* The number of ONS codes in v ("none": 0, "E10000034,E07000237": 2), or -1 when v is not
 * none or such a list (the rule of SETTING_ONS_CODES). Pure. */
int settings_ons_codes(const char *v);

/* Fills s with every default. Cannot fail. */
void settings_defaults(struct settings *s);

/* Validates value and stores it into s under key. Returns 0, or HERR_INVALID (err filled,
 * s unchanged). */
int settings_apply(struct settings *s, const char *key, const char *value, struct hearth_error *err);

/* Fills s from defaults and then, for every key, the value get(ctx, key) returns (NULL:
 * not set locally). A stored value that fails validation is skipped (the default stays)
 * and counted; returns that count, with err describing the last one. */
typedef const char *(*settings_get_fn)(void *ctx, const char *key);
int settings_load(struct settings *s, settings_get_fn get, void *ctx, struct hearth_error *err);

/* Whether address (as inet_ntop writes it) is one of the trusted proxies. */
bool settings_trusted_proxy(const struct settings *s, const char *address);

/* School terms. The start of the term that contains d, and the start of the term after
 * the one that contains d (so the term containing d ends the day before). DATE_NONE when
 * d is DATE_NONE or s holds no terms. */
hdate settings_term_start(const struct settings *s, hdate d);
hdate settings_next_term_start(const struct settings *s, hdate d);

#endif
