/* settings: the table of local policy settings and their validation; see settings.h.
 *
 * Adding a setting: a row in settings_table, a field in struct settings and, for a whole
 * number, a line in int_slot's table. The defaults are the values DOMAIN.md §3 calls common
 * practice. */
#include "model/settings.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/roles.h"

const struct setting_def settings_table[] = {
	{"la_code", SETTING_LA_CODE, "885", "",
	 "Local authority code (three digits) written into the DfE returns", 0, 0},
	/* The ONS codes of the LA's area, as the ONS postcode directory gives a postcode's local
	 * authority district (oslaua): a unitary's one code, or a county council's own code and
	 * its districts' (Worcestershire: E10000034 and E07000234-E07000239). The DfE's rules 229
	 * and 503J tell a placement in the LA's area from one outside it by them; no default (an
	 * LA's codes cannot be guessed): unset, those rules say "not run: needs the LA code". */
	{"la_ons_codes", SETTING_ONS_CODES, "none", "ONS code list",
	 "The local authority's ONS codes (its own and, for a county council, its districts'; comma-separated, "
	 "or none): SSDA903 rules 229 and 503J compare the district of a provider's or placement's postcode "
	 "with them",
	 0, 0},
	{"cp_visit_working_days", SETTING_INT, "10", "working days",
	 "Child protection visits: the child seen at most this many working days apart", 1, 65},
	{"cin_visit_working_days", SETTING_INT, "20", "working days",
	 "Child in need visits: the child seen at most this many working days apart", 1, 130},
	{"caseload_threshold", SETTING_INT, "18", "cases per FTE",
	 "Caseload above which a worker counts as over the local threshold (measure WF1)", 1, 100},
	{"due_soon_working_days", SETTING_INT, "5", "working days",
	 "An item is 'due soon' when it falls due within this many working days", 0, 30},
	{"supervision_interval_days", SETTING_INT, "30", "days",
	 "Case supervision: each open case supervised at least this often (local policy; there is no national "
	 "timescale; measure SUP1)",
	 1, 365},
	/* The 2026 Act's duty to have multi-agency child protection teams (new s.16EA Children
	 * Act 2004): its commencement date was not found (standards/changes-2026), so the
	 * default is Royal Assent; set it to the day the duty applies here. */
	{"macpt_duty_from", SETTING_DATE, "2026-04-29", "date",
	 "Multi-agency child protection teams: the commencement date of the duty (s.16EA Children Act 2004), "
	 "statutory or as set locally; s.47 enquiries and CP plans beginning on or after it name their MACPT "
	 "(else a warning on save and in the findings)",
	 0, 0},
	{"pre_proceedings_weeks", SETTING_INT, "16", "weeks",
	 "Pre-proceedings: local policy timescale from the start to the step decision (not statutory; the "
	 "statutory 26 weeks applies to proceedings)",
	 1, 104},
	/* Managers' authorisation (model/authorise.c lists the decisions): the role that
	 * authorises each, or none when it needs nobody's. */
	{"authorise_assessment_end", SETTING_ROLE, "team_manager", "role",
	 "Who authorises the end of an assessment (its authorisation date is the DfE's completion date), or none", 0,
	 0},
	{"authorise_case_close", SETTING_ROLE, "team_manager", "role", "Who authorises a decision to close a case, or none",
	 0, 0},
	{"authorise_step_down", SETTING_ROLE, "team_manager", "role",
	 "Who authorises a decision to step a case down to early help, or none", 0, 0},
	{"authorise_cp_plan_end", SETTING_ROLE, "team_manager", "role",
	 "Who authorises the end of a child protection plan, or none", 0, 0},
	{"authorise_placement_change", SETTING_ROLE, "team_manager", "role",
	 "Who authorises a change of placement, or none", 0, 0},
	{"authorise_care_plan_entry", SETTING_ROLE, "team_manager", "role",
	 "Who authorises the care plan at a child's entry to care, or none", 0, 0},
	{"user_requests_per_minute", SETTING_INT, "1200", "requests a minute",
	 "hearth serve: requests each signed-in person may make, sustained (more: 429); read when it starts",
	 1, 600000},
	{"user_request_burst", SETTING_INT, "100", "requests",
	 "hearth serve: requests each signed-in person may make at once, above the sustained rate",
	 1, 100000},
	/* The demo county's heaviest pages (the measures, Annex A, the due list over every
	 * child) take about 23 million steps, 0.7 s: the default is some 40 times that. */
	{"request_work_limit", SETTING_INT, "1000000000", "steps",
	 "hearth serve: the database work one request may do (SQLite's virtual machine steps, some 30 million a "
	 "second) before it is stopped with 503 and nothing it began is kept; read when it starts",
	 100, 2000000000},
	/* PostgreSQL has no step count: there each request's database work is capped in time
	 * (statement_timeout, and no statement starts past it; src/store/postgres.c). The demo
	 * county's heaviest request there, the Annex A workbook, took 13.8 s (a round trip per
	 * statement); the measures 2.7 s: the default is some 9 times the heaviest. */
	{"request_time_limit", SETTING_INT, "120000", "milliseconds",
	 "hearth serve on PostgreSQL: how long one request's database work may take before it is stopped "
	 "with 503 and nothing it began is kept (SQLite counts request_work_limit instead); read when it starts",
	 100, 3600000},
	{"break_glass_minutes", SETTING_INT, "60", "minutes",
	 "Break-glass: how long a person who opened a child outside their scope (giving a reason) may read it",
	 1, 1440},
	/* The Children's Wellbeing and Schools Act 2026 makes a consistent identifier law and
	 * leaves the regulations to name it; the NHS number is the expected one. */
	{"consistent_identifier", SETTING_IDENTIFIER, "nhs_number", "child field",
	 "The identifier the law names as the consistent identifier for children: nhs_number, upn or "
	 "la_child_id (the duplicate list treats a match on it as the strongest reason)",
	 0, 0},
	{"pep_term_starts", SETTING_TERMS, "01-01,04-20,09-01", "MM-DD list",
	 "School terms for the termly PEP review: the day each term starts, in calendar order; each term "
	 "runs to the day before the next",
	 0, 0},
	{"signin_free_failures", SETTING_INT, "5", "failures",
	 "Sign-in: wrong passwords for one account from one address (or one known device) before each further "
	 "try there must wait; the account stays open from every other address and device",
	 1, 100},
	{"signin_address_free_failures", SETTING_INT, "100", "failures",
	 "Sign-in: wrong passwords from one address, for any accounts, before each further try from it must wait "
	 "(known devices are not held back)",
	 10, 100000},
	{"signin_delay_s", SETTING_INT, "15", "seconds",
	 "Sign-in: the first wait; each further failure doubles it", 1, 3600},
	{"signin_delay_max_s", SETTING_INT, "3600", "seconds", "Sign-in: the longest wait", 1, 86400},
	{"signin_forget_hours", SETTING_INT, "24", "hours",
	 "Sign-in: failures are forgotten after this long without another", 1, 720},
	{"device_days", SETTING_INT, "90", "days",
	 "Sign-in: a browser that signed in is known (and not held back by others' failures) this long", 1, 730},
	{"password_min_length", SETTING_INT, "12", "characters",
	 "Passwords: the fewest characters (NCSC: length, not complexity rules)", 8, 64},
	{"session_idle_minutes", SETTING_INT, "30", "minutes", "A session ends after this long unused", 1, 1440},
	{"session_absolute_hours", SETTING_INT, "12", "hours",
	 "A session ends this long after sign-in, however much it is used", 1, 168},
	{"trusted_proxies", SETTING_ADDRESSES, "none", "address list",
	 "Reverse proxies (numeric IPv4/IPv6 addresses, comma-separated, or none) whose X-Forwarded-For and "
	 "X-Forwarded-Proto are believed; from any other address they are ignored",
	 0, 0},
	{"secure_cookies", SETTING_YESNO, "no", "yes/no",
	 "yes: cookies always carry Secure (served over TLS, e.g. behind a proxy on loopback); no: only over TLS "
	 "or when listening on a non-loopback address",
	 0, 0},
};

