/* annex_a: the eleven Annex A lists, built one child at a time from the casefiles.
 *
 * Windows (DOMAIN.md §6): lists 1-9 cover the 6 months to the as-at date plus work still
 * open on it; lists 10-11 cover 12 months. "The 6 months" is from the day after the same
 * date six months before to the as-at date (from6), "12 months" likewise (from12). The
 * record is read as it stood on the as-at date, as the measures read it (measures.h).
 *
 * What goes in each list, and the decisions taken:
 *   1 contacts       one row per contact received in the 6 months, or earlier and still
 *                    undecided on the as-at date.
 *   2 early help     one row per early help episode begun in the 6 months or open on the
 *                    as-at date: the episode's start and end are the assessment's start and
 *                    completion; the organisation is the authority's early help service
 *                    ("Local authority early help"): the record names no other.
 *   3 referrals      one row per referral in the 6 months; referrals in the last 12 months
 *                    are those dated in the 12 months to the as-at date.
 *   4 assessments    one row per assessment begun or authorised in the 6 months, or open on
 *                    the as-at date. Child seen: a visit with the child seen between its start
 *                    and its authorisation (or the as-at date). Requiring support: once
 *                    authorised, yes when a CIN or CP plan of the same referral, or a period
 *                    in care, began on or after the assessment started.
 *   5 s47 / ICPC     one row per strategy discussion in the 6 months, or earlier with the ICPC
 *                    still pending. The ICPC resulted in a plan when a CP plan of the same
 *                    referral began on or after the strategy discussion (blank until held).
 *   6 in need        one row per CIN episode (a referral that was not NFA) open at any time in
 *                    the 6 months; case status on the as-at date (closed episode; else in
 *                    care, on a CP plan, an assessment of the referral still open, else a CIN
 *                    plan).
 *   7 protection     one row per CP plan open at any time in the 6 months; the category is
 *                    held once per plan, so initial and latest are the same; the last visit is
 *                    the last CP visit with the child seen; EPO or police protection: an
 *                    episode in care with legal status L1 or L2 begun in the 6 months.
 *   8 in care        one row per child looked after at any time in the 6 months (short
 *                    breaks aside), describing the latest period of care. Placement postcode,
 *                    URN, location and LA of placement are left blank: the casefile does not
 *                    carry PL_POST or URN (to be added to the store's casefile). Last IRO
 *                    visit: a visit by a worker whose role is iro.
 *   9 care leavers   care leavers on the as-at date (model/status) and eligible children (in
 *                    care, 16 or over): eligible (in care), relevant (16-17, left care) or
 *                    former relevant (18 or over); "qualifying" is not modelled. With no
 *                    social worker, the personal adviser is the allocated worker.
 *  10 adoption       one row per adoption decision made in the 12 months, or made earlier and
 *                    still live at their start (no adoption order or reversal before them).
 *                    The reason the plan was reversed is not in the casefile (blank).
 *  11 adopters       no rows: the record holds no prospective adopters.
 * Allocated team and worker: the social worker allocated on the as-at date, or the last one
 * before it (as the measures attribute), and that allocation's team. Disability: yes when
 * any code but NONE is recorded for the child, else no — Hearth records disabilities, not
 * their absence, and has no "not yet obtained", so "c) Unknown" is never written.
 *
 * Memory: rows and copied strings in aa->a; codes point at static tables. */
#include <stdio.h>
#include <string.h>

#include "clock/clock.h"
#include "measures/annex_a.h"
#include "measures/internal.h"

const char *annex_a_value(enum aa_map map, const char *code)
{
	if (!code || map >= AA_MAP_MAX) {
		return NULL;
	}
	for (const struct aa_value *v = aa_maps[map]; v->code; v++) {
		if (strcmp(v->code, code) == 0) {
			return v->value;
		}
	}
	return NULL;
}

static const char *yes_no(bool b)
{
	return b ? "a) Yes" : "b) No";
}

