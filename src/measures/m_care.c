/* m_care: the measures of children in care — visits (CLA1), reviews (CLA2), placement
 * stability (CLA3), health (CLA4), education (ED1), missing (MIS1), care proceedings (LEG1)
 * and permanence (PER1).
 *
 * "In care on the as-at date" is c->in_care: alive, an episode open, and not a series of
 * short breaks (legal status V3/V4, whose modified regime the clock does not model). The
 * period of care and the placement are the clock's (clock_period_start,
 * clock_placement_start); every due date comes from the clock. Decisions where DOMAIN.md
 * leaves room are written beside each measure. */
#include "clock/clock.h"
#include "measures/internal.h"

/* CLA1. Children in care on the as-at date whose reg 28 visit is not overdue, as the
 * clock's worklist has it (clock_cla_visit_rule: within a week of the placement, 6-weekly
 * in its first year, then 3-monthly when intended to last until 18, else 6-weekly, from
 * the last visit with the child seen since the current placement began). */
void cla1_child(struct measures_child *c)
{
	if (c->in_care) {
		m_count(c, 0,
			!m_overdue(c,
				   M_KIND(CLOCK_CLA_VISIT_PLACEMENT) | M_KIND(CLOCK_CLA_VISIT_YEAR1) |
					   M_KIND(CLOCK_CLA_VISIT_LONG_TERM) | M_KIND(CLOCK_CLA_VISIT_OTHER),
				   0, NULL));
	}
}

/* CLA2. Reviews due in the period and held in time. Each period of care that overlaps the
 * period (short-break periods aside) is walked from its start: the next review falls due
 * under clock_cla_review_rule (20 working days after entering care, then 3 months, then 6
 * months after the last review held); it is met when the next review in that period of care
 * is held on or before the due date; the walk goes on from each review held. A due date
 * counts when it falls in the period, while the child was still in care (a child who left
 * care on or before it owed no review), and either it has passed or the review was held:
 * a review due on the as-at date and not yet held is pending. */
void cla2_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *first = &cf->episodes[i];
		if (!m_period_begins(cf, i) || first->start == DATE_NONE || first->start > c->as_at ||
		    m_short_breaks(first)) {
			continue;
		}
		/* The period of care: episodes i..j joined end to start. */
		size_t j = i;
		while (j + 1 < cf->n_episodes && !m_period_begins(cf, j + 1)) {
			j++;
		}
		hdate ended = cf->episodes[j].end;
		if (ended != DATE_NONE && ended > c->as_at) {
			ended = DATE_NONE;	/* not ended as at the as-at date */
		}
		if (ended != DATE_NONE && ended <= c->from) {
			continue;		/* over before the period: nothing fell due in it */
		}
		int held = 0;
		hdate last = DATE_NONE;
		size_t r = 0;	/* the next review of this period of care */
		while (r < cf->n_cla_reviews && cf->cla_reviews[r].date < first->start) {
			r++;
		}
		for (;;) {
			hdate since, due;
			clock_cla_review_rule(first->start, held, last, &since, &due);
			if (due == DATE_NONE || (ended != DATE_NONE && due >= ended)) {
				break;
			}
			const struct cf_dated *next = NULL;
			if (r < cf->n_cla_reviews && cf->cla_reviews[r].date <= c->as_at &&
			    (ended == DATE_NONE || cf->cla_reviews[r].date < ended)) {
				next = &cf->cla_reviews[r];
			}
			bool met = next && next->date <= due;
			if (due >= c->from && due <= c->as_at && (met || due < c->as_at)) {
				m_count(c, 0, met);
			}
			if (!next) {
				break;
			}
			held++;
			last = next->date;
			r++;
		}
	}
}

/* CLA3. Children in care on the as-at date: placements overlapping the period, counted
 * across every period of care in it (a placement begins with an episode whose RNE is S,
 * P or T; a change of legal status or a move with the same carers is the same placement);
 * 3 or more is instability. Decision: temporary placements (T0-T4) count as placements, as
 * recorded. Long-term stability: children under 16 on the as-at date whose current period
 * of care began 2.5 years (30 months) or more before, out of whom the current placement
 * began 2 years or more before. Decision: DfE's extra case (placed for adoption, the
 * adoptive and previous placement together lasting 2 years) is not modelled. */
