/* m_people: the measures that run across the service — changes of social worker (SW1),
 * the child's voice (VOI1), care leavers (CL1), the workforce (WF1) and LADO allegations
 * (LADO1).
 *
 * WF1 counts each child's allocation into a per-worker caseload as the children go by and
 * works out its figures in its finish function from the workers (inputs); LADO1 has no
 * child function: allegations are about adults and come from the inputs. Every due date
 * comes from the clock. Decisions where DOMAIN.md leaves room are written beside each. */
#include <stdlib.h>

#include "clock/clock.h"
#include "measures/internal.h"

/* SW1. Children with an open social work case (in need, child protection or in care) on
 * the as-at date. Social workers in the 12 months: status_social_workers_12m (distinct
 * workers with an allocation overlapping the 12 months up to the as-at date). Changes: the
 * social worker allocations overlapping those 12 months in start order, counting each
 * allocation to a different worker from the one before it. Decision: a child with no
 * allocated worker at all is in the denominator (0 workers is not 1). */
void sw1_child(struct measures_child *c)
{
	if (!c->alive || (c->status != STATUS_CLA && c->status != STATUS_CP && c->status != STATUS_CIN)) {
		return;
	}
	const struct casefile *cf = c->cf;
	int workers = status_social_workers_12m(cf, c->as_at);
	hdate from = date_add_months(c->as_at, -12);
	int changes = 0;
	int64_t prev = 0;
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind != ALLOC_SOCIAL_WORKER || al->start == DATE_NONE || al->start > c->as_at ||
		    (al->end != DATE_NONE && al->end <= from)) {
			continue;
		}
		if (prev && al->worker_id != prev) {
			changes++;
		}
		prev = al->worker_id;
	}
	m_count(c, SW1_ONE, workers == 1);
	m_count(c, SW1_THREE_PLUS, workers >= 3);
	m_add(c, SW1_MEAN_CHANGES, changes, 1);
}

/* VOI1. Visits in the period at which the child was seen (any kind), out of which what the
 * child said was recorded (the visit's "child said" is not blank). Looked-after reviews in
 * the period with a participation code PN1-PN7 (PN0, a child under 4, is left out): views
 * conveyed (PN1, PN2, PN3: attended and spoke, through an advocate or non-verbally; PN5,
 * PN6: did not attend but briefed an advocate or conveyed them otherwise — not PN4, who
 * attended without conveying views, nor PN7) and attended (PN1-PN4). */
/* SUP1: the same open cases as SW1; supervised when a supervision is dated in
 * [as_at - interval, as_at] (a supervision recorded for a later date is not yet held). */
void sup1_child(struct measures_child *c)
{
	if (!c->alive || (c->status != STATUS_CLA && c->status != STATUS_CP && c->status != STATUS_CIN)) {
		return;
	}
	const struct casefile *cf = c->cf;
	hdate from = c->as_at - c->s->supervision_interval_days;
	bool supervised = false;
	for (size_t i = 0; i < cf->n_supervisions && !supervised; i++) {
		hdate d = cf->supervisions[i].date;
		supervised = d != DATE_NONE && d >= from && d <= c->as_at;
	}
	m_count(c, SUP1_SUPERVISED, supervised);
}

void voi1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	for (size_t i = 0; i < cf->n_visits; i++) {
		const struct cf_visit *v = &cf->visits[i];
		if (v->seen && m_in_period(c, v->date)) {
			m_count(c, VOI1_VISITS, v->wishes_recorded);
		}
	}
	for (size_t i = 0; i < cf->n_cla_reviews; i++) {
		const struct cf_dated *r = &cf->cla_reviews[i];
		const char *k = r->code;
		if (!m_in_period(c, r->date) || !k || k[0] != 'P' || k[1] != 'N' || k[2] < '1' || k[2] > '7' || k[3]) {
			continue;
		}
		m_count(c, VOI1_REVIEWS, k[2] != '4' && k[2] != '7');
		m_count(c, VOI1_ATTENDED, k[2] <= '4');
	}
}

static bool eet(const char *activity)
{
	return activity && (activity[0] == 'F' || activity[0] == 'P') && activity[1] >= '1' && activity[1] <= '5' &&
	       !activity[2];
}

/* CL1. Care leavers on the as-at date (model/status: left care aged 16 or over, under 21, or
 * under 25 in education or training). By the latest leaver contact in the period: in touch
 * (OC3 IN_TOUCH YES), in suitable accommodation (in touch and the accommodation recorded as
 * suitable), in education, employment or training (activity F1-F5 or P1-P5). Decision: a
 * care leaver with no contact in the period counts as none of these. Pathway plan: not
 * overdue in the clock's worklist (pathway_plan_6m: from the last review, or before the
 * first from the 16th birthday or entering care if later). A personal adviser
 * allocated on the as-at date. Entitlements explained at any contact up to the as-at date. */
