/* ssd_map: the Standard Safeguarding Dataset's tables and columns, and where each value
 * comes from in Hearth's record: one table of facts (see ssd.h). Table and column names and
 * item references are the SSD's own (data-to-insight ssd-data-model, the 46 tables, in the
 * SSD's column order); the mapping is Hearth's.
 *
 * Choices made here (docs/ssd.md says them too):
 *   - A person is a child of the record; its person id is the LA child id (what Annex A and
 *     the SSDA903 name the child by), in every table.
 *   - A Hearth episode in care is both an SSD CLA episode and a placement (the SSDA903 model:
 *     a new episode for every change of placement or legal status), so the placement id is
 *     the episode's id and the legal status rows are the episodes' legal statuses.
 *   - The OC2 year's outcomes give convictions, immunisations, substance misuse and SDQ
 *     rows, dated the 31 March ending the year (the SSDA903 records no other date).
 *   - Care leavers: one row per child, from the latest care leaver contact.
 *   - SEND (ssd_send, ssd_sen_need, ssd_ehcp_*) and ssd_s251_finance are outside children's
 *     social care casework: written with their header only, as the SSD allows. */
#include <stdio.h>
#include <string.h>

#include "clock/clock.h"
#include "returns/ssd.h"

#define F(n, i, fld) {n, i, SSD_FIELD, fld, NULL, NULL, NULL}
#define ID(n, i) {n, i, SSD_ID, 0, NULL, NULL, NULL}
#define P(n, i, fld) {n, i, SSD_PERSON, fld, NULL, NULL, NULL}
#define C(n, i, fn, note) {n, i, SSD_CONV, 0, fn, #fn, note}
#define N(n, i, note) {n, i, SSD_NONE, 0, NULL, NULL, note}
#define NR(n, i) N(n, i, NULL)
#define COLS(a) a, (int)(sizeof(a) / sizeof(a[0]))

/* ---- filters ---- */

static bool code_is(const struct hval *v, const char *want)
{
	return !v->null && v->s && strcmp(v->s, want) == 0;
}

static bool k_visit_cin(const struct ssd_row *r) { return code_is(&r->v[VISIT_KIND], "cin"); }
static bool k_visit_cp(const struct ssd_row *r) { return code_is(&r->v[VISIT_KIND], "cp"); }
static bool k_visit_cla(const struct ssd_row *r) { return code_is(&r->v[VISIT_KIND], "cla"); }
static bool k_factors(const struct ssd_row *r) { return !r->v[ASSESSMENT_FACTORS].null; }
static bool k_convicted(const struct ssd_row *r)
{
	return !r->v[CLA_OUTCOME_CONVICTED].null && r->v[CLA_OUTCOME_CONVICTED].i;
}
static bool k_immunisations(const struct ssd_row *r) { return !r->v[CLA_OUTCOME_IMMUNISATIONS].null; }
static bool k_substance(const struct ssd_row *r) { return !r->v[CLA_OUTCOME_SUBSTANCE_MISUSE].null; }
static bool k_sdq(const struct ssd_row *r)
{
	return !r->v[CLA_OUTCOME_SDQ_SCORE].null || !r->v[CLA_OUTCOME_SDQ_REASON].null;
}
static bool k_icpc(const struct ssd_row *r) { return !r->v[S47_ICPC_DATE].null; }
static bool k_postcode(const struct ssd_row *r) { return !r->v[CHILD_POSTCODE].null; }
static bool k_prev_perm(const struct ssd_row *r) { return !r->v[CHILD_PREV_PERM].null; }
static bool k_uasc(const struct ssd_row *r) { return !r->v[CHILD_UASC].null && r->v[CHILD_UASC].i; }
static bool k_mother(const struct ssd_row *r) { return !r->v[CHILD_MOTHER].null && r->v[CHILD_MOTHER].i; }

/* Linked identifiers: pass 0 the UPN, 1 the former UPN, 2 the NHS number. */
static const int ident_field[] = {CHILD_UPN, CHILD_FORMER_UPN, CHILD_NHS_NUMBER};
static const char *const ident_type[] = {"Unique Pupil Number", "Former Unique Pupil Number", "NHS Number"};
static bool k_ident(const struct ssd_row *r) { return !r->v[ident_field[r->k]].null; }

/* ---- converters ---- */

/* A JSON array of strings from a comma-separated list ("2B,3A" -> ["2B","3A"]). Codes and
 * short texts: a quote or backslash is escaped, control characters dropped. */
static const char *json_list(const char *s, char *buf, size_t size)
{
	if (!s || !*s) {
		return NULL;
	}
	size_t n = 0;
#define PUT(c) do { if (n + 2 < size) buf[n++] = (c); } while (0)
	PUT('[');
	PUT('"');
	for (const char *p = s; *p; p++) {
		if (*p == ',') {
			PUT('"');
			PUT(',');
			PUT('"');
			while (p[1] == ' ') {
				p++;
			}
		} else if (*p == '"' || *p == '\\') {
			PUT('\\');
			PUT(*p);
		} else if ((unsigned char)*p >= 0x20) {
			PUT(*p);
		}
	}
	PUT('"');
	PUT(']');
#undef PUT
	buf[n] = '\0';
	return buf;
}

static const char *c_factors_json(const struct ssd_row *r, char *buf, size_t size)
{
	return json_list(r->v[ASSESSMENT_FACTORS].s, buf, size);
}

static const char *c_assessment_outcome_json(const struct ssd_row *r, char *buf, size_t size)
{
	return json_list(r->v[ASSESSMENT_OUTCOME].s, buf, size);
}

static const char *c_contact_outcome_json(const struct ssd_row *r, char *buf, size_t size)
{
	return json_list(r->v[CONTACT_DECISION].s, buf, size);
}

static const char *c_care_plan_json(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[PERMANENCE_PLAN].null) {
		return NULL;
	}
	snprintf(buf, size, "{\"plan\":\"%s\"}", r->v[PERMANENCE_PLAN].s);
	return buf;
}

static const char *c_missing_type(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return !r->v[MISSING_AWAY].null && r->v[MISSING_AWAY].i ? "Away" : "Missing";
}

static const char *c_rhi_offered(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return r->v[MISSING_RHI_OFFERED_AT].null ? "N" : "Y";
}

static const char *c_ident_type(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return ident_type[r->k];
}

static const char *c_ident_value(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return r->v[ident_field[r->k]].s;
}

static const char *c_link_id(const struct ssd_row *r, char *buf, size_t size)
{
	snprintf(buf, size, "%lld-%d", (long long)r->id, r->k + 1);
	return buf;
}

static const char *c_uasc(const struct ssd_row *r, char *buf, size_t size)
{
	(void)r, (void)buf, (void)size;
	return "UASC";
}

static const char *c_worker_name(const struct ssd_row *r, char *buf, size_t size)
{
	const char *g = r->v[WORKER_GIVEN_NAME].null ? "" : r->v[WORKER_GIVEN_NAME].s;
	const char *f = r->v[WORKER_FAMILY_NAME].null ? "" : r->v[WORKER_FAMILY_NAME].s;
	snprintf(buf, size, "%s%s%s", g, *g && *f ? " " : "", f);
	return buf;
}

static const char *c_adoption_order_type(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return r->v[ADOPTION_ADOPTION_ORDER_DATE].null ? NULL : "Adoption";
}

/* The worker allocated to the row's child as kind on the row's date: its id (what 0), its
 * team's id (1) or its name (2). */
