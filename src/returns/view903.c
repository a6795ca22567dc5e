/* view903: one child's SSDA903 rows for a collection year, made from the record.
 *
 * Who is in the return and what they carry, as the DfE's guidance defines it:
 *   - Header: every child looked after at any time in the year (an episode open on some
 *     day of it), and every young person in the OC3 cohort;
 *   - Episodes: the episodes open at some time in the year; an episode still open at
 *     31 March (or ceasing after it) has DEC and REC blank;
 *   - Reviews, Missing: those in the year; UASC: children looked after in the year who
 *     are or were UASC (not care leavers, rule 1014);
 *   - OC2: looked after continuously for 12 months at 31 March (not on short breaks), with
 *     the items of the child's cla_outcome row for the year (blank when none is recorded); a
 *     row recorded for a child who is not in that group is shown too, for the rules to see;
 *   - OC3: care leavers with their 17th to 21st birthday in the year who were looked
 *     after for 13 weeks or more after their 14th birthday, some of it at 16 or over, and
 *     not in care on the birthday; the LA's contact nearest the birthday within 3 months
 *     before and 1 month after it (none: not in touch);
 *   - AD1: adopted in the year; PlacedAdoption: decisions that the child should be placed
 *     for adoption that were live in the year; PrevPerm: children who started to be looked
 *     after in the year; SWEpisodes (from 2024): for children looked after on 31 March,
 *     every social worker allocation in the year.
 * Every value is the record's: UPN is the UPN or, without one, the recorded reason it is
 * unknown (UN1-UN5); MOTHER and MC_DOB as recorded, except that a young woman whose child
 * was born after 31 March was not yet a mother in that year (MOTHER 0); AD1's adopters from
 * the adoption; PrevPerm as recorded, or Z1 (the DfE's "not known") when nothing is. What
 * the record leaves blank is written blank, for the rules to report. */
#include <string.h>

#include "clock/clock.h"
#include "model/status.h"
#include "returns/internal.h"

const char *s9_sex_out(const char *sex, int year)
{
	if (!sex || year >= 2025) {
		return sex;
	}
	return strcmp(sex, "M") == 0 ? "1" : strcmp(sex, "F") == 0 ? "2" : sex;
}

const char *s9_sex_in(const char *code, int year)
{
	(void)year;
	if (!code) {
		return NULL;
	}
	if (strcmp(code, "1") == 0 || strcmp(code, "M") == 0) {
		return "M";
	}
	if (strcmp(code, "2") == 0 || strcmp(code, "F") == 0) {
		return "F";
	}
	return strcmp(code, "U") == 0 ? "U" : NULL;
}

static bool code_in(const char *s, const char *const *set)
{
	return s && in_set(s, set);
}

static const char *const adopted_rec[] = {"E11", "E12", NULL};
static const char *const short_break_ls[] = {"V3", "V4", NULL};
/* Reasons care ended that do not make a young person a care leaver (OC3). */
static const char *const not_leaver_rec[] = {"E11", "E12", "E2", "E3", "E41", "E43", "E44", "E45", "E46", "E47",
					     "E48", NULL};

static void convert_episode(const struct cf_episode *e, hdate ye, struct s9_episode *o)
{
	memset(o, 0, sizeof(*o));
	o->id = e->id;
	o->decom = e->start;
	bool ended = e->end != DATE_NONE && e->end <= ye;
	o->dec = ended ? e->end : DATE_NONE;
	o->rec = ended ? e->rec : NULL;
	o->rne = e->rne;
	o->ls = e->ls;
	o->cin = e->cin;
	o->place = e->place;
	o->provider = e->provider;
	o->rpc = e->reason_place_change;
	o->home_post = e->home_post;
	o->pl_post = e->pl_post;
	o->urn = e->urn;
}

/* Days looked after (not on short breaks) between from and to inclusive. */
static int days_in_care(const struct casefile *cf, hdate from, hdate to)
{
	int days = 0;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		if (code_in(e->ls, short_break_ls)) {
			continue;
		}
		hdate s = e->start > from ? e->start : from;
		hdate end = e->end == DATE_NONE ? to + 1 : e->end; /* the day of ceasing is not a day in care */
		hdate t = end - 1 < to ? end - 1 : to;
		if (t >= s) {
			days += t - s + 1;
		}
	}
	return days;
}