const int settings_count = (int)(sizeof(settings_table) / sizeof(settings_table[0]));

const struct setting_def *settings_find(const char *key)
{
	for (int i = 0; key && i < settings_count; i++) {
		if (strcmp(settings_table[i].key, key) == 0) {
			return &settings_table[i];
		}
	}
	return NULL;
}

static int parse_int(const char *v, long *out)
{
	char *end;
	errno = 0;
	if (!v || !*v || (*v != '-' && (*v < '0' || *v > '9'))) {
		return -1;
	}
	long n = strtol(v, &end, 10);
	if (errno || *end) {
		return -1;
	}
	*out = n;
	return 0;
}

static bool two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') {
		return false;
	}
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

/* Parses "MM-DD,MM-DD,..." into s->terms (when s is not NULL). Returns the number of terms,
 * or -1 when the text breaks the rule. 29 February is refused: a term must start every year. */
static int parse_terms(const char *v, struct settings *s)
{
	int n = 0, prev = 0;
	const char *p = v;
	if (!p || !*p) {
		return -1;
	}
	for (;;) {
		int m, d;
		if (strlen(p) < 5 || !two_digits(p, &m) || p[2] != '-' || !two_digits(p + 3, &d) ||
		    !date_valid_ymd(2001, m, d) || (p[5] != ',' && p[5] != '\0')) {
			return -1;
		}
		if (n == SETTINGS_MAX_TERMS || m * 100 + d <= prev) {
			return -1;
		}
		prev = m * 100 + d;
		if (s) {
			s->terms[n].month = m;
			s->terms[n].day = d;
		}
		n++;
		if (p[5] == '\0') {
			break;
		}
		p += 6;
	}
	if (s) {
		s->n_terms = n;
	}
	return n;
}

