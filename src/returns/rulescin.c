/* rulescin: the DfE's CIN census validation rules, as a table, each with its check.
 *
 * Ids, severities (a Q suffix is a query), modules and messages are the DfE's
 * (standards/cin-census/rules_2025_26.csv, first ruleset noted as from_year). Each check
 * reads one child's view and reports every module that breaks it; timeliness rules count
 * working days through the statutory clock (clock_deadline), never by hand. Where a message
 * leaves a reading open, the comment above the check says which reading is taken.
 *
 * Invariants (tests/unit/returns/test_rulescin.c): ids unique; every rule has a check, a
 * failing case and a passing case. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/workdays.h"
#include "clock/clock.h"
#include "model/codes.h"
#include "returns/internal.h"

#define C (x->ci)

static bool is(const char *s, const char *a)
{
	return s && strcmp(s, a) == 0;
}

static int age_at(hdate dob, hdate d)
{
	return dok(dob) && dok(d) && d >= dob ? date_age(dob, d) : -1;
}

static char *dmy(hdate d, char b[DATE_STR_SIZE])
{
	return rdate_dmy(d, b);
}

static bool in_year(const struct returns_ctx *x, hdate d)
{
	return dok(d) && d >= x->ys && d <= x->ye;
}

static bool weekend(hdate d)
{
	return dok(d) && date_weekday(d) >= SAT;
}

/* ---- emitting ---- */

static void ci(struct returns_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ci(struct returns_ctx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rx_vemit(x, NULL, 0, C ? C->line : 0, 0, DATE_NONE, fmt, ap);
	va_end(ap);
}

static void dt(struct returns_ctx *x, size_t d, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void dt(struct returns_ctx *x, size_t d, const char *fmt, ...)
{
	const struct ci_details *m = &C->details[d];
	char b[DATE_STR_SIZE];
	va_list ap;
	va_start(ap, fmt);
	char *what = arena_vprintf(x->a, fmt, ap);
	va_end(ap);
	rx_emit(x, "CINdetails", (int)d + 1, m->line, m->id, m->referral, "referral %s: %s", dmy(m->referral, b), what);
}

/* A module inside CINdetails d: row k (1-based within the module), its line and id. */
static void md(struct returns_ctx *x, const char *table, size_t d, size_t k, int line, int64_t id, hdate date,
	       const char *fmt, ...) __attribute__((format(printf, 8, 9)));
static void md(struct returns_ctx *x, const char *table, size_t d, size_t k, int line, int64_t id, hdate date,
	       const char *fmt, ...)
{
	char b[DATE_STR_SIZE];
	va_list ap;
	va_start(ap, fmt);
	char *what = arena_vprintf(x->a, fmt, ap);
	va_end(ap);
	rx_emit(x, table, (int)k + 1, line ? line : C->details[d].line, id, date, "referral %s: %s",
		dmy(C->details[d].referral, b), what);
}

#define FOR_D for (size_t d = 0; d < C->n_details; d++)
#define AS(k) (&C->details[d].assessments[k])
#define AS_EMIT(k, ...) md(x, "Assessments", d, k, AS(k)->line, AS(k)->id, AS(k)->start, __VA_ARGS__)
#define PL(k) (&C->details[d].plans[k])
#define PL_EMIT(k, ...) md(x, "CINplanDates", d, k, PL(k)->line, PL(k)->id, PL(k)->start, __VA_ARGS__)
#define S4(k) (&C->details[d].s47s[k])
#define S4_EMIT(k, ...) md(x, "Section47", d, k, S4(k)->line, S4(k)->id, S4(k)->start, __VA_ARGS__)
#define CP(k) (&C->details[d].cpps[k])
#define CP_EMIT(k, ...) md(x, "ChildProtectionPlans", d, k, CP(k)->line, CP(k)->id, CP(k)->start, __VA_ARGS__)

/* ---- Header and the whole return ---- */

static void r100(struct returns_ctx *x)
{
	if (!x->from_record && x->hdr && x->hdr->reference != x->ye) {
		char b[DATE_STR_SIZE];
		rx_emit(x, "Header", 0, x->hdr->line, 0, DATE_NONE, "ReferenceDate %s, expected 31/03/%d",
			dmy(x->hdr->reference, b), x->year);
	}
}

static int key_cmp(const void *p, const void *q)
{
	const struct rkey *a = p, *b = q;
	if (a->kind != b->kind) {
		return a->kind - b->kind;
	}
	int c = strcmp(a->value, b->value);
	return c ? c : (a->child_id < b->child_id ? -1 : a->child_id > b->child_id);
}

static void duplicates(struct returns_ctx *x, int kind, const char *what)
{
	struct rglobal *g = (struct rglobal *)x->g;
	if (g->n_keys < 2) {
		return;
	}
	qsort(g->keys, g->n_keys, sizeof(*g->keys), key_cmp);
	for (size_t i = 1; i < g->n_keys; i++) {
		const struct rkey *a = &g->keys[i - 1], *b = &g->keys[i];
		if (a->kind == kind && b->kind == kind && strcmp(a->value, b->value) == 0) {
			rx_emit(x, "ChildIdentifiers", 0, b->line, 0, DATE_NONE, "%s '%s' also for child %s", what, b->value,
				a->child);
			struct returns_finding *f = &x->out->items[x->out->n - 1];
			f->child = b->child;
			f->child_id = b->child_id;
		}
	}
}

static void r1520(struct returns_ctx *x) { duplicates(x, 0, "UPN"); }
static void r8510(struct returns_ctx *x) { duplicates(x, 1, "LAchildID"); }

static void r2886Q(struct returns_ctx *x)
{
	if (x->g->children && x->g->unknown_sex * 50 > x->g->children) {
		rx_emit(x, NULL, 0, 0, 0, DATE_NONE, "%lld of %lld children (%.1f%%) have no sex recorded",
			(long long)x->g->unknown_sex, (long long)x->g->children,
			100.0 * (double)x->g->unknown_sex / (double)x->g->children);
	}
}

static void r2887Q(struct returns_ctx *x)
{
	int used = 0;
	for (int i = 0; i < 32; i++) {
		used += x->g->disability_used[i];
	}
	if (x->g->children && used < 8) {
		rx_emit(x, NULL, 0, 0, 0, DATE_NONE, "%d disability codes used", used);
	}
}

static void r2888Q(struct returns_ctx *x)
{
	if (x->g->with_disability > 0 && x->g->multi_disability == 0) {
		rx_emit(x, NULL, 0, 0, 0, DATE_NONE, "no child among %lld with a disability has more than one",
			(long long)x->g->with_disability);
	}
}

/* ---- ChildIdentifiers and ChildCharacteristics ---- */

static void upn_rule(struct returns_ctx *x, const char *rule)
{
	if (sok(C->upn) && upn_breaks(C->upn, rule)) {
		ci(x, "UPN '%s'", C->upn);
	}
}

static void r1510(struct returns_ctx *x) { upn_rule(x, "1510"); }
static void r1530(struct returns_ctx *x) { upn_rule(x, "1530"); }
static void r1540(struct returns_ctx *x) { upn_rule(x, "1540"); }
static void r1550(struct returns_ctx *x) { upn_rule(x, "1550"); }

static void r1560Q(struct returns_ctx *x)
{
	if (sok(C->former_upn) && upn_problem(C->former_upn)) {
		ci(x, "FormerUPN '%s'", C->former_upn);
	}
}

static void r1570(struct returns_ctx *x)
{
	if (C->la_id && strlen(C->la_id) > 20) {
		ci(x, "LAchildID is %zu characters", strlen(C->la_id));
	}
}

static void r1580(struct returns_ctx *x)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	if (sok(C->la_id) && C->la_id[strspn(C->la_id, alnum)] != '\0') {
		ci(x, "LAchildID '%s'", C->la_id);
	}
}

static void r4180(struct returns_ctx *x)
{
	if (!is(C->sex, "M") && !is(C->sex, "F") && !is(C->sex, "U")) {
		ci(x, "Sex '%s'", C->sex ? C->sex : "");
	}
}

static void r4220(struct returns_ctx *x)
{
	if (!code_valid("ethnicity", C->ethnicity)) {
		rx_emit(x, "ChildCharacteristics", 0, C->line, 0, DATE_NONE, "Ethnicity '%s'", C->ethnicity ? C->ethnicity : "");
	}
}

static void r8500(struct returns_ctx *x)
{
	if (!sok(C->la_id)) {
		ci(x, "LAchildID is blank");
	}
}

static void r8520(struct returns_ctx *x)
{
	if (dok(C->dob) && C->dob > x->ye) {
		char b[DATE_STR_SIZE];
		ci(x, "PersonBirthDate %s", dmy(C->dob, b));
	}
}

static void r8525Q(struct returns_ctx *x)
{
	bool dob = C->dob != DATE_NONE, exp = C->expected != DATE_NONE;
	if (dob == exp) {
		ci(x, "%s", dob ? "both a date of birth and an expected date" : "neither a date of birth nor an expected date");
	}
}

static void r8530Q(struct returns_ctx *x)
{
	if (dok(C->expected) && (C->expected < date_from_ymd(x->year, 3, 1) || C->expected > date_from_ymd(x->year, 12, 31))) {
		char b[DATE_STR_SIZE];
		ci(x, "ExpectedPersonBirthDate %s", dmy(C->expected, b));
	}
}

static void r8535Q(struct returns_ctx *x)
{
	if (dok(C->death) && dok(C->dob) && C->death < C->dob) {
		ci(x, "PersonDeathDate before PersonBirthDate");
	}
}

static void r8545Q(struct returns_ctx *x)
{
	if (dok(C->death) && !in_year(x, C->death)) {
		char b[DATE_STR_SIZE];
		ci(x, "PersonDeathDate %s", dmy(C->death, b));
	}
}

static void r8540(struct returns_ctx *x)
{
	for (size_t i = 0; i < C->n_disabilities; i++) {
		if (!code_valid("disability", C->disabilities[i])) {
			rx_emit(x, "ChildCharacteristics", (int)i + 1, C->line, 0, DATE_NONE, "Disability '%s'",
				C->disabilities[i] ? C->disabilities[i] : "");
		}
	}
}

static void r8790(struct returns_ctx *x)
{
	bool none = false;
	for (size_t i = 0; i < C->n_disabilities; i++) {
		none = none || is(C->disabilities[i], "NONE");
	}
	if (none && C->n_disabilities > 1) {
		rx_emit(x, "Disabilities", 0, C->line, 0, DATE_NONE, "NONE with %zu other codes", C->n_disabilities - 1);
	}
}

/* "Two or more disabilities with the same code": codes are compared in any letter case and
 * without the spaces around them (as the census's codes are read), and each repeated row is
 * reported once, however many times its code came before. */
static bool same_code(const char *a, const char *b)
{
	if (!sok(a) || !sok(b)) {
		return false;
	}
	a += strspn(a, " \t");
	b += strspn(b, " \t");
	size_t na = strlen(a), nb = strlen(b);
	while (na && (a[na - 1] == ' ' || a[na - 1] == '\t')) {
		na--;
	}
	while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\t')) {
		nb--;
	}
	return na == nb && strncasecmp(a, b, na) == 0;
}

