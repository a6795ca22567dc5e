/* m_families: the measures of the 2026 Act's family work — pre-proceedings and family
 * group decision-making (PP1, s.31ZA Children Act 1989) and kinship arrangements (KIN1,
 * s.22H). Read from the casefile's pre_proceedings, kinship and proceedings arrays as at
 * c->as_at; each part counts per child, so the drill-down lists the children.
 *
 * Every proceedings row counts as an application under Part 4 (care or supervision): the
 * record does not hold any other kind of proceedings. The DfE has published no definition
 * for any of these (standards/changes-2026 README §4: "Data DfE asks councils to collect:
 * not found"); the decisions are written beside each part. */
#include "measures/internal.h"
#include "model/settings.h"

/* The child's pre-proceedings that began on or before d, the latest such (NULL: none). */
static const struct cf_pre_proceedings *pp_before(const struct casefile *cf, hdate d)
{
	const struct cf_pre_proceedings *last = NULL;
	for (size_t i = 0; i < cf->n_pre_proceedings; i++) {
		if (cf->pre_proceedings[i].start != DATE_NONE && cf->pre_proceedings[i].start <= d) {
			last = &cf->pre_proceedings[i];
		}
	}
	return last;
}

/* PP1.fgdm_offered: proceedings issued in the period, out of which the FGDM meeting was
 *   offered on or before the issue date (in a pre-proceedings begun on or before it).
 *   Decision: an exemption ("not in the child's best interests") is not an offer; it
 *   meets the duty but is not counted here, so the share shows how often families got
 *   the chance.
 * PP1.fgdm_held: pre-proceedings concluded (step decision) in the period with an FGDM
 *   offer, out of which the meeting was held on or before the step decision.
 * PP1.in_timescale: pre-proceedings concluded in the period, out of which the step
 *   decision came within the local timescale (setting pre_proceedings_weeks, default 16:
 *   local policy, not statute) of the start: on or before start + 7 x weeks days.
 * PP1.avoided: pre-proceedings concluded in the period, out of which proceedings were
 *   avoided: no court application recorded, the outcome is not "proceedings", and no
 *   proceedings issued between the start and the as-at date. */
void pp1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_proceedings; i++) {
		hdate issued = cf->proceedings[i].issued;
		if (!m_in_period(c, issued)) {
			continue;
		}
		const struct cf_pre_proceedings *pp = pp_before(cf, issued);
		m_count(c, PP1_FGDM_OFFERED, pp && pp->fgdm_offered != DATE_NONE && pp->fgdm_offered <= issued);
	}
	int weeks = c->s->pre_proceedings_weeks > 0 ? c->s->pre_proceedings_weeks : 16;
	for (size_t i = 0; i < cf->n_pre_proceedings; i++) {
		const struct cf_pre_proceedings *pp = &cf->pre_proceedings[i];
		if (!m_in_period(c, pp->step_decision) || pp->start == DATE_NONE) {
			continue;
		}
		if (m_happened(pp->fgdm_offered, pp->step_decision)) {
			m_count(c, PP1_FGDM_HELD, m_happened(pp->fgdm_held, pp->step_decision));
		}
		m_count(c, PP1_IN_TIMESCALE, pp->step_decision <= date_add_days(pp->start, 7 * weeks));
		bool issued = false;
		for (size_t k = 0; k < cf->n_proceedings && !issued; k++) {
			hdate d = cf->proceedings[k].issued;
			issued = d != DATE_NONE && d >= pp->start && d <= c->as_at;
		}
		bool avoided = !issued && !m_happened(pp->court_app, c->as_at) && !m_code_is(pp->outcome, "proceedings");
		m_count(c, PP1_AVOIDED, avoided);
	}
}

/* KIN1: children in a kinship arrangement open on the as-at date, by kind (a count each;
 *   a child with two open arrangements of one kind counts once for it). KIN1.local_offer:
 *   children in any open arrangement, out of which the kinship local offer was given (an
 *   offer date on or before the as-at date on any of their arrangements). Decision: the
 *   record has no household, so the child stands for the family. */
void kin1_child(struct measures_child *c)
{
	static const char *const kinds[KIN1_LOCAL_OFFER] = {"informal", "kinship_foster", "sgo", "cao"};
	const struct casefile *cf = c->cf;
	if (!c->alive) {
		return;
	}
	bool any = false, offered = false;
	for (int k = 0; k < KIN1_LOCAL_OFFER; k++) {
		bool open = false;
		for (size_t i = 0; i < cf->n_kinship && !open; i++) {
			const struct cf_kinship *a = &cf->kinship[i];
			open = m_code_is(a->kind, kinds[k]) && m_happened(a->start, c->as_at) &&
			       cf_open_on(a->start, a->end, c->as_at);
		}
		if (open) {
			m_add(c, k, 1, 0);
			any = true;
		}
	}
	for (size_t i = 0; i < cf->n_kinship; i++) {
		offered = offered || m_happened(cf->kinship[i].offer_date, c->as_at);
	}
	if (any) {
		m_count(c, KIN1_LOCAL_OFFER, offered);
	}
}