struct annex_a *annex_a_new(struct arena *a, const struct measures_inputs *in, hdate as_at)
{
	struct annex_a *aa = arena_alloc(a, sizeof(*aa));
	aa->a = a;
	aa->in = in;
	aa->as_at = as_at;
	aa->from6 = date_add_months(as_at, -6) + 1;
	aa->from12 = date_add_months(as_at, -12) + 1;
	aa->worker_names = arena_alloc(a, (in->n_workers + 1) * sizeof(char *));
	return aa;
}

static union annex_a_cell *row_at(const struct annex_a *aa, int l, size_t i)
{
	return &aa->lists[l].chunks[i / ANNEX_A_CHUNK][(i % ANNEX_A_CHUNK) * (size_t)annex_a_lists[l].n_cols];
}

const union annex_a_cell *annex_a_row(const struct annex_a *aa, int l, size_t i)
{
	return row_at(aa, l, i);
}

const char *annex_a_cell_text(const struct annex_a_column *col, const union annex_a_cell *cell, char *out,
			      size_t size)
{
	switch (col->type) {
	case AA_DATE: {
		char d[DATE_STR_SIZE];
		date_format_dmy(cell->d, d);
		snprintf(out, size, "%s", d);
		return out;
	}
	case AA_INT:
		if (cell->n == ANNEX_A_NONE_INT) {
			out[0] = '\0';
		} else {
			snprintf(out, size, "%lld", (long long)cell->n);
		}
		return out;
	default:
		return cell->s ? cell->s : "";
	}
}

/* ---- one child ---- */

struct aa_child {
	struct annex_a *aa;
	const struct casefile *cf;
	hdate as_at;
	const char *id;		/* the LA child id, copied into the arena once */
	const char *disability;
	const struct cf_allocation *sw, *pa;
};

static const char *team_name(const struct annex_a *aa, int64_t team_id)
{
	const struct measures_team *t = measures_team_of(aa->in, team_id);
	return t ? t->name : NULL;
}

static const char *worker_name(struct annex_a *aa, int64_t worker_id)
{
	long i = m_worker_index(aa->in, worker_id);
	if (i < 0) {
		return NULL;
	}
	if (!aa->worker_names[i]) {
		const struct measures_worker *w = &aa->in->workers[i];
		aa->worker_names[i] = arena_printf(aa->a, "%s %s", w->given_name ? w->given_name : "",
						   w->family_name ? w->family_name : "");
	}
	return aa->worker_names[i];
}

