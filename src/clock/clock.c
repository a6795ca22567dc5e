/* clock: which clocks are running for a child on a date, and when each falls due.
 *
 * One function per family of timescales (families[] below) reads the casefile as it stood
 * on as_at and emits an item for each clock still running; the intervals, units and
 * effective dates all come from the rule table (rules.c) through clock_rule_for and
 * clock_deadline, so no interval is written here. What the families decide, and why:
 *
 *   contacts      every contact received by as_at without a decision by as_at.
 *   assessments   per open referral (not NFA, not closed by as_at): each assessment not
 *                 yet authorised; the first assessment counts from the referral date,
 *                 a later one in the same referral from its own start (as the CIN census
 *                 rule 8670Q reads it); an open referral with no assessment started yet
 *                 counts from the referral date.
 *   s47 / ICPC    per strategy discussion: stops when the ICPC is held, marked not
 *                 required (that flag has no date, so it stops the clock at any as_at),
 *                 a CP plan starts for the same referral on or after the discussion, or
 *                 the referral closes.
 *   CP plans      per plan open on as_at: the first core group (10 wd), the review
 *                 conferences (3 months, then 6), the visits (local interval). The ICPC is
 *                 taken as the plan's start date.
 *   CIN plans     per plan open on as_at: the visits (local interval).
 *   in care       when an episode is open on as_at: reg 28 visits (the placement clock
 *                 restarts with an episode whose RNE is S, P or T: a new carer; L, U and B
 *                 keep the carer and so the placement), reg 33 reviews (counted within the
 *                 current period of care), the PEP (only while the child is of compulsory
 *                 school age, Years 1 to 11), the initial health assessment (per period of
 *                 care; a review health assessment in the period counts as evidence it was
 *                 held), review health assessments (6 months while still under 5 on the
 *                 date it falls due, else 12 months) and the dental check (12 months from
 *                 the last check or entering care, whichever is later). A visit counts only
 *                 when the child was seen. Short breaks (legal status V3 or V4) follow
 *                 reg 48's modified regime, which is not modelled: no in-care items.
 *   pathway plan  an eligible child (in care, 16 or over) or a care leaver (model/status);
 *                 from 21, only while a personal adviser or social worker is allocated
 *                 (the duty to a former relevant child of 21 to 25 who asks for support).
 *   missing       per return (not "away") without an interview offered by as_at, while
 *                 the child's case is open; the 72 hours run from the return instant. When
 *                 the child has gone missing again by as_at, the next return's interview
 *                 covers both and the earlier clock stops (the measures still count the
 *                 earlier return as not offered in time, through clock_deadline_at).
 *   proceedings   per proceedings issued without a final order by as_at.
 *   tasks         per task set by as_at and not done by then (its done date, or, for a task
 *                 a visit does, a visit of that kind with the child seen on or after the day
 *                 it was set), due on the date its manager chose (not an interval); the item
 *                 carries what and the worker it is for.
 * LADO allegations are not in the casefile and have their own entry point, clock_lado. */
#include "clock/clock.h"

#include <stdlib.h>
#include <string.h>

#include "base/workdays.h"
#include "model/status.h"

struct run {
	const struct casefile *cf;
	hdate as_at, soon;
	const struct settings *s;
	struct arena *a;
	struct clock_list *out;
	size_t added;
};

static bool happened(hdate d, hdate as_at)
{
	return d != DATE_NONE && d <= as_at;
}

static enum clock_status status_of(hdate due, hdate as_at, hdate soon)
{
	if (due < as_at) {
		return CLOCK_OVERDUE;
	}
	if (due == as_at) {
		return CLOCK_DUE;
	}
	return due <= soon ? CLOCK_DUE_SOON : CLOCK_UPCOMING;
}

static struct clock_item *push(struct clock_list *l, struct arena *a)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		l->items = arena_grow(a, l->items, l->n, cap, sizeof(*l->items));
		l->cap = cap;
	}
	return &l->items[l->n++];
}

/* The kind of record each kind's subject is a row of (an assessment not yet started hangs
 * from its referral: fam_assessments says so). */
