/* viewcin: one child's CIN census record for a collection year, made from the record.
 *
 * A child is in the census when one of its referrals (a CIN episode) was open on some day
 * of the year: referred on or before 31 March and not closed before 1 April. Each such
 * referral is a CINdetails module holding what hangs from it (by referral id) and was
 * open in the year: assessments (authorisation date and factors shown when on or before
 * 31 March), CIN plans, section 47 enquiries (with the ICPC, at the Section47 level only)
 * and CP plans with their review conferences in the year. Closure dates after 31 March
 * are not shown. NumberOfPreviousCPP is the number recorded on the plan (it counts plans
 * in other authorities too) or, when none is, the child's CP plans in the record that
 * started before it. The latest category of abuse is the plan's category, the initial one
 * the category it began with when that is recorded (else the same). UPNunknown is the
 * recorded reason, for a child without a UPN. Family Help under s.17 is a CIN plan of its
 * referral (family_help_census below). */
#include <string.h>
#include <strings.h>

#include "clock/clock.h"
#include "returns/internal.h"

const char *ci_sex_out(const char *sex, int year)
{
	if (!sex || year >= 2025) {
		return sex;
	}
	return strcmp(sex, "M") == 0 ? "1" : strcmp(sex, "F") == 0 ? "2" : "0";
}

const char *ci_sex_in(const char *code, int year)
{
	(void)year;
	if (!code) {
		return NULL;
	}
	if (strcasecmp(code, "M") == 0 || strcmp(code, "1") == 0) {
		return "M";
	}
	if (strcasecmp(code, "F") == 0 || strcmp(code, "2") == 0) {
		return "F";
	}
	if (strcasecmp(code, "U") == 0 || strcmp(code, "0") == 0 || strcmp(code, "9") == 0) {
		return "U";
	}
	return NULL;
}

/* Splits a factors string ("2B, 3A 4B") into codes in the arena. */
static size_t split_factors(const char *s, struct arena *a, const char ***out)
{
	*out = NULL;
	if (!sok(s)) {
		return 0;
	}
	size_t n = 0, cap = 0;
	const char **codes = NULL;
	while (*s) {
		size_t skip = strspn(s, " ,;\t");
		s += skip;
		size_t len = strcspn(s, " ,;\t");
		if (len) {
			*ARR_PUSH(a, codes, n, cap) = arena_strndup(a, s, len);
		}
		s += len;
	}
	*out = codes;
	return n;
}

/* Family Help (Families First) in the DfE's CIN definitions, by level: help under s.17 is
 * child in need, written as a CIN plan (CINPlanDates) of the referral it names; targeted
 * help is not in the census, as targeted early help was not. No DfE mapping has been
 * published (standards/changes-2026 README): this table is the one place to change. */
static const struct {
	const char *level;
	bool cin_plan;
} family_help_census[] = {{"s17", true}, {"targeted", false}};

static bool family_help_is_cin(const char *level)
{
	for (size_t i = 0; level && i < sizeof(family_help_census) / sizeof(family_help_census[0]); i++) {
		if (strcmp(family_help_census[i].level, level) == 0) {
			return family_help_census[i].cin_plan;
		}
	}
	return false;
}

/* Whether the referral already has a CIN plan starting on that day (a Family Help episode
 * recorded beside its CIN plan is one plan, not two). */
static bool has_cin_plan(const struct casefile *cf, int64_t referral_id, hdate start)
{
	for (size_t i = 0; i < cf->n_cin_plans; i++) {
		if (cf->cin_plans[i].referral_id == referral_id && cf->cin_plans[i].start == start) {
			return true;
		}
	}
	return false;
}

/* NumberOfPreviousCPP: as recorded, or the record's plans that began before p. */
static int previous_plans(const struct casefile *cf, const struct cf_plan *p)
{
	if (p->previous_recorded) {
		return p->previous_plans;
	}
	int n = 0;
	for (size_t k = 0; k < cf->n_cp_plans; k++) {
		n += cf->cp_plans[k].start < p->start;
	}
	return n;
}

/* s.16EA Children Act 2004: an s.47 enquiry or CP plan that begins on or after the day the
 * MACPT duty applies here (the setting macpt_duty_from) names the MACPT responsible. */
static bool no_macpt(const struct returns_extras *x, hdate start, int64_t macpt_id)
{
	hdate from = rx_macpt_duty_from(x);
	return from != DATE_NONE && start != DATE_NONE && start >= from && macpt_id == 0;
}