static const char *disability_of(const struct measures_inputs *in, int64_t child_id)
{
	size_t lo = 0, hi = in->n_disability;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (in->disability[mid].child_id == child_id) {
			return yes_no(in->disability[mid].disabled);
		}
		if (in->disability[mid].child_id < child_id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return yes_no(false);
}

/* A new row of list l (0-based), blank. */
static union annex_a_cell *blank_row(struct aa_child *c, int l)
{
	struct annex_a *aa = c->aa;
	const struct annex_a_list *list = &annex_a_lists[l];
	struct annex_a_rows *rows = &aa->lists[l];
	size_t w = (size_t)list->n_cols;
	if (rows->n == rows->n_chunks * ANNEX_A_CHUNK) {
		if (rows->n_chunks == rows->cap_chunks) {
			size_t cap = rows->cap_chunks ? rows->cap_chunks * 2 : 8;
			rows->chunks = arena_grow(aa->a, rows->chunks, rows->n_chunks, cap, sizeof(*rows->chunks));
			rows->cap_chunks = cap;
		}
		rows->chunks[rows->n_chunks++] = arena_alloc(aa->a, ANNEX_A_CHUNK * w * sizeof(union annex_a_cell));
	}
	union annex_a_cell *row = row_at(aa, l, rows->n++);
	for (int k = 0; k < list->n_cols; k++) {
		switch (list->cols[k].type) {
		case AA_DATE:
			row[k].d = DATE_NONE;
			break;
		case AA_INT:
			row[k].n = ANNEX_A_NONE_INT;
			break;
		default:
			row[k].s = NULL;
			break;
		}
	}
	return row;
}

/* A new row of list l (0-based), blank, with the child's identity filled in. */
static union annex_a_cell *new_row(struct aa_child *c, int l)
{
	struct annex_a *aa = c->aa;
	union annex_a_cell *row = blank_row(c, l);
	if (!c->id) {
		c->id = arena_strdup(aa->a, c->cf->child.la_child_id ? c->cf->child.la_child_id : "");
	}
	const struct cf_child *ch = &c->cf->child;
	bool adoption = l == 9;
	row[adoption ? L10_ID : C_ID].s = c->id;
	row[adoption ? L10_GENDER : C_GENDER].s = annex_a_value(AA_MAP_SEX, ch->sex ? ch->sex : "U");
	const char *eth = annex_a_value(AA_MAP_ETHNICITY, ch->ethnicity);
	row[adoption ? L10_ETHNICITY : C_ETHNICITY].s = eth ? eth : annex_a_value(AA_MAP_ETHNICITY, "NOBT");
	row[adoption ? L10_DOB : C_DOB].d = ch->dob;
	if (ch->dob != DATE_NONE && ch->dob <= c->as_at) {
		row[adoption ? L10_AGE : C_AGE].n = date_age(ch->dob, c->as_at);
	}
	return row;
}

static void allocated(struct aa_child *c, union annex_a_cell *row, int team_col, int worker_col)
{
	if (c->sw) {
		row[team_col].s = team_name(c->aa, c->sw->team_id);
		row[worker_col].s = worker_name(c->aa, c->sw->worker_id);
	}
}

static bool in_window(hdate d, hdate from, hdate to)
{
	return d != DATE_NONE && d >= from && d <= to;
}

/* An end date as known on the as-at date: DATE_NONE when after it. */
static hdate known(hdate d, hdate as_at)
{
	return d != DATE_NONE && d <= as_at ? d : DATE_NONE;
}

static void list1_contacts(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_contacts; i++) {
		const struct cf_contact *k = &cf->contacts[i];
		if (k->date == DATE_NONE || k->date > c->as_at) {
			continue;
		}
		if (k->date < c->aa->from6 && m_happened(k->decision_date, c->as_at)) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 0);
		row[L1_CONTACT_DATE].d = k->date;
		row[L1_SOURCE].s = annex_a_value(AA_MAP_SOURCE, k->source);
	}
}

static void list2_early_help(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_early_help; i++) {
		const struct cf_early_help *e = &cf->early_help[i];
		if (!in_window(e->start, c->aa->from6, c->as_at) && !cf_open_on(e->start, e->end, c->as_at)) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 1);
		row[L2_START].d = e->start;
		row[L2_COMPLETED].d = known(e->end, c->as_at);
		row[L2_ORGANISATION].s = "Local authority early help";
	}
}

static void list3_referrals(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	int64_t in_12m = 0;
	for (size_t i = 0; i < cf->n_referrals; i++) {
		in_12m += in_window(cf->referrals[i].date, c->aa->from12, c->as_at);
	}
	for (size_t i = 0; i < cf->n_referrals; i++) {
		const struct cf_referral *r = &cf->referrals[i];
		if (!in_window(r->date, c->aa->from6, c->as_at)) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 2);
		row[L3_DATE].d = r->date;
		row[L3_SOURCE].s = annex_a_value(AA_MAP_SOURCE, r->source);
		row[L3_NFA].s = yes_no(r->nfa);
		row[L3_REFERRALS_12M].n = in_12m;
		allocated(c, row, L3_TEAM, L3_WORKER);
	}
}

static bool seen_between(const struct casefile *cf, hdate from, hdate to)
{
	for (size_t i = 0; i < cf->n_visits; i++) {
		if (cf->visits[i].seen && cf->visits[i].date >= from && cf->visits[i].date <= to) {
			return true;
		}
	}
	return false;
}