void cla3_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	if (!c->in_care) {
		return;
	}
	int placements = m_placements(cf, c->from, c->as_at);
	m_count(c, CLA3_THREE_PLUS, placements >= 3);
	if (c->cf->child.dob != DATE_NONE && date_age(c->cf->child.dob, c->as_at) < 16 &&
	    c->entered <= date_add_months(c->as_at, -30)) {
		m_count(c, CLA3_LONG_TERM, c->placement_start <= date_add_years(c->as_at, -2));
	}
}

/* CLA4. Children in care on the as-at date whose health assessment (the initial one within
 * 20 working days of entering care, then reviews 6-monthly under 5 and yearly after) and
 * dental check (yearly, from the last check or entering care) are not overdue, as the
 * clock's worklist has them. */
void cla4_child(struct measures_child *c)
{
	if (!c->in_care) {
		return;
	}
	m_count(c, CLA4_HEALTH,
		!m_overdue(c,
			   M_KIND(CLOCK_HEALTH_INITIAL) | M_KIND(CLOCK_HEALTH_REVIEW_UNDER5) | M_KIND(CLOCK_HEALTH_REVIEW),
			   0, NULL));
	m_count(c, CLA4_DENTAL, !m_overdue(c, M_KIND(CLOCK_DENTAL), 0, NULL));
}

/* ED1. Children in care of compulsory school age on the as-at date (Year 1 to Year 11:
 * clock_school_age_from / _until) whose PEP is not overdue in the clock's worklist
 * (clock_pep_rule: an initial PEP within 10 working days of entering care or of reaching
 * school age in care, then one each term). Decision: "reviewed this term" is read as the
 * clock reads it — the review after a PEP falls due by the end of the following term — so
 * a child whose last PEP was held last term is in time until this term ends. */
void ed1_child(struct measures_child *c)
{
	if (!c->in_care) {
		return;
	}
	hdate school_from = clock_school_age_from(c->cf->child.dob);
	if (school_from == DATE_NONE || c->as_at < school_from || c->as_at >= clock_school_age_until(c->cf->child.dob)) {
		return;
	}
	m_count(c, 0, !m_overdue(c, M_KIND(CLOCK_PEP_INITIAL) | M_KIND(CLOCK_PEP_TERM), 0, NULL));
}

/* Whether the child was in care (short breaks aside) on d, by the record as at as_at. */
static bool in_care_on(const struct casefile *cf, hdate d, hdate as_at)
{
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		hdate end = e->end != DATE_NONE && e->end <= as_at ? e->end : DATE_NONE;
		if (!m_short_breaks(e) && cf_open_on(e->start, end, d)) {
			return true;
		}
	}
	return false;
}

/* MIS1. Missing episodes ("away from placement" is not missing) whose start falls in the
 * period: episodes per child who went missing (the denominator is those children). Children
 * in care at any time in the period (short breaks aside), out of whom those who went
 * missing while in care in the period. Returns (episodes ended in the period): offered an
 * interview within 72 hours of the return instant (clock_deadline_at); a return still within
 * its 72 hours without an offer is pending. Offers made by the as-at date: accepted. */