static void r8794(struct returns_ctx *x)
{
	for (size_t i = 0; i < C->n_disabilities; i++) {
		for (size_t k = 0; k < i; k++) {
			if (same_code(C->disabilities[i], C->disabilities[k])) {
				rx_emit(x, "Disabilities", (int)i + 1, C->line, 0, DATE_NONE, "%s twice", C->disabilities[i]);
				break;
			}
		}
	}
}

static void r8750(struct returns_ctx *x)
{
	bool unborn = C->dob == DATE_NONE && C->expected != DATE_NONE;
	if (unborn && !is(C->sex, x->year >= 2025 ? "U" : "0")) {
		ci(x, "an unborn child with Sex '%s'", C->sex ? C->sex : "");
	}
}

/* School age: 5 to 15 at the start of the year (as SSDA903 rule 209). */
static void r8770Q(struct returns_ctx *x)
{
	int age = age_at(C->dob, x->ys);
	if (age >= 5 && age <= 15 && ((!sok(C->upn) && !sok(C->upn_unknown)) || is(C->upn_unknown, "UN1"))) {
		ci(x, "aged %d with %s", age, sok(C->upn_unknown) ? "UPNunknown UN1" : "no UPN and no reason");
	}
}

static void r8772(struct returns_ctx *x)
{
	if (!is(C->upn_unknown, "UN7")) {
		return;
	}
	FOR_D
	{
		if (ryes_no(C->details[d].nfa) != 1) {
			dt(x, d, "UPNunknown UN7 but this referral went on to further action");
		}
	}
}

static void r8775Q(struct returns_ctx *x)
{
	if (dok(C->dob) && date_birthday(C->dob, 25) < x->ye) {
		ci(x, "aged %d", age_at(C->dob, x->ye));
	}
}

static void r8590(struct returns_ctx *x)
{
	if (C->n_details == 0) {
		ci(x, "no CINdetails");
	}
}

/* ---- CINdetails ---- */

static void r8600(struct returns_ctx *x)
{
	FOR_D
	{
		hdate r = C->details[d].referral;
		if (!dok(r) || r > x->ye) {
			dt(x, d, "CINreferralDate missing or after the year");
		}
	}
}

static void r8606(struct returns_ctx *x)
{
	hdate birth = dok(C->dob) ? C->dob : C->expected;
	FOR_D
	{
		if (dok(birth) && dok(C->details[d].referral) && C->details[d].referral < birth - 280) {
			dt(x, d, "more than 40 weeks before the birth");
		}
	}
}

static void r8555Q(struct returns_ctx *x)
{
	FOR_D
	{
		if (dok(C->death) && dok(C->details[d].referral) && C->details[d].referral > C->death) {
			dt(x, d, "referred after the date of death");
		}
	}
}

static void r8866(struct returns_ctx *x)
{
	FOR_D
	{
		if (!code_valid_in_year("referral_source", C->details[d].source, x->year)) {
			dt(x, d, "ReferralSource '%s'", C->details[d].source ? C->details[d].source : "");
		}
	}
}

static void r8568(struct returns_ctx *x)
{
	FOR_D
	{
		if (ryes_no(C->details[d].nfa) < 0) { /* 0, 1, true or false (any letter case) */
			dt(x, d, "ReferralNFA '%s'", C->details[d].nfa ? C->details[d].nfa : "");
		}
	}
}

static void r8610(struct returns_ctx *x)
{
	FOR_D
	{
		if (ryes_no(C->details[d].nfa) == 0 && !sok(C->details[d].need)) {
			dt(x, d, "no PrimaryNeedCode");
		}
	}
}