/* A CIN or CP plan of the referral, or a period in care, begun in [from, to]. */
static bool support_began(const struct casefile *cf, int64_t referral_id, hdate from, hdate to)
{
	for (size_t i = 0; i < cf->n_cin_plans; i++) {
		if (cf->cin_plans[i].referral_id == referral_id && in_window(cf->cin_plans[i].start, from, to)) {
			return true;
		}
	}
	for (size_t i = 0; i < cf->n_cp_plans; i++) {
		if (cf->cp_plans[i].referral_id == referral_id && in_window(cf->cp_plans[i].start, from, to)) {
			return true;
		}
	}
	for (size_t i = 0; i < cf->n_episodes; i++) {
		if (m_period_begins(cf, i) && in_window(cf->episodes[i].start, from, to)) {
			return true;
		}
	}
	return false;
}

static void list4_assessments(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_assessments; i++) {
		const struct cf_assessment *as = &cf->assessments[i];
		if (as->start == DATE_NONE || as->start > c->as_at) {
			continue;
		}
		hdate authorised = known(as->authorised, c->as_at);
		if (!in_window(as->start, c->aa->from6, c->as_at) && !in_window(authorised, c->aa->from6, c->as_at) &&
		    authorised != DATE_NONE) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 3);
		row[L4_DISABILITY].s = c->disability;
		row[L4_START].d = as->start;
		row[L4_SEEN].s = yes_no(seen_between(cf, as->start, authorised != DATE_NONE ? authorised : c->as_at));
		row[L4_AUTHORISED].d = authorised;
		if (authorised != DATE_NONE) {
			row[L4_SUPPORT].s = yes_no(support_began(cf, as->referral_id, as->start, c->as_at));
		}
		allocated(c, row, L4_TEAM, L4_WORKER);
	}
}

static void list5_s47(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	int64_t s47_12m = 0, icpc_12m = 0;
	for (size_t i = 0; i < cf->n_s47s; i++) {
		s47_12m += in_window(cf->s47s[i].strategy, c->aa->from12, c->as_at);
		icpc_12m += in_window(cf->s47s[i].icpc, c->aa->from12, c->as_at);
	}
	for (size_t i = 0; i < cf->n_s47s; i++) {
		const struct cf_s47 *s = &cf->s47s[i];
		if (s->strategy == DATE_NONE || s->strategy > c->as_at) {
			continue;
		}
		hdate icpc = known(s->icpc, c->as_at);
		bool pending = icpc == DATE_NONE && !s->icpc_not_required;
		if (!in_window(s->strategy, c->aa->from6, c->as_at) && !pending) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 4);
		row[L5_DISABILITY].s = c->disability;
		row[L5_STRATEGY].d = s->strategy;
		row[L5_ICPC_UNNECESSARY].s = yes_no(s->icpc_not_required);
		row[L5_ICPC].d = icpc;
		if (icpc != DATE_NONE) {
			bool plan = false;
			for (size_t k = 0; k < cf->n_cp_plans && !plan; k++) {
				const struct cf_plan *p = &cf->cp_plans[k];
				plan = p->referral_id == s->referral_id && p->start >= s->strategy && p->start <= c->as_at;
			}
			row[L5_ICPC_PLAN].s = yes_no(plan);
		}
		row[L5_S47_12M].n = s47_12m;
		row[L5_ICPC_12M].n = icpc_12m;
		allocated(c, row, L5_TEAM, L5_WORKER);
	}
}

static hdate last_seen_any(const struct casefile *cf, hdate from, hdate to)
{
	hdate last = DATE_NONE;
	for (size_t i = 0; i < cf->n_visits; i++) {
		if (cf->visits[i].seen && cf->visits[i].date >= from && cf->visits[i].date <= to) {
			last = cf->visits[i].date;
		}
	}
	return last;
}