void mis1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	int episodes = 0;
	bool missing_in_care = false;
	for (size_t i = 0; i < cf->n_missing; i++) {
		const struct cf_missing *m = &cf->missing[i];
		if (m->away || m->start == 0) {
			continue;
		}
		hdate went = instant_date(m->start);
		if (m_in_period(c, went)) {
			episodes++;
			missing_in_care |= in_care_on(cf, went, c->as_at);
		}
		if (m->end == 0 || !m_in_period(c, instant_date(m->end))) {
			continue;
		}
		hdate returned = instant_date(m->end);
		const struct clock_rule *rule = clock_rule_for(CLOCK_RETURN_INTERVIEW, returned);
		hinstant deadline = clock_deadline_at(rule, m->end, c->s);
		bool offered = m->rhi_offered != 0 && instant_date(m->rhi_offered) <= c->as_at;
		if (offered || instant_date(deadline) < c->as_at) {
			m_count(c, MIS1_RHI_OFFERED, offered && m->rhi_offered <= deadline);
		}
		if (offered) {
			m_count(c, MIS1_RHI_ACCEPTED, m->rhi_accepted);
		}
	}
	if (episodes) {
		m_add(c, MIS1_EPISODES, episodes, 1);
	}
	bool in_care_in_period = false;
	for (size_t i = 0; i < cf->n_episodes && !in_care_in_period; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		in_care_in_period = !m_short_breaks(e) && e->start != DATE_NONE && e->start <= c->as_at &&
				    (e->end == DATE_NONE || e->end > c->from);
	}
	if (in_care_in_period) {
		m_count(c, MIS1_CHILDREN, missing_in_care);
	}
}

/* LEG1. Proceedings concluded (final order) in the period: within 26 weeks of issue
 * (proceedings_26w), and their mean length in weeks. Decision: extensions granted by the
 * court are not taken into account (the 26 weeks is the statutory limit; an extension is
 * the exception the measure exists to show). */
void leg1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_proceedings; i++) {
		const struct cf_proceedings *p = &cf->proceedings[i];
		if (!m_in_period(c, p->final_order) || p->issued == DATE_NONE) {
			continue;
		}
		const struct clock_rule *rule = clock_rule_for(CLOCK_PROCEEDINGS, p->issued);
		m_count(c, LEG1_IN_26_WEEKS, clock_in_time(rule, p->issued, p->final_order, c->s));
		m_add(c, LEG1_MEAN_WEEKS, (double)(p->final_order - p->issued), 1);	/* days: leg1_finish */
	}
}

/* LEG1.mean_weeks was counted in days (whole numbers add up exactly in any order): in weeks. */
void leg1_finish(struct measures_child *c)
{
	m_divide(c, LEG1_MEAN_WEEKS, 7.0);
}

/* PER1. Children in care on the as-at date whose second review of the current period of
 * care has been held: a permanence plan agreed on or after entering care and on or before
 * that review. Decision: a plan agreed in an earlier period of care does not count.
 * Adoption (the adoption scorecard's A1 and A2, over one year): children whose adoption
 * order is dated in the period; A1 the days from the start of the period of care they were
 * placed from to the day they were placed for adoption; A2 the days from the placement
 * order to the match (children with both dates). */
void per1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	if (c->in_care) {
		int held = 0;
		hdate second = DATE_NONE;
		for (size_t i = 0; i < cf->n_cla_reviews && held < 2; i++) {
			hdate d = cf->cla_reviews[i].date;
			if (d >= c->entered && d <= c->as_at && ++held == 2) {
				second = d;
			}
		}
		if (second != DATE_NONE) {
			bool plan = false;
			for (size_t i = 0; i < cf->n_permanence && !plan; i++) {
				hdate d = cf->permanence[i].decided;
				plan = d != DATE_NONE && d >= c->entered && d <= second;
			}
			m_count(c, PER1_PLAN_BY_SECOND_REVIEW, plan);
		}
	}
	for (size_t i = 0; i < cf->n_adoptions; i++) {
		const struct cf_adoption *ad = &cf->adoptions[i];
		if (!m_in_period(c, ad->adoption_order)) {
			continue;
		}
		if (ad->placed != DATE_NONE) {
			hdate entered = clock_period_start(cf, ad->placed);
			if (entered != DATE_NONE && entered <= ad->placed) {
				m_add(c, PER1_A1, (double)(ad->placed - entered), 1);
			}
		}
		if (ad->placement_order != DATE_NONE && ad->matched != DATE_NONE && ad->matched >= ad->placement_order) {
			m_add(c, PER1_A2, (double)(ad->matched - ad->placement_order), 1);
		}
	}
}