static const char *const subject_kinds[CLOCK_KIND_MAX] = {
	[CLOCK_CONTACT_DECISION] = "contact",	 [CLOCK_ASSESSMENT] = "assessment",
	[CLOCK_ICPC] = "s47",			 [CLOCK_CORE_GROUP] = "cp_plan",
	[CLOCK_CP_REVIEW_FIRST] = "cp_plan",	 [CLOCK_CP_REVIEW] = "cp_plan",
	[CLOCK_CP_VISIT] = "cp_plan",		 [CLOCK_CIN_VISIT] = "cin_plan",
	[CLOCK_CLA_VISIT_PLACEMENT] = "cla_episode", [CLOCK_CLA_VISIT_YEAR1] = "cla_episode",
	[CLOCK_CLA_VISIT_LONG_TERM] = "cla_episode", [CLOCK_CLA_VISIT_OTHER] = "cla_episode",
	[CLOCK_CLA_REVIEW_FIRST] = "cla_episode", [CLOCK_CLA_REVIEW_SECOND] = "cla_episode",
	[CLOCK_CLA_REVIEW] = "cla_episode",	 [CLOCK_PEP_INITIAL] = "cla_episode",
	[CLOCK_PEP_TERM] = "cla_episode",	 [CLOCK_HEALTH_INITIAL] = "cla_episode",
	[CLOCK_HEALTH_REVIEW_UNDER5] = "cla_episode", [CLOCK_HEALTH_REVIEW] = "cla_episode",
	[CLOCK_DENTAL] = "cla_episode",		 [CLOCK_RETURN_INTERVIEW] = "missing",
	[CLOCK_PROCEEDINGS] = "proceedings",	 [CLOCK_PATHWAY_PLAN] = "child",
	[CLOCK_PRE_PROCEEDINGS] = "pre_proceedings",
	[CLOCK_LADO_CONSIDERATION] = "lado",	 [CLOCK_LADO_RESOLUTION_1M] = "lado",
	[CLOCK_LADO_RESOLUTION_3M] = "lado",	 [CLOCK_LADO_RESOLUTION_12M] = "lado",
	[CLOCK_TASK] = "task",
};

static void emit_item(struct run *r, const struct clock_rule *rule, int64_t child_id, int64_t subject,
		      const char *ref, hdate since, hdate due)
{
	if (!rule || due == DATE_NONE) {
		return;
	}
	struct clock_item *it = push(r->out, r->a);
	*it = (struct clock_item){rule, child_id, subject, ref, since, due, (int)(r->as_at - due),
				  status_of(due, r->as_at, r->soon), NULL, 0, subject_kinds[rule->kind], NULL};
	r->added++;
}

/* An item for the child from a rule chosen by kind and a start date. */
static void emit(struct run *r, enum clock_kind kind, int64_t subject, hdate since)
{
	const struct clock_rule *rule = clock_rule_for(kind, since);
	emit_item(r, rule, r->cf->child.id, subject, NULL, since, clock_deadline(rule, since, r->s));
}

/* ---- shared facts ---- */

static bool code_is(const char *code, const char *want)
{
	return code && strcmp(code, want) == 0;
}

/* The index of the episode open on d (the latest-starting, should two overlap), or -1. */
static long open_episode(const struct casefile *cf, hdate d)
{
	for (size_t i = cf->n_episodes; i-- > 0;) {
		if (cf_open_on(cf->episodes[i].start, cf->episodes[i].end, d)) {
			return (long)i;
		}
	}
	return -1;
}

/* Whether episode i continues episode i - 1 without a gap. */
static bool joined(const struct casefile *cf, size_t i)
{
	return i > 0 && cf->episodes[i - 1].end != DATE_NONE && cf->episodes[i - 1].end == cf->episodes[i].start;
}

/* The first episode of the period of care that episode i belongs to. */
static size_t period_first(const struct casefile *cf, size_t i)
{
	while (joined(cf, i) && !code_is(cf->episodes[i].rne, "S")) {
		i--;
	}
	return i;
}

/* A new placement begins with a new carer: RNE S, P or T (or no RNE, to be safe). */
static bool new_carer(const char *rne)
{
	return !rne || code_is(rne, "S") || code_is(rne, "P") || code_is(rne, "T");
}

static size_t placement_first(const struct casefile *cf, size_t i)
{
	while (joined(cf, i) && !new_carer(cf->episodes[i].rne)) {
		i--;
	}
	return i;
}