static void list6_cin(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	enum child_status status = status_at(cf, c->as_at);
	for (size_t i = 0; i < cf->n_referrals; i++) {
		const struct cf_referral *r = &cf->referrals[i];
		if (r->nfa || r->date == DATE_NONE || r->date > c->as_at) {
			continue;
		}
		hdate closed = known(r->closed, c->as_at);
		if (closed != DATE_NONE && closed < c->aa->from6) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 5);
		row[L6_DISABILITY].s = c->disability;
		row[L6_START].d = r->date;
		row[L6_NEED].s = annex_a_value(AA_MAP_NEED, r->need ? r->need : "N0");
		row[L6_LAST_SEEN].d = last_seen_any(cf, r->date, closed != DATE_NONE ? closed : c->as_at);
		row[L6_CLOSED].d = closed;
		if (closed != DATE_NONE) {
			row[L6_REASON].s = annex_a_value(AA_MAP_CLOSURE, r->closure_reason);
		}
		const char *st = "cin";
		if (closed != DATE_NONE) {
			st = "closed";
		} else if (status == STATUS_CLA) {
			st = "cla";
		} else if (status == STATUS_CP) {
			st = "cp";
		} else {
			for (size_t k = 0; k < cf->n_assessments; k++) {
				const struct cf_assessment *as = &cf->assessments[k];
				if (as->referral_id == r->id && m_happened(as->start, c->as_at) &&
				    !m_happened(as->authorised, c->as_at)) {
					st = "assessment";
				}
			}
		}
		row[L6_STATUS].s = annex_a_value(AA_MAP_CASE_STATUS, st);
		allocated(c, row, L6_TEAM, L6_WORKER);
	}
}

static void list7_cp(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	bool epo = false;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		epo |= (m_code_is(e->ls, "L1") || m_code_is(e->ls, "L2")) && in_window(e->start, c->aa->from6, c->as_at);
	}
	for (size_t i = 0; i < cf->n_cp_plans; i++) {
		const struct cf_plan *p = &cf->cp_plans[i];
		if (p->start == DATE_NONE || p->start > c->as_at) {
			continue;
		}
		hdate end = known(p->end, c->as_at);
		if (end != DATE_NONE && end < c->aa->from6) {
			continue;
		}
		hdate to = end != DATE_NONE ? end : c->as_at;
		union annex_a_cell *row = new_row(c, 6);
		row[L7_DISABILITY].s = c->disability;
		row[L7_START].d = p->start;
		row[L7_INITIAL_CATEGORY].s = annex_a_value(AA_MAP_CATEGORY, p->category);
		row[L7_LATEST_CATEGORY].s = annex_a_value(AA_MAP_CATEGORY, p->category);
		const struct cf_visit *last = NULL;
		for (size_t k = 0; k < cf->n_visits; k++) {
			const struct cf_visit *v = &cf->visits[k];
			if (v->kind == VISIT_CP && v->seen && v->date >= p->start && v->date <= to) {
				last = v;
			}
		}
		if (last) {
			row[L7_LAST_VISIT].d = last->date;
			row[L7_SEEN_ALONE].s = yes_no(last->seen_alone);
		}
		hdate review = DATE_NONE;
		for (size_t k = 0; k < cf->n_cp_reviews; k++) {
			const struct cf_dated *r = &cf->cp_reviews[k];
			if (r->parent_id == p->id && r->date >= p->start && r->date <= to) {
				review = r->date;
			}
		}
		row[L7_LATEST_REVIEW].d = review;
		row[L7_END].d = end;
		row[L7_EPO].s = yes_no(epo);
		row[L7_PREVIOUS].n = (int64_t)i;
		allocated(c, row, L7_TEAM, L7_WORKER);
	}
}

static bool is_iro(const struct measures_inputs *in, int64_t worker_id)
{
	const struct measures_worker *w = measures_worker_of(in, worker_id);
	return w && m_code_is(w->role, "iro");
}