void cl1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	if (c->status != STATUS_LEAVER || cf->child.dob == DATE_NONE) {
		return;
	}
	const struct cf_leaver_contact *latest = NULL;
	bool told = false;
	for (size_t i = 0; i < cf->n_leaver_contacts; i++) {
		const struct cf_leaver_contact *k = &cf->leaver_contacts[i];
		if (!m_happened(k->date, c->as_at)) {
			continue;
		}
		told |= k->entitlements_explained;
		if (m_in_period(c, k->date)) {
			latest = k;
		}
	}
	bool in_touch = latest && m_code_is(latest->in_touch, "YES");
	m_count(c, CL1_IN_TOUCH, in_touch);
	m_count(c, CL1_ACCOMMODATION, in_touch && latest->suitable);
	m_count(c, CL1_EET, latest && eet(latest->activity));

	m_count(c, CL1_PATHWAY_PLAN, !m_overdue(c, M_KIND(CLOCK_PATHWAY_PLAN), 0, NULL));

	bool pa = false;
	for (size_t i = 0; i < cf->n_allocations && !pa; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		pa = al->kind == ALLOC_PERSONAL_ADVISER && cf_open_on(al->start, al->end, c->as_at);
	}
	m_count(c, CL1_PA, pa);
	m_count(c, CL1_ENTITLEMENTS, told);
}

/* WF1, as the children go by: each child's social worker allocation open on the as-at date
 * adds one case to that worker's caseload. */
void wf1_child(struct measures_child *c)
{
	const struct casefile *cf = c->cf;
	int *cases = m_counts(c, c->in->n_workers + 1);
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind == ALLOC_SOCIAL_WORKER && cf_open_on(al->start, al->end, c->as_at)) {
			long w = m_worker_index(c->in, al->worker_id);
			if (w >= 0) {
				cases[w]++;
			}
		}
	}
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* WF1.vacancy, as the DfE's workforce census counts it: vacant FTE over the establishment,
 * where the vacancies are the posts not filled by the authority's own social workers (a
 * post covered by an agency worker is vacant: the census's vacancy rate is FTE vacancies
 * over FTE vacancies plus FTE social workers, and vacancies plus social workers is the
 * establishment). Per team whose establishment is recorded and which is open on the
 * as-at date (an establishment of 0 is none): the numerator is the establishment less the FTE of registered, non-agency
 * social workers of the team in post on that date (none below 0: a team over its
 * establishment has no vacancy), the denominator the establishment. Decision: the
 * establishment is the team's as it stands now (a revisioned value; the record's revisions
 * hold what it was). With no establishment recorded anywhere the part has no figures and a
 * note. */
static void wf1_vacancy(struct measures_child *c)
{
	const struct measures_inputs *in = c->in;
	size_t recorded = 0;
	for (size_t t = 0; t < in->n_teams; t++) {
		const struct measures_team *team = &in->teams[t];
		if (!(team->establishment > 0) || (team->closed != DATE_NONE && team->closed <= c->as_at)) {
			continue;
		}
		double filled = 0;
		for (size_t i = 0; i < in->n_workers; i++) {
			const struct measures_worker *w = &in->workers[i];
			bool in_post = w->start != DATE_NONE && w->start <= c->as_at && (w->end == DATE_NONE || w->end > c->as_at);
			if (w->team_id == team->id && in_post && w->registered && !w->agency && w->fte > 0) {
				filled += w->fte;
			}
		}
		double vacant = team->establishment > filled ? team->establishment - filled : 0;
		m_add_subject(c, WF1_VACANCY, team->id, team->name, team->id, 0, vacant, team->establishment);
		recorded++;
	}
	if (!recorded) {
		m_note(c, WF1_VACANCY, "not recorded: the record holds no establishment of posts, so vacancies cannot be counted");
	}
}

/* WF1. Workers in post on the as-at date (started on or before it, not left by it).
 * Case-holders (the worker's "holds cases" flag, FTE above 0): children allocated per FTE
 * (the numerator is the cases, the denominator the FTE, so the rate is cases per FTE as the
 * DfE publishes it), with the mean, median and maximum of each worker's own cases per FTE;
 * above the threshold when a worker's cases per FTE exceed the setting caseload_threshold.
 * Registered social workers (a Social Work England number), by FTE: the agency share; and
 * turnover, the FTE of those who left in the period over the FTE in post (the workforce
 * census's reading). Vacancies: wf1_vacancy. */