static void r8650(struct returns_ctx *x)
{
	FOR_D
	{
		if (sok(C->details[d].need) && !code_valid_in_year("primary_need", C->details[d].need, x->year)) {
			dt(x, d, "PrimaryNeedCode '%s'", C->details[d].need);
		}
	}
}

static void r8640(struct returns_ctx *x)
{
	FOR_D
	{
		if (sok(C->details[d].reason) && !code_valid_in_year("closure_reason", C->details[d].reason, x->year)) {
			dt(x, d, "ReasonForClosure '%s'", C->details[d].reason);
		}
	}
}

static void r8620(struct returns_ctx *x)
{
	FOR_D
	{
		if (C->details[d].closure != DATE_NONE && !in_year(x, C->details[d].closure)) {
			char b[DATE_STR_SIZE];
			dt(x, d, "CINclosureDate %s", dmy(C->details[d].closure, b));
		}
	}
}

static void r8630(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		if (dok(m->closure) && dok(m->referral) && m->closure < m->referral) {
			dt(x, d, "closed before it was referred");
		}
	}
}

static void r8805(struct returns_ctx *x)
{
	FOR_D
	{
		if (C->details[d].closure != DATE_NONE && !sok(C->details[d].reason)) {
			dt(x, d, "CINclosureDate without ReasonForClosure");
		}
	}
}

static void r8810(struct returns_ctx *x)
{
	FOR_D
	{
		if (C->details[d].closure == DATE_NONE && sok(C->details[d].reason)) {
			dt(x, d, "ReasonForClosure without CINclosureDate");
		}
	}
}

static void r8585Q(struct returns_ctx *x)
{
	FOR_D
	{
		if (is(C->details[d].reason, "RC2") && C->death == DATE_NONE) {
			dt(x, d, "closed as RC2 (died) with no date of death");
		}
	}
}

static void r8569Q(struct returns_ctx *x)
{
	hdate limit = workdays_add(x->ys, -1);
	FOR_D
	{
		if (ryes_no(C->details[d].nfa) == 1 && dok(C->details[d].referral) && C->details[d].referral < limit) {
			dt(x, d, "an earlier referral marked no further action");
		}
	}
}

/* The DfE's 8831: with ReferralNFA true, none of AssessmentActualStartDate, CINPlanStartDate,
 * S47ActualStartDate, CPPstartDate (nor a DateOfInitialCPC at the CINdetails level) may be
 * present. Activity is a date given (even one that is no date: it was recorded), not a
 * module that is there with its dates empty. */
static bool has_activity(const struct ci_details *m)
{
	bool any = m->icpc != DATE_NONE;
	for (size_t k = 0; !any && k < m->n_assessments; k++) {
		any = m->assessments[k].start != DATE_NONE;
	}
	for (size_t k = 0; !any && k < m->n_plans; k++) {
		any = m->plans[k].start != DATE_NONE;
	}
	for (size_t k = 0; !any && k < m->n_s47s; k++) {
		any = m->s47s[k].start != DATE_NONE;
	}
	for (size_t k = 0; !any && k < m->n_cpps; k++) {
		any = m->cpps[k].start != DATE_NONE;
	}
	return any;
}

static void r8831(struct returns_ctx *x)
{
	FOR_D
	{
		if (ryes_no(C->details[d].nfa) == 1 && has_activity(&C->details[d])) {
			dt(x, d, "no further action, but work is recorded");
		}
	}
}

static void r2990(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		if ((is(m->reason, "RC8") || is(m->reason, "RC9")) && (m->n_plans || m->n_s47s || m->n_cpps)) {
			dt(x, d, "closed as %s, but a plan or enquiry is recorded", m->reason);
		}
	}
}

static void r8825Q(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		if ((is(m->reason, "RC8") || is(m->reason, "RC9")) && m->n_assessments == 0) {
			dt(x, d, "closed as %s with no assessment", m->reason);
		}
	}
}

static void r2991Q(struct returns_ctx *x)
{
	FOR_D
	{
		if (C->details[d].n_s47s && C->details[d].n_assessments == 0) {
			dt(x, d, "a section 47 enquiry with no assessment");
		}
	}
}

/* Dates in the episode after its closure. */
static void r8565(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		if (!dok(m->closure)) {
			continue;
		}
		hdate late = DATE_NONE;
		for (size_t k = 0; k < m->n_assessments; k++) {
			late = dok(m->assessments[k].start) && m->assessments[k].start > m->closure ? m->assessments[k].start : late;
		}
		for (size_t k = 0; k < m->n_plans; k++) {
			late = dok(m->plans[k].start) && m->plans[k].start > m->closure ? m->plans[k].start : late;
		}
		for (size_t k = 0; k < m->n_s47s; k++) {
			late = dok(m->s47s[k].start) && m->s47s[k].start > m->closure ? m->s47s[k].start : late;
		}
		for (size_t k = 0; k < m->n_cpps; k++) {
			late = dok(m->cpps[k].start) && m->cpps[k].start > m->closure ? m->cpps[k].start : late;
			for (size_t r = 0; r < m->cpps[k].n_reviews; r++) {
				hdate rv = m->cpps[k].reviews[r];
				late = dok(rv) && rv > m->closure ? rv : late;
			}
		}
		if (late != DATE_NONE) {
			char b[DATE_STR_SIZE];
			dt(x, d, "activity on %s after the case closed", dmy(late, b));
		}
	}
}

static void r8867(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->details[d].closure) && k < C->details[d].n_assessments; k++) {
			if (!dok(AS(k)->authorised)) {
				AS_EMIT(k, "the episode closed but the assessment is not completed");
			}
		}
	}
}

static bool s47_open(const struct ci_s47 *s)
{
	return !dok(s->icpc) && ryes_no(s->not_required) != 1;
}

static void r8868(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->details[d].closure) && k < C->details[d].n_s47s; k++) {
			if (s47_open(S4(k))) {
				S4_EMIT(k, "the episode closed but the enquiry is not completed");
			}
		}
	}
}

/* Two episodes overlap when one begins before the other closed (an open one never ends). */
static void r8820(struct returns_ctx *x)
{
	for (size_t d = 1; d < C->n_details; d++) {
		for (size_t p = 0; p < d; p++) {
			const struct ci_details *a = &C->details[p], *b = &C->details[d];
			if (overlaps(a->referral, a->closure, b->referral, b->closure, false)) {
				dt(x, d, "overlaps the referral of %s", rdate_dmy(a->referral, (char[DATE_STR_SIZE]){0}));
				break;
			}
		}
	}
}

static void r8815(struct returns_ctx *x)
{
	int open = 0;
	FOR_D
	{
		if (C->details[d].closure == DATE_NONE && ryes_no(C->details[d].nfa) != 1 && ++open == 2) {
			dt(x, d, "a second open CIN episode");
		}
	}
}

static void r8816(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		if (m->closure != DATE_NONE || ryes_no(m->nfa) == 1) {
			continue;
		}
		for (size_t k = 0; k < C->n_details; k++) {
			if (dok(C->details[k].referral) && dok(m->referral) && C->details[k].referral > m->referral) {
				dt(x, d, "open but not the latest episode");
				break;
			}
		}
	}
}

/* ---- Assessments ---- */

static void r1103(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (dok(AS(k)->start) && dok(C->details[d].referral) && AS(k)->start < C->details[d].referral) {
				AS_EMIT(k, "assessment begins before the referral");
			}
		}
	}
}

static void r8608(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (dok(AS(k)->start) && dok(AS(k)->authorised) && AS(k)->start > AS(k)->authorised) {
				AS_EMIT(k, "authorised before it began");
			}
		}
	}
}