static void list8_cla(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	hdate from6 = c->aa->from6;
	/* The latest period of care (short breaks aside) overlapping the 6 months. */
	long first = -1, last = -1;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		if (e->start == DATE_NONE || e->start > c->as_at) {
			break;
		}
		if (m_period_begins(cf, i)) {
			size_t j = i;
			while (j + 1 < cf->n_episodes && !m_period_begins(cf, j + 1) && cf->episodes[j + 1].start <= c->as_at) {
				j++;
			}
			hdate end = known(cf->episodes[j].end, c->as_at);
			if (!m_short_breaks(e) && (end == DATE_NONE || end >= from6)) {
				first = (long)i;
				last = (long)j;
			}
		}
	}
	if (first < 0) {
		return;
	}
	const struct cf_episode *ep0 = &cf->episodes[first], *ep = &cf->episodes[last];
	hdate started = ep0->start;
	hdate ceased = known(ep->end, c->as_at);
	hdate to = ceased != DATE_NONE ? ceased : c->as_at;
	union annex_a_cell *row = new_row(c, 7);
	row[L8_UASC].s = yes_no(cf->child.uasc);
	row[L8_DISABILITY].s = c->disability;
	row[L8_STARTED].d = started;
	row[L8_NEED].s = annex_a_value(AA_MAP_NEED, ep->cin);
	bool earlier = false;
	for (long i = 0; i < first; i++) {
		hdate end = cf->episodes[i].end;
		earlier |= end != DATE_NONE && end >= c->aa->from12;
	}
	row[L8_SECOND_PERIOD].s = yes_no(earlier);
	long ls = last;
	while (ls > first && m_code_is(cf->episodes[ls - 1].ls, ep->ls)) {
		ls--;
	}
	row[L8_LS_START].d = cf->episodes[ls].start;
	row[L8_LS].s = annex_a_value(AA_MAP_LEGAL_STATUS, ep->ls);
	hdate review = DATE_NONE;
	for (size_t k = 0; k < cf->n_cla_reviews; k++) {
		if (cf->cla_reviews[k].date >= started && cf->cla_reviews[k].date <= to) {
			review = cf->cla_reviews[k].date;
		}
	}
	row[L8_LATEST_REVIEW].d = review;
	row[L8_LAST_VISIT].d = m_last_seen(cf, VISIT_CLA, started, to);
	const char *plan = NULL;
	for (size_t k = 0; k < cf->n_permanence; k++) {
		if (m_happened(cf->permanence[k].decided, c->as_at)) {
			plan = cf->permanence[k].plan;
		}
	}
	row[L8_PERMANENCE].s = annex_a_value(AA_MAP_PERMANENCE, plan);
	hdate iro = DATE_NONE;
	for (size_t k = 0; k < cf->n_visits; k++) {
		const struct cf_visit *v = &cf->visits[k];
		if (v->date >= started && v->date <= to && v->worker_id && is_iro(c->aa->in, v->worker_id)) {
			iro = v->date;
		}
	}
	row[L8_IRO_VISIT].d = iro;
	hdate health = DATE_NONE, dental = DATE_NONE;
	for (size_t k = 0; k < cf->n_health; k++) {
		const struct cf_health *h = &cf->health[k];
		if (m_happened(h->date, c->as_at)) {
			if (h->kind == HEALTH_DENTAL) {
				dental = h->date;
			} else {
				health = h->date;
			}
		}
	}
	row[L8_HEALTH].d = health;
	row[L8_DENTAL].d = dental;
	row[L8_PLACEMENTS_12M].n = m_placements(cf, c->aa->from12, c->as_at);
	row[L8_CEASED].d = ceased;
	if (ceased != DATE_NONE) {
		row[L8_REASON_CEASED].s = annex_a_value(AA_MAP_REC, ep->rec);
	}
	long pl = last;
	while (pl > first && !m_new_carer(cf->episodes[pl].rne)) {
		pl--;
	}
	row[L8_PLACEMENT_START].d = cf->episodes[pl].start;
	row[L8_PLACEMENT].s = annex_a_value(AA_MAP_PLACEMENT, ep->place);
	row[L8_PROVIDER].s = annex_a_value(AA_MAP_PROVIDER, ep->provider);
	int64_t missing = 0, absent = 0;
	const struct cf_missing *latest = NULL;
	for (size_t k = 0; k < cf->n_missing; k++) {
		const struct cf_missing *m = &cf->missing[k];
		if (m->start == 0 || instant_date(m->start) > c->as_at) {
			continue;
		}
		if (in_window(instant_date(m->start), c->aa->from12, c->as_at)) {
			if (m->away) {
				absent++;
			} else {
				missing++;
			}
		}
		if (!m->away) {
			latest = m;
		}
	}
	row[L8_MISSING_12M].n = missing;
	row[L8_ABSENT_12M].n = absent;
	if (latest && latest->end != 0 && instant_date(latest->end) <= c->as_at) {
		bool offered = latest->rhi_offered != 0 && instant_date(latest->rhi_offered) <= c->as_at;
		row[L8_RHI_OFFERED].s = yes_no(offered);
		row[L8_RHI_ACCEPTED].s = yes_no(offered && latest->rhi_accepted);
	}
	allocated(c, row, L8_TEAM, L8_WORKER);
}