/* Parses "none" or "ADDR,ADDR,..." (numeric IPv4 or IPv6) into s->proxies, each written
 * back in inet_ntop's form so it compares equal to a connection's address. Returns the
 * count, or -1 when the text breaks the rule. */
static int parse_addresses(const char *v, struct settings *s)
{
	if (!v || !*v) {
		return -1;
	}
	if (strcmp(v, "none") == 0) {
		if (s) {
			s->n_proxies = 0;
		}
		return 0;
	}
	int n = 0;
	const char *p = v;
	for (;;) {
		size_t len = strcspn(p, ",");
		char one[SETTINGS_ADDRESS_SIZE], back[SETTINGS_ADDRESS_SIZE];
		unsigned char bin[16];
		if (len == 0 || len >= sizeof(one) || n == SETTINGS_MAX_PROXIES) {
			return -1;
		}
		memcpy(one, p, len);
		one[len] = '\0';
		int family = strchr(one, ':') ? AF_INET6 : AF_INET;
		if (inet_pton(family, one, bin) != 1 || !inet_ntop(family, bin, back, sizeof(back))) {
			return -1;
		}
		if (s) {
			memcpy(s->proxies[n], back, sizeof(back));
		}
		n++;
		if (!p[len]) {
			break;
		}
		p += len + 1;
	}
	if (s) {
		s->n_proxies = n;
	}
	return n;
}

/* "none" or "CODE,CODE,...", each an ONS area code: a letter (E England, W Wales, S Scotland,
 * N Northern Ireland, any case) and eight digits. Returns the number of codes, or -1. */
int settings_ons_codes(const char *v)
{
	if (!v || !*v) {
		return -1;
	}
	if (strcmp(v, "none") == 0) {
		return 0;
	}
	int n = 0;
	for (const char *p = v;; p += 10) {
		if (!p[0] || !strchr("ENSWensw", p[0]) || strspn(p + 1, "0123456789") < 8 || (p[9] != ',' && p[9] != '\0') ||
		    ++n > SETTINGS_MAX_ONS_CODES) {
			return -1;
		}
		if (!p[9]) {
			return n;
		}
	}
}