static void r8614(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (!dok(AS(k)->authorised) && AS(k)->n_factors) {
				AS_EMIT(k, "factors for an assessment not completed");
			}
		}
	}
}

static void r8696(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (AS(k)->authorised != DATE_NONE && !in_year(x, AS(k)->authorised)) {
				AS_EMIT(k, "authorised outside the year");
			}
		}
	}
}

static void r8736(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (!dok(AS(k)->authorised) && dok(AS(k)->start) && AS(k)->start > x->ye) {
				AS_EMIT(k, "an open assessment beginning after the year");
			}
		}
	}
}

/* Open at 31 March and past its 45 working days by then (the statutory clock's rule). */
static void r8670Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			hdate s = AS(k)->start;
			if (AS(k)->authorised != DATE_NONE || !dok(s)) {
				continue;
			}
			hdate due = clock_deadline(clock_rule_for(CLOCK_ASSESSMENT, s), s, NULL);
			if (due < x->ye) {
				char b[DATE_STR_SIZE];
				AS_EMIT(k, "open at 31 March, due by %s", dmy(due, b));
			}
		}
	}
}

static void r8896(struct returns_ctx *x)
{
	FOR_D
	{
		int open = 0;
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (!dok(AS(k)->authorised) && ++open == 2) {
				AS_EMIT(k, "a second open assessment in the episode");
			}
		}
	}
}

static void r8863Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			for (size_t j = 0; j < C->details[d].n_assessments; j++) {
				const struct ci_assessment *a = AS(j), *b = AS(k);
				if (j != k && dok(a->start) && dok(b->start) && b->start > a->start &&
				    (!dok(a->authorised) || a->authorised > b->start)) {
					AS_EMIT(k, "begins while another assessment is open");
					break;
				}
			}
		}
	}
}

static bool has_factor(const struct ci_assessment *a, const char *f)
{
	for (size_t i = 0; i < a->n_factors; i++) {
		if (is(a->factors[i], f)) {
			return true;
		}
	}
	return false;
}

static void r8869(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (has_factor(AS(k), "21") && AS(k)->n_factors > 1) {
				AS_EMIT(k, "factor 21 with other factors");
			}
		}
	}
}

static void r8873Q(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		if (m->n_assessments == 1 && has_factor(AS(0), "21") && dok(AS(0)->authorised) && dok(m->closure) &&
		    !is(m->reason, "RC8") && !is(m->reason, "RC9")) {
			AS_EMIT(0, "factor 21 but closed as %s", m->reason ? m->reason : "");
		}
	}
}

static void r8897Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (dok(AS(k)->authorised) && AS(k)->n_factors == 0) {
				AS_EMIT(k, "a completed assessment without factors");
			}
		}
	}
}

static void r8898(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			const struct ci_assessment *a = AS(k);
			for (size_t i = 1; i < a->n_factors; i++) {
				for (size_t j = 0; j < i; j++) {
					if (str_eq(a->factors[i], a->factors[j])) {
						AS_EMIT(k, "factor %s twice", a->factors[i]);
					}
				}
			}
		}
	}
}

static void factor_retired(struct returns_ctx *x, const char *code)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_assessments; k++) {
			if (has_factor(AS(k), code)) {
				AS_EMIT(k, "factor %s", code);
			}
		}
	}
}

static void r8945Q(struct returns_ctx *x) { factor_retired(x, "18A"); }
static void r8950Q(struct returns_ctx *x) { factor_retired(x, "19A"); }

/* ---- CINplanDates ---- */

/* 4000 and 8832, as 8831: a plan recorded is a CINPlanStartDate (a CPPstartDate) given, not a
 * module that is there with its dates empty; each such plan of an NFA referral is reported. */
static void r4000(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; ryes_no(C->details[d].nfa) == 1 && k < C->details[d].n_plans; k++) {
			if (PL(k)->start != DATE_NONE) {
				PL_EMIT(k, "a CIN plan for a referral with no further action");
			}
		}
	}
}

static void r4010(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			if (!dok(PL(k)->start) || PL(k)->start > x->ye) {
				PL_EMIT(k, "CINPlanStartDate missing or after the year");
			}
		}
	}
}

static void r4011(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			if (dok(PL(k)->end) && dok(PL(k)->start) && PL(k)->end < PL(k)->start) {
				PL_EMIT(k, "ends before it starts");
			}
		}
	}
}

static void r4012Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			if (dok(PL(k)->end) && PL(k)->end == PL(k)->start) {
				PL_EMIT(k, "starts and ends on the same day");
			}
		}
	}
}

static void r4013(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			if (PL(k)->end != DATE_NONE && !in_year(x, PL(k)->end)) {
				PL_EMIT(k, "CINPlanEndDate outside the year");
			}
		}
	}
}

static void r4015(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			if (dok(PL(k)->start) && dok(C->details[d].referral) && PL(k)->start < C->details[d].referral) {
				PL_EMIT(k, "starts before the referral");
			}
		}
	}
}

static void r4008(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->death) && k < C->details[d].n_plans; k++) {
			if (dok(PL(k)->start) && PL(k)->start > C->death) {
				PL_EMIT(k, "starts after the date of death");
			}
		}
	}
}

static void r4009Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->death) && k < C->details[d].n_plans; k++) {
			if (dok(PL(k)->end) && PL(k)->end > C->death) {
				PL_EMIT(k, "ends after the date of death");
			}
		}
	}
}

static void r4004(struct returns_ctx *x)
{
	int open = 0;
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			if (PL(k)->end == DATE_NONE && ++open == 2) {
				PL_EMIT(k, "a second open CIN plan");
			}
		}
	}
}

static void r4014(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			bool hit = false;
			for (size_t dp = 0; !hit && dp < C->n_details; dp++) {
				for (size_t p = 0; !hit && p < C->details[dp].n_plans; p++) {
					const struct ci_plan *a = &C->details[dp].plans[p], *b = PL(k);
					bool earlier = a->start < b->start || (a->start == b->start && (dp < d || (dp == d && p < k)));
					hit = a != b && earlier && overlaps(a->start, a->end, b->start, b->end, false);
				}
			}
			if (hit) {
				PL_EMIT(k, "overlaps another CIN plan");
			}
		}
	}
}

/* A CIN plan and a CP plan may meet (one ends the day the other starts: the step up at the
 * conference, the step down at the review) but not overlap.
 * 4001: a CP plan that has ended, and a CIN plan that overlaps it: both ended and
 *       overlapping, or the CIN plan (ended or not) starting strictly inside the CP plan;
 * 4016: an open CIN plan and a CP plan starting on or after the day it started (the CIN
 *       plan should have ended when the CP plan began);
 * 4017: an open CP plan and a CIN plan starting after it started. */
static void cin_cp(struct returns_ctx *x, int which)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_plans; k++) {
			const struct ci_plan *a = PL(k);
			bool hit = false;
			for (size_t dp = 0; !hit && dp < C->n_details; dp++) {
				for (size_t p = 0; !hit && p < C->details[dp].n_cpps; p++) {
					const struct ci_cpp *b = &C->details[dp].cpps[p];
					if (!dok(a->start) || !dok(b->start)) {
						continue;
					}
					if (which == 4001) {
						hit = dok(b->end) &&
						      ((dok(a->end) && overlaps(a->start, a->end, b->start, b->end, false)) ||
						       (a->start > b->start && a->start < b->end));
					} else if (which == 4016) {
						hit = a->end == DATE_NONE && b->start >= a->start;
					} else {
						hit = b->end == DATE_NONE && a->start > b->start;
					}
				}
			}
			if (hit) {
				PL_EMIT(k, "open at the same time as a child protection plan");
			}
		}
	}
}