static void list9_leavers(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	if (cf->child.dob == DATE_NONE || m_happened(cf->child.death, c->as_at)) {
		return;
	}
	int age = date_age(cf->child.dob, c->as_at);
	const char *eligibility = NULL;
	if (status_at(cf, c->as_at) == STATUS_LEAVER) {
		eligibility = age < 18 ? "relevant" : "former_relevant";
	} else if (age >= 16) {
		for (size_t i = 0; i < cf->n_episodes; i++) {
			const struct cf_episode *e = &cf->episodes[i];
			if (!m_short_breaks(e) && cf_open_on(e->start, e->end, c->as_at)) {
				eligibility = "eligible";
			}
		}
	}
	if (!eligibility) {
		return;
	}
	union annex_a_cell *row = new_row(c, 8);
	row[L9_UASC].s = yes_no(cf->child.uasc);
	row[L9_DISABILITY].s = c->disability;
	allocated(c, row, L9_TEAM, L9_WORKER);
	if (!c->sw && c->pa) {	/* a care leaver's case is held by the personal adviser */
		row[L9_TEAM].s = team_name(c->aa, c->pa->team_id);
		row[L9_WORKER].s = worker_name(c->aa, c->pa->worker_id);
	}
	if (c->pa) {
		row[L9_PA].s = worker_name(c->aa, c->pa->worker_id);
	}
	row[L9_ELIGIBILITY].s = annex_a_value(AA_MAP_ELIGIBILITY, eligibility);
	hdate pathway = DATE_NONE;
	for (size_t i = 0; i < cf->n_pathway_plans; i++) {
		if (m_happened(cf->pathway_plans[i].date, c->as_at)) {
			pathway = cf->pathway_plans[i].date;
		}
	}
	row[L9_PATHWAY].d = pathway;
	const struct cf_leaver_contact *latest = NULL;
	for (size_t i = 0; i < cf->n_leaver_contacts; i++) {
		if (m_happened(cf->leaver_contacts[i].date, c->as_at)) {
			latest = &cf->leaver_contacts[i];
		}
	}
	row[L9_IN_TOUCH].s = annex_a_value(AA_MAP_IN_TOUCH, latest && latest->in_touch ? latest->in_touch : "");
	if (latest) {
		row[L9_CONTACT].d = latest->date;
		const char *acc = latest->accommodation;
		if (acc && acc[0] && acc[1] && !acc[2]) {
			char letter[2] = {acc[0], 0}, digit[2] = {acc[1], 0};
			row[L9_ACCOMMODATION].s = annex_a_value(AA_MAP_ACCOMMODATION, letter);
			row[L9_SUITABILITY].s = annex_a_value(AA_MAP_SUITABILITY, digit);
		} else if (acc && strcmp(acc, "0") == 0) {
			row[L9_SUITABILITY].s = annex_a_value(AA_MAP_SUITABILITY, "0");
		}
		row[L9_ACTIVITY].s = annex_a_value(AA_MAP_ACTIVITY, latest->activity);
	}
}