int settings_validate(const char *key, const char *value, struct hearth_error *err)
{
	const struct setting_def *def = settings_find(key);
	if (!def) {
		return herr_set(err, HERR_INVALID, key ? key : "", "unknown_setting",
				"there is no setting called '%s' (hearth settings DB lists them)", key ? key : "");
	}
	if (!value) {
		return herr_set(err, HERR_INVALID, key, "required", "a value is required");
	}
	long n;
	switch (def->type) {
	case SETTING_INT:
		if (parse_int(value, &n)) {
			return herr_set(err, HERR_INVALID, key, "whole_number", "'%s' is not a whole number", value);
		}
		if (n < def->min || n > def->max) {
			return herr_set(err, HERR_INVALID, key, "range", "%ld is outside %d to %d %s", n, def->min,
					def->max, def->unit);
		}
		return 0;
	case SETTING_LA_CODE:
		if (strlen(value) != 3 || strspn(value, "0123456789") != 3) {
			return herr_set(err, HERR_INVALID, key, "la_code",
					"'%s' is not a three-digit local authority code", value);
		}
		return 0;
	case SETTING_IDENTIFIER:
		if (strcmp(value, "nhs_number") && strcmp(value, "upn") && strcmp(value, "la_child_id")) {
			return herr_set(err, HERR_INVALID, key, "identifier",
					"'%s' is not nhs_number, upn or la_child_id", value);
		}
		return 0;
	case SETTING_ROLE:
		if (strcmp(value, "none") != 0 && role_parse(value) < 0) {
			return herr_set(err, HERR_INVALID, key, "role", "'%s' is not a role's name (e.g. team_manager) or none",
					value);
		}
		return 0;
	case SETTING_TERMS:
		if (parse_terms(value, NULL) < 0) {
			return herr_set(err, HERR_INVALID, key, "terms",
					"'%s' is not 1 to %d term start dates MM-DD in calendar order, comma-separated",
					value, SETTINGS_MAX_TERMS);
		}
		return 0;
	case SETTING_ADDRESSES:
		if (parse_addresses(value, NULL) < 0) {
			return herr_set(err, HERR_INVALID, key, "addresses",
					"'%s' is not none or 1 to %d numeric IPv4/IPv6 addresses, comma-separated", value,
					SETTINGS_MAX_PROXIES);
		}
		return 0;
	case SETTING_YESNO:
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
			return herr_set(err, HERR_INVALID, key, "yes_no", "'%s' is not yes or no", value);
		}
		return 0;
	case SETTING_DATE: {
		hdate d;
		if (date_parse(value, &d)) {
			return herr_set(err, HERR_INVALID, key, "date", "'%s' is not a date (YYYY-MM-DD)", value);
		}
		return 0;
	}
	case SETTING_ONS_CODES:
		if (settings_ons_codes(value) < 0) {
			return herr_set(err, HERR_INVALID, key, "ons_codes",
					"'%s' is not none or 1 to %d ONS codes of the LA's area (a letter and eight digits, "
					"e.g. E10000034,E07000237), comma-separated",
					value, SETTINGS_MAX_ONS_CODES);
		}
		return 0;
	case SETTING_TYPE_MAX:
		break;
	}
	return herr_set(err, HERR_INVALID, key, "unknown_setting", "setting has no type");
}

/* Where an integer setting lives in struct settings (NULL for the other types). */
static int *int_slot(struct settings *s, const char *key)
{
	static const struct {
		const char *key;
		size_t off;
	} slots[] = {
		{"cp_visit_working_days", offsetof(struct settings, cp_visit_working_days)},
		{"cin_visit_working_days", offsetof(struct settings, cin_visit_working_days)},
		{"caseload_threshold", offsetof(struct settings, caseload_threshold)},
		{"due_soon_working_days", offsetof(struct settings, due_soon_working_days)},
		{"supervision_interval_days", offsetof(struct settings, supervision_interval_days)},
		{"pre_proceedings_weeks", offsetof(struct settings, pre_proceedings_weeks)},
		{"user_requests_per_minute", offsetof(struct settings, user_requests_per_minute)},
		{"user_request_burst", offsetof(struct settings, user_request_burst)},
		{"request_work_limit", offsetof(struct settings, request_work_limit)},
		{"request_time_limit", offsetof(struct settings, request_time_limit)},
		{"break_glass_minutes", offsetof(struct settings, break_glass_minutes)},
		{"signin_free_failures", offsetof(struct settings, signin_free_failures)},
		{"signin_address_free_failures", offsetof(struct settings, signin_address_free_failures)},
		{"signin_delay_s", offsetof(struct settings, signin_delay_s)},
		{"signin_delay_max_s", offsetof(struct settings, signin_delay_max_s)},
		{"signin_forget_hours", offsetof(struct settings, signin_forget_hours)},
		{"device_days", offsetof(struct settings, device_days)},
		{"password_min_length", offsetof(struct settings, password_min_length)},
		{"session_idle_minutes", offsetof(struct settings, session_idle_minutes)},
		{"session_absolute_hours", offsetof(struct settings, session_absolute_hours)},
	};
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		if (strcmp(slots[i].key, key) == 0) {
			return (int *)((char *)s + slots[i].off);
		}
	}
	return NULL;
}