static const char *alloc_at(const struct ssd_row *r, int child_f, int date_f, const char *kind, int what, char *buf,
			    size_t size)
{
	if (r->v[child_f].null || r->v[date_f].null) {
		return NULL;
	}
	int64_t w = ssd_allocated(r->x, r->v[child_f].i, (hdate)r->v[date_f].i, kind);
	if (!w) {
		return NULL;
	}
	if (what == 2) {
		return ssd_worker_name(r->x, w);
	}
	int64_t id = what == 1 ? ssd_worker_team(r->x, w) : w;
	if (!id) {
		return NULL;
	}
	snprintf(buf, size, "%lld", (long long)id);
	return buf;
}

#define AT(fn, CHILD, DATE, kind, what)                                            \
	static const char *fn(const struct ssd_row *r, char *buf, size_t size)      \
	{                                                                         \
		return alloc_at(r, CHILD, DATE, kind, what, buf, size);           \
	}
AT(c_referral_worker, REFERRAL_CHILD_ID, REFERRAL_REFERRAL_DATE, "sw", 0)
AT(c_referral_team, REFERRAL_CHILD_ID, REFERRAL_REFERRAL_DATE, "sw", 1)
AT(c_assessment_worker, ASSESSMENT_CHILD_ID, ASSESSMENT_START_DATE, "sw", 0)
AT(c_assessment_team, ASSESSMENT_CHILD_ID, ASSESSMENT_START_DATE, "sw", 1)
AT(c_cin_plan_worker, CIN_PLAN_CHILD_ID, CIN_PLAN_START_DATE, "sw", 0)
AT(c_cin_plan_team, CIN_PLAN_CHILD_ID, CIN_PLAN_START_DATE, "sw", 1)
AT(c_icpc_worker, S47_CHILD_ID, S47_ICPC_DATE, "sw", 0)
AT(c_icpc_team, S47_CHILD_ID, S47_ICPC_DATE, "sw", 1)
AT(c_s47_worker, S47_CHILD_ID, S47_START_DATE, "sw", 0)
AT(c_s47_team, S47_CHILD_ID, S47_START_DATE, "sw", 1)
AT(c_leaver_pa_name, LEAVER_CONTACT_CHILD_ID, LEAVER_CONTACT_CONTACT_DATE, "pa", 2)
AT(c_leaver_pa, LEAVER_CONTACT_CHILD_ID, LEAVER_CONTACT_CONTACT_DATE, "pa", 0)
AT(c_leaver_pa_team, LEAVER_CONTACT_CHILD_ID, LEAVER_CONTACT_CONTACT_DATE, "pa", 1)
#undef AT

static const char *c_allocation_team(const struct ssd_row *r, char *buf, size_t size)
{
	int64_t t = r->v[ALLOCATION_WORKER_ID].null ? 0 : ssd_worker_team(r->x, r->v[ALLOCATION_WORKER_ID].i);
	if (!t) {
		return NULL;
	}
	snprintf(buf, size, "%lld", (long long)t);
	return buf;
}

static const char *id_text(int64_t id, char *buf, size_t size)
{
	if (!id) {
		return NULL;
	}
	snprintf(buf, size, "%lld", (long long)id);
	return buf;
}

static const char *c_episode_period(const struct ssd_row *r, char *buf, size_t size)
{
	return id_text(ssd_period(r->x, r->v[CLA_EPISODE_CHILD_ID].i, r->id, DATE_NONE, NULL), buf, size);
}

static const char *c_episode_entered(const struct ssd_row *r, char *buf, size_t size)
{
	hdate d;
	char t[DATE_STR_SIZE];
	if (!ssd_period(r->x, r->v[CLA_EPISODE_CHILD_ID].i, r->id, DATE_NONE, &d) || d == DATE_NONE) {
		return NULL;
	}
	snprintf(buf, size, "%s", date_format(d, t));
	return buf;
}

/* The period of care open on the row's date. */
static const char *period_on(const struct ssd_row *r, int child_f, int date_f, char *buf, size_t size)
{
	if (r->v[child_f].null || r->v[date_f].null) {
		return NULL;
	}
	return id_text(ssd_period(r->x, r->v[child_f].i, 0, (hdate)r->v[date_f].i, NULL), buf, size);
}

static const char *c_review_period(const struct ssd_row *r, char *buf, size_t size)
{
	return period_on(r, CLA_REVIEW_CHILD_ID, CLA_REVIEW_REVIEW_DATE, buf, size);
}

static const char *c_visit_period(const struct ssd_row *r, char *buf, size_t size)
{
	return period_on(r, VISIT_CHILD_ID, VISIT_VISIT_DATE, buf, size);
}

static const char *c_adoption_period(const struct ssd_row *r, char *buf, size_t size)
{
	return period_on(r, ADOPTION_CHILD_ID, ADOPTION_DECISION_DATE, buf, size);
}

static const char *c_visit_cp_plan(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[VISIT_VISIT_DATE].null) {
		return NULL;
	}
	return id_text(ssd_cp_plan_on(r->x, r->v[VISIT_CHILD_ID].i, (hdate)r->v[VISIT_VISIT_DATE].i), buf, size);
}

static const char *date_text(hdate d, char *buf, size_t size)
{
	char t[DATE_STR_SIZE];
	if (d == DATE_NONE) {
		return NULL;
	}
	snprintf(buf, size, "%s", date_format(d, t));
	return buf;
}

static const char *c_pp_initial_meeting(const struct ssd_row *r, char *buf, size_t size)
{
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_PP_MEETINGS, r->id, &n);
	for (size_t i = 0; i < n; i++) {
		if (ev[i].code && strcmp(ev[i].code, "initial") == 0) {
			return date_text(ev[i].date, buf, size);
		}
	}
	return NULL;
}

static const char *c_pp_meetings_num(const struct ssd_row *r, char *buf, size_t size)
{
	size_t n;
	ssd_events(r->x, SSD_IX_PP_MEETINGS, r->id, &n);
	snprintf(buf, size, "%zu", n);
	return buf;
}

static const char *c_pathway_plan_review(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[LEAVER_CONTACT_CONTACT_DATE].null) {
		return NULL;
	}
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_PATHWAY_PLANS, r->v[LEAVER_CONTACT_CHILD_ID].i, &n);
	hdate last = DATE_NONE;
	for (size_t i = 0; i < n && ev[i].date <= (hdate)r->v[LEAVER_CONTACT_CONTACT_DATE].i; i++) {
		last = ev[i].date;
	}
	return date_text(last, buf, size);
}

/* The ICPC (an s47 row with one held) of the plan's referral held on or before its start, the latest. */
static const char *c_cp_plan_icpc(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[CP_PLAN_REFERRAL_ID].null || r->v[CP_PLAN_START_DATE].null) {
		return NULL;
	}
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_ICPCS, r->v[CP_PLAN_REFERRAL_ID].i, &n);
	int64_t found = 0;
	for (size_t i = 0; i < n && ev[i].date <= (hdate)r->v[CP_PLAN_START_DATE].i; i++) {
		found = ev[i].id;
	}
	return id_text(found, buf, size);
}

/* The first CP plan of the ICPC's referral begun on or after the conference. */
static int64_t icpc_plan(const struct ssd_row *r)
{
	if (r->v[S47_REFERRAL_ID].null || r->v[S47_ICPC_DATE].null) {
		return 0;
	}
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_CP_PLANS, r->v[S47_REFERRAL_ID].i, &n);
	for (size_t i = 0; i < n; i++) {
		if (ev[i].date >= (hdate)r->v[S47_ICPC_DATE].i) {
			return ev[i].id;
		}
	}
	return 0;
}