hdate clock_period_start(const struct casefile *cf, hdate d)
{
	long i = open_episode(cf, d);
	return i < 0 ? DATE_NONE : cf->episodes[period_first(cf, (size_t)i)].start;
}

hdate clock_placement_start(const struct casefile *cf, hdate d, bool *long_term)
{
	long i = open_episode(cf, d);
	if (long_term) {
		*long_term = i >= 0 && cf->episodes[i].long_term;
	}
	return i < 0 ? DATE_NONE : cf->episodes[placement_first(cf, (size_t)i)].start;
}

static int year_of(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return y;
}

hdate clock_school_age_from(hdate dob)
{
	if (dob == DATE_NONE) {
		return DATE_NONE;
	}
	/* A child who is 5 by 31 August starts Year 1 on the 1 September that follows. */
	hdate five = date_birthday(dob, 5);
	int y = year_of(five);
	if (five > date_from_ymd(y, 8, 31)) {
		y++;
	}
	return date_from_ymd(y, 9, 1);
}

hdate clock_school_age_until(hdate dob)
{
	hdate from = clock_school_age_from(dob);
	return from == DATE_NONE ? DATE_NONE : date_add_years(from, 11);
}

/* The latest visit of kind with the child seen, dated in [from, to]; DATE_NONE if none. */
static hdate last_visit(const struct casefile *cf, enum cf_visit_kind kind, hdate from, hdate to)
{
	hdate last = DATE_NONE;
	for (size_t i = 0; i < cf->n_visits; i++) {
		const struct cf_visit *v = &cf->visits[i];
		if (v->kind == kind && v->seen && v->date >= from && v->date <= to) {
			last = v->date;
		}
	}
	return last;
}

/* ---- the rule-choosing helpers ---- */

static const struct clock_rule *choose(enum clock_kind kind, hdate from, const struct settings *s, hdate *since,
				       hdate *due)
{
	const struct clock_rule *r = clock_rule_for(kind, from);
	*since = from;
	*due = clock_deadline(r, from, s);
	return r;
}

const struct clock_rule *clock_cla_visit_rule(hdate placement_start, hdate last, bool long_term, hdate *since,
					      hdate *due)
{
	if (last == DATE_NONE || last < placement_start) {
		return choose(CLOCK_CLA_VISIT_PLACEMENT, placement_start, NULL, since, due);
	}
	if (last < date_add_years(placement_start, 1)) {
		return choose(CLOCK_CLA_VISIT_YEAR1, last, NULL, since, due);
	}
	return choose(long_term ? CLOCK_CLA_VISIT_LONG_TERM : CLOCK_CLA_VISIT_OTHER, last, NULL, since, due);
}

const struct clock_rule *clock_cla_review_rule(hdate period_start, int reviews_held, hdate last_review,
					       hdate *since, hdate *due)
{
	if (reviews_held <= 0 || last_review == DATE_NONE) {
		return choose(CLOCK_CLA_REVIEW_FIRST, period_start, NULL, since, due);
	}
	return choose(reviews_held == 1 ? CLOCK_CLA_REVIEW_SECOND : CLOCK_CLA_REVIEW, last_review, NULL, since, due);
}

const struct clock_rule *clock_cp_review_rule(hdate plan_start, hdate last_review, hdate *since, hdate *due)
{
	if (last_review == DATE_NONE) {
		return choose(CLOCK_CP_REVIEW_FIRST, plan_start, NULL, since, due);
	}
	return choose(CLOCK_CP_REVIEW, last_review, NULL, since, due);
}

const struct clock_rule *clock_health_review_rule(hdate last, hdate dob, hdate *since, hdate *due)
{
	const struct clock_rule *r = choose(CLOCK_HEALTH_REVIEW_UNDER5, last, NULL, since, due);
	if (dob != DATE_NONE && *due != DATE_NONE && *due < date_birthday(dob, 5)) {
		return r;
	}
	return choose(CLOCK_HEALTH_REVIEW, last, NULL, since, due);
}

const struct clock_rule *clock_pep_rule(hdate start, hdate last_pep, const struct settings *s, hdate *since,
					hdate *due)
{
	if (last_pep == DATE_NONE) {
		return choose(CLOCK_PEP_INITIAL, start, s, since, due);
	}
	return choose(CLOCK_PEP_TERM, last_pep, s, since, due);
}