static bool in_care_on(const struct casefile *cf, hdate d)
{
	for (size_t i = 0; i < cf->n_episodes; i++) {
		if (cf_open_on(cf->episodes[i].start, cf->episodes[i].end, d)) {
			return true;
		}
	}
	return false;
}

static const struct cf_leaver_contact *oc3_contact(const struct casefile *cf, hdate bday)
{
	hdate from = date_add_months(bday, -3), to = date_add_months(bday, 1);
	const struct cf_leaver_contact *best = NULL;
	int best_gap = 0;
	for (size_t i = 0; i < cf->n_leaver_contacts; i++) {
		const struct cf_leaver_contact *c = &cf->leaver_contacts[i];
		if (c->date < from || c->date > to) {
			continue;
		}
		int gap = c->date > bday ? c->date - bday : bday - c->date;
		if (!best || gap < best_gap) {
			best = c;
			best_gap = gap;
		}
	}
	return best;
}

/* The OC3 birthday in the year (DATE_NONE when the young person is not in the cohort). */
static hdate oc3_birthday(const struct casefile *cf, hdate ys, hdate ye)
{
	hdate dob = cf->child.dob;
	if (dob == DATE_NONE) {
		return DATE_NONE;
	}
	hdate bday = DATE_NONE;
	for (int age = 17; age <= 21; age++) {
		hdate b = date_birthday(dob, age);
		if (b >= ys && b <= ye) {
			bday = b;
		}
	}
	if (bday == DATE_NONE || (cf->child.death != DATE_NONE && cf->child.death <= bday)) {
		return DATE_NONE;
	}
	if (in_care_on(cf, bday)) {
		return DATE_NONE;
	}
	/* The authority's contact with the young person around the birthday shows it is its care
	 * leaver, whatever the record holds of the care before: a record without the whole care
	 * history (migrated, or imported from a year's return, whose episodes are the year's
	 * only) cannot count the 13 weeks. */
	if (cf->n_episodes == 0 || oc3_contact(cf, bday)) {
		return oc3_contact(cf, bday) ? bday : DATE_NONE;
	}
	/* The last episode that ended before the birthday ended the care. */
	const struct cf_episode *last = NULL;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		if (e->end != DATE_NONE && e->end <= bday && !code_in(e->ls, short_break_ls)) {
			last = e;
		}
	}
	if (!last || code_in(last->rec, not_leaver_rec)) {
		return DATE_NONE;
	}
	hdate fourteen = date_birthday(dob, 14), sixteen = date_birthday(dob, 16);
	/* When the record does not hold the start of care (its first episode continues an
	 * earlier one: a migrated or imported record), the 13 weeks cannot be counted and are
	 * taken as met. */
	bool whole = str_eq(cf->episodes[0].rne, "S");
	if ((whole && days_in_care(cf, fourteen, bday) < 91) || last->end <= sixteen) {
		return DATE_NONE;
	}
	return bday;
}

bool view903_oc3_by_history(const struct casefile *cf, int year)
{
	hdate ys = returns_year_start(year), ye = returns_year_end(year);
	if (cf->n_episodes == 0) {
		return false;
	}
	struct casefile c = *cf;
	c.n_leaver_contacts = 0;
	return oc3_birthday(&c, ys, ye) != DATE_NONE;
}

static const struct cf_adoption *adoption_before(const struct casefile *cf, hdate d)
{
	const struct cf_adoption *best = NULL;
	for (size_t i = 0; i < cf->n_adoptions; i++) {
		if (cf->adoptions[i].decision <= d) {
			best = &cf->adoptions[i];
		}
	}
	return best;
}

/* MOTHER and MC_DOB in the year ending ye: a child born after it is not hers yet. */
static void motherhood(const struct cf_child *c, hdate ye, struct s9_child *v)
{
	bool later = c->mc_dob != DATE_NONE && c->mc_dob > ye;
	v->mother = str_eq(c->mother, "1") && later ? "0" : c->mother;
	v->mc_dob = later ? DATE_NONE : c->mc_dob;
}