static const char *c_icpc_cp_plan(const struct ssd_row *r, char *buf, size_t size)
{
	return id_text(icpc_plan(r), buf, size);
}

static const char *c_icpc_cp_flag(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return icpc_plan(r) ? "Y" : "N";
}

/* Y when a visit saw the child between the assessment's start and its authorisation (while it
 * is open: any visit since its start), as Annex A list 4 asks; else N. */
static const char *c_assessment_child_seen(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	if (r->v[ASSESSMENT_START_DATE].null) {
		return NULL;
	}
	hdate from = (hdate)r->v[ASSESSMENT_START_DATE].i;
	bool open = r->v[ASSESSMENT_AUTHORISED_DATE].null;
	hdate to = open ? from : (hdate)r->v[ASSESSMENT_AUTHORISED_DATE].i;
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_SEEN, r->v[ASSESSMENT_CHILD_ID].i, &n);
	for (size_t i = 0; i < n; i++) {
		if (ev[i].date >= from && (open || ev[i].date <= to)) {
			return "Y";
		}
	}
	return "N";
}

/* Y when the child has a row of index ix dated before this pre-proceedings began, else N. */
static const char *earlier(const struct ssd_row *r, enum ssd_index ix)
{
	if (r->v[PRE_PROCEEDINGS_START_DATE].null) {
		return NULL;
	}
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, ix, r->v[PRE_PROCEEDINGS_CHILD_ID].i, &n);
	return n && ev[0].date < (hdate)r->v[PRE_PROCEEDINGS_START_DATE].i ? "Y" : "N";
}

static const char *c_prev_pre_proceedings(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return earlier(r, SSD_IX_PRE_PROCEEDINGS);
}

static const char *c_prev_proceedings(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	return earlier(r, SSD_IX_PROCEEDINGS);
}

#define PERIOD "the period of care (the id of its first episode; a period is a run of episodes with no gap, begun again by RNE S)"

#define SW_ON(what) "the social worker allocated to the child on " what " (the open allocation begun last)"
#define SW_TEAM_ON(what) "that social worker's team, on " what
#define PA_ON "the personal adviser allocated to the child on the contact's date"

/* ---- the tables ---- */

#define NOT_OUR_SERVICE "outside children's social care casework (SEND, finance)"
/* ---- derived dates and counts (the timescales are the clock's rules, src/clock/rules.c) ---- */

/* Whether event e comes before the row's own (date d, id): by date, then id. */
static bool before_row(const struct ssd_event *e, hdate d, int64_t id)
{
	return e->date < d || (e->date == d && e->id < id);
}

/* ICPC004A: the ICPC is due within the rule's time of the strategy discussion (15 working days). */
static const char *c_icpc_target(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[S47_STRATEGY_DATE].null) {
		return NULL;
	}
	hdate from = (hdate)r->v[S47_STRATEGY_DATE].i;
	const struct clock_rule *rule = clock_rule_for(CLOCK_ICPC, from);
	return rule ? date_text(clock_deadline(rule, from, NULL), buf, size) : NULL;
}

/* CPPR003A: the first review is due 3 months after the plan began (the ICPC), each later one
 * 6 months after the plan's previous review (clock_cp_review_rule). */
static const char *c_cp_review_due(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[CP_REVIEW_CP_PLAN_ID].null || r->v[CP_REVIEW_REVIEW_DATE].null) {
		return NULL;
	}
	int64_t plan = r->v[CP_REVIEW_CP_PLAN_ID].i;
	hdate start, end;
	if (!ssd_cp_plan_span(r->x, r->v[CP_REVIEW_CHILD_ID].i, plan, &start, &end)) {
		return NULL;
	}
	hdate d = (hdate)r->v[CP_REVIEW_REVIEW_DATE].i, last = DATE_NONE, since, due;
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_CP_REVIEWS, plan, &n);
	for (size_t i = 0; i < n && before_row(&ev[i], d, r->id); i++) {
		last = ev[i].date;
	}
	return clock_cp_review_rule(start, last, &since, &due) ? date_text(due, buf, size) : NULL;
}

/* CLAR003A: within the period of care open on the review date, the first review is due 20
 * working days after entering care, the second 3 months after the first, each later one 6
 * months after the last (reg 33, clock_cla_review_rule). */
static const char *c_cla_review_due(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[CLA_REVIEW_REVIEW_DATE].null) {
		return NULL;
	}
	int64_t child = r->v[CLA_REVIEW_CHILD_ID].i;
	hdate d = (hdate)r->v[CLA_REVIEW_REVIEW_DATE].i, entered, last = DATE_NONE, since, due;
	if (!ssd_period(r->x, child, 0, d, &entered) || entered == DATE_NONE) {
		return NULL;
	}
	int held = 0;
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_CLA_REVIEWS, child, &n);
	for (size_t i = 0; i < n && before_row(&ev[i], d, r->id); i++) {
		if (ev[i].date >= entered) {
			held++;
			last = ev[i].date;
		}
	}
	return clock_cla_review_rule(entered, held, last, &since, &due) ? date_text(due, buf, size) : NULL;
}

/* CLAE012A: the latest looked-after review (chaired by the IRO) held during the episode. */
static const char *c_last_iro_contact(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[CLA_EPISODE_DECOM].null) {
		return NULL;
	}
	hdate from = (hdate)r->v[CLA_EPISODE_DECOM].i;
	hdate to = r->v[CLA_EPISODE_DEC].null ? DATE_NONE : (hdate)r->v[CLA_EPISODE_DEC].i, last = DATE_NONE;
	size_t n;
	const struct ssd_event *ev = ssd_events(r->x, SSD_IX_CLA_REVIEWS, r->v[CLA_EPISODE_CHILD_ID].i, &n);
	for (size_t i = 0; i < n && (to == DATE_NONE || ev[i].date <= to); i++) {
		if (ev[i].date >= from) {
			last = ev[i].date;
		}
	}
	return date_text(last, buf, size);
}

/* CPPR005A: N when the plan ended on the review's date (the conference ended it), else Y. */
static const char *c_cp_review_continue(const struct ssd_row *r, char *buf, size_t size)
{
	(void)buf, (void)size;
	hdate start, end;
	if (r->v[CP_REVIEW_CP_PLAN_ID].null || r->v[CP_REVIEW_REVIEW_DATE].null ||
	    !ssd_cp_plan_span(r->x, r->v[CP_REVIEW_CHILD_ID].i, r->v[CP_REVIEW_CP_PLAN_ID].i, &start, &end)) {
		return NULL;
	}
	return end != DATE_NONE && end <= (hdate)r->v[CP_REVIEW_REVIEW_DATE].i ? "N" : "Y";
}

/* PREP007A: the CP plans of the referral open when pre-proceedings began (the child's
 * latest referral on or before that day) begun on or before it. */
static const char *c_pp_cp_plans(const struct ssd_row *r, char *buf, size_t size)
{
	if (r->v[PRE_PROCEEDINGS_START_DATE].null) {
		return NULL;
	}
	hdate d = (hdate)r->v[PRE_PROCEEDINGS_START_DATE].i;
	size_t n, k;
	const struct ssd_event *ref = ssd_events(r->x, SSD_IX_REFERRALS, r->v[PRE_PROCEEDINGS_CHILD_ID].i, &n);
	int64_t referral = 0;
	for (size_t i = 0; i < n && ref[i].date <= d; i++) {
		referral = ref[i].id;
	}
	if (!referral) {
		return NULL;
	}
	const struct ssd_event *plans = ssd_events(r->x, SSD_IX_CP_PLANS, referral, &k);
	int64_t count = 0;
	for (size_t i = 0; i < k && plans[i].date <= d; i++) {
		count++;
	}
	snprintf(buf, size, "%lld", (long long)count);
	return buf;
}

