/* m_help: the measures of help and protection — the front door (FD1, FD2), assessments
 * (AS1), child protection (CP1, CP2, CP3) and early help (EH1).
 *
 * Each function reads one child's casefile as at c->as_at and counts into its parts (see
 * internal.h). Every timeliness question is the clock's: the rule comes from
 * clock_rule_for or a clock_*_rule helper, the due date from clock_deadline, "in time"
 * from clock_in_time. The decisions taken where DOMAIN.md's wording leaves room are
 * written beside each measure. */
#include "clock/clock.h"
#include "measures/internal.h"

/* FD1. Contacts received in the period; in time when decided within 1 working day.
 * Decided means the front door's decision is recorded: its outcome and its date (a date
 * with no outcome is not a decision; the front door's form requires both). Decision: a contact still undecided on the as-at date whose day has not yet passed (due
 * on or after the as-at date) is pending and left out; once its day passes undecided it
 * counts as late. A decision dated after the as-at date is not known yet. */
void fd1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_contacts; i++) {
		const struct cf_contact *k = &cf->contacts[i];
		if (!m_in_period(c, k->date)) {
			continue;
		}
		const struct clock_rule *rule = clock_rule_for(CLOCK_CONTACT_DECISION, k->date);
		bool decided = k->decision && *k->decision && m_happened(k->decision_date, c->as_at);
		if (!decided && clock_deadline(rule, k->date, c->s) >= c->as_at) {
			continue;
		}
		m_count(c, 0, decided && clock_in_time(rule, k->date, k->decision_date, c->s));
	}
}

/* FD2. Referrals in the period; a re-referral when the child had another referral dated
 * within the 12 months before it: on or after the same date a year earlier and strictly
 * before it. Decision: a second referral on the same day is a duplicate, not a
 * re-referral; any earlier referral counts, NFA or not. */
void fd2_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_referrals; i++) {
		const struct cf_referral *r = &cf->referrals[i];
		if (!m_in_period(c, r->date)) {
			continue;
		}
		hdate year_before = date_add_months(r->date, -12);
		bool again = false;
		for (size_t k = 0; k < i && !again; k++) {
			hdate d = cf->referrals[k].date;
			again = d != DATE_NONE && d >= year_before && d < r->date;
		}
		m_count(c, 0, again);
	}
}

/* The date an assessment was completed as the DfE counts it (the date it was authorised):
 * where a manager's authorisation of its end was asked for (model/authorise.h), the date
 * the latest request was authorised, or DATE_NONE while it awaits authorisation or was
 * returned; else the record's own authorised date. */
static hdate as_completed(const struct casefile *cf, const struct cf_assessment *as)
{
	const struct cf_authorisation *last = NULL;
	for (size_t i = 0; i < cf->n_authorisations; i++) {
		const struct cf_authorisation *x = &cf->authorisations[i];
		if (x->record_id == as->id && m_code_is(x->point, "assessment_end") &&
		    (!last || x->id > last->id)) {
			last = x;
		}
	}
	if (!last) {
		return as->authorised;
	}
	return m_code_is(last->state, "authorised") ? last->decided : DATE_NONE;
}

/* AS1. Assessments authorised in the period, in time when authorised within 45 working
 * days. The clock starts, as the clock's own worklist reads it (CIN census rule 8670Q),
 * at the referral for the first assessment of a referral and at its own start for a later
 * one in the same referral (an assessment whose referral is not in the record counts from
 * its own start). Authorised: as_completed (the authorisation's date where it exists). */
void as1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_assessments; i++) {
		const struct cf_assessment *as = &cf->assessments[i];
		hdate done = as_completed(cf, as);
		if (!m_in_period(c, done)) {
			continue;
		}
		bool first = true;
		for (size_t k = 0; k < i && first; k++) {
			first = cf->assessments[k].referral_id != as->referral_id;
		}
		hdate from = as->start;
		for (size_t k = 0; first && k < cf->n_referrals; k++) {
			if (cf->referrals[k].id == as->referral_id && cf->referrals[k].date != DATE_NONE) {
				from = cf->referrals[k].date;
			}
		}
		const struct clock_rule *rule = clock_rule_for(CLOCK_ASSESSMENT, from);
		m_count(c, 0, clock_in_time(rule, from, done, c->s));
	}
}

/* CP1. ICPCs held in the period, in time when within 15 working days of the strategy
 * discussion that started the enquiry. */
void cp1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_s47s; i++) {
		const struct cf_s47 *s = &cf->s47s[i];
		if (!m_in_period(c, s->icpc) || s->strategy == DATE_NONE) {
			continue;
		}
		const struct clock_rule *rule = clock_rule_for(CLOCK_ICPC, s->strategy);
		m_count(c, 0, clock_in_time(rule, s->strategy, s->icpc, c->s));
	}
}

/* CP2. CP plans started in the period; a repeat when the child had any plan before it
 * (ever: DfE's "second or subsequent" reading), plans being in start-date order. */
void cp2_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_cp_plans; i++) {
		if (m_in_period(c, cf->cp_plans[i].start)) {
			m_count(c, 0, i > 0);
		}
	}
}

/* CP3. Per CP plan open on the as-at date (the child alive): the review conference and
 * the visit not overdue, as the clock's worklist has them for that plan (the first review
 * within 3 months of the plan's start then 6-monthly: clock_cp_review_rule; visits at the
 * local interval from the last CP visit with the child seen, or from the plan's start).
 * Seen alone: CP visits in the period with the child seen, out of which seen alone.
 * Decision: a visit at which the child was not seen is not in the seen-alone denominator
 * (it cannot be); it already fails the visits part when it was the only one. */
void cp3_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; c->alive && i < cf->n_cp_plans; i++) {
		const struct cf_plan *p = &cf->cp_plans[i];
		if (!cf_open_on(p->start, p->end, c->as_at)) {
			continue;
		}
		m_count(c, CP3_REVIEWS,
			!m_overdue(c, M_KIND(CLOCK_CP_REVIEW_FIRST) | M_KIND(CLOCK_CP_REVIEW), p->id, NULL));
		m_count(c, CP3_VISITS, !m_overdue(c, M_KIND(CLOCK_CP_VISIT), p->id, NULL));
	}
	for (size_t i = 0; i < cf->n_visits; i++) {
		const struct cf_visit *v = &cf->visits[i];
		if (v->kind == VISIT_CP && v->seen && m_in_period(c, v->date)) {
			m_count(c, CP3_SEEN_ALONE, v->seen_alone);
		}
	}
}

/* EH1. Early help episodes open on the as-at date (a count); episodes ended in the period,
 * out of which ended by a step up to social care (end reason step_up); episodes started in
 * the period, out of which began as a step down from social care. */
void eh1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_early_help; i++) {
		const struct cf_early_help *e = &cf->early_help[i];
		if (cf_open_on(e->start, e->end, c->as_at)) {
			m_add(c, EH1_OPEN, 1, 0);
		}
		if (m_in_period(c, e->end)) {
			m_count(c, EH1_STEP_UP, m_code_is(e->end_reason, "step_up"));
		}
		if (m_in_period(c, e->start)) {
			m_count(c, EH1_STEP_DOWN, e->step_down);
		}
	}
}