/* The child's recorded OC2 items for the year, into o. */
static void oc2_items(const struct casefile *cf, int year, struct arena *a, struct s9_oc2 *o)
{
	_Static_assert(OC2_INTERVENTION_OFFERED - OC2_CONVICTED + 1 == CF_OC2_ITEM_MAX, "the yes/no items line up");
	for (size_t i = 0; i < cf->n_oc2; i++) {
		const struct cf_oc2 *r = &cf->oc2[i];
		if (r->year_end == DATE_NONE || returns_year_of(r->year_end) != year) {
			continue;
		}
		o->v[OC2_SDQ_SCORE] = r->sdq_score >= 0 ? arena_printf(a, "%d", r->sdq_score) : NULL;
		o->v[OC2_SDQ_REASON] = r->sdq_reason;
		for (int k = 0; k < CF_OC2_ITEM_MAX; k++) {
			o->v[OC2_CONVICTED + k] = r->item[k];
		}
		o->id = r->id;
	}
}

static bool oc2_recorded(const struct casefile *cf, int year)
{
	for (size_t i = 0; i < cf->n_oc2; i++) {
		if (cf->oc2[i].year_end != DATE_NONE && returns_year_of(cf->oc2[i].year_end) == year) {
			return true;
		}
	}
	return false;
}

bool view903_build(const struct casefile *cf, const struct returns_extras *x, int year, struct arena *a,
		   struct s9_child *v)
{
	hdate ys = returns_year_start(year), ye = returns_year_end(year);
	memset(v, 0, sizeof(*v));
	v->id = cf->child.id;
	v->child = cf->child.la_child_id;
	v->dob = cf->child.dob;
	v->death = cf->child.death;
	motherhood(&cf->child, ye, v);