void wf1_finish(struct measures_child *c)
{
	const struct measures_inputs *in = c->in;
	int *cases = m_counts(c, in->n_workers + 1);
	double *per = arena_alloc(m_arena(c), (in->n_workers + 1) * sizeof(double));
	size_t n_per = 0;
	double threshold = c->s->caseload_threshold;
	for (size_t i = 0; i < in->n_workers; i++) {
		const struct measures_worker *w = &in->workers[i];
		if (w->start == DATE_NONE || w->start > c->as_at) {
			continue;
		}
		bool in_post = w->end == DATE_NONE || w->end > c->as_at;
		if (in_post && w->case_holder && w->fte > 0) {
			double load = cases[i] / w->fte;
			per[n_per++] = load;
			m_add_subject(c, WF1_CASELOAD, w->id, w->staff_id, w->team_id, w->id, cases[i], w->fte);
			m_add_subject(c, WF1_OVER_THRESHOLD, w->id, w->staff_id, w->team_id, w->id, load > threshold, 1);
		}
		if (!w->registered || w->fte <= 0) {
			continue;
		}
		if (in_post) {
			m_add_subject(c, WF1_AGENCY, w->id, w->staff_id, w->team_id, w->id, w->agency ? w->fte : 0, w->fte);
			m_add_subject(c, WF1_TURNOVER, w->id, w->staff_id, w->team_id, w->id, 0, w->fte);
		} else if (m_in_period(c, w->end)) {
			m_add_subject(c, WF1_TURNOVER, w->id, w->staff_id, w->team_id, w->id, w->fte, 0);
		}
	}
	if (n_per) {
		qsort(per, n_per, sizeof(double), cmp_double);
		double sum = 0;
		for (size_t i = 0; i < n_per; i++) {
			sum += per[i];
		}
		double median = n_per % 2 ? per[n_per / 2] : (per[n_per / 2 - 1] + per[n_per / 2]) / 2;
		m_extra(c, WF1_CASELOAD, "mean_per_worker", sum / (double)n_per);
		m_extra(c, WF1_CASELOAD, "median_per_worker", median);
		m_extra(c, WF1_CASELOAD, "max_per_worker", per[n_per - 1]);
		m_extra(c, WF1_OVER_THRESHOLD, "threshold", threshold);
	}
	wf1_vacancy(c);
}

/* LADO1. Allegations received in the period (a count). Of those, initial consideration
 * within 1 working day (lado_consideration_1wd); one not yet considered within its day is
 * pending. Resolution, for each target (lado_resolution_1m, _3m, _12m): an allegation
 * counts in the period in which its outcome against the target became known — the day it
 * was resolved if by the target date, else the target date once passed — so each
 * allegation counts once per target across consecutive periods, and long-open allegations
 * are not lost as they would be among "resolved in the period". */
void lado1_finish(struct measures_child *c)
{
	static const struct {
		int part;
		enum clock_kind kind;
	} targets[] = {
		{LADO1_RESOLVED_1M, CLOCK_LADO_RESOLUTION_1M},
		{LADO1_RESOLVED_3M, CLOCK_LADO_RESOLUTION_3M},
		{LADO1_RESOLVED_12M, CLOCK_LADO_RESOLUTION_12M},
	};
	const struct measures_inputs *in = c->in;
	for (size_t i = 0; i < in->n_lado; i++) {
		const struct clock_lado *l = &in->lado[i];
		if (!m_happened(l->received, c->as_at)) {
			continue;
		}
		if (m_in_period(c, l->received)) {
			m_add_subject(c, LADO1_REFERRALS, l->id, l->reference, 0, 0, 1, 0);
			const struct clock_rule *rule = clock_rule_for(CLOCK_LADO_CONSIDERATION, l->received);
			bool considered = m_happened(l->considered, c->as_at);
			if (considered || clock_deadline(rule, l->received, c->s) < c->as_at) {
				m_add_subject(c, LADO1_CONSIDERED, l->id, l->reference, 0, 0,
					      considered && clock_in_time(rule, l->received, l->considered, c->s), 1);
			}
		}
		hdate resolved = m_happened(l->resolved, c->as_at) ? l->resolved : DATE_NONE;
		for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
			const struct clock_rule *rule = clock_rule_for(targets[k].kind, l->received);
			hdate due = clock_deadline(rule, l->received, c->s);
			bool met = resolved != DATE_NONE && resolved <= due;
			hdate known = met ? resolved : due;
			if (m_in_period(c, known) && (met || due < c->as_at)) {
				m_add_subject(c, targets[k].part, l->id, l->reference, 0, 0, met, 1);
			}
		}
	}
}