static void r4001(struct returns_ctx *x) { cin_cp(x, 4001); }
static void r4016(struct returns_ctx *x) { cin_cp(x, 4016); }
static void r4017(struct returns_ctx *x) { cin_cp(x, 4017); }

/* A review held on the day a CIN plan starts is the conference that stepped the plan down:
 * only a review after the CIN plan began (and before it ended) counts. */
static void r4003(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			for (size_t r = 0; r < CP(k)->n_reviews; r++) {
				hdate rv = CP(k)->reviews[r];
				bool hit = false;
				for (size_t dp = 0; dok(rv) && !hit && dp < C->n_details; dp++) {
					for (size_t p = 0; !hit && p < C->details[dp].n_plans; p++) {
						const struct ci_plan *a = &C->details[dp].plans[p];
						hit = dok(a->start) && a->start < rv && (!dok(a->end) || a->end > rv);
					}
				}
				if (hit) {
					CP_EMIT(k, "review on %s during a CIN plan", rdate_dmy(rv, (char[DATE_STR_SIZE]){0}));
				}
			}
		}
	}
}

/* ---- Section47 ---- */

static void r1104(struct returns_ctx *x)
{
	FOR_D
	{
		hdate r = C->details[d].referral;
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (dok(S4(k)->icpc) && dok(r) && S4(k)->icpc < r) {
				S4_EMIT(k, "ICPC before the referral");
			}
		}
		if (dok(C->details[d].icpc) && dok(r) && C->details[d].icpc < r) {
			dt(x, d, "ICPC before the referral");
		}
	}
}

static void r2889(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (dok(S4(k)->start) && dok(C->details[d].referral) && S4(k)->start < C->details[d].referral) {
				S4_EMIT(k, "enquiry begins before the referral");
			}
		}
	}
}

/* "An initial child protection conference is recorded at both the S47 and CIN Details level":
 * the same conference, so the same date at both levels. A CINdetails-level date that differs
 * from an enquiry's is another conference (one that followed an enquiry of an earlier year). */
static void r2884(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->details[d].icpc) && k < C->details[d].n_s47s; k++) {
			if (S4(k)->icpc == C->details[d].icpc) {
				S4_EMIT(k, "ICPC recorded at both levels");
			}
		}
	}
}

static void r8615(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (!dok(S4(k)->start) || (dok(S4(k)->icpc) && S4(k)->start > S4(k)->icpc)) {
				S4_EMIT(k, "S47ActualStartDate missing or after the ICPC");
			}
		}
	}
}

static void r8715(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (S4(k)->icpc != DATE_NONE && !in_year(x, S4(k)->icpc)) {
				S4_EMIT(k, "DateOfInitialCPC outside the year");
			}
		}
	}
}

/* An enquiry that had not held its ICPC by 31 March (no date, or one after the year) must have
 * started in the census year: neither after it nor before it (an enquiry of an earlier year
 * with no conference by now is not this year's). */
static void r8740(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			hdate icpc = S4(k)->icpc, s = S4(k)->start;
			if ((!dok(icpc) || icpc > x->ye) && dok(s) && !in_year(x, s)) {
				S4_EMIT(k, "an enquiry without ICPC by 31 March beginning %s the year",
					s > x->ye ? "after" : "before");
			}
		}
	}
}

/* No ICPC by 31 March, not marked unnecessary, and its 15 working days passed by then. */
static void r8675Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			hdate s = S4(k)->start;
			if (!s47_open(S4(k)) || !dok(s)) {
				continue;
			}
			hdate due = clock_deadline(clock_rule_for(CLOCK_ICPC, s), s, NULL);
			if (due < x->ye) {
				char b[DATE_STR_SIZE];
				S4_EMIT(k, "no ICPC by 31 March, due by %s", dmy(due, b));
			}
		}
	}
}

static void r8839(struct returns_ctx *x)
{
	FOR_D
	{
		int open = 0;
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (s47_open(S4(k)) && ++open == 2) {
				S4_EMIT(k, "a second open enquiry in the episode");
			}
		}
	}
}

static void r8890(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			bool hit = false;
			for (size_t dp = 0; !hit && dp < C->n_details; dp++) {
				for (size_t p = 0; !hit && p < C->details[dp].n_s47s; p++) {
					const struct ci_s47 *a = &C->details[dp].s47s[p], *b = S4(k);
					hit = a != b && dok(a->start) && dok(b->start) && b->start > a->start &&
					      (s47_open(a) || (dok(a->icpc) && a->icpc > b->start));
				}
			}
			if (hit) {
				S4_EMIT(k, "begins while another enquiry is ongoing");
			}
		}
	}
}

static void r8870Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (weekend(S4(k)->target)) {
				S4_EMIT(k, "InitialCPCtarget falls at a weekend");
			}
		}
	}
}

static void r8875(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (weekend(S4(k)->icpc)) {
				S4_EMIT(k, "ICPC held at a weekend");
			}
		}
		if (weekend(C->details[d].icpc)) {
			dt(x, d, "ICPC held at a weekend");
		}
	}
}

/* ---- ChildProtectionPlans ---- */

static void r1105(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (dok(CP(k)->start) && dok(C->details[d].referral) && CP(k)->start < C->details[d].referral) {
				CP_EMIT(k, "plan starts before the referral");
			}
		}
	}
}

static void r8832(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; ryes_no(C->details[d].nfa) == 1 && k < C->details[d].n_cpps; k++) {
			if (CP(k)->start != DATE_NONE) {
				CP_EMIT(k, "a plan for a referral with no further action");
			}
		}
	}
}

/* ICPCs held in the year in the module: at the Section47 level and the CINdetails level. */
static int icpcs_in_year(const struct returns_ctx *x, const struct ci_details *m, hdate match)
{
	int n = 0;
	for (size_t k = 0; k < m->n_s47s; k++) {
		n += in_year(x, m->s47s[k].icpc) && (match == DATE_NONE || m->s47s[k].icpc == match);
	}
	n += in_year(x, m->icpc) && (match == DATE_NONE || m->icpc == match);
	return n;
}

static void r2883(struct returns_ctx *x)
{
	FOR_D
	{
		int starts = 0;
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			starts += in_year(x, CP(k)->start);
		}
		if (starts > icpcs_in_year(x, &C->details[d], DATE_NONE)) {
			dt(x, d, "%d plans start in the year, %d conferences held", starts,
			   icpcs_in_year(x, &C->details[d], DATE_NONE));
		}
	}
}

static void r2885(struct returns_ctx *x)
{
	FOR_D
	{
		const struct ci_details *m = &C->details[d];
		for (size_t k = 0; icpcs_in_year(x, m, DATE_NONE) && k < m->n_cpps; k++) {
			if (in_year(x, CP(k)->start) && icpcs_in_year(x, m, CP(k)->start) == 0) {
				CP_EMIT(k, "no conference on the day the plan starts");
			}
		}
	}
}

static void r8720(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (!dok(CP(k)->start) || CP(k)->start > x->ye) {
				CP_EMIT(k, "CPPstartDate missing or after the year");
			}
		}
	}
}

static void r8730(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (CP(k)->previous < 0) {
				CP_EMIT(k, "NumberOfPreviousCPP missing");
			}
		}
	}
}