const struct clock_rule *clock_lado_resolution_rule(hdate received, hdate as_at, hdate *since, hdate *due)
{
	static const enum clock_kind gravest_first[] = {CLOCK_LADO_RESOLUTION_12M, CLOCK_LADO_RESOLUTION_3M};
	for (size_t k = 0; k < sizeof(gravest_first) / sizeof(gravest_first[0]); k++) {
		const struct clock_rule *r = choose(gravest_first[k], received, NULL, since, due);
		if (*due != DATE_NONE && *due < as_at) {
			return r;
		}
	}
	return choose(CLOCK_LADO_RESOLUTION_1M, received, NULL, since, due);
}

/* ---- the families ---- */

static void fam_contacts(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_contacts; i++) {
		const struct cf_contact *c = &cf->contacts[i];
		if (happened(c->date, r->as_at) && !happened(c->decision_date, r->as_at)) {
			emit(r, CLOCK_CONTACT_DECISION, c->id, c->date);
		}
	}
}

static void fam_assessments(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_referrals; i++) {
		const struct cf_referral *ref = &cf->referrals[i];
		if (!happened(ref->date, r->as_at) || ref->nfa || happened(ref->closed, r->as_at)) {
			continue;
		}
		int started = 0;
		for (size_t k = 0; k < cf->n_assessments; k++) {
			const struct cf_assessment *as = &cf->assessments[k];
			if (as->referral_id != ref->id || !happened(as->start, r->as_at)) {
				continue;
			}
			hdate from = started++ == 0 ? ref->date : as->start;
			if (!happened(as->authorised, r->as_at)) {
				emit(r, CLOCK_ASSESSMENT, as->id, from);
			}
		}
		if (started == 0) {
			size_t before = r->out->n;
			emit(r, CLOCK_ASSESSMENT, ref->id, ref->date);
			if (r->out->n > before) {
				r->out->items[before].subject_kind = "referral";
			}
		}
	}
}

static const struct cf_referral *find_referral(const struct casefile *cf, int64_t id)
{
	for (size_t i = 0; i < cf->n_referrals; i++) {
		if (cf->referrals[i].id == id) {
			return &cf->referrals[i];
		}
	}
	return NULL;
}

static void fam_s47(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_s47s; i++) {
		const struct cf_s47 *s = &cf->s47s[i];
		if (!happened(s->strategy, r->as_at) || happened(s->icpc, r->as_at) || s->icpc_not_required) {
			continue;
		}
		const struct cf_referral *ref = find_referral(cf, s->referral_id);
		if (ref && happened(ref->closed, r->as_at)) {
			continue;
		}
		bool plan = false;
		for (size_t k = 0; k < cf->n_cp_plans; k++) {
			const struct cf_plan *p = &cf->cp_plans[k];
			plan |= p->referral_id == s->referral_id && p->start >= s->strategy &&
				happened(p->start, r->as_at);
		}
		if (!plan) {
			emit(r, CLOCK_ICPC, s->id, s->strategy);
		}
	}
}

/* The latest dated row for parent (0: any) in [from, to]; DATE_NONE if none. */
static hdate last_dated(const struct cf_dated *rows, size_t n, int64_t parent, hdate from, hdate to)
{
	hdate last = DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if ((parent == 0 || rows[i].parent_id == parent) && rows[i].date >= from && rows[i].date <= to) {
			last = rows[i].date;
		}
	}
	return last;
}

static size_t count_dated(const struct cf_dated *rows, size_t n, hdate from, hdate to)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		c += rows[i].date >= from && rows[i].date <= to;
	}
	return c;
}

static void fam_cp_plans(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_cp_plans; i++) {
		const struct cf_plan *p = &cf->cp_plans[i];
		if (!cf_open_on(p->start, p->end, r->as_at)) {
			continue;
		}
		if (last_dated(cf->core_groups, cf->n_core_groups, p->id, p->start, r->as_at) == DATE_NONE) {
			emit(r, CLOCK_CORE_GROUP, p->id, p->start);
		}
		hdate since, due;
		const struct clock_rule *rule = clock_cp_review_rule(
			p->start, last_dated(cf->cp_reviews, cf->n_cp_reviews, p->id, p->start, r->as_at), &since, &due);
		emit_item(r, rule, cf->child.id, p->id, NULL, since, due);
		hdate seen = last_visit(cf, VISIT_CP, p->start, r->as_at);
		emit(r, CLOCK_CP_VISIT, p->id, seen != DATE_NONE ? seen : p->start);
	}
}