int settings_apply(struct settings *s, const char *key, const char *value, struct hearth_error *err)
{
	int rc = settings_validate(key, value, err);
	if (rc) {
		return rc;
	}
	const struct setting_def *def = settings_find(key);
	switch (def->type) {
	case SETTING_INT: {
		int *slot = int_slot(s, key);
		if (!slot) {
			return herr_set(err, HERR_INVALID, key, "unknown_setting", "setting has no place to go");
		}
		*slot = atoi(value);
		return 0;
	}
	case SETTING_LA_CODE:
		memcpy(s->la_code, value, 3);
		s->la_code[3] = '\0';
		return 0;
	case SETTING_TERMS:
		parse_terms(value, s);
		return 0;
	case SETTING_ADDRESSES:
		parse_addresses(value, s);
		return 0;
	case SETTING_YESNO:
		if (strcmp(key, "secure_cookies") == 0) {
			s->secure_cookies = strcmp(value, "yes") == 0;
		}
		return 0;
	case SETTING_IDENTIFIER:
		snprintf(s->identifier, sizeof(s->identifier), "%s", value);
		return 0;
	case SETTING_ROLE: /* read where it is used (src/work/authorise.c) */
	case SETTING_ONS_CODES: /* and the returns' reference data (src/returns/refdata.c) */
		return 0;
	case SETTING_DATE:
		if (strcmp(key, "macpt_duty_from") == 0) {
			date_parse(value, &s->macpt_duty_from);
		}
		return 0;
	case SETTING_TYPE_MAX:
		break;
	}
	return HERR_INVALID;
}

void settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	for (int i = 0; i < settings_count; i++) {
		settings_apply(s, settings_table[i].key, settings_table[i].default_value, NULL);
	}
}

int settings_load(struct settings *s, settings_get_fn get, void *ctx, struct hearth_error *err)
{
	int bad = 0;
	settings_defaults(s);
	for (int i = 0; get && i < settings_count; i++) {
		const char *v = get(ctx, settings_table[i].key);
		if (v && settings_apply(s, settings_table[i].key, v, err)) {
			bad++;
		}
	}
	return bad;
}

static hdate term_date(const struct settings *s, int year, int k)
{
	return date_from_ymd(year, s->terms[k].month, s->terms[k].day);
}

hdate settings_term_start(const struct settings *s, hdate d)
{
	if (d == DATE_NONE || s->n_terms < 1) {
		return DATE_NONE;
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	for (int k = s->n_terms - 1; k >= 0; k--) {
		if (term_date(s, y, k) <= d) {
			return term_date(s, y, k);
		}
	}
	return term_date(s, y - 1, s->n_terms - 1);
}

bool settings_trusted_proxy(const struct settings *s, const char *address)
{
	for (int i = 0; address && i < s->n_proxies; i++) {
		if (strcmp(s->proxies[i], address) == 0) {
			return true;
		}
	}
	return false;
}

hdate settings_next_term_start(const struct settings *s, hdate d)
{
	if (d == DATE_NONE || s->n_terms < 1) {
		return DATE_NONE;
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	for (int k = 0; k < s->n_terms; k++) {
		if (term_date(s, y, k) > d) {
			return term_date(s, y, k);
		}
	}
	return term_date(s, y + 1, 0);
}