bool viewcin_build(const struct casefile *cf, const struct returns_extras *x, int year, struct arena *a,
		   struct ci_child *v)
{
	hdate ys = returns_year_start(year), ye = returns_year_end(year);
	memset(v, 0, sizeof(*v));
	for (size_t r = 0; r < cf->n_referrals; r++) {
		const struct cf_referral *ref = &cf->referrals[r];
		if (ref->date == DATE_NONE || ref->date > ye || (ref->closed != DATE_NONE && ref->closed < ys)) {
			continue;
		}
		struct ci_details *d = ARR_PUSH(a, v->details, v->n_details, v->cap_details);
		memset(d, 0, sizeof(*d));
		bool closed = ref->closed != DATE_NONE && ref->closed <= ye;
		d->id = ref->id;
		d->referral = ref->date;
		d->source = ref->source;
		d->need = ref->need;
		d->closure = closed ? ref->closed : DATE_NONE;
		d->reason = closed ? ref->closure_reason : NULL;
		d->icpc = DATE_NONE;
		d->nfa = ref->nfa ? "1" : "0";
		for (size_t i = 0; i < cf->n_assessments; i++) {
			const struct cf_assessment *as = &cf->assessments[i];
			if (as->referral_id != ref->id || as->start > ye ||
			    (as->authorised != DATE_NONE && as->authorised < ys)) {
				continue;
			}
			struct ci_assessment *o = ARR_PUSH(a, d->assessments, d->n_assessments, d->cap_assessments);
			memset(o, 0, sizeof(*o));
			o->id = as->id;
			o->start = as->start;
			o->review = DATE_NONE;
			o->authorised = as->authorised != DATE_NONE && as->authorised <= ye ? as->authorised : DATE_NONE;
			if (o->authorised != DATE_NONE) {
				o->n_factors = split_factors(rx_factors(x, as->id), a, &o->factors);
			}
		}
		for (size_t i = 0; i < cf->n_cin_plans; i++) {
			const struct cf_plan *p = &cf->cin_plans[i];
			if (p->referral_id != ref->id || p->start > ye || (p->end != DATE_NONE && p->end < ys)) {
				continue;
			}
			*ARR_PUSH(a, d->plans, d->n_plans, d->cap_plans) =
				(struct ci_plan){p->start, p->end != DATE_NONE && p->end <= ye ? p->end : DATE_NONE, 0, p->id};
		}
		for (size_t i = 0; i < cf->n_family_help; i++) {
			const struct cf_family_help *f = &cf->family_help[i];
			if (f->referral_id != ref->id || !family_help_is_cin(f->level) || f->start == DATE_NONE ||
			    f->start > ye || (f->end != DATE_NONE && f->end < ys) || has_cin_plan(cf, ref->id, f->start)) {
				continue;
			}
			*ARR_PUSH(a, d->plans, d->n_plans, d->cap_plans) =
				(struct ci_plan){f->start, f->end != DATE_NONE && f->end <= ye ? f->end : DATE_NONE, 0, f->id};
		}
		for (size_t i = 0; i < cf->n_s47s; i++) {
			const struct cf_s47 *s = &cf->s47s[i];
			hdate start = s->start != DATE_NONE ? s->start : s->strategy;
			if (s->referral_id != ref->id || start == DATE_NONE || start > ye) {
				continue;
			}
			bool open_at_start = s->icpc != DATE_NONE ? s->icpc >= ys : !s->icpc_not_required;
			if (start < ys && !open_at_start) {
				continue;
			}
			struct ci_s47 *o = ARR_PUSH(a, d->s47s, d->n_s47s, d->cap_s47s);
			o->id = s->id;
			o->start = start;
			o->target = clock_deadline(clock_rule_for(CLOCK_ICPC, s->strategy), s->strategy, NULL);
			o->icpc = s->icpc != DATE_NONE && s->icpc <= ye ? s->icpc : DATE_NONE;
			o->not_required = s->icpc_not_required ? "1" : "0";
			o->no_macpt = no_macpt(x, start, s->macpt_id);
		}
		for (size_t i = 0; i < cf->n_cp_plans; i++) {
			const struct cf_plan *p = &cf->cp_plans[i];
			if (p->referral_id != ref->id || p->start > ye || (p->end != DATE_NONE && p->end < ys)) {
				continue;
			}
			struct ci_cpp *o = ARR_PUSH(a, d->cpps, d->n_cpps, d->cap_cpps);
			memset(o, 0, sizeof(*o));
			o->id = p->id;
			o->start = p->start;
			o->end = p->end != DATE_NONE && p->end <= ye ? p->end : DATE_NONE;
			o->latest = p->category;
			o->initial = sok(p->initial_category) ? p->initial_category : p->category;
			o->previous = previous_plans(cf, p);
			o->no_macpt = no_macpt(x, p->start, p->macpt_id);
			size_t cap = 0;
			for (size_t k = 0; k < cf->n_cp_reviews; k++) {
				const struct cf_dated *rv = &cf->cp_reviews[k];
				if (rv->parent_id == p->id && rv->date >= ys && rv->date <= ye) {
					*ARR_PUSH(a, o->reviews, o->n_reviews, cap) = rv->date;
				}
			}
		}
	}
	if (v->n_details == 0) {
		return false;
	}
	cin_pp_view(cf, year, v, a);
	v->id = cf->child.id;
	v->la_id = cf->child.la_child_id;
	v->upn = sok(cf->child.upn) ? cf->child.upn : NULL;
	v->former_upn = cf->child.former_upn;
	v->upn_unknown = v->upn ? NULL : cf->child.upn_unknown;
	v->dob = cf->child.dob;
	v->expected = cf->child.dob == DATE_NONE ? cf->child.expected_dob : DATE_NONE;
	v->death = cf->child.death;
	v->sex = ci_sex_out(cf->child.sex, year);
	v->ethnicity = cf->child.ethnicity;
	const char **codes;
	size_t n = rx_disabilities(x, cf->child.id, &codes);
	if (n) {
		v->disabilities = arena_alloc(a, sizeof(*codes) * n);
		memcpy(v->disabilities, codes, sizeof(*codes) * n);
		v->n_disabilities = n;
	}
	return true;
}