/* PROF008A: the worker's open allocations (no end date) of live children. */
static const char *c_caseload(const struct ssd_row *r, char *buf, size_t size)
{
	snprintf(buf, size, "%lld", (long long)ssd_worker_caseload(r->x, r->id));
	return buf;
}

#define NOT_DERIVED "not derived: worked out from other rows, not yet written by the export"

static const struct ssd_column address[] = {
	ID("addr_table_id", "ADDR007A"),
	N("addr_address_json", "ADDR001A", "Hearth holds the child's postcode, not the address"),
	P("addr_person_id", "ADDR002A", -1),
	NR("addr_address_type", "ADDR003A"),
	NR("addr_address_start_date", "ADDR004A"),
	NR("addr_address_end_date", "ADDR005A"),
	F("addr_address_postcode", "ADDR006A", CHILD_POSTCODE),
};
static const struct ssd_column assessment_factors[] = {
	ID("cinf_table_id", "CINF003A"),
	ID("cinf_assessment_id", "CINF001A"),
	C("cinf_assessment_factors_json", "CINF002A", c_factors_json, "the factor codes as a JSON array"),
};
static const struct ssd_column care_leavers[] = {
	ID("clea_table_id", "CLEA001A"),
	P("clea_person_id", "CLEA002A", LEAVER_CONTACT_CHILD_ID),
	N("clea_care_leaver_eligibility", "CLEA003A", NOT_DERIVED),
	F("clea_care_leaver_in_touch", "CLEA004A", LEAVER_CONTACT_IN_TOUCH),
	F("clea_care_leaver_latest_contact", "CLEA005A", LEAVER_CONTACT_CONTACT_DATE),
	F("clea_care_leaver_accommodation", "CLEA006A", LEAVER_CONTACT_ACCOMMODATION),
	F("clea_care_leaver_accom_suitable", "CLEA007A", LEAVER_CONTACT_SUITABLE),
	F("clea_care_leaver_activity", "CLEA008A", LEAVER_CONTACT_ACTIVITY),
	C("clea_pathway_plan_review_date", "CLEA009A", c_pathway_plan_review, "the latest pathway plan review on or before the contact"),
	C("clea_care_leaver_personal_advisor", "CLEA010A", c_leaver_pa_name, PA_ON ": name"),
	C("clea_care_leaver_allocated_team", "CLEA011A", c_leaver_pa_team, PA_ON ": team"),
	C("clea_care_leaver_worker_id", "CLEA012A", c_leaver_pa, PA_ON),
};
static const struct ssd_column cin_assessments[] = {
	ID("cina_assessment_id", "CINA001A"),
	P("cina_person_id", "CINA002A", ASSESSMENT_CHILD_ID),
	F("cina_referral_id", "CINA010A", ASSESSMENT_REFERRAL_ID),
	F("cina_assessment_start_date", "CINA003A", ASSESSMENT_START_DATE),
	C("cina_assessment_child_seen", "CINA004A", c_assessment_child_seen, "Y when a visit saw the child between the start and the authorisation (as Annex A list 4)"),
	F("cina_assessment_auth_date", "CINA005A", ASSESSMENT_AUTHORISED_DATE),
	C("cina_assessment_outcome_json", "CINA006A", c_assessment_outcome_json, "the outcome as a JSON array"),
	NR("cina_assessment_outcome_nfa", "CINA009A"),
	C("cina_assessment_team", "CINA007A", c_assessment_team, SW_TEAM_ON("the assessment's start")),
	C("cina_assessment_worker_id", "CINA008A", c_assessment_worker, SW_ON("the assessment's start")),
};
static const struct ssd_column cin_episodes[] = {
	ID("cine_referral_id", "CINE001A"),
	P("cine_person_id", "CINE002A", REFERRAL_CHILD_ID),
	F("cine_referral_date", "CINE003A", REFERRAL_REFERRAL_DATE),
	F("cine_cin_primary_need_code", "CINE010A", REFERRAL_PRIMARY_NEED),
	F("cine_referral_source_code", "CINE004A", REFERRAL_SOURCE),
	N("cine_referral_source_desc", "CINE012A", "the code is written; its description is the CIN census's"),
	NR("cine_referral_outcome_json", "CINE005A"),
	F("cine_referral_nfa", "CINE011A", REFERRAL_NFA),
	F("cine_close_reason", "CINE006A", REFERRAL_CLOSURE_REASON),
	F("cine_close_date", "CINE007A", REFERRAL_CLOSURE_DATE),
	C("cine_referral_team", "CINE008A", c_referral_team, SW_TEAM_ON("the referral date")),
	C("cine_referral_worker_id", "CINE009A", c_referral_worker, SW_ON("the referral date")),
};
static const struct ssd_column cin_plans[] = {
	ID("cinp_cin_plan_id", "CINP001A"),
	F("cinp_referral_id", "CINP007A", CIN_PLAN_REFERRAL_ID),
	P("cinp_person_id", "CINP002A", CIN_PLAN_CHILD_ID),
	F("cinp_cin_plan_start_date", "CINP003A", CIN_PLAN_START_DATE),
	F("cinp_cin_plan_end_date", "CINP004A", CIN_PLAN_END_DATE),
	C("cinp_cin_plan_team", "CINP005A", c_cin_plan_team, SW_TEAM_ON("the plan's start")),
	C("cinp_cin_plan_worker_id", "CINP006A", c_cin_plan_worker, SW_ON("the plan's start")),
};
static const struct ssd_column cin_visits[] = {
	ID("cinv_cin_visit_id", "CINV001A"),
	P("cinv_person_id", "CINV007A", VISIT_CHILD_ID),
	F("cinv_cin_visit_date", "CINV003A", VISIT_VISIT_DATE),
	F("cinv_cin_visit_seen", "CINV004A", VISIT_SEEN),
	F("cinv_cin_visit_seen_alone", "CINV005A", VISIT_SEEN_ALONE),
	NR("cinv_cin_visit_bedroom", "CINV006A"),
};
static const struct ssd_column cla_care_plan[] = {
	ID("lacp_table_id", "LACP001A"),
	P("lacp_person_id", "LACP007A", PERMANENCE_CHILD_ID),
	F("lacp_cla_care_plan_start_date", "LACP004A", PERMANENCE_DECIDED_DATE),
	N("lacp_cla_care_plan_end_date", "LACP005A", "a plan lasts until the next one is decided"),
	C("lacp_cla_care_plan_json", "LACP003A", c_care_plan_json, "the permanence plan code as {\"plan\": code}"),
};
static const struct ssd_column cla_convictions[] = {
	ID("clac_cla_conviction_id", "CLAC001A"),
	P("clac_person_id", "CLAC002A", CLA_OUTCOME_CHILD_ID),
	F("clac_cla_conviction_date", "CLAC003A", CLA_OUTCOME_YEAR_END),
	NR("clac_cla_conviction_offence", "CLAC004A"),
};
static const struct ssd_column cla_episodes[] = {
	ID("clae_cla_episode_id", "CLAE001A"),
	P("clae_person_id", "CLAE002A", CLA_EPISODE_CHILD_ID),
	F("clae_cla_episode_start_date", "CLAE003A", CLA_EPISODE_DECOM),
	F("clae_cla_episode_start_reason", "CLAE004A", CLA_EPISODE_RNE),
	F("clae_cla_primary_need_code", "CLAE009A", CLA_EPISODE_CIN),
	F("clae_cla_episode_ceased_date", "CLAE005A", CLA_EPISODE_DEC),
	F("clae_cla_episode_ceased_reason", "CLAE006A", CLA_EPISODE_REC),
	C("clae_cla_id", "CLAE010A", c_episode_period, PERIOD),
	NR("clae_referral_id", "CLAE011A"),
	ID("clae_cla_placement_id", "CLAE013A"),
	C("clae_entered_care_date", "CLAE014A", c_episode_entered, "the day the period of care began"),
	C("clae_cla_last_iro_contact_date", "CLAE012A", c_last_iro_contact,
	  "the latest looked-after review (the IRO chairs it) held during the episode"),
};
static const struct ssd_column cla_health[] = {
	ID("clah_health_check_id", "CLAH001A"),
	P("clah_person_id", "CLAH002A", HEALTH_CHILD_ID),
	F("clah_health_check_type", "CLAH003A", HEALTH_KIND),
	F("clah_health_check_date", "CLAH004A", HEALTH_DONE_DATE),
	NR("clah_health_check_status", "CLAH005A"),
};
static const struct ssd_column cla_immunisations[] = {
	P("clai_person_id", "CLAI002A", CLA_OUTCOME_CHILD_ID),
	F("clai_immunisations_status", "CLAI004A", CLA_OUTCOME_IMMUNISATIONS),
	F("clai_immunisations_status_date", "CLAI005A", CLA_OUTCOME_YEAR_END),
};
static const struct ssd_column cla_placement[] = {
	ID("clap_cla_placement_id", "CLAP001A"),
	F("clap_cla_placement_start_date", "CLAP003A", CLA_EPISODE_DECOM),
	F("clap_cla_placement_type", "CLAP004A", CLA_EPISODE_PLACE),
	F("clap_cla_placement_urn", "CLAP005A", CLA_EPISODE_URN),
	NR("clap_cla_placement_distance", "CLAP011A"),
	C("clap_cla_id", "CLAP012A", c_episode_period, PERIOD),
	F("clap_cla_placement_provider", "CLAP007A", CLA_EPISODE_PLACE_PROVIDER),
	F("clap_cla_placement_postcode", "CLAP008A", CLA_EPISODE_PL_POST),
	F("clap_cla_placement_end_date", "CLAP009A", CLA_EPISODE_DEC),
	F("clap_cla_placement_change_reason", "CLAP010A", CLA_EPISODE_REASON_PLACE_CHANGE),
	P("clap_person_id", "CLAP013A", CLA_EPISODE_CHILD_ID),
};
static const struct ssd_column cla_previous_permanence[] = {
	ID("lapp_table_id", "LAPP001A"),
	P("lapp_person_id", "LAPP002A", -1),
	F("lapp_previous_permanence_order_date", "LAPP003A", CHILD_PREV_PERM_DATE),
	F("lapp_previous_permanence_option", "LAPP004A", CHILD_PREV_PERM),
	F("lapp_previous_permanence_la", "LAPP005A", CHILD_PREV_PERM_LA),
};
static const struct ssd_column cla_reviews[] = {
	ID("clar_cla_review_id", "CLAR001A"),
	C("clar_cla_id", "CLAR011A", c_review_period, PERIOD " open on the review date"),
	C("clar_cla_review_due_date", "CLAR003A", c_cla_review_due,
	  "reg 33: 20 working days after entering care, then 3 months, then 6 months after the last review"),
	F("clar_cla_review_date", "CLAR004A", CLA_REVIEW_REVIEW_DATE),
	NR("clar_cla_review_cancelled", "CLAR012A"),
	F("clar_cla_review_participation", "CLAR007A", CLA_REVIEW_PARTICIPATION),
};
static const struct ssd_column cla_substance_misuse[] = {
	ID("clas_substance_misuse_id", "CLAS001A"),
	P("clas_person_id", "CLAS002A", CLA_OUTCOME_CHILD_ID),
	F("clas_substance_misuse_date", "CLAS003A", CLA_OUTCOME_YEAR_END),
	F("clas_substance_misused", "CLAS004A", CLA_OUTCOME_SUBSTANCE_MISUSE),
	F("clas_intervention_received", "CLAS005A", CLA_OUTCOME_INTERVENTION_RECEIVED),
};
static const struct ssd_column cla_visits[] = {
	ID("clav_cla_visit_id", "CLAV001A"),
	C("clav_cla_id", "CLAV007A", c_visit_period, PERIOD " open on the visit date"),
	P("clav_person_id", "CLAV008A", VISIT_CHILD_ID),
	F("clav_cla_visit_date", "CLAV003A", VISIT_VISIT_DATE),
	F("clav_cla_visit_seen", "CLAV004A", VISIT_SEEN),
	F("clav_cla_visit_seen_alone", "CLAV005A", VISIT_SEEN_ALONE),
};
static const struct ssd_column contacts[] = {
	ID("cont_contact_id", "CONT001A"),
	P("cont_person_id", "CONT002A", CONTACT_CHILD_ID),
	F("cont_contact_date", "CONT003A", CONTACT_CONTACT_DATE),
	F("cont_contact_source_code", "CONT004A", CONTACT_SOURCE),
	N("cont_contact_source_desc", "CONT006A", "the code is written; its description is the CIN census's"),
	C("cont_contact_outcome_json", "CONT005A", c_contact_outcome_json, "the decision code as a JSON array"),
};
static const struct ssd_column cp_plans[] = {
	ID("cppl_cp_plan_id", "CPPL001A"),
	F("cppl_referral_id", "CPPL007A", CP_PLAN_REFERRAL_ID),
	C("cppl_icpc_id", "CPPL008A", c_cp_plan_icpc, "the ICPC of the plan's referral held on or before its start (the s47 row's id)"),
	P("cppl_person_id", "CPPL002A", CP_PLAN_CHILD_ID),
	F("cppl_cp_plan_start_date", "CPPL003A", CP_PLAN_START_DATE),
	F("cppl_cp_plan_end_date", "CPPL004A", CP_PLAN_END_DATE),
	F("cppl_cp_plan_initial_category", "CPPL009A", CP_PLAN_INITIAL_CATEGORY),
	NR("cppl_cp_plan_ola", "CPPL011A"),
	F("cppl_cp_plan_latest_category", "CPPL010A", CP_PLAN_CATEGORY),
};
static const struct ssd_column cp_reviews[] = {
	ID("cppr_cp_review_id", "CPPR001A"),
	P("cppr_person_id", "CPPR008A", CP_REVIEW_CHILD_ID),
	F("cppr_cp_plan_id", "CPPR002A", CP_REVIEW_CP_PLAN_ID),
	C("cppr_cp_review_due", "CPPR003A", c_cp_review_due,
	  "3 months after the plan began, then 6 months after the plan's last review"),
	F("cppr_cp_review_date", "CPPR004A", CP_REVIEW_REVIEW_DATE),
	NR("cppr_cp_review_meeting_id", "CPPR009A"),
	C("cppr_cp_review_outcome_continue_cp", "CPPR005A", c_cp_review_continue,
	  "N when the plan ended on the review's date, else Y"),
	NR("cppr_cp_review_quorate", "CPPR006A"),
	NR("cppr_cp_review_participation", "CPPR007A"),
};
static const struct ssd_column cp_visits[] = {
	ID("cppv_cp_visit_id", "CPPV007A"),
	P("cppv_person_id", "CPPV008A", VISIT_CHILD_ID),
	C("cppv_cp_plan_id", "CPPV001A", c_visit_cp_plan, "the child's CP plan open on the visit date"),
	F("cppv_cp_visit_date", "CPPV003A", VISIT_VISIT_DATE),
	F("cppv_cp_visit_seen", "CPPV004A", VISIT_SEEN),
	F("cppv_cp_visit_seen_alone", "CPPV005A", VISIT_SEEN_ALONE),
	NR("cppv_cp_visit_bedroom", "CPPV006A"),
};
static const struct ssd_column department[] = {
	ID("dept_team_id", "DEPT1001A"),
	F("dept_team_name", "DEPT1002A", TEAM_NAME),
	NR("dept_team_parent_id", "DEPT1003A"),
	NR("dept_team_parent_name", "DEPT1004A"),
};
static const struct ssd_column disability[] = {
	P("disa_person_id", "DISA001A", CHILD_DISABILITY_CHILD_ID),
	ID("disa_table_id", "DISA003A"),
	F("disa_disability_code", "DISA002A", CHILD_DISABILITY_CODE),
};
static const struct ssd_column early_help_episodes[] = {
	ID("earl_episode_id", "EARL001A"),
	P("earl_person_id", "EARL002A", EARLY_HELP_CHILD_ID),
	F("earl_episode_start_date", "EARL003A", EARLY_HELP_START_DATE),
	F("earl_episode_end_date", "EARL004A", EARLY_HELP_END_DATE),
	NR("earl_episode_reason", "EARL005A"),
	F("earl_episode_end_reason", "EARL006A", EARLY_HELP_END_REASON),
	F("earl_episode_organisation", "EARL007A", EARLY_HELP_LEAD),
	N("earl_episode_worker_id", "EARL008A", "the lead practitioner is held by name (earl_episode_organisation)"),
};
static const struct ssd_column ehcp_active_plans[] = {
	N("ehcp_active_ehcp_id", "EHCP001A", NOT_OUR_SERVICE),
	N("ehcp_ehcp_request_id", "EHCP002A", NOT_OUR_SERVICE),
	N("ehcp_active_ehcp_last_review_date", "EHCP003A", NOT_OUR_SERVICE),
};
static const struct ssd_column ehcp_assessment[] = {
	N("ehca_ehcp_assessment_id", "EHCA001A", NOT_OUR_SERVICE),
	N("ehca_ehcp_request_id", "EHCA002A", NOT_OUR_SERVICE),
	N("ehca_ehcp_assessment_outcome_date", "EHCA003A", NOT_OUR_SERVICE),
	N("ehca_ehcp_assessment_outcome", "EHCA004A", NOT_OUR_SERVICE),
	N("ehca_ehcp_assessment_exceptions", "EHCA005A", NOT_OUR_SERVICE),
};
static const struct ssd_column ehcp_named_plan[] = {
	N("ehcn_named_plan_id", "EHCN001A", NOT_OUR_SERVICE),
	N("ehcn_ehcp_asmt_id", "EHCN002A", NOT_OUR_SERVICE),
	N("ehcn_named_plan_start_date", "EHCN003A", NOT_OUR_SERVICE),
	N("ehcn_named_plan_ceased_date", "EHCN004A", NOT_OUR_SERVICE),
	N("ehcn_named_plan_ceased_reason", "EHCN005A", NOT_OUR_SERVICE),
};
static const struct ssd_column ehcp_requests[] = {
	N("ehcr_ehcp_request_id", "EHCR001A", NOT_OUR_SERVICE),
	N("ehcr_send_table_id", "EHCR002A", NOT_OUR_SERVICE),
	N("ehcr_ehcp_req_date", "EHCR003A", NOT_OUR_SERVICE),
	N("ehcr_ehcp_req_outcome_date", "EHCR004A", NOT_OUR_SERVICE),
	N("ehcr_ehcp_req_outcome", "EHCR005A", NOT_OUR_SERVICE),
};
static const struct ssd_column family[] = {
	N("fami_table_id", "FAMI003A", "Hearth keeps relationships, not family groups"),
	N("fami_family_id", "FAMI001A", "Hearth keeps relationships, not family groups"),
	N("fami_person_id", "FAMI002A", "Hearth keeps relationships, not family groups"),
};
static const struct ssd_column immigration_status[] = {
	P("immi_person_id", "IMMI001A", -1),
	ID("immi_immigration_status_id", "IMMI005A"),
	C("immi_immigration_status", "IMMI002A", c_uasc, "\"UASC\" for an unaccompanied asylum-seeking child"),
	NR("immi_immigration_status_start_date", "IMMI003A"),
	F("immi_immigration_status_end_date", "IMMI004A", CHILD_UASC_CEASED),
};
static const struct ssd_column initial_cp_conference[] = {
	ID("icpc_icpc_id", "ICPC001A"),
	NR("icpc_icpc_meeting_id", "ICPC009A"),
	ID("icpc_s47_enquiry_id", "ICPC002A"),
	P("icpc_person_id", "ICPC010A", S47_CHILD_ID),
	C("icpc_cp_plan_id", "ICPC011A", c_icpc_cp_plan, "the first CP plan of the referral begun on or after the ICPC"),
	F("icpc_referral_id", "ICPC012A", S47_REFERRAL_ID),
	NR("icpc_icpc_transfer_in", "ICPC003A"),
	C("icpc_icpc_target_date", "ICPC004A", c_icpc_target, "15 working days after the strategy discussion"),
	F("icpc_icpc_date", "ICPC005A", S47_ICPC_DATE),
	C("icpc_icpc_outcome_cp_flag", "ICPC013A", c_icpc_cp_flag, "Y when such a plan began (as Annex A list 5)"),
	NR("icpc_icpc_outcome_json", "ICPC006A"),
	C("icpc_icpc_team", "ICPC007A", c_icpc_team, SW_TEAM_ON("the conference date")),
	C("icpc_icpc_worker_id", "ICPC008A", c_icpc_worker, SW_ON("the conference date")),
};
static const struct ssd_column involvements[] = {
	ID("invo_involvements_id", "INVO005A"),
	F("invo_professional_id", "INVO006A", ALLOCATION_WORKER_ID),
	F("invo_professional_role_id", "INVO007A", ALLOCATION_KIND),
	C("invo_professional_team", "INVO009A", c_allocation_team, "the allocated worker's team"),
	F("invo_involvement_start_date", "INVO002A", ALLOCATION_START_DATE),
	F("invo_involvement_end_date", "INVO003A", ALLOCATION_END_DATE),
	F("invo_worker_change_reason", "INVO004A", ALLOCATION_REASON),
	P("invo_person_id", "INVO011A", ALLOCATION_CHILD_ID),
	NR("invo_referral_id", "INVO010A"),
};
static const struct ssd_column legal_status[] = {
	ID("lega_legal_status_id", "LEGA001A"),
	P("lega_person_id", "LEGA002A", CLA_EPISODE_CHILD_ID),
	F("lega_legal_status", "LEGA003A", CLA_EPISODE_LS),
	F("lega_legal_status_start_date", "LEGA004A", CLA_EPISODE_DECOM),
	F("lega_legal_status_end_date", "LEGA005A", CLA_EPISODE_DEC),
};
static const struct ssd_column linked_identifiers[] = {
	C("link_table_id", "LINK001A", c_link_id, "the child's id and 1 (UPN), 2 (former UPN) or 3 (NHS number)"),
	P("link_person_id", "LINK002A", -1),
	C("link_identifier_type", "LINK003A", c_ident_type, "UPN, former UPN or NHS number, one row each"),
	C("link_identifier_value", "LINK004A", c_ident_value, "the identifier"),
	NR("link_valid_from_date", "LINK005A"),
	NR("link_valid_to_date", "LINK006A"),
};
static const struct ssd_column missing[] = {
	ID("miss_table_id", "MISS001A"),
	P("miss_person_id", "MISS002A", MISSING_CHILD_ID),
	F("miss_missing_episode_start_date", "MISS003A", MISSING_START_AT),
	C("miss_missing_episode_type", "MISS004A", c_missing_type, "\"Away\" (from placement) or \"Missing\""),
	F("miss_missing_episode_end_date", "MISS005A", MISSING_END_AT),
	C("miss_missing_rhi_offered", "MISS006A", c_rhi_offered, "Y when a return interview was offered"),
	F("miss_missing_rhi_accepted", "MISS007A", MISSING_RHI_ACCEPTED),
};
static const struct ssd_column mother[] = {
	ID("moth_table_id", "MOTH004A"),
	P("moth_person_id", "MOTH002A", -1),
	N("moth_childs_person_id", "MOTH001A", "Hearth holds the mother's child's date of birth, not a link to a record"),
	F("moth_childs_dob", "MOTH003A", CHILD_MC_DOB),
};
static const struct ssd_column permanence[] = {
	ID("perm_table_id", "PERM001A"),
	P("perm_person_id", "PERM002A", ADOPTION_CHILD_ID),
	C("perm_cla_id", "PERM022A", c_adoption_period, PERIOD " open on the decision date"),
	F("perm_adm_decision_date", "PERM003A", ADOPTION_DECISION_DATE),
	NR("perm_ffa_cp_decision_date", "PERM004A"),
	F("perm_placement_order_date", "PERM006A", ADOPTION_PLACEMENT_ORDER_DATE),
	F("perm_placed_for_adoption_date", "PERM007A", ADOPTION_PLACED_DATE),
	F("perm_matched_date", "PERM008A", ADOPTION_MATCHED_DATE),
	NR("perm_adopted_by_carer_flag", "PERM021A"),
	NR("perm_placed_ffa_cp_date", "PERM009A"),
	F("perm_decision_reversed_date", "PERM010A", ADOPTION_CEASED_DATE),
	NR("perm_placed_foster_carer_date", "PERM011A"),
	NR("perm_part_of_sibling_group", "PERM012A"),
	NR("perm_siblings_placed_together", "PERM013A"),
	NR("perm_siblings_placed_apart", "PERM014A"),
	NR("perm_placement_provider_urn", "PERM015A"),
	F("perm_decision_reversed_reason", "PERM016A", ADOPTION_CEASED_REASON),
	F("perm_permanence_order_date", "PERM017A", ADOPTION_ADOPTION_ORDER_DATE),
	C("perm_permanence_order_type", "PERM018A", c_adoption_order_type, "\"Adoption\" once the order is made"),
	NR("perm_adoption_worker_id", "PERM023A"),
	F("perm_adopter_sex", "PERM025A", ADOPTION_ADOPTERS_SEX),
	F("perm_adopter_legal_status", "PERM026A", ADOPTION_ADOPTERS_LEGAL_STATUS),
	F("perm_number_of_adopters", "PERM027A", ADOPTION_ADOPTERS_NUMBER),
};
static const struct ssd_column person[] = {
	P("pers_person_id", "PERS001A", -1),
	F("pers_forename", "PERS015A", CHILD_GIVEN_NAME),
	F("pers_surname", "PERS016A", CHILD_FAMILY_NAME),
	F("pers_sex", "PERS002A", CHILD_SEX),
	NR("pers_gender", "PERS003A"),
	F("pers_ethnicity", "PERS004A", CHILD_ETHNICITY),
	F("pers_dob", "PERS005A", CHILD_DOB),
	F("pers_common_child_id", "PERS013A", CHILD_NHS_NUMBER),
	NR("pers_legacy_id", "PERS014A"),
	F("pers_upn_unknown", "PERS007A", CHILD_UPN_UNKNOWN),
	NR("pers_send_flag", "PERS008A"),
	F("pers_expected_dob", "PERS009A", CHILD_EXPECTED_DOB),
	F("pers_death_date", "PERS010A", CHILD_DEATH_DATE),
	F("pers_is_mother", "PERS011A", CHILD_MOTHER),
	NR("pers_nationality", "PERS012A"),
};
static const struct ssd_column pre_proceedings[] = {
	ID("prep_table_id", "PREP024A"),
	P("prep_person_id", "PREP001A", PRE_PROCEEDINGS_CHILD_ID),
	NR("prep_plo_family_id", "PREP002A"),
	F("prep_pre_pro_decision_date", "PREP003A", PRE_PROCEEDINGS_START_DATE),
	C("prep_initial_pre_pro_meeting_date", "PREP004A", c_pp_initial_meeting, "the first meeting of kind initial"),
	F("prep_pre_pro_outcome", "PREP005A", PRE_PROCEEDINGS_OUTCOME),
	F("prep_agree_stepdown_issue_date", "PREP006A", PRE_PROCEEDINGS_STEP_DECISION_DATE),
	C("prep_cp_plans_referral_period", "PREP007A", c_pp_cp_plans,
	  "CP plans of the referral open when pre-proceedings began, begun by then"),
	NR("prep_legal_gateway_outcome", "PREP008A"),
	C("prep_prev_pre_proc_child", "PREP009A", c_prev_pre_proceedings, "Y when the child had pre-proceedings begun earlier"),
	C("prep_prev_care_proc_child", "PREP010A", c_prev_proceedings, "Y when care proceedings about the child were issued earlier"),
	F("prep_pre_pro_letter_date", "PREP011A", PRE_PROCEEDINGS_LBP_SENT),
	F("prep_care_pro_letter_date", "PREP012A", PRE_PROCEEDINGS_LETTER_INIT_CP_DATE),
	C("prep_pre_pro_meetings_num", "PREP013A", c_pp_meetings_num, "the number of its meetings"),
	NR("prep_pre_pro_parents_legal_rep", "PREP014A"),
	NR("prep_parents_legal_rep_point_of_issue", "PREP015A"),
	NR("prep_court_reference", "PREP016A"),
	NR("prep_care_proc_court_hearings", "PREP017A"),
	NR("prep_care_proc_short_notice", "PREP018A"),
	NR("prep_proc_short_notice_reason", "PREP019A"),
	NR("prep_la_inital_plan_approved", "PREP020A"),
	NR("prep_la_initial_care_plan", "PREP021A"),
	NR("prep_la_final_plan_approved", "PREP022A"),
	NR("prep_la_final_care_plan", "PREP023A"),
};
static const struct ssd_column professionals[] = {
	ID("prof_professional_id", "PROF001A"),
	F("prof_staff_id", "PROF010A", WORKER_STAFF_ID),
	C("prof_professional_name", "PROF013A", c_worker_name, "given and family name"),
	F("prof_social_worker_registration_no", "PROF002A", WORKER_SWE_NUMBER),
	F("prof_professional_job_title", "PROF007A", WORKER_ROLE),
	C("prof_professional_caseload", "PROF008A", c_caseload, "open allocations (no end date) of live children"),
	F("prof_professional_department", "PROF012A", WORKER_TEAM_ID),
	F("prof_full_time_equivalency", "PROF011A", WORKER_FTE),
	F("prof_agency_worker_flag", "PROF014A", WORKER_AGENCY),
};
static const struct ssd_column s251_finance[] = {
	N("s251_table_id", "S251001A", NOT_OUR_SERVICE),
	N("s251_cla_placement_id", "S251002A", NOT_OUR_SERVICE),
	N("s251_placeholder_1", "S251003A", NOT_OUR_SERVICE),
	N("s251_placeholder_2", "S251004A", NOT_OUR_SERVICE),
	N("s251_placeholder_3", "S251005A", NOT_OUR_SERVICE),
	N("s251_placeholder_4", "S251006A", NOT_OUR_SERVICE),
};
static const struct ssd_column s47_enquiry[] = {
	ID("s47e_s47_enquiry_id", "S47E001A"),
	F("s47e_referral_id", "S47E010A", S47_REFERRAL_ID),
	P("s47e_person_id", "S47E002A", S47_CHILD_ID),
	F("s47e_s47_start_date", "S47E004A", S47_START_DATE),
	NR("s47e_s47_end_date", "S47E005A"),
	NR("s47e_s47_nfa", "S47E006A"),
	NR("s47e_s47_outcome_json", "S47E007A"),
	C("s47e_s47_completed_by_worker_id", "S47E008A", c_s47_worker, SW_ON("the enquiry's start")),
	C("s47e_s47_completed_by_team", "S47E009A", c_s47_team, SW_TEAM_ON("the enquiry's start")),
};
static const struct ssd_column sdq_scores[] = {
	ID("csdq_table_id", "CSDQ001A"),
	P("csdq_person_id", "CSDQ002A", CLA_OUTCOME_CHILD_ID),
	F("csdq_sdq_completed_date", "CSDQ003A", CLA_OUTCOME_YEAR_END),
	F("csdq_sdq_reason", "CSDQ004A", CLA_OUTCOME_SDQ_REASON),
	F("csdq_sdq_score", "CSDQ005A", CLA_OUTCOME_SDQ_SCORE),
};
static const struct ssd_column sen_need[] = {
	N("senn_table_id", "SENN001A", NOT_OUR_SERVICE),
	N("senn_active_ehcp_id", "SENN002A", NOT_OUR_SERVICE),
	N("senn_active_ehcp_need_type", "SENN003A", NOT_OUR_SERVICE),
	N("senn_active_ehcp_need_rank", "SENN004A", NOT_OUR_SERVICE),
};
static const struct ssd_column send[] = {
	N("send_table_id", "SEND001A", NOT_OUR_SERVICE),
	N("send_upn", "SEND002A", NOT_OUR_SERVICE),
	N("send_uln", "SEND003A", NOT_OUR_SERVICE),
	N("send_upn_unknown", "SEND004A", NOT_OUR_SERVICE),
	N("send_person_id", "SEND005A", NOT_OUR_SERVICE),
};
#define VOICE "Hearth keeps what the child said as free text on visits, not these answers"
static const struct ssd_column voice_of_child[] = {
	N("voch_table_id", "VOCH007A", VOICE),
	N("voch_person_id", "VOCH001A", VOICE),
	N("voch_explained_worries", "VOCH002A", VOICE),
	N("voch_story_help_understand", "VOCH003A", VOICE),
	N("voch_agree_worker", "VOCH004A", VOICE),
	N("voch_plan_safe", "VOCH005A", VOICE),
	N("voch_tablet_help_explain", "VOCH006A", VOICE),
};