	/* Episodes in the year, and the history up to its end. */
	struct s9_episode *hist = arena_alloc(a, sizeof(*hist) * (cf->n_episodes ? cf->n_episodes : 1));
	size_t n_hist = 0;
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		if (e->start == DATE_NONE || e->start > ye) {
			continue;
		}
		convert_episode(e, ye, &hist[n_hist++]);
		if (e->end == DATE_NONE || e->end >= ys) {
			*ARR_PUSH(a, v->episodes, v->n_episodes, v->cap_episodes) = hist[n_hist - 1];
		}
	}
	v->hist = hist;
	v->n_hist = n_hist;

	hdate bday = oc3_birthday(cf, ys, ye);
	if (v->n_episodes == 0 && bday == DATE_NONE) {
		return false;
	}
	v->header = true;
	v->n_header = 1;
	v->sex = s9_sex_out(cf->child.sex, year);
	v->ethnic = cf->child.ethnicity;

	for (size_t i = 0; i < cf->n_cla_reviews; i++) {
		const struct cf_dated *r = &cf->cla_reviews[i];
		if (r->date >= ys && r->date <= ye) {
			*ARR_PUSH(a, v->reviews, v->n_reviews, v->cap_reviews) =
				(struct s9_review){v->dob, r->date, r->code, 0, r->id};
		}
	}
	for (size_t i = 0; i < cf->n_missing; i++) {
		const struct cf_missing *m = &cf->missing[i];
		hdate s = instant_date(m->start), e = m->end ? instant_date(m->end) : DATE_NONE;
		if (s > ye || (e != DATE_NONE && e < ys)) {
			continue;
		}
		*ARR_PUSH(a, v->missing, v->n_missing, v->cap_missing) =
			(struct s9_missing){v->dob, s, e != DATE_NONE && e <= ye ? e : DATE_NONE, m->away ? "A" : "M", 0,
					    m->id};
	}
	/* DoLOs open in the year, from 2026-27 (the table's first year): an end after the
	 * year is not yet known to the return, so blank. */
	for (size_t i = 0; year >= 2027 && i < cf->n_dolos; i++) {
		const struct cf_dolo *d = &cf->dolos[i];
		if (d->start == DATE_NONE || d->start > ye || (d->end != DATE_NONE && d->end < ys)) {
			continue;
		}
		*ARR_PUSH(a, v->dolo, v->n_dolo, v->cap_dolo) =
			(struct s9_dolo){v->dob, d->start, d->end != DATE_NONE && d->end <= ye ? d->end : DATE_NONE, 0, d->id};
	}
	if (cf->child.uasc && v->n_episodes > 0) { /* not for care leavers (rule 1014) */
		hdate duc = cf->child.uasc_ceased;
		*ARR_PUSH(a, v->uasc, v->n_uasc, v->cap_uasc) =
			(struct s9_uasc){v->sex, v->dob, duc != DATE_NONE && duc <= ye ? duc : DATE_NONE, 0};
	}

	/* OC2: looked after on 31 March, continuously for 12 months, not on short breaks. */
	bool in_care_ye = v->n_episodes > 0 && v->episodes[v->n_episodes - 1].dec == DATE_NONE;
	bool oc2 = oc2_recorded(cf, year);
	if (in_care_ye && !code_in(v->episodes[v->n_episodes - 1].ls, short_break_ls)) {
		hdate start = clock_period_start(cf, ye);
		oc2 = oc2 || (start != DATE_NONE && start <= ys);
	}
	if (oc2) {
		struct s9_oc2 *o = ARR_PUSH(a, v->oc2, v->n_oc2, v->cap_oc2);
		o->dob = v->dob;
		oc2_items(cf, year, a, o);
	}
	if (bday != DATE_NONE) {
		const struct cf_leaver_contact *c = oc3_contact(cf, bday);
		struct s9_oc3 *o = ARR_PUSH(a, v->oc3, v->n_oc3, v->cap_oc3);
		o->dob = v->dob;
		if (c) {
			o->id = c->id;
			o->in_touch = c->in_touch;
			o->activ = c->activity;
			o->accom = c->accommodation;
		} else {
			o->in_touch = "NO";
			o->activ = "0";
			o->accom = "0";
		}
	}
	for (size_t i = 0; i < v->n_episodes; i++) {
		const struct s9_episode *e = &v->episodes[i];
		if (!code_in(e->rec, adopted_rec) || !dok(e->dec)) {
			continue;
		}
		const struct cf_adoption *ad = adoption_before(cf, e->dec);
		struct s9_ad1 *o = ARR_PUSH(a, v->ad1, v->n_ad1, v->cap_ad1);
		o->dob = v->dob;
		o->date_int = ad ? ad->decision : DATE_NONE;
		o->date_match = ad ? ad->matched : DATE_NONE;
		o->id = ad ? ad->id : 0;
		o->nb_adoptr = ad && ad->adopters_number > 0 ? arena_printf(a, "%d", ad->adopters_number) : NULL;
		o->sex_adoptr = ad ? ad->adopters_sex : NULL;
		o->ls_adoptr = ad ? ad->adopters_legal_status : NULL;
		static const char *const with_carer[] = {"A3", "A5", NULL}, *const other[] = {"A4", "A6", NULL};
		o->foster_care = code_in(e->place, with_carer) ? "1" : code_in(e->place, other) ? "0" : NULL;
	}
	for (size_t i = 0; i < cf->n_adoptions; i++) {
		const struct cf_adoption *ad = &cf->adoptions[i];
		if (ad->decision == DATE_NONE || ad->decision > ye || (ad->ceased != DATE_NONE && ad->ceased < ys)) {
			continue;
		}
		bool ceased = ad->ceased != DATE_NONE && ad->ceased <= ye;
		*ARR_PUSH(a, v->placed, v->n_placed, v->cap_placed) =
			(struct s9_placed){v->dob, ad->decision, ceased ? ad->ceased : DATE_NONE,
					   ceased ? ad->ceased_reason : NULL, 0, ad->id};
	}
	for (size_t i = 0; i < v->n_episodes; i++) {
		const struct s9_episode *e = &v->episodes[i];
		if (str_eq(e->rne, "S") && e->decom >= ys) {
			const struct cf_child *c = &cf->child;
			*ARR_PUSH(a, v->prevperm, v->n_prevperm, v->cap_prevperm) =
				sok(c->prev_perm) ? (struct s9_prevperm){v->dob, c->prev_perm_date, c->prev_perm, c->prev_perm_la, 0}
						  : (struct s9_prevperm){v->dob, DATE_NONE, "Z1", NULL, 0};
			break;
		}
	}
	if (year >= 2024 && in_care_ye) {
		for (size_t i = 0; i < cf->n_allocations; i++) {
			const struct cf_allocation *al = &cf->allocations[i];
			if (al->kind != ALLOC_SOCIAL_WORKER || al->start > ye ||
			    (al->end != DATE_NONE && al->end < ys)) {
				continue;
			}
			bool ended = al->end != DATE_NONE && al->end <= ye;
			*ARR_PUSH(a, v->sw, v->n_sw, v->cap_sw) =
				(struct s9_sw){v->dob, al->start, ended ? al->end : DATE_NONE,
					       rx_worker_swid(x, al->worker_id), ended ? al->reason : NULL, 0, al->id};
		}
	}
	v->upn = sok(cf->child.upn) ? cf->child.upn : cf->child.upn_unknown;
	return true;
}