static void r8840(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (dok(CP(k)->end) && CP(k)->end == CP(k)->start) {
				CP_EMIT(k, "starts and ends on the same day");
			}
		}
	}
}

static void r8841(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			for (size_t r = 0; r < CP(k)->n_reviews; r++) {
				if (dok(CP(k)->reviews[r]) && dok(CP(k)->start) && CP(k)->reviews[r] <= CP(k)->start) {
					CP_EMIT(k, "review on or before the plan started");
				}
			}
		}
	}
}

static void r8842Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			for (size_t r = 0; r < CP(k)->n_reviews; r++) {
				if (!dok(CP(k)->reviews[r])) {
					CP_EMIT(k, "a review without a valid date");
				}
			}
		}
	}
}

static void r8905(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (!code_valid_in_year("cp_category", CP(k)->initial, x->year)) {
				CP_EMIT(k, "InitialCategoryOfAbuse '%s'", CP(k)->initial ? CP(k)->initial : "");
			}
		}
	}
}

static void r8910(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (!code_valid_in_year("cp_category", CP(k)->latest, x->year)) {
				CP_EMIT(k, "LatestCategoryOfAbuse '%s'", CP(k)->latest ? CP(k)->latest : "");
			}
		}
	}
}

static void r8915(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->death) && k < C->details[d].n_cpps; k++) {
			if (dok(CP(k)->start) && CP(k)->start > C->death) {
				CP_EMIT(k, "starts after the date of death");
			}
		}
	}
}

static void r8920(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; dok(C->death) && k < C->details[d].n_cpps; k++) {
			if (dok(CP(k)->end) && CP(k)->end > C->death) {
				CP_EMIT(k, "ends after the date of death");
			}
		}
	}
}

static void r8925(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (dok(CP(k)->end) && dok(CP(k)->start) && CP(k)->end < CP(k)->start) {
				CP_EMIT(k, "ends before it starts");
			}
		}
	}
}

static void r8930(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (CP(k)->end != DATE_NONE && !in_year(x, CP(k)->end)) {
				CP_EMIT(k, "CPPendDate outside the year");
			}
		}
	}
}

static void r8935(struct returns_ctx *x)
{
	int open = 0;
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (CP(k)->end == DATE_NONE && ++open == 2) {
				CP_EMIT(k, "a second open child protection plan");
			}
		}
	}
}

/* Hearth's own, not the DfE's (the 2026-27 rules are not published): s.31ZA Children Act
 * 1989 requires the FGDM offer before a care or supervision application, unless not in the
 * child's best interests. A query, so the save goes through and the warning shows after it
 * and in the findings. */
static void rFGDM1Q(struct returns_ctx *x)
{
	if (C->fgdm_missing) {
		char b[DATE_STR_SIZE];
		rx_emit(x, NULL, 0, 0, C->fgdm_missing_id, C->fgdm_missing_date,
			"application of %s: no FGDM offer and no best-interests exemption recorded before it",
			dmy(C->fgdm_missing_date, b));
	}
}

/* Hearth's own, not the DfE's: the MACPT duty (new s.16EA Children Act 2004) from the day
 * it applies here (the setting macpt_duty_from): each s.47 enquiry and CP plan beginning
 * on or after it names the multi-agency child protection team responsible. A query, so the
 * save goes through with the warning, and it shows in the child's findings; the view's
 * flags are set from the record only (viewcin_build). */
static void rMACPT1Q(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_s47s; k++) {
			if (S4(k)->no_macpt) {
				S4_EMIT(k, "s.47 enquiry begun on or after the MACPT duty date with no MACPT named");
			}
		}
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			if (CP(k)->no_macpt) {
				CP_EMIT(k, "child protection plan begun on or after the MACPT duty date with no MACPT named");
			}
		}
	}
}

/* The DfE's 8940: a plan's CPPstartDate must not fall on or between the start and end of
 * another plan of the child (an open one has not ended). A plan that starts on the day
 * another ended is reported: the conference that ends a plan does not begin another the
 * same day; a plan continuing is one plan. */
static void r8940(struct returns_ctx *x)
{
	FOR_D
	{
		for (size_t k = 0; k < C->details[d].n_cpps; k++) {
			bool hit = false;
			for (size_t dp = 0; !hit && dp < C->n_details; dp++) {
				for (size_t p = 0; !hit && p < C->details[dp].n_cpps; p++) {
					const struct ci_cpp *a = &C->details[dp].cpps[p], *b = CP(k);
					bool earlier = a->start < b->start || (a->start == b->start && (dp < d || (dp == d && p < k)));
					hit = a != b && earlier && overlaps(a->start, a->end, b->start, b->end, true);
				}
			}
			if (hit) {
				CP_EMIT(k, "overlaps another child protection plan");
			}
		}
	}
}

/* ---- the table ---- */

#define R(id, sev, table, fields, msg, flags, from, fn) \
	{id, RETURN_CIN, sev, table, fields, msg, flags, 0, from, 0, fn, 0, 0}
#define E SEV_ERROR
#define Q SEV_QUERY
#define IMP RULE_IMPOSSIBLE
#define GLOBAL RULE_GLOBAL