static void fam_cin_plans(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_cin_plans; i++) {
		const struct cf_plan *p = &cf->cin_plans[i];
		if (!cf_open_on(p->start, p->end, r->as_at)) {
			continue;
		}
		hdate seen = last_visit(cf, VISIT_CIN, p->start, r->as_at);
		emit(r, CLOCK_CIN_VISIT, p->id, seen != DATE_NONE ? seen : p->start);
	}
}

static bool short_breaks(const struct cf_episode *e)
{
	return code_is(e->ls, "V3") || code_is(e->ls, "V4");
}

static void fam_care(struct run *r)
{
	const struct casefile *cf = r->cf;
	long open = open_episode(cf, r->as_at);
	if (open < 0 || short_breaks(&cf->episodes[open])) {
		return;
	}
	const struct cf_episode *period = &cf->episodes[period_first(cf, (size_t)open)];
	const struct cf_episode *placement = &cf->episodes[placement_first(cf, (size_t)open)];
	hdate entered = period->start;
	hdate since, due;
	const struct clock_rule *rule;

	/* reg 28 visits, from the current placement's start. */
	rule = clock_cla_visit_rule(placement->start, last_visit(cf, VISIT_CLA, placement->start, r->as_at),
				    cf->episodes[open].long_term, &since, &due);
	emit_item(r, rule, cf->child.id, placement->id, NULL, since, due);

	/* reg 33 reviews, within the period of care. */
	rule = clock_cla_review_rule(entered, (int)count_dated(cf->cla_reviews, cf->n_cla_reviews, entered, r->as_at),
				     last_dated(cf->cla_reviews, cf->n_cla_reviews, 0, entered, r->as_at), &since, &due);
	emit_item(r, rule, cf->child.id, period->id, NULL, since, due);

	/* PEP, while of compulsory school age. */
	hdate school_from = clock_school_age_from(cf->child.dob);
	if (school_from != DATE_NONE && r->as_at >= school_from && r->as_at < clock_school_age_until(cf->child.dob)) {
		hdate start = entered > school_from ? entered : school_from;
		rule = clock_pep_rule(start, last_dated(cf->peps, cf->n_peps, 0, entered, r->as_at), r->s, &since, &due);
		emit_item(r, rule, cf->child.id, period->id, NULL, since, due);
	}

	/* Health: the initial assessment of this period, then reviews; the dental check. */
	bool initial = false;
	hdate last_health = DATE_NONE, last_dental = DATE_NONE;
	for (size_t i = 0; i < cf->n_health; i++) {
		const struct cf_health *h = &cf->health[i];
		if (!happened(h->date, r->as_at)) {
			continue;
		}
		if (h->kind == HEALTH_DENTAL) {
			last_dental = h->date;
			continue;
		}
		/* A review in this period presupposes the initial assessment (which a record
		 * migrated from an older system may not hold). */
		initial |= h->date >= entered;
		last_health = h->date;
	}
	if (!initial) {
		emit(r, CLOCK_HEALTH_INITIAL, period->id, entered);
	} else {
		rule = clock_health_review_rule(last_health, cf->child.dob, &since, &due);
		emit_item(r, rule, cf->child.id, period->id, NULL, since, due);
	}
	emit(r, CLOCK_DENTAL, period->id, last_dental != DATE_NONE && last_dental > entered ? last_dental : entered);
}

/* The start of the period of care of the latest episode begun by d; DATE_NONE if none. */
static hdate latest_period_start(const struct casefile *cf, hdate d)
{
	for (size_t i = cf->n_episodes; i-- > 0;) {
		if (cf->episodes[i].start != DATE_NONE && cf->episodes[i].start <= d) {
			return cf->episodes[period_first(cf, i)].start;
		}
	}
	return DATE_NONE;
}