#define T(name, src, keep, cols) {name, src, keep, 0, -1, COLS(cols), NULL}

const struct ssd_table ssd_tables[] = {
	T("ssd_address", &entity_child, k_postcode, address),
	T("ssd_assessment_factors", &entity_assessment, k_factors, assessment_factors),
	{"ssd_care_leavers", &entity_leaver_contact, NULL, 0, LEAVER_CONTACT_CONTACT_DATE, COLS(care_leavers), NULL},
	T("ssd_cin_assessments", &entity_assessment, NULL, cin_assessments),
	T("ssd_cin_episodes", &entity_referral, NULL, cin_episodes),
	T("ssd_cin_plans", &entity_cin_plan, NULL, cin_plans),
	T("ssd_cin_visits", &entity_visit, k_visit_cin, cin_visits),
	T("ssd_cla_care_plan", &entity_permanence, NULL, cla_care_plan),
	T("ssd_cla_convictions", &entity_cla_outcome, k_convicted, cla_convictions),
	T("ssd_cla_episodes", &entity_cla_episode, NULL, cla_episodes),
	T("ssd_cla_health", &entity_health, NULL, cla_health),
	T("ssd_cla_immunisations", &entity_cla_outcome, k_immunisations, cla_immunisations),
	T("ssd_cla_placement", &entity_cla_episode, NULL, cla_placement),
	T("ssd_cla_previous_permanence", &entity_child, k_prev_perm, cla_previous_permanence),
	T("ssd_cla_reviews", &entity_cla_review, NULL, cla_reviews),
	T("ssd_cla_substance_misuse", &entity_cla_outcome, k_substance, cla_substance_misuse),
	T("ssd_cla_visits", &entity_visit, k_visit_cla, cla_visits),
	T("ssd_contacts", &entity_contact, NULL, contacts),
	T("ssd_cp_plans", &entity_cp_plan, NULL, cp_plans),
	T("ssd_cp_reviews", &entity_cp_review, NULL, cp_reviews),
	T("ssd_cp_visits", &entity_visit, k_visit_cp, cp_visits),
	T("ssd_department", &entity_team, NULL, department),
	T("ssd_disability", &entity_child_disability, NULL, disability),
	T("ssd_early_help_episodes", &entity_early_help, NULL, early_help_episodes),
	T("ssd_ehcp_active_plans", NULL, NULL, ehcp_active_plans),
	T("ssd_ehcp_assessment", NULL, NULL, ehcp_assessment),
	T("ssd_ehcp_named_plan", NULL, NULL, ehcp_named_plan),
	T("ssd_ehcp_requests", NULL, NULL, ehcp_requests),
	T("ssd_family", NULL, NULL, family),
	T("ssd_immigration_status", &entity_child, k_uasc, immigration_status),
	T("ssd_initial_cp_conference", &entity_s47, k_icpc, initial_cp_conference),
	T("ssd_involvements", &entity_allocation, NULL, involvements),
	T("ssd_legal_status", &entity_cla_episode, NULL, legal_status),
	{"ssd_linked_identifiers", &entity_child, k_ident, 3, -1, COLS(linked_identifiers), NULL},
	T("ssd_missing", &entity_missing, NULL, missing),
	T("ssd_mother", &entity_child, k_mother, mother),
	T("ssd_permanence", &entity_adoption, NULL, permanence),
	T("ssd_person", &entity_child, NULL, person),
	T("ssd_pre_proceedings", &entity_pre_proceedings, NULL, pre_proceedings),
	T("ssd_professionals", &entity_worker, NULL, professionals),
	T("ssd_s251_finance", NULL, NULL, s251_finance),
	T("ssd_s47_enquiry", &entity_s47, NULL, s47_enquiry),
	T("ssd_sdq_scores", &entity_cla_outcome, k_sdq, sdq_scores),
	T("ssd_sen_need", NULL, NULL, sen_need),
	T("ssd_send", NULL, NULL, send),
	T("ssd_voice_of_child", NULL, NULL, voice_of_child),
};

const int ssd_table_count = (int)(sizeof(ssd_tables) / sizeof(ssd_tables[0]));