const struct returns_rule returns_rules_cin[] = {
	R("100", E, "Header", "ReferenceDate", "Reference Date is incorrect", GLOBAL, 0, r100),
	R("1103", E, "Assessments", "AssessmentActualStartDate, CINreferralDate", "The assessment start date cannot be before the referral date", 0, 0, r1103),
	R("1104", E, "Section47", "DateOfInitialCPC, CINreferralDate", "The date of the initial child protection conference cannot be before the referral date", 0, 0, r1104),
	R("1105", E, "ChildProtectionPlans", "CPPstartDate, CINreferralDate", "The child protection plan start date cannot be before the referral date", 0, 0, r1105),
	R("1510", E, "ChildIdentifiers", "UPN", "UPN invalid (wrong check letter at character 1)", 0, 0, r1510),
	R("1520", E, "ChildIdentifiers", "UPN", "More than one record with the same UPN.", GLOBAL, 0, r1520),
	R("1530", E, "ChildIdentifiers", "UPN", "UPN invalid (characters 2-4 not a recognised LA code)", 0, 2024, r1530),
	R("1540", E, "ChildIdentifiers", "UPN", "UPN invalid (characters 5-12 not all numeric)", 0, 0, r1540),
	R("1550", E, "ChildIdentifiers", "UPN", "UPN invalid (character 13 not a recognised value)", 0, 0, r1550),
	R("1570", E, "ChildIdentifiers", "LAchildID", "LA Child ID must not be longer than 20 characters", 0, 2025, r1570),
	R("1580", E, "ChildIdentifiers", "LAchildID", "LA Child ID must not contain any non-alphanumeric characters", 0, 2025, r1580),
	R("2883", E, "ChildProtectionPlans", "CPPstartDate, DateOfInitialCPC", "There are more child protection plans starting than initial conferences taking place", 0, 0, r2883),
	R("2884", E, "Section47", "DateOfInitialCPC", "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one", 0, 0, r2884),
	R("2885", E, "ChildProtectionPlans", "CPPstartDate, DateOfInitialCPC", "Child protection plan shown as starting a different day to the initial child protection conference.", 0, 0, r2885),
	R("2889", E, "Section47", "S47ActualStartDate, CINreferralDate", "The S47 start date cannot be before the referral date.", 0, 0, r2889),
	R("2990", E, "CINdetails", "ReasonForClosure", "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.", 0, 0, r2990),
	R("4000", E, "CINplanDates", "CINPlanStartDate, ReferralNFA", "CIN Plan details provided for a referral with no further action", 0, 0, r4000),
	R("4001", E, "CINplanDates", "CINPlanStartDate, CINPlanEndDate, CPPstartDate, CPPendDate", "A CIN Plan cannot run concurrently with a Child Protection Plan", 0, 0, r4001),
	R("4003", E, "Reviews", "CPPreviewDate, CINPlanStartDate, CINPlanEndDate", "A CPP review date is shown as being held at the same time as an open CIN Plan.", 0, 0, r4003),
	R("4004", E, "CINplanDates", "CINPlanEndDate", "This child is showing more than one open CIN Plan, i.e. with no End Date", 0, 0, r4004),
	R("4008", E, "ChildIdentifiers", "CINPlanStartDate, PersonDeathDate", "CIN Plan shown as starting after the child’s Date of Death.", IMP, 0, r4008),
	R("4010", E, "CINplanDates", "CINPlanStartDate", "CIN Plan start date is missing or out of data collection period", 0, 0, r4010),
	R("4011", E, "CINplanDates", "CINPlanStartDate, CINPlanEndDate", "CIN Plan End Date earlier than Start Date", IMP, 0, r4011),
	R("4013", E, "CINplanDates", "CINPlanEndDate", "CIN Plan end date must fall within the census year", 0, 0, r4013),
	R("4014", E, "CINplanDates", "CINPlanStartDate, CINPlanEndDate", "CIN Plan data contains overlapping dates", IMP, 0, r4014),
	R("4015", E, "CINplanDates", "CINPlanStartDate, CINreferralDate", "The CIN Plan start date cannot be before the referral date", 0, 0, r4015),
	R("4016", E, "CINplanDates", "CINPlanStartDate, CINPlanEndDate, CPPstartDate", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.", 0, 0, r4016),
	R("4017", E, "CINplanDates", "CINPlanStartDate, CPPstartDate, CPPendDate", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.", 0, 0, r4017),
	R("4180", E, "ChildIdentifiers", "Sex", "Sex must be provided and equal M, F, or U", 0, 2025, r4180),
	R("4220", E, "ChildCharacteristics", "Ethnicity", "Ethnicity is missing or invalid (see Ethnicity table)", 0, 0, r4220),
	R("8500", E, "ChildIdentifiers", "LAchildID", "LA Child ID missing", 0, 0, r8500),
	R("8510", E, "ChildIdentifiers", "LAchildID", "More than one child record with the same LA Child ID", GLOBAL, 0, r8510),
	R("8520", E, "ChildIdentifiers", "PersonBirthDate", "Date of Birth is after data collection period (must be on or before the end of the census period)", 0, 0, r8520),
	R("8540", E, "ChildCharacteristics", "Disability", "Child’s disability is missing or invalid (see Disability table)", 0, 0, r8540),
	R("8565", E, "ChildProtectionPlans", "CINclosureDate", "Activity shown after a case has been closed", 0, 0, r8565),
	R("8568", E, "CINdetails", "ReferralNFA", "RNFA flag is missing or invalid", 0, 0, r8568),
	R("8590", E, "ChildIdentifiers", "CINdetails", "Child does not have a recorded CIN episode.", 0, 0, r8590),
	R("8600", E, "CINdetails", "CINreferralDate", "Child referral date missing or after data collection period", 0, 0, r8600),
	R("8606", E, "CINdetails", "CINreferralDate, PersonBirthDate, ExpectedPersonBirthDate", "Child referral date is more than 40 weeks before DOB or expected DOB", 0, 0, r8606),
	R("8608", E, "Assessments", "AssessmentActualStartDate, AssessmentAuthorisationDate", "Assessment Start Date cannot be later than its End Date", IMP, 0, r8608),
	R("8610", E, "CINdetails", "PrimaryNeedCode, ReferralNFA", "Primary Need code is missing for a referral which led to further action.", 0, 0, r8610),
	R("8614", E, "Assessments", "FactorsIdentifiedAtAssessment, AssessmentAuthorisationDate", "Parental or child factors at assessment should only be present for a completed assessment.", 0, 0, r8614),
	R("8615", E, "Section47", "S47ActualStartDate, DateOfInitialCPC", "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference", IMP, 0, r8615),
	R("8620", E, "CINdetails", "CINclosureDate", "CIN Closure Date present and does not fall within the Census year", 0, 0, r8620),
	R("8630", E, "CINdetails", "CINclosureDate, CINreferralDate", "CIN Closure Date is before CIN Referral Date for the same CIN episode", IMP, 0, r8630),
	R("8640", E, "CINdetails", "ReasonForClosure", "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)", 0, 0, r8640),
	R("8650", E, "CINdetails", "PrimaryNeedCode", "Primary Need Code invalid (see Primary Need table in CIN census code set)", 0, 0, r8650),
	R("8696", E, "Assessments", "AssessmentAuthorisationDate", "Assessment end date must fall within the census year", 0, 0, r8696),
	R("8715", E, "Section47", "DateOfInitialCPC", "Date of Initial Child Protection Conference must fall within the census year", 0, 0, r8715),
	R("8720", E, "ChildProtectionPlans", "CPPstartDate", "Child Protection Plan Start Date missing or out of data collection period", 0, 0, r8720),
	R("8730", E, "ChildProtectionPlans", "NumberOfPreviousCPP", "Total Number of previous Child Protection Plans missing", 0, 0, r8730),
	R("8736", E, "Assessments", "AssessmentActualStartDate", "For an Assessment that has not been completed, the start date must fall within the census year", 0, 0, r8736),
	R("8740", E, "Section47", "S47ActualStartDate", "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year", 0, 0, r8740),
	R("8750", E, "ChildIdentifiers", "Sex, ExpectedPersonBirthDate", "Sex must equal U for an unborn child", 0, 2025, r8750),
	R("8772", E, "ChildIdentifiers", "UPNunknown, ReferralNFA", "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action", 0, 0, r8772),
	R("8790", E, "Disabilities", "Disability", "Disability information includes both None and other values", 0, 0, r8790),
	R("8794", E, "Disabilities", "Disability", "Child has two or more disabilities with the same code", 0, 0, r8794),
	R("8805", E, "CINdetails", "CINclosureDate, ReasonForClosure", "A CIN case cannot have a CIN closure date without a Reason for Closure", 0, 0, r8805),
	R("8810", E, "CINdetails", "CINclosureDate, ReasonForClosure", "A CIN case cannot have a Reason for Closure without a CIN Closure Date", 0, 0, r8810),
	R("8815", E, "CINdetails", "CINclosureDate, ReferralNFA", "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.", 0, 0, r8815),
	R("8816", E, "CINdetails", "CINclosureDate, CINreferralDate", "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.", 0, 0, r8816),
	R("8820", E, "CINdetails", "CINreferralDate, CINclosureDate", "The dates on the CIN episodes for this child overlap", 0, 0, r8820),
	R("8831", E, "CINdetails", "ReferralNFA", "Activity is recorded against a case marked as a referral with no further action", 0, 0, r8831),
	R("8832", E, "ChildProtectionPlans", "ReferralNFA, CPPstartDate", "Child Protection details provided for a referral with no further action.", 0, 0, r8832),
	R("8839", E, "Section47", "DateOfInitialCPC, ICPCnotRequired", "Within one CINDetails group there are 2 or more open S47 Assessments", 0, 0, r8839),
	R("8840", E, "ChildProtectionPlans", "CPPstartDate, CPPendDate", "Child Protection Plan cannot start and end on the same day", 0, 0, r8840),
	R("8841", E, "ChildProtectionPlans", "CPPreviewDate, CPPstartDate", "The review date cannot be on the same day or before the Child protection Plan start date.", IMP, 0, r8841),
	R("8866", E, "CINdetails", "ReferralSource", "Source of Referral is missing or an invalid code", 0, 0, r8866),
	R("8867", E, "Assessments", "CINclosureDate, AssessmentAuthorisationDate", "CIN episode is shown as closed, however Assessment is not shown as completed", 0, 0, r8867),
	R("8868", E, "Section47", "CINclosureDate, DateOfInitialCPC, ICPCnotRequired", "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag", 0, 0, r8868),
	R("8869", E, "Assessments", "AssessmentFactors", "The assessment factors code “21” cannot be used in conjunction with any other assessment factors.", 0, 0, r8869),
	R("8875", E, "Section47", "DateOfInitialCPC", "The Date of Initial Child Protection Conference cannot be a weekend", 0, 0, r8875),
	R("8890", E, "Section47", "S47ActualStartDate", "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing", 0, 0, r8890),
	R("8896", E, "Assessments", "AssessmentAuthorisationDate", "Within one CINDetails group there are 2 or more open Assessments groups", 0, 0, r8896),
	R("8898", E, "Assessments", "AssessmentFactors", " The assessment has more than one parental or child factors with the same code", 0, 0, r8898),
	R("8905", E, "ChildProtectionPlans", "InitialCategoryOfAbuse", "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)", 0, 0, r8905),
	R("8910", E, "ChildProtectionPlans", "LatestCategoryOfAbuse", "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)", 0, 0, r8910),
	R("8915", E, "ChildProtectionPlans", "CPPstartDate, PersonDeathDate", "Child Protection Plan shown as starting after the child’s Date of Death", IMP, 0, r8915),
	R("8920", E, "ChildProtectionPlans", "CPPendDate, PersonDeathDate", "Child Protection Plan cannot end after the child’s Date of Death", 0, 0, r8920),
	R("8925", E, "ChildProtectionPlans", "CPPstartDate, CPPendDate", "Child Protection Plan End Date earlier than Start Date", IMP, 0, r8925),
	R("8930", E, "ChildProtectionPlans", "CPPendDate", "Child Protection Plan End Date must fall within the census year", 0, 0, r8930),
	R("8935", E, "ChildProtectionPlans", "CPPendDate", "This child is showing more than one open Child Protection plan, i.e. with no End Date", 0, 0, r8935),
	R("8940", E, "ChildProtectionPlans", "CPPstartDate, CPPendDate", "Child Protection Plan data contains overlapping dates", IMP, 0, r8940),
	R("1560Q", Q, "ChildIdentifiers", "FormerUPN", "Please check and either amend or provide a reason: Former UPN wrongly formatted", 0, 0, r1560Q),
	R("2886Q", Q, "ChildIdentifiers", "Sex", "Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)", GLOBAL, 2025, r2886Q),
	R("2887Q", Q, "Disabilities", "Disability", "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return", GLOBAL, 0, r2887Q),
	R("2888Q", Q, "Disabilities", "Disability", "Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.", GLOBAL, 0, r2888Q),
	R("2991Q", Q, "CINdetails", "Section47, Assessments", "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode", 0, 0, r2991Q),
	R("4009Q", Q, "ChildIdentifiers", "CINPlanEndDate, PersonDeathDate", "CIN Plan cannot end after the child’s Date of Death", 0, 0, r4009Q),
	R("4012Q", Q, "CINplanDates", "CINPlanStartDate, CINPlanEndDate", "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day", 0, 0, r4012Q),
	R("8525Q", Q, "ChildIdentifiers", "PersonBirthDate, ExpectedPersonBirthDate", "Either Date of Birth or Expected Date of Birth must be provided (but not both)", 0, 0, r8525Q),
	R("8530Q", Q, "ChildIdentifiers", "ExpectedPersonBirthDate", "Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)", 0, 0, r8530Q),
	R("8535Q", Q, "ChildIdentifiers", "PersonDeathDate, PersonBirthDate", "Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth", IMP, 0, r8535Q),
	R("8545Q", Q, "ChildIdentifiers", "PersonDeathDate", "Please check and either amend data or provide a reason: Child's date of death should be within the census year", 0, 0, r8545Q),
	R("8555Q", Q, "CINdetails", "CINreferralDate, PersonDeathDate", "Child cannot be referred after its recorded date of death", 0, 0, r8555Q),
	R("8569Q", Q, "CINdetails", "CINreferralDate, ReferralNFA", "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case", 0, 0, r8569Q),
	R("8585Q", Q, "CINdetails", "ReasonForClosure, PersonDeathDate", "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death", 0, 0, r8585Q),
	R("8670Q", Q, "Assessments", "AssessmentActualStartDate, AssessmentAuthorisationDate", "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.", 0, 0, r8670Q),
	R("8675Q", Q, "Section47", "S47ActualStartDate, DateOfInitialCPC", "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.", 0, 0, r8675Q),
	R("8770Q", Q, "ChildIdentifiers", "UPN, UPNunknown, PersonBirthDate", "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.", 0, 2025, r8770Q),
	R("8775Q", Q, "ChildIdentifiers", "PersonBirthDate", "Please check and either amend data or provide a reason: Child is over 25 years old", 0, 0, r8775Q),
	R("8825Q", Q, "CINdetails", "ReasonForClosure, Assessments", "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.", 0, 0, r8825Q),
	R("8842Q", Q, "Reviews", "CPPreviewDate", "Please check and either amend or provide a reason: Review Record has a missing date", 0, 0, r8842Q),
	R("8863Q", Q, "Assessments", "AssessmentActualStartDate, AssessmentAuthorisationDate", "An Assessment is shown as starting when there is another Assessment ongoing.", 0, 0, r8863Q),
	R("8870Q", Q, "Section47", "InitialCPCtarget", "Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend", 0, 0, r8870Q),
	R("8873Q", Q, "Assessments", "AssessmentFactors, ReasonForClosure", "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.", 0, 0, r8873Q),
	R("8897Q", Q, "Assessments", "AssessmentFactors, AssessmentAuthorisationDate", "Parental or child factors at assessment information is missing from a completed assessment", 0, 0, r8897Q),
	R("8945Q", Q, "Assessments", "AssessmentFactors", "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)", 0, 2025, r8945Q),
	R("FGDM1Q", Q, "PreProceedingsandFGDM", "FGDMMeetingOffer, CourtAppDate", "Hearth (s.31ZA Children Act 1989): a care or supervision application is recorded with no family group decision-making meeting offered, and no record that offering one was not in the child's best interests", 0, CIN_PP_FIRST_YEAR, rFGDM1Q),
	R("MACPT1Q", Q, "Section47", "S47ActualStartDate, CPPstartDate", "Hearth (s.16EA Children Act 2004): an s.47 enquiry or child protection plan begun on or after the day the MACPT duty applies names no multi-agency child protection team", 0, 0, rMACPT1Q),
	R("8950Q", Q, "Assessments", "AssessmentFactors", "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)", 0, 2025, r8950Q),
};

const size_t returns_rules_cin_n = sizeof(returns_rules_cin) / sizeof(returns_rules_cin[0]);