static void fam_pathway(struct run *r)
{
	const struct casefile *cf = r->cf;
	if (cf->child.dob == DATE_NONE || cf->n_episodes == 0) {
		return;
	}
	hdate sixteen = date_birthday(cf->child.dob, 16);
	long open = open_episode(cf, r->as_at);
	bool eligible = open >= 0 ? r->as_at >= sixteen && !short_breaks(&cf->episodes[open])
				  : status_at(cf, r->as_at) == STATUS_LEAVER;
	if (!eligible) {
		return;
	}
	if (open < 0 && r->as_at >= date_birthday(cf->child.dob, 21)) {
		/* From 21 the duty is to a young person who has asked for support: the allocated
		 * personal adviser (or social worker) is the record that they did. */
		bool supported = false;
		for (size_t i = 0; i < cf->n_allocations; i++) {
			const struct cf_allocation *al = &cf->allocations[i];
			supported |= al->kind != ALLOC_IRO && cf_open_on(al->start, al->end, r->as_at);
		}
		if (!supported) {
			return;
		}
	}
	hdate last = last_dated(cf->pathway_plans, cf->n_pathway_plans, 0, cf->child.dob, r->as_at);
	if (last == DATE_NONE) {
		hdate entered = latest_period_start(cf, r->as_at);
		last = entered != DATE_NONE && entered > sixteen ? entered : sixteen;
	}
	emit(r, CLOCK_PATHWAY_PLAN, cf->child.id, last);
}

static void fam_missing(struct run *r)
{
	const struct casefile *cf = r->cf;
	if (cf->n_missing == 0 || status_at(cf, r->as_at) == STATUS_CLOSED) {
		return;
	}
	for (size_t i = 0; i < cf->n_missing; i++) {
		const struct cf_missing *m = &cf->missing[i];
		if (m->away || m->end == 0 || instant_date(m->end) > r->as_at ||
		    (m->rhi_offered != 0 && instant_date(m->rhi_offered) <= r->as_at)) {
			continue;
		}
		/* Gone missing again by as_at: the next return's interview covers both. */
		bool superseded = false;
		for (size_t k = i + 1; k < cf->n_missing; k++) {
			superseded |= cf->missing[k].start >= m->end && instant_date(cf->missing[k].start) <= r->as_at;
		}
		if (superseded) {
			continue;
		}
		hdate returned = instant_date(m->end);
		const struct clock_rule *rule = clock_rule_for(CLOCK_RETURN_INTERVIEW, returned);
		emit_item(r, rule, cf->child.id, m->id, NULL, returned, instant_date(clock_deadline_at(rule, m->end, r->s)));
	}
}

static void fam_proceedings(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_proceedings; i++) {
		const struct cf_proceedings *p = &cf->proceedings[i];
		if (happened(p->issued, r->as_at) && !happened(p->final_order, r->as_at)) {
			/* The 26 weeks run from issue; an extension the court granted moves the
			 * worklist's date (the LEG1 measure still counts against 26 weeks). */
			const struct clock_rule *rule = clock_rule_for(CLOCK_PROCEEDINGS, p->issued);
			hdate due = clock_deadline(rule, p->issued, r->s);
			if (due != DATE_NONE && p->extension_weeks > 0) {
				due = date_add_days(due, 7 * p->extension_weeks);
			}
			emit_item(r, rule, cf->child.id, p->id, NULL, p->issued, due);
		}
	}
}

/* Pre-proceedings (local timescale): each started by as_at with neither its step decision
 * nor a court application by then, due the setting's weeks after its start. */
static void fam_pre_proceedings(struct run *r)
{
	const struct casefile *cf = r->cf;
	for (size_t i = 0; i < cf->n_pre_proceedings; i++) {
		const struct cf_pre_proceedings *p = &cf->pre_proceedings[i];
		if (happened(p->start, r->as_at) && !happened(p->step_decision, r->as_at) &&
		    !happened(p->court_app, r->as_at)) {
			const struct clock_rule *rule = clock_rule_for(CLOCK_PRE_PROCEEDINGS, p->start);
			emit_item(r, rule, cf->child.id, p->id, NULL, p->start, clock_deadline(rule, p->start, r->s));
		}
	}
}

/* Whether a task a visit does has been done by one: a visit of its kind with the child
 * seen, on or after the day it was set and by as_at. */
static bool visited(const struct casefile *cf, const struct cf_task *t, hdate as_at)
{
	static const char *const codes[VISIT_KIND_MAX] = {"cin", "cp", "cla", "leaver", "private_fostering",
							   "other"};
	for (size_t i = 0; t->done_by_visit && i < cf->n_visits; i++) {
		const struct cf_visit *v = &cf->visits[i];
		if (v->seen && v->date >= t->set && happened(v->date, as_at) && v->kind < VISIT_KIND_MAX &&
		    strcmp(codes[v->kind], t->done_by_visit) == 0) {
			return true;
		}
	}
	return false;
}