static void list10_adoption(struct aa_child *c)
{
	const struct casefile *cf = c->cf;
	hdate from12 = c->aa->from12;
	for (size_t i = 0; i < cf->n_adoptions; i++) {
		const struct cf_adoption *ad = &cf->adoptions[i];
		if (ad->decision == DATE_NONE || ad->decision > c->as_at) {
			continue;
		}
		hdate order = known(ad->adoption_order, c->as_at), ceased = known(ad->ceased, c->as_at);
		if (ad->decision < from12 && ((order != DATE_NONE && order < from12) || (ceased != DATE_NONE && ceased < from12))) {
			continue;
		}
		union annex_a_cell *row = new_row(c, 9);
		row[L10_DISABILITY].s = c->disability;
		hdate entered = clock_period_start(cf, ad->decision);
		if (entered == DATE_NONE) {
			for (size_t k = 0; k < cf->n_episodes; k++) {
				if (m_period_begins(cf, k) && cf->episodes[k].start <= ad->decision) {
					entered = cf->episodes[k].start;
				}
			}
		}
		row[L10_ENTERED].d = entered;
		row[L10_DECISION].d = ad->decision;
		row[L10_PLACEMENT_ORDER].d = known(ad->placement_order, c->as_at);
		row[L10_MATCHED].d = known(ad->matched, c->as_at);
		row[L10_PLACED].d = known(ad->placed, c->as_at);
		row[L10_ADOPTION_ORDER].d = order;
		row[L10_CEASED].d = ceased;
		hdate ffa = DATE_NONE;
		for (size_t k = 0; k < cf->n_episodes && ffa == DATE_NONE; k++) {
			const struct cf_episode *e = &cf->episodes[k];
			if ((m_code_is(e->place, "U2") || m_code_is(e->place, "U5")) && entered != DATE_NONE &&
			    e->start >= entered && e->start <= c->as_at) {
				ffa = e->start;
			}
		}
		row[L10_FFA].d = ffa;
	}
}

void annex_a_merge(struct annex_a *aa, const struct annex_a *src)
{
	for (int l = 0; l < ANNEX_A_LISTS; l++) {
		const struct annex_a_list *list = &annex_a_lists[l];
		for (size_t i = 0; i < src->lists[l].n; i++) {
			struct aa_child c = {aa, NULL, aa->as_at, NULL, NULL, NULL, NULL};
			union annex_a_cell *row = blank_row(&c, l);
			memcpy(row, row_at(src, l, i), (size_t)list->n_cols * sizeof(*row));
			for (int k = 0; k < list->n_cols; k++) {
				if (list->cols[k].type == AA_TEXT && row[k].s) {
					row[k].s = arena_strdup(aa->a, row[k].s);	/* src's arena dies first */
				}
			}
		}
	}
}

void annex_a_child(struct annex_a *aa, const struct casefile *cf)
{
	struct aa_child c = {aa, cf, aa->as_at, NULL, NULL, NULL, NULL};
	c.disability = disability_of(aa->in, cf->child.id);
	c.sw = m_attributed(cf, ALLOC_SOCIAL_WORKER, aa->as_at);
	c.pa = m_attributed(cf, ALLOC_PERSONAL_ADVISER, aa->as_at);
	list1_contacts(&c);
	list2_early_help(&c);
	list3_referrals(&c);
	list4_assessments(&c);
	list5_s47(&c);
	list6_cin(&c);
	list7_cp(&c);
	list8_cla(&c);
	list9_leavers(&c);
	list10_adoption(&c);
}