/* Tasks: each set by as_at and not done by then, due on its own date. */
static void fam_tasks(struct run *r)
{
	const struct casefile *cf = r->cf;
	const struct clock_rule *rule = clock_rule_for(CLOCK_TASK, DATE_NONE);
	for (size_t i = 0; i < cf->n_tasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		if (!happened(t->set, r->as_at) || happened(t->done, r->as_at) || visited(cf, t, r->as_at)) {
			continue;
		}
		size_t before = r->out->n;
		emit_item(r, rule, cf->child.id, t->id, NULL, t->set, t->due);
		if (r->out->n > before) {
			struct clock_item *it = &r->out->items[r->out->n - 1];
			it->what = t->what ? arena_strdup(r->a, t->what) : NULL;
			it->owner_id = t->worker_id;
			it->visit_kind = t->done_by_visit ? arena_strdup(r->a, t->done_by_visit) : NULL;
		}
	}
}

typedef void (*family_fn)(struct run *r);

static const family_fn families[] = {
	fam_contacts, fam_assessments, fam_s47,	    fam_cp_plans,    fam_cin_plans,
	fam_care,     fam_pathway,     fam_missing, fam_proceedings, fam_pre_proceedings, fam_tasks,
};

static void run_init(struct run *r, const struct casefile *cf, hdate as_at, const struct settings *s,
		     struct arena *a, struct clock_list *out)
{
	*r = (struct run){cf, as_at, workdays_add(as_at, s->due_soon_working_days), s, a, out, 0};
}

size_t clock_child(const struct casefile *cf, hdate as_at, const struct settings *s, struct arena *a,
		   struct clock_list *out)
{
	struct run r;
	run_init(&r, cf, as_at, s, a, out);
	if (happened(cf->child.death, as_at)) {
		return 0;
	}
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		families[i](&r);
	}
	return r.added;
}

size_t clock_lado(const struct clock_lado *rows, size_t n, hdate as_at, const struct settings *s,
		  struct arena *a, struct clock_list *out)
{
	struct run r;
	run_init(&r, NULL, as_at, s, a, out);
	for (size_t i = 0; i < n; i++) {
		const struct clock_lado *l = &rows[i];
		if (!happened(l->received, as_at)) {
			continue;
		}
		const char *ref = l->reference ? arena_strdup(a, l->reference) : NULL;
		if (!happened(l->considered, as_at)) {
			const struct clock_rule *rule = clock_rule_for(CLOCK_LADO_CONSIDERATION, l->received);
			emit_item(&r, rule, l->child_id, l->id, ref, l->received, clock_deadline(rule, l->received, s));
		}
		if (!happened(l->resolved, as_at)) {
			hdate since, due;
			const struct clock_rule *rule = clock_lado_resolution_rule(l->received, as_at, &since, &due);
			emit_item(&r, rule, l->child_id, l->id, ref, since, due);
		}
	}
	return r.added;
}

const char *clock_status_code(enum clock_status st)
{
	static const char *const codes[CLOCK_STATUS_MAX] = {"upcoming", "due_soon", "due", "overdue"};
	return st < CLOCK_STATUS_MAX ? codes[st] : "?";
}

static int cmp_items(const void *pa, const void *pb)
{
	const struct clock_item *a = pa, *b = pb;
	if (a->days_overdue != b->days_overdue) {
		return a->days_overdue > b->days_overdue ? -1 : 1;
	}
	if (a->due != b->due) {
		return a->due < b->due ? -1 : 1;
	}
	if (a->child_id != b->child_id) {
		return a->child_id < b->child_id ? -1 : 1;
	}
	if (a->rule->kind != b->rule->kind) {
		return a->rule->kind < b->rule->kind ? -1 : 1;
	}
	if (a->subject_id != b->subject_id) {
		return a->subject_id < b->subject_id ? -1 : 1;
	}
	return 0;
}

void clock_sort(struct clock_list *l)
{
	if (l->n > 1) {
		qsort(l->items, l->n, sizeof(l->items[0]), cmp_items);
	}
}
