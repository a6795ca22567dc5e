/* rules903_more: the DfE's SSDA903 validation rules on the tables beside Header and
 * Episodes — Reviews, UASC, Missing, OC3, OC2, AD1, PlacedAdoption, PrevPerm, SWEpisodes —
 * and the checks a set of files needs (rows whose child has no Header row, dates of birth
 * that disagree, a child twice in a table). Same sources, conventions and invariants as
 * rules903.c; the engine joins the two tables. */
#include "returns/rules903.h"

/* ---- Reviews ---- */

static bool respite_only(const struct s9_child *c)
{
	if (c->n_episodes == 0) {
		return false;
	}
	for (size_t i = 0; i < c->n_episodes; i++) {
		if (!one_of(c->episodes[i].ls, RESPITE)) {
			return false;
		}
	}
	return true;
}

static void r166(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_reviews; i++) {
		if (!dok(V->reviews[i].date)) {
			rv(x, i, "REVIEW is %s", V->reviews[i].date == RDATE_BAD ? "not a valid date" : "blank");
		}
	}
}

static void r167(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_reviews; i++) {
		if (!code_valid_in_year("review_participation", V->reviews[i].code, x->year)) {
			rv(x, i, "REVIEW_CODE '%s'", V->reviews[i].code ? V->reviews[i].code : "");
		}
	}
}

/* 440 and 441 are rules on the Reviews table: its fields are that table's DOB, REVIEW and
 * REVIEW_CODE, so the age at a review is taken from the review row's own DOB (a return's
 * Reviews file carries one); the Header's only when the row has none (the record's views).
 * That the two DOBs disagree is INT17's to say. */
static hdate review_dob(const struct returns_ctx *x, size_t i)
{
	return dok(V->reviews[i].dob) ? V->reviews[i].dob : V->dob;
}

static void r440(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_reviews; i++) {
		int age = age_at(review_dob(x, i), V->reviews[i].date);
		if (is(V->reviews[i].code, "PN0") && age >= 4) {
			rv(x, i, "PN0 at age %d", age);
		}
	}
}

static void r441(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_reviews; i++) {
		int age = age_at(review_dob(x, i), V->reviews[i].date);
		if (sok(V->reviews[i].code) && !is(V->reviews[i].code, "PN0") && age >= 0 && age < 4) {
			rv(x, i, "%s at age %d", V->reviews[i].code, age);
		}
	}
}

static void r399(struct returns_ctx *x)
{
	if (respite_only(V) && (V->n_reviews > 0 || sok(V->mother))) {
		hd(x, "reviews or MOTHER for a child only on short breaks");
	}
}

/* ---- UASC ---- */

static void r104(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_uasc; i++) {
		if (V->uasc[i].duc == RDATE_BAD) {
			ua(x, i, "DUC is not a valid date");
		}
	}
}

static void r304(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_uasc; i++) {
		if (dok(V->uasc[i].duc) && dok(V->dob) && V->uasc[i].duc > date_birthday(V->dob, 18)) {
			char b[DATE_STR_SIZE];
			ua(x, i, "DUC %s is after the 18th birthday", dmy(V->uasc[i].duc, b));
		}
	}
}

static void rINT21(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_uasc; i++) {
		const char *a = s9_sex_in(V->uasc[i].sex, x->year), *b = s9_sex_in(V->sex, x->year);
		if (V->header && a && b && strcmp(a, b) != 0) {
			ua(x, i, "SEX %s, Header SEX %s", V->uasc[i].sex, V->sex);
		}
	}
}

static void r1014(struct returns_ctx *x)
{
	if (V->n_uasc && V->n_oc3 && V->n_episodes == 0) {
		ua(x, 0, "UASC row for a care leaver");
	}
}

/* ---- Missing ---- */

static void r564(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (sok(V->missing[i].type) && V->missing[i].start == DATE_NONE) {
			ms(x, i, "MIS_START is blank");
		}
	}
}

static void r1004(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (V->missing[i].start == RDATE_BAD) {
			ms(x, i, "MIS_START is not a valid date");
		}
	}
}

static void r1005(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (V->missing[i].end == RDATE_BAD) {
			ms(x, i, "MIS_END is not a valid date");
		}
	}
}

static void r1006(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		const char *t = V->missing[i].type;
		if (sok(t) && !is(t, "M") && !is(t, "A")) {
			ms(x, i, "MISSING '%s'", t);
		}
	}
}

static void r565(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (V->missing[i].start != DATE_NONE && !sok(V->missing[i].type)) {
			ms(x, i, "MIS_START without MISSING");
		}
	}
}

static void r566(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (V->missing[i].end != DATE_NONE && !sok(V->missing[i].type)) {
			ms(x, i, "MIS_END without MISSING");
		}
	}
}

static void r567(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		const struct s9_missing *m = &V->missing[i];
		if (dok(m->start) && dok(m->end) && m->end < m->start) {
			ms(x, i, "MIS_END before MIS_START");
		}
	}
}

static void r570(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (dok(V->missing[i].start) && V->missing[i].start > x->ye) {
			ms(x, i, "MIS_START after the year");
		}
	}
}

static void r571(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		hdate e = V->missing[i].end;
		if (dok(e) && (e < x->ys || e > x->ye)) {
			ms(x, i, "MIS_END outside the year");
		}
	}
}

static void r574(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		for (size_t k = 0; k < V->n_missing; k++) {
			const struct s9_missing *a = &V->missing[i], *b = &V->missing[k];
			if (k != i && dok(a->start) && dok(b->start) && (b->start < a->start || (b->start == a->start && k < i)) &&
			    (!dok(b->end) || b->end > a->start)) {
				ms(x, i, "begins while another missing period is open");
				break;
			}
		}
	}
}

static void r575(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		const struct s9_missing *m = &V->missing[i];
		const struct s9_episode *e = episode_on(V, m->start);
		if (m->end == DATE_NONE && e && dok(e->dec) && (!ceased_lac(V, NULL) || e->dec != ceased_lac(V, NULL))) {
			ms(x, i, "the placement ended but MIS_END is blank");
		}
	}
}

static void r577(struct returns_ctx *x)
{
	hdate ceased = ceased_lac(V, NULL);
	for (size_t i = 0; dok(ceased) && i < V->n_missing; i++) {
		if (V->missing[i].end == DATE_NONE && dok(V->missing[i].start) && V->missing[i].start <= ceased) {
			ms(x, i, "care ended but MIS_END is blank");
		}
	}
}

static void r578(struct returns_ctx *x)
{
	hdate ceased = ceased_lac(V, NULL);
	for (size_t i = 0; dok(ceased) && i < V->n_missing; i++) {
		if (dok(V->missing[i].start) && V->missing[i].start > ceased) {
			ms(x, i, "MIS_START after care ended");
		}
	}
}

static void r580(struct returns_ctx *x)
{
	const char *rec = NULL;
	hdate ceased = ceased_lac(V, &rec);
	for (size_t i = 0; dok(ceased) && i < V->n_missing; i++) {
		const struct s9_missing *m = &V->missing[i];
		if (dok(m->start) && m->start <= ceased && (!dok(m->end) || m->end > ceased) && !is(rec, "E8")) {
			ms(x, i, "missing when care ended with REC %s", rec);
		}
	}
}

static void r581(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	for (size_t i = 0; n && i < V->n_missing; i++) {
		if (dok(V->missing[i].start) && dok(h[0].decom) && V->missing[i].start < h[0].decom) {
			ms(x, i, "MIS_START before the child was looked after");
		}
	}
}

static void r586(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_missing; i++) {
		if (dok(V->missing[i].start) && dok(V->dob) && V->missing[i].start < V->dob) {
			ms(x, i, "MIS_START before DOB");
		}
	}
}

/* ---- OC3 ---- */

static void r131(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc3; i++) {
		if (sok(V->oc3[i].in_touch) && !code_valid_in_year("oc3_in_touch", V->oc3[i].in_touch, x->year)) {
			o3(x, i, "IN_TOUCH '%s'", V->oc3[i].in_touch);
		}
	}
}

static void r132(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc3; i++) {
		if (sok(V->oc3[i].activ) && !code_valid_in_year("oc3_activity", V->oc3[i].activ, x->year)) {
			o3(x, i, "ACTIV '%s' is not a %d code", V->oc3[i].activ, x->year);
		}
	}
}

static void r133(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc3; i++) {
		if (sok(V->oc3[i].accom) && !code_valid_in_year("oc3_accommodation", V->oc3[i].accom, x->year)) {
			o3(x, i, "ACCOM '%s'", V->oc3[i].accom);
		}
	}
}

static void r153(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc3; i++) {
		const struct s9_oc3 *o = &V->oc3[i];
		int n = sok(o->in_touch) + sok(o->activ) + sok(o->accom);
		if (n != 0 && n != 3) {
			o3(x, i, "only %d of IN_TOUCH, ACTIV, ACCOM given", n);
		}
	}
}

static void r344(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc3; i++) {
		const struct s9_oc3 *o = &V->oc3[i];
		if ((is(o->in_touch, "DIED") || is(o->in_touch, "RHOM")) &&
		    ((sok(o->activ) && !is(o->activ, "0")) || (sok(o->accom) && !is(o->accom, "0")))) {
			o3(x, i, "IN_TOUCH %s with activity or accommodation", o->in_touch);
		}
	}
}

static void r345(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc3; i++) {
		const struct s9_oc3 *o = &V->oc3[i];
		if (is(o->in_touch, "YES") && (is(o->activ, "0") || is(o->accom, "0"))) {
			o3(x, i, "IN_TOUCH YES with ACTIV %s, ACCOM %s", o->activ ? o->activ : "", o->accom ? o->accom : "");
		}
	}
}

static bool birthday_in_year(const struct returns_ctx *x, int lo, int hi)
{
	for (int age = lo; dok(V->dob) && age <= hi; age++) {
		hdate b = date_birthday(V->dob, age);
		if (b >= x->ys && b <= x->ye) {
			return true;
		}
	}
	return false;
}

static void r391(struct returns_ctx *x)
{
	if (V->n_oc3 && dok(V->dob) && !birthday_in_year(x, 17, 21)) {
		o3(x, 0, "no 17th to 21st birthday in the year (aged %d at 31 March)", age_at(V->dob, x->ye));
	}
}

static void r1000(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	for (size_t i = 0; V->n_oc3 && i < n; i++) {
		if (is(h[i].rec, "E2")) {
			o3(x, 0, "care leaver information for a child who died in care");
			return;
		}
	}
}

/* "This child has no previous episodes of care": the DfE's rule reads the episodes of earlier
 * years (Episodes_last). The record holds them all (hist); a return's files hold only the
 * year, and a care leaver with no episode in the year is the usual case, not an error, so
 * from files the rule cannot tell and does not fire (it needs last year's return). */
static void r1002(struct returns_ctx *x)
{
	if (x->from_record && V->n_oc3 && V->n_hist == 0 && V->n_episodes == 0) {
		o3(x, 0, "no episodes of care are held for this young person");
	}
}

static bool lac_on(const struct s9_child *c, hdate d)
{
	const struct s9_episode *h = c->n_hist ? c->hist : c->episodes;
	size_t n = c->n_hist ? c->n_hist : c->n_episodes;
	for (size_t i = 0; i < n; i++) {
		if (dok(h[i].decom) && h[i].decom <= d && (!dok(h[i].dec) || h[i].dec > d)) {
			return true;
		}
	}
	return false;
}

static void r1007(struct returns_ctx *x)
{
	for (int age = 17; V->n_oc3 && dok(V->dob) && age <= 18; age++) {
		hdate b = date_birthday(V->dob, age);
		if (b >= x->ys && b <= x->ye && lac_on(V, b)) {
			o3(x, 0, "looked after on the %dth birthday", age);
		}
	}
}

static void r1011(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	if (V->n_oc3 && n && is(h[n - 1].rec, "E3")) {
		o3(x, 0, "care transferred to another authority (E3)");
	}
}

static void r3001(struct returns_ctx *x)
{
	if (!dok(V->dob)) {
		return;
	}
	hdate b = date_birthday(V->dob, 17);
	for (size_t i = 0; b >= x->ys && b <= x->ye && i < V->n_oc3; i++) {
		if (is(V->oc3[i].accom, "Z1") || is(V->oc3[i].accom, "Z2")) {
			o3(x, i, "ACCOM %s at the 17th birthday", V->oc3[i].accom);
		}
	}
}

static void r134(struct returns_ctx *x)
{
	if (V->n_oc3 && V->n_ad1) {
		o3(x, 0, "adoption rows for a care leaver");
	}
}

/* 187 is on the cohort, not on the OC2 row: its tables are Episodes, OC3 and AD1 and its
 * fields the care leaver and adoption items. A child looked after continuously for 12 months
 * at 31 March (lac_12m: still looked after) can be neither a care leaver nor adopted in the
 * year; each OC3 and AD1 row of such a child is reported. An OC2 row for a child outside the
 * cohort is 190's to report, and does not make this rule fire. */
static void r187(struct returns_ctx *x)
{
	if (!lac_12m(x)) {
		return;
	}
	for (size_t i = 0; i < V->n_oc3; i++) {
		o3(x, i, "care leaver information for a child looked after for 12 months at 31 March");
	}
	for (size_t i = 0; i < V->n_ad1; i++) {
		ad(x, i, "adoption information for a child looked after for 12 months at 31 March");
	}
}

static bool oc2_any(const struct s9_oc2 *o, int from, int to)
{
	for (int k = from; k <= to; k++) {
		if (sok(o->v[k])) {
			return true;
		}
	}
	return false;
}

static void r215(struct returns_ctx *x)
{
	for (size_t i = 0; V->n_oc3 && i < V->n_oc2; i++) {
		if (oc2_any(&V->oc2[i], OC2_CONVICTED, OC2_INTERVENTION_OFFERED)) {
			o2(x, i, "12-month items for a care leaver");
		}
	}
}

/* ---- OC2 ---- */

static void r180(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		const char *s = V->oc2[i].v[OC2_SDQ_SCORE];
		if (sok(s) && (s[strspn(s, "0123456789")] != '\0' || strlen(s) > 2 || atoi(s) > 40)) {
			o2(x, i, "SDQ_SCORE '%s'", s);
		}
	}
}

static void r196(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		const char *s = V->oc2[i].v[OC2_SDQ_REASON];
		if (sok(s) && !code_valid_in_year("oc2_sdq_reason", s, x->year)) {
			o2(x, i, "SDQ_REASON '%s'", s);
		}
	}
}

static void r181(struct returns_ctx *x)
{
	static const char *const names[OC2_FIELD_MAX] = {"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
							 "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
							 "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
							 "INTERVENTION_OFFERED"};
	for (size_t i = 0; i < V->n_oc2; i++) {
		for (int k = OC2_CONVICTED; k < OC2_FIELD_MAX; k++) {
			if (sok(V->oc2[i].v[k]) && !v01(V->oc2[i].v[k])) {
				o2(x, i, "%s '%s'", names[k], V->oc2[i].v[k]);
			}
		}
	}
}

static void r182(struct returns_ctx *x)
{
	static const int core[] = {OC2_IMMUNISATIONS, OC2_TEETH_CHECK, OC2_HEALTH_ASSESSMENT, OC2_SUBSTANCE_MISUSE};
	for (size_t i = 0; i < V->n_oc2; i++) {
		int n = 0;
		for (int k = 0; k < 4; k++) {
			n += sok(V->oc2[i].v[core[k]]);
		}
		if (n != 0 && n != 4) {
			o2(x, i, "%d of the 4 health items given", n);
		}
	}
}

static void r191(struct returns_ctx *x)
{
	static const int core[] = {OC2_IMMUNISATIONS, OC2_TEETH_CHECK, OC2_HEALTH_ASSESSMENT, OC2_SUBSTANCE_MISUSE};
	for (size_t i = 0; lac_12m(x) && i < V->n_oc2; i++) {
		for (int k = 0; k < 4; k++) {
			if (!sok(V->oc2[i].v[core[k]])) {
				o2(x, i, "a health item is blank");
				break;
			}
		}
	}
}

static void r192(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		if (is(V->oc2[i].v[OC2_SUBSTANCE_MISUSE], "1") && !sok(V->oc2[i].v[OC2_INTERVENTION_RECEIVED])) {
			o2(x, i, "SUBSTANCE_MISUSE 1, INTERVENTION_RECEIVED blank");
		}
	}
}

static void r193(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		const struct s9_oc2 *o = &V->oc2[i];
		if (!is(o->v[OC2_SUBSTANCE_MISUSE], "1") &&
		    (sok(o->v[OC2_INTERVENTION_RECEIVED]) || sok(o->v[OC2_INTERVENTION_OFFERED]))) {
			o2(x, i, "intervention items without a substance misuse problem");
		}
	}
}

static void r158(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		const struct s9_oc2 *o = &V->oc2[i];
		if (is(o->v[OC2_INTERVENTION_RECEIVED], "1") && sok(o->v[OC2_INTERVENTION_OFFERED])) {
			o2(x, i, "INTERVENTION_RECEIVED 1, INTERVENTION_OFFERED given");
		}
	}
}

static void r159(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		const struct s9_oc2 *o = &V->oc2[i];
		if (is(o->v[OC2_SUBSTANCE_MISUSE], "1") && is(o->v[OC2_INTERVENTION_RECEIVED], "0") &&
		    !sok(o->v[OC2_INTERVENTION_OFFERED])) {
			o2(x, i, "INTERVENTION_RECEIVED 0, INTERVENTION_OFFERED blank");
		}
	}
}

static void r188(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		int age = age_at(V->dob, x->ye);
		if (age >= 0 && age < 4 && oc2_any(&V->oc2[i], OC2_SDQ_SCORE, OC2_SDQ_REASON)) {
			o2(x, i, "SDQ for a child aged %d", age);
		}
	}
}

static void r189(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		int age = age_at(V->dob, x->ys);
		if (age >= 17 && oc2_any(&V->oc2[i], OC2_SDQ_SCORE, OC2_SDQ_REASON)) {
			o2(x, i, "SDQ for a young person aged %d", age);
		}
	}
}

static void r197a(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_SDQ_SCORE]) && sok(V->oc2[i].v[OC2_SDQ_REASON])) {
			o2(x, i, "both SDQ_SCORE and SDQ_REASON");
		}
	}
}

static void r186(struct returns_ctx *x)
{
	int a0 = age_at(V->dob, x->ys), a1 = age_at(V->dob, x->ye);
	for (size_t i = 0; lac_12m(x) && a0 >= 4 && a1 >= 0 && a1 < 17 && i < V->n_oc2; i++) {
		if (!oc2_any(&V->oc2[i], OC2_SDQ_SCORE, OC2_SDQ_REASON)) {
			o2(x, i, "no SDQ_SCORE or SDQ_REASON");
		}
	}
}

static void r157(struct returns_ctx *x)
{
	int a0 = age_at(V->dob, x->ys), a1 = age_at(V->dob, x->ye);
	for (size_t i = 0; a0 >= 4 && a1 >= 0 && a1 <= 16 && i < V->n_oc2; i++) {
		if (is(V->oc2[i].v[OC2_SDQ_REASON], "SDQ1")) {
			o2(x, i, "SDQ1 for a child aged %d", a1);
		}
	}
}

static void r542(struct returns_ctx *x)
{
	int age = age_at(V->dob, x->ye);
	for (size_t i = 0; age >= 0 && age < 10 && i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_CONVICTED])) {
			o2(x, i, "CONVICTED for a child aged %d", age);
		}
	}
}

static void r543(struct returns_ctx *x)
{
	for (size_t i = 0; lac_12m(x) && age_at(V->dob, x->ye) >= 10 && i < V->n_oc2; i++) {
		if (!sok(V->oc2[i].v[OC2_CONVICTED])) {
			o2(x, i, "CONVICTED blank");
		}
	}
}

static void r545(struct returns_ctx *x)
{
	int age = age_at(V->dob, x->ye);
	for (size_t i = 0; lac_12m(x) && age >= 0 && age < 5 && i < V->n_oc2; i++) {
		if (!sok(V->oc2[i].v[OC2_HEALTH_CHECK])) {
			o2(x, i, "HEALTH_CHECK blank for a child aged %d", age);
		}
	}
}

/* The DfE's 546 reads Episodes as well as OC2: it is a rule on the OC2 cohort (looked after
 * continuously for 12 months at 31 March), like 545 beside it. A child outside the cohort
 * with health items is 190's to report, not 546's as well. */
static void r546(struct returns_ctx *x)
{
	for (size_t i = 0; lac_12m(x) && age_at(V->dob, x->ye) >= 5 && i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_HEALTH_CHECK])) {
			o2(x, i, "HEALTH_CHECK for a child aged %d", age_at(V->dob, x->ye));
		}
	}
}

static bool core_complete(const struct s9_oc2 *o)
{
	return sok(o->v[OC2_IMMUNISATIONS]) && sok(o->v[OC2_TEETH_CHECK]) && sok(o->v[OC2_HEALTH_ASSESSMENT]) &&
	       sok(o->v[OC2_SUBSTANCE_MISUSE]);
}

static void r544(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_CONVICTED]) && !core_complete(&V->oc2[i])) {
			o2(x, i, "CONVICTED without the health items");
		}
	}
}

static void r547(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_HEALTH_CHECK]) && !core_complete(&V->oc2[i])) {
			o2(x, i, "HEALTH_CHECK without the health items");
		}
	}
}

static void r185(struct returns_ctx *x)
{
	for (size_t i = 0; !lac_12m(x) && i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_SDQ_SCORE])) {
			o2(x, i, "SDQ_SCORE but not looked after for 12 months");
		}
	}
}

static void r190(struct returns_ctx *x)
{
	for (size_t i = 0; !lac_12m(x) && i < V->n_oc2; i++) {
		if (oc2_any(&V->oc2[i], OC2_CONVICTED, OC2_INTERVENTION_OFFERED)) {
			o2(x, i, "12-month items but not looked after for 12 months");
		}
	}
}

static void r198(struct returns_ctx *x)
{
	for (size_t i = 0; !lac_12m(x) && i < V->n_oc2; i++) {
		if (sok(V->oc2[i].v[OC2_SDQ_REASON])) {
			o2(x, i, "SDQ_REASON but not looked after for 12 months");
		}
	}
}

/* ---- AD1 ---- */

static void r112(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (V->ad1[i].date_int == RDATE_BAD) {
			ad(x, i, "DATE_INT is not a valid date");
		}
	}
}

static void r113(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (V->ad1[i].date_match == RDATE_BAD) {
			ad(x, i, "DATE_MATCH is not a valid date");
		}
	}
}

static void r114(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (sok(V->ad1[i].foster_care) && !v01(V->ad1[i].foster_care)) {
			ad(x, i, "FOSTER_CARE '%s'", V->ad1[i].foster_care);
		}
	}
}

static void r175(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (sok(V->ad1[i].nb_adoptr) && !is(V->ad1[i].nb_adoptr, "1") && !is(V->ad1[i].nb_adoptr, "2")) {
			ad(x, i, "NB_ADOPTR '%s'", V->ad1[i].nb_adoptr);
		}
	}
}

static void r176(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (sok(V->ad1[i].sex_adoptr) && !code_valid("ad1_sex_adoptr", V->ad1[i].sex_adoptr)) {
			ad(x, i, "SEX_ADOPTR '%s'", V->ad1[i].sex_adoptr);
		}
	}
}

static void r177(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (sok(V->ad1[i].ls_adoptr) && !code_valid("ad1_ls_adoptr", V->ad1[i].ls_adoptr)) {
			ad(x, i, "LS_ADOPTR '%s'", V->ad1[i].ls_adoptr);
		}
	}
}

static void r151(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		const struct s9_ad1 *o = &V->ad1[i];
		int n = (o->date_int != DATE_NONE) + (o->date_match != DATE_NONE) + sok(o->foster_care) + sok(o->nb_adoptr) +
			sok(o->sex_adoptr) + sok(o->ls_adoptr);
		if (n != 0 && n != 6) {
			ad(x, i, "only %d of the 6 adoption items given", n);
		}
	}
}

static void r333(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (dok(V->ad1[i].date_int) && dok(V->ad1[i].date_match) && V->ad1[i].date_int > V->ad1[i].date_match) {
			ad(x, i, "DATE_INT after DATE_MATCH");
		}
	}
}

static void r331(struct returns_ctx *x)
{
	const struct s9_episode *p = first_adoption_placement(V);
	for (size_t i = 0; p && i < V->n_ad1; i++) {
		if (dok(V->ad1[i].date_match) && dok(p->decom) && V->ad1[i].date_match > p->decom) {
			char b[DATE_STR_SIZE];
			ad(x, i, "DATE_MATCH after the adoption placement began (%s)", dmy(p->decom, b));
		}
	}
}

static void r334(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		hdate start = latest_start(V, x->ye);
		if (dok(V->ad1[i].date_int) && dok(start) && V->ad1[i].date_int < start) {
			ad(x, i, "DATE_INT before the period of care began");
		}
	}
}

static void r335(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		const char *place = NULL;
		for (size_t k = 0; k < V->n_episodes; k++) {
			if (one_of(V->episodes[k].rec, ADOPTED)) {
				place = V->episodes[k].place;
			}
		}
		const char *fc = V->ad1[i].foster_care;
		bool with = is(place, "A3") || is(place, "A5"), other = is(place, "A4") || is(place, "A6");
		if ((is(fc, "0") && with) || (is(fc, "1") && other)) {
			ad(x, i, "FOSTER_CARE %s but the last placement was %s", fc, place);
		}
	}
}

static void r521(struct returns_ctx *x)
{
	const struct s9_episode *p = first_adoption_placement(V);
	for (size_t i = 0; p && i < V->n_ad1; i++) {
		if (dok(V->ad1[i].date_int) && dok(p->decom) && V->ad1[i].date_int > p->decom) {
			ad(x, i, "DATE_INT after the adoption placement began");
		}
	}
}

static void r523(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		bool found = false;
		for (size_t k = 0; k < V->n_placed; k++) {
			found = found || V->placed[k].date_placed == V->ad1[i].date_int;
		}
		if (dok(V->ad1[i].date_int) && V->n_placed && !found) {
			ad(x, i, "DATE_INT matches no DATE_PLACED");
		}
	}
}

static void r525(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		for (size_t k = 0; k < V->n_placed; k++) {
			if (V->placed[k].date_placed == V->ad1[i].date_int && V->placed[k].date_ceased != DATE_NONE) {
				ad(x, i, "adopted although the decision was reversed");
			}
		}
	}
}

static void r582(struct returns_ctx *x)
{
	for (size_t k = 0; k < V->n_episodes; k++) {
		const struct s9_episode *e = &V->episodes[k];
		for (size_t i = 0; one_of(e->rec, ADOPTED) && i < V->n_ad1; i++) {
			if (dok(e->dec) && e->dec == V->ad1[i].date_match) {
				ad(x, i, "matched on the day of adoption");
			}
		}
	}
}

static bool adopted_in_year(const struct returns_ctx *x)
{
	for (size_t k = 0; k < V->n_episodes; k++) {
		const struct s9_episode *e = &V->episodes[k];
		if (one_of(e->rec, ADOPTED) && dok(e->dec) && e->dec >= x->ys && e->dec <= x->ye) {
			return true;
		}
	}
	return false;
}

static void r601(struct returns_ctx *x)
{
	if (adopted_in_year(x) && V->n_ad1 == 0) {
		hd(x, "adopted in the year but no AD1 row");
	}
}

static void r602(struct returns_ctx *x)
{
	if (V->n_ad1 && !adopted_in_year(x)) {
		ad(x, 0, "AD1 row but not adopted in the year");
	}
}

static void adopter_combo(struct returns_ctx *x, const char *ls, const char *const *sexes, const char *label)
{
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (is(V->ad1[i].ls_adoptr, ls) && sok(V->ad1[i].sex_adoptr) && !one_of(V->ad1[i].sex_adoptr, sexes)) {
			ad(x, i, "LS_ADOPTR %s with SEX_ADOPTR %s (%s)", ls, V->ad1[i].sex_adoptr, label);
		}
	}
}

static void r511(struct returns_ctx *x)
{
	static const char *const couple[] = {"MM", "FF", "MF", NULL};
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (is(V->ad1[i].nb_adoptr, "2") && sok(V->ad1[i].sex_adoptr) && !one_of(V->ad1[i].sex_adoptr, couple)) {
			ad(x, i, "two adopters, SEX_ADOPTR %s", V->ad1[i].sex_adoptr);
		}
	}
}

static void r514(struct returns_ctx *x)
{
	static const char *const couple[] = {"MM", "FF", "MF", NULL};
	for (size_t i = 0; i < V->n_ad1; i++) {
		if (is(V->ad1[i].ls_adoptr, "L0") && one_of(V->ad1[i].sex_adoptr, couple)) {
			ad(x, i, "single adopter (L0) but SEX_ADOPTR %s", V->ad1[i].sex_adoptr);
		}
	}
}

static void r517(struct returns_ctx *x) { adopter_combo(x, "L3", (const char *const[]){"MF", NULL}, "MF"); }
static void r518(struct returns_ctx *x) { adopter_combo(x, "L4", (const char *const[]){"MM", "FF", NULL}, "MM or FF"); }
static void r519(struct returns_ctx *x) { adopter_combo(x, "L2", (const char *const[]){"MM", "FF", "MF", NULL}, "a couple"); }
static void r520(struct returns_ctx *x) { adopter_combo(x, "L11", (const char *const[]){"MF", NULL}, "MF"); }
static void r524(struct returns_ctx *x) { adopter_combo(x, "L12", (const char *const[]){"MM", "FF", NULL}, "MM or FF"); }

/* ---- PlacedAdoption ---- */

static void r115(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		if (V->placed[i].date_placed == RDATE_BAD) {
			pa(x, i, "DATE_PLACED is not a valid date");
		}
	}
}

static void r116(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		if (V->placed[i].date_ceased == RDATE_BAD) {
			pa(x, i, "DATE_PLACED_CEASED is not a valid date");
		}
	}
}

static void r117(struct returns_ctx *x)
{
	hdate ceased = ceased_lac(V, NULL);
	for (size_t i = 0; i < V->n_placed; i++) {
		const struct s9_placed *p = &V->placed[i];
		if ((dok(p->date_placed) && (p->date_placed > x->ye || (dok(ceased) && p->date_placed > ceased))) ||
		    (dok(p->date_ceased) && p->date_ceased > x->ye)) {
			pa(x, i, "a decision dated after the year or after care ended");
		}
	}
}

static void r119(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		const struct s9_placed *p = &V->placed[i];
		if ((p->date_ceased != DATE_NONE) != sok(p->reason)) {
			pa(x, i, "%s", p->date_ceased != DATE_NONE ? "DATE_PLACED_CEASED without a reason"
								    : "REASON_PLACED_CEASED without a date");
		}
	}
}

static void r120(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		if (sok(V->placed[i].reason) && !code_valid("reason_placed_ceased", V->placed[i].reason)) {
			pa(x, i, "REASON_PLACED_CEASED '%s'", V->placed[i].reason);
		}
	}
}

static void r184(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		if (dok(V->placed[i].date_placed) && dok(V->dob) && V->placed[i].date_placed < V->dob) {
			pa(x, i, "DATE_PLACED before DOB");
		}
	}
}

static void r522(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		const struct s9_placed *p = &V->placed[i];
		if (dok(p->date_placed) && dok(p->date_ceased) && p->date_placed > p->date_ceased) {
			pa(x, i, "DATE_PLACED after DATE_PLACED_CEASED");
		}
	}
}

static void r551(struct returns_ctx *x)
{
	const struct s9_episode *p = first_adoption_placement(V);
	if (p && V->n_placed == 0) {
		ep(x, (size_t)(p - V->episodes), "placed for adoption (%s) without DATE_PLACED", p->place);
	}
}

static void r552(struct returns_ctx *x)
{
	const struct s9_episode *p = first_adoption_placement(V);
	for (size_t i = 0; p && i < V->n_placed; i++) {
		if (dok(V->placed[i].date_placed) && dok(p->decom) && V->placed[i].date_placed > p->decom &&
		    !dok(V->placed[i].date_ceased)) {
			pa(x, i, "DATE_PLACED after the child was placed for adoption");
		}
	}
}

static const struct s9_episode *first_ls(const struct s9_child *c, const char *ls)
{
	for (size_t i = 0; i < c->n_episodes; i++) {
		if (is(c->episodes[i].ls, ls)) {
			return &c->episodes[i];
		}
	}
	return NULL;
}

static void r553(struct returns_ctx *x)
{
	const struct s9_episode *e = first_ls(V, "E1");
	if (e && V->n_placed == 0) {
		ep(x, (size_t)(e - V->episodes), "placement order without DATE_PLACED");
	}
}

static void r554(struct returns_ctx *x)
{
	const struct s9_episode *e = first_ls(V, "E1");
	for (size_t i = 0; e && i < V->n_placed; i++) {
		if (dok(V->placed[i].date_placed) && dok(e->decom) && V->placed[i].date_placed > e->decom &&
		    !dok(V->placed[i].date_ceased)) {
			pa(x, i, "DATE_PLACED after the placement order");
		}
	}
}

static void r555(struct returns_ctx *x)
{
	const struct s9_episode *e = first_ls(V, "D1");
	if (e && V->n_placed == 0) {
		ep(x, (size_t)(e - V->episodes), "freeing order without DATE_PLACED");
	}
}

static void r556(struct returns_ctx *x)
{
	const struct s9_episode *e = first_ls(V, "D1");
	for (size_t i = 0; e && i < V->n_placed; i++) {
		if (dok(V->placed[i].date_placed) && dok(e->decom) && V->placed[i].date_placed > e->decom) {
			pa(x, i, "DATE_PLACED after the freeing order");
		}
	}
}

static void r557(struct returns_ctx *x)
{
	const char *rec = NULL;
	hdate ceased = ceased_lac(V, &rec);
	for (size_t i = 0; dok(ceased) && !one_of(rec, ADOPTED) && i < V->n_placed; i++) {
		if (V->placed[i].date_ceased == DATE_NONE) {
			pa(x, i, "left care (REC %s) not adopted, decision not reversed", rec);
		}
	}
}

static void r558(struct returns_ctx *x)
{
	const char *rec = NULL;
	hdate ceased = ceased_lac(V, &rec);
	for (size_t i = 0; dok(ceased) && one_of(rec, ADOPTED) && i < V->n_placed; i++) {
		if (V->placed[i].date_ceased != DATE_NONE && i + 1 == V->n_placed) {
			pa(x, i, "adopted but DATE_PLACED_CEASED given");
		}
	}
}

static void r563(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_placed; i++) {
		const struct s9_placed *p = &V->placed[i];
		if (p->date_placed == DATE_NONE && (p->date_ceased != DATE_NONE || sok(p->reason))) {
			pa(x, i, "decision reversed but DATE_PLACED blank");
		}
	}
}

static void r579(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_placed; i++) {
		const struct s9_placed *p = &V->placed[i - 1], *c = &V->placed[i];
		if (dok(c->date_placed) && dok(p->date_ceased) && c->date_placed < p->date_ceased) {
			pa(x, i, "a new decision before the earlier one was reversed");
		}
	}
}

static void r583(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_placed; i++) {
		if (V->placed[i - 1].date_ceased == DATE_NONE && dok(V->placed[i].date_placed)) {
			pa(x, i, "an earlier decision was never reversed");
		}
	}
}

static void r1003(struct returns_ctx *x)
{
	hdate start = latest_start(V, x->ye);
	for (size_t i = 0; dok(start) && i < V->n_placed; i++) {
		const struct s9_placed *p = &V->placed[i];
		if (dok(p->date_placed) && p->date_placed < start && (!dok(p->date_ceased) || p->date_ceased >= start)) {
			pa(x, i, "DATE_PLACED before the period of care began");
		}
	}
}

/* ---- PrevPerm ---- */

static void r631(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_prevperm; i++) {
		if (!code_valid("prev_perm", V->prevperm[i].prev_perm)) {
			pp(x, i, "PREV_PERM '%s'", V->prevperm[i].prev_perm ? V->prevperm[i].prev_perm : "");
		}
	}
}

static void r632(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_prevperm; i++) {
		hdate d = V->prevperm[i].date_perm;
		hdate start = latest_start(V, x->ye);
		if (d == RDATE_BAD || (dok(d) && dok(start) && d > start)) {
			pp(x, i, "DATE_PERM is not a date before the period of care");
		}
	}
}

static void r633(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_prevperm; i++) {
		if (sok(V->prevperm[i].la_perm) && !la_code_known(V->prevperm[i].la_perm)) {
			pp(x, i, "LA_PERM '%s'", V->prevperm[i].la_perm);
		}
	}
}

static void r635(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_prevperm; i++) {
		const struct s9_prevperm *p = &V->prevperm[i];
		if (is(p->prev_perm, "Z1") && (sok(p->la_perm) || p->date_perm != DATE_NONE)) {
			pp(x, i, "PREV_PERM Z1 with LA_PERM or DATE_PERM");
		}
	}
}

static void r630(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->rne, "S") && dok(e->decom) && e->decom >= x->ys && V->n_prevperm == 0) {
			ep(x, i, "started to be looked after without PrevPerm");
			return;
		}
	}
}

static void r634(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	bool since_2016 = false;
	for (size_t i = 0; i < n; i++) {
		since_2016 = since_2016 || (is(h[i].rne, "S") && dok(h[i].decom) && h[i].decom >= date_from_ymd(2016, 4, 1));
	}
	if (V->n_prevperm && !since_2016) {
		pp(x, 0, "no period of care begun since 1 April 2016");
	}
}

/* ---- SWEpisodes ---- */

static void rSW01(struct returns_ctx *x)
{
	if (open_at_end(V) && V->n_sw == 0) {
		hd(x, "looked after on 31 March without SWEpisodes");
	}
}

static void rSW02(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		const char *id = V->sw[i].sw_id;
		if (sok(id) && strncmp(id, "SW", 2) != 0 && strncmp(id, "XX", 2) != 0) {
			sw(x, i, "SW_ID '%s'", id);
		}
	}
}

static void rSW03(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (!sok(V->sw[i].sw_id) || V->sw[i].decom == DATE_NONE) {
			sw(x, i, "SW_ID or SW_DECOM blank");
		}
	}
}

static void rSW04(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (V->sw[i].decom == RDATE_BAD) {
			sw(x, i, "SW_DECOM is not a valid date");
		}
	}
}

static void rSW05(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (V->sw[i].dec == RDATE_BAD) {
			sw(x, i, "SW_DEC is not a valid date");
		}
	}
}

static void rSW06(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (dok(V->sw[i].decom) && V->sw[i].decom > x->ye) {
			sw(x, i, "SW_DECOM after the year");
		}
	}
}

static void rSW07(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		hdate d = V->sw[i].dec;
		if (dok(d) && (d < x->ys || d > x->ye)) {
			sw(x, i, "SW_DEC outside the year");
		}
	}
}

static void rSW09(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (dok(V->sw[i].dec) && V->sw[i].dec == V->sw[i].decom) {
			sw(x, i, "ended the day it began");
		}
	}
}

static void rSW108(struct returns_ctx *x)
{
	for (size_t i = 0; i + 1 < V->n_sw; i++) {
		if (V->sw[i].dec == DATE_NONE) {
			sw(x, i, "a later episode begins but SW_DEC is blank");
		}
	}
}

static void rSW10(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_sw; i++) {
		if (dok(V->sw[i - 1].dec) && dok(V->sw[i].decom) && V->sw[i].decom < V->sw[i - 1].dec) {
			sw(x, i, "begins before the previous social worker episode ended");
		}
	}
}

static void rSW11(struct returns_ctx *x)
{
	if (open_at_end(V) && V->n_sw && dok(V->sw[V->n_sw - 1].dec) && V->sw[V->n_sw - 1].dec < x->ye) {
		sw(x, V->n_sw - 1, "ended before 31 March with no episode after it");
	}
}

/* A child looked after on both 1 April and 31 March had a social worker all year. */
static void rSW12(struct returns_ctx *x)
{
	if (open_at_end(V) && episode_on(V, x->ys) && V->n_sw && dok(V->sw[0].decom) && V->sw[0].decom > x->ys) {
		sw(x, 0, "the year's first social worker episode begins after 1 April");
	}
}

static void rSW13(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (sok(V->sw[i].reason) && !code_valid_in_year("sw_reason", V->sw[i].reason, x->year)) {
			sw(x, i, "SW_REASON '%s'", V->sw[i].reason);
		}
	}
}

static void rSW14(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (V->sw[i].dec == DATE_NONE && sok(V->sw[i].reason)) {
			sw(x, i, "SW_REASON given but SW_DEC blank");
		}
	}
}

static void rSW15(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_sw; i++) {
		if (V->sw[i].dec != DATE_NONE && !sok(V->sw[i].reason)) {
			sw(x, i, "SW_DEC given but SW_REASON blank");
		}
	}
}

/* ---- files: rows without a Header, DOBs that disagree, duplicates ---- */

#define NO_HEADER(fn, arr, emitter)                                              \
	static void fn(struct returns_ctx *x)                                    \
	{                                                                        \
		if (!V->header && V->n_##arr) {                                  \
			emitter(x, 0, "CHILD '%s' is not in Header", V->child ? V->child : ""); \
		}                                                                \
	}

NO_HEADER(rINT01, ad1, ad)
NO_HEADER(rINT02, placed, pa)
NO_HEADER(rINT04, missing, ms)
NO_HEADER(rINT05, oc2, o2)
NO_HEADER(rINT06, oc3, o3)
NO_HEADER(rINT07, prevperm, pp)
NO_HEADER(rINT08, reviews, rv)
NO_HEADER(rINT09, uasc, ua)

#define DOB_AGREES(fn, arr, emitter)                                                             \
	static void fn(struct returns_ctx *x)                                                    \
	{                                                                                        \
		for (size_t i = 0; V->header && dok(V->dob) && i < V->n_##arr; i++) {           \
			if (V->arr[i].dob != V->dob) {                                           \
				emitter(x, i, "DOB differs from Header");                        \
			}                                                                        \
		}                                                                                \
	}

DOB_AGREES(rINT11, ad1, ad)
DOB_AGREES(rINT12, placed, pa)
DOB_AGREES(rINT13, missing, ms)
DOB_AGREES(rINT14, oc2, o2)
DOB_AGREES(rINT15, oc3, o3)
DOB_AGREES(rINT16, prevperm, pp)
DOB_AGREES(rINT17, reviews, rv)
DOB_AGREES(rINT18, uasc, ua)

#define ONCE(fn, arr, emitter)                                          \
	static void fn(struct returns_ctx *x)                           \
	{                                                               \
		if (V->n_##arr > 1) {                                   \
			emitter(x, 1, "%zu rows for one child", V->n_##arr); \
		}                                                       \
	}

ONCE(rINT31, ad1, ad)
ONCE(rINT33, oc2, o2)
ONCE(rINT34, oc3, o3)
ONCE(rINT35, prevperm, pp)
ONCE(rINT36, uasc, ua)

/* ---- the table ---- */

#define IMP RULE_IMPOSSIBLE

const struct returns_rule returns_rules_903_more[] = {
	R("104", UASC, "DUC", "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.", 0, 0, 0, r104),
	R("112", AD1, "DATE_INT", "Date should be placed for adoption is not a valid date.", 0, 0, 0, r112),
	R("113", AD1, "DATE_MATCH", "Date matching child and adopter(s) is not a valid date.", 0, 0, 0, r113),
	R("114", AD1, "FOSTER_CARE", "Data entry to record the status of former carer(s) of an adopted child is invalid.", 0, 0, 0, r114),
	R("115", PlacedAdoption, "DATE_PLACED", "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.", 0, 0, 0, r115),
	R("116", PlacedAdoption, "DATE_PLACED_CEASED", "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.", 0, 0, 0, r116),
	RA("117", PlacedAdoption, T903_Episodes, "DATE_PLACED, DATE_PLACED_CEASED, DEC, DECOM, REC", "Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.", 0, 0, 0, r117),
	R("119", PlacedAdoption, "DATE_PLACED_CEASED, REASON_PLACED_CEASED", "If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.", 0, 0, 0, r119),
	R("120", PlacedAdoption, "REASON_PLACED_CEASED", "The reason for the reversal of the decision that the child should be placed for adoption code is not valid.", 0, 0, 0, r120),
	R("131", OC3, "IN_TOUCH", "Data entry for being in touch after leaving care is invalid.", 0, 0, 0, r131),
	R("132", OC3, "ACTIV", "Data entry for activity after leaving care is invalid.", 0, 0, 0, r132),
	R("133", OC3, "ACCOM", "Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid", 0, 0, 0, r133),
	RA("134", OC3, T903_AD1, "ACCOM, ACTIV, DATE_INT, DATE_MATCH, FOSTER_CARE, IN_TOUCH, LS_ADOPTR, NB_ADOPTR, SEX_ADOPTR", "Data on adoption should not be entered for the OC3 cohort.", 0, 0, 0, r134),
	R("151", AD1, "DATE_INT, DATE_MATCH, FOSTER_CARE, LS_ADOPTR, NB_ADOPTER, SEX_ADOPTR", "All data items relating to a childs adoption must be coded or left blank.", 0, NEED_AD1_ADOPTERS, 0, r151),
	R("153", OC3, "ACCOM, ACTIV, IN_TOUCH", "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.", 0, 0, 0, r153),
	R("157", OC2, "DOB, SDQ_REASON", "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.", 0, 0, 0, r157),
	R("158", OC2, "INTERVENTION_OFFERED, INTERVENTION_RECEIVED", "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.", 0, 0, 0, r158),
	R("159", OC2, "INTERVENTION_OFFERED, INTERVENTION_RECEIVED, SUBSTANCE_MISUSE", "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.", 0, 0, 0, r159),
	R("166", Reviews, "REVIEW", "Date of review is invalid or blank.", 0, 0, 0, r166),
	R("167", Reviews, "REVIEW_CODE", "Data entry for participation is invalid or blank.", 0, 0, 0, r167),
	R("175", AD1, "NB_ADOPTR", "The number of adopter(s) code is not a valid code.", 0, 0, 0, r175),
	R("176", AD1, "SEX_ADOPTR", "The gender of adopter(s) at the date of adoption code is not a valid code.", 0, 0, 0, r176),
	R("177", AD1, "LS_ADOPTR", "The legal status of adopter(s) code is not a valid code.", 0, 0, 0, r177),
	R("180", OC2, "SDQ_SCORE", "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.", 0, 0, 0, r180),
	R("181", OC2, "CONVICTED, HEALTH_ASSESSMENT, HEALTH_CHECK, IMMUNISATIONS, INTERVENTION_OFFERED, INTERVENTION_RECEIVED, SUBSTANCE_MISUSE, TEETH_CHECK", "Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.", 0, 0, 0, r181),
	R("182", OC2, "HEALTH_ASSESSMENT, IMMUNISATIONS, SUBSTANCE_MISUSE, TEETH_CHECK", "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.", 0, 0, 0, r182),
	R("184", PlacedAdoption, "DATE_PLACED, DOB", "Date of decision that a child should be placed for adoption is before the child was born.", IMP, 0, 0, r184),
	RA("185", OC2, T903_Episodes, "SDQ_SCORE", "Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.", 0, 0, 0, r185),
	RA("186", OC2, T903_Episodes, "SDQ_SCORE", "Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.", 0, NEED_OC2, 0, r186),
	RA("187", OC2, T903_AD1 | T903_Episodes | T903_OC3, "ACCOM, ACTIV, DATE_INT, DATE_MATCH, FOSTER_CARE, IN_TOUCH, LS_ADOPTR, NB_ADOPTR, SEX_ADOPTR", "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.", 0, 0, 0, r187),
	R("188", OC2, "SDQ_REASON, SDQ_SCORE", "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed. ", 0, 0, 0, r188),
	R("189", OC2, "DOB, SDQ_REASON, SDQ_SCORE", "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.", 0, 0, 0, r189),
	RA("190", OC2, T903_Episodes, "CONVICTED, HEALTH_ASSESSMENT, HEALTH_CHECK, IMMUNISATIONS, INTERVENTION_OFFERED, INTERVENTION_RECEIVED, SUBSTANCE_MISUSE, TEETH_CHECK", "Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.", 0, 0, 0, r190),
	RA("191", OC2, T903_Episodes, "HEALTH_ASSESSMENT, IMMUNISATIONS, SUBSTANCE_MISUSE, TEETH_CHECK", "Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.", 0, NEED_OC2, 0, r191),
	R("192", OC2, "INTERVENTION_RECEIVED, SUBSTANCE_MISUSE", "Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.", 0, 0, 0, r192),
	R("193", OC2, "INTERVENTION_OFFERED, INTERVENTION_RECEIVED, SUBSTANCE_MISUSE", "Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.", 0, 0, 0, r193),
	R("196", OC2, "SDQ_REASON", "Strengths and Difficulties (SDQ) reason is not a valid code.", 0, 0, 0, r196),
	R("197a", OC2, "SDQ_REASON, SDQ_SCORE", "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.", 0, 0, 0, r197a),
	RA("198", OC2, T903_Episodes, "SDQ_REASON", "Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed. ", 0, 0, 0, r198),
	RA("215", OC2, T903_OC3, "ACCOM, ACTIV, CONVICTED, HEALTH_ASSESSMENT, HEALTH_CHECK, IMMUNISATIONS, INTERVENTION_OFFERED, INTERVENTION_RECEIVED, IN_TOUCH, SUBSTANCE_MISUSE, TEETH_CHECK", "Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.", 0, 0, 0, r215),
	R("3001", OC3, "REC", "Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).", 0, 0, 0, r3001),
	R("304", UASC, "DUC", "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.", 0, 0, 0, r304),
	RA("331", AD1, T903_Episodes, "DATE_MATCH, DECOM, REC", "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.", 0, 0, 0, r331),
	R("333", AD1, "DATE_INT", "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).", 0, 0, 0, r333),
	RA("334", AD1, T903_Episodes, "DATE_INT, DECOM, RNE", "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption. ", 0, 0, 0, r334),
	RA("335", AD1, T903_Episodes, "FOSTER_CARE, PLACE", "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.", 0, 0, 0, r335),
	R("344", OC3, "ACCOM, ACTIV, IN_TOUCH", "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.", 0, 0, 0, r344),
	R("345", OC3, "ACCOM, ACTIV, IN_TOUCH", "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.", 0, 0, 0, r345),
	R("391", OC3, "ACCOM, ACTIV, DOB, IN_TOUCH", "Young person was not 17, 18, 19, 20 or 21 during the current collection year. ", 0, 0, 0, r391),
	RA("399", Reviews, T903_Episodes, "LS, MOTHER, REVIEW, REVIEW_CODE", "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.", 0, 0, 0, r399),
	R("440", Reviews, "DOB, REVIEW, REVIEW_CODE", "Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.", 0, 0, 0, r440),
	R("441", Reviews, "DOB, REVIEW, REVIEW_CODE", "Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.", 0, 0, 0, r441),
	R("511", AD1, "NB_ADOPTR, SEX_ADOPTR", "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.", 0, 0, 0, r511),
	R("514", AD1, "LS_ADOPTR, SEX_ADOPTR", "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.", 0, 0, 0, r514),
	R("517", AD1, "LS_ADOPTR, SEX_ADOPTR", "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.", 0, 0, 0, r517),
	R("518", AD1, "LS_ADOPTR, SEX_ADOPTR", "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.", 0, 0, 0, r518),
	R("519", AD1, "LS_ADOPTR, SEX_ADOPTR", "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.", 0, 0, 0, r519),
	R("520", AD1, "LS_ADOPTR, SEX_ADOPTR", "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.", 0, 0, 0, r520),
	RA("521", AD1, T903_Episodes, "DATE_INT, DECOM, PLACE", "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.", 0, 0, 0, r521),
	R("522", PlacedAdoption, "DATE_PLACED, DATE_PLACED_CEASED", "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.", IMP, 0, 0, r522),
	RA("523", AD1, T903_PlacedAdoption, "DATE_INT, DATE_PLACED", "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).", 0, 0, 0, r523),
	R("524", AD1, "LS_ADOPTR, SEX_ADOPTR", "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females", 0, 0, 0, r524),
	RA("525", AD1, T903_PlacedAdoption, "DATE_INT, DATE_MATCH, DATE_PLACED_CEASED, FOSTER_CARE, LS_ADOPTR, NB_ADOPTR, SEX_ADOPTR", "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.", 0, 0, 0, r525),
	R("542", OC2, "CONVICTED", "A child aged under 10 at 31 March should not have conviction information completed.", 0, 0, 0, r542),
	RA("543", OC2, T903_Episodes, "CONVICTED, DOB", "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.", 0, NEED_OC2, 0, r543),
	R("544", OC2, "CONVICTED, HEALTH_ASSESSMENT, IMMUNISATIONS, SUBSTANCE_MISUSE, TEETH_CHECK", "Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.", 0, 0, 0, r544),
	RA("545", OC2, T903_Episodes, "DOB, HEALTH_CHECK", "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.", 0, NEED_OC2, 0, r545),
	RA("546", OC2, T903_Episodes, "DOB, HEALTH_CHECK", "Children aged 5 or over at 31 March should not have health promotion information completed.", 0, 0, 0, r546),
	R("547", OC2, "HEALTH_ASSESSMENT, HEALTH_CHECK, IMMUNISATIONS, SUBSTANCE_MISUSE, TEETH_CHECK", "Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.", 0, 0, 0, r547),
	RA("551", Episodes, T903_PlacedAdoption, "DATE_PLACED, PLACE", "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.", 0, 0, 0, r551),
	RA("552", PlacedAdoption, T903_Episodes, "DATE_PLACED, DECOM", "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.", 0, 0, 0, r552),
	RA("553", Episodes, T903_PlacedAdoption, "CHILD, DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED", "Placement order has been granted but there is no date of decision that the child should be placed for adoption.", 0, 0, 0, r553),
	RA("554", PlacedAdoption, T903_Episodes, "DATE_PLACED, DECOM, LS", "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]", 0, 0, 0, r554),
	RA("555", Episodes, T903_PlacedAdoption, "CHILD, DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED", "Freeing order has been granted but there is no date of decision that the child should be placed for adoption.", 0, 0, 0, r555),
	RA("556", PlacedAdoption, T903_Episodes, "DATE_PLACED, DECOM", "Date of decision that the child should be placed for adoption should be on or prior to the date that the freeing order was granted.", 0, 0, 0, r556),
	RA("557", PlacedAdoption, T903_Episodes, "DATE_PLACED_CEASED, LS, PLACE, REASON_PLACED_CEASED, REC", "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.", 0, 0, 0, r557),
	RA("558", PlacedAdoption, T903_Episodes, "DATE_PLACED_CEASED, REC", "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.", 0, 0, 0, r558),
	R("563", PlacedAdoption, "DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED", "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank", 0, 0, 0, r563),
	R("564", Missing, "MISSING, MIS_START", "Child was missing or away from placement without authorisation and the date started is blank.", 0, 0, 0, r564),
	R("565", Missing, "MISSING, MIS_START", "The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.", 0, 0, 0, r565),
	R("566", Missing, "MISSING, MIS_END", "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.", 0, 0, 0, r566),
	R("567", Missing, "MIS_END, MIS_START", "The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.", IMP, 0, 0, r567),
	R("570", Missing, "MIS_START", "The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.", 0, 0, 0, r570),
	R("571", Missing, "MIS_END", "The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.", 0, 0, 0, r571),
	R("574", Missing, "MIS_END, MIS_START", "A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.", IMP, 0, 0, r574),
	RA("575", Missing, T903_Episodes, "MIS_END", "If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.", 0, 0, 0, r575),
	RA("577", Missing, T903_Episodes, "MIS_END", "Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.", 0, 0, 0, r577),
	RA("578", Missing, T903_Episodes, "MIS_START", "The date that the child started to be missing is after the child ceased to be looked after.", 0, 0, 0, r578),
	R("579", PlacedAdoption, "DATE_PLACED, DATE_PLACED_CEASED", "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.", 0, 0, 0, r579),
	RA("580", Missing, T903_Episodes, "REC", "Child is missing when cease being looked after but reason episode ceased not ‘E8’.", 0, 0, 0, r580),
	RA("581", Missing, T903_Episodes, "MIS_START", "Child is missing but has not yet started to be looked after.", 0, 0, 0, r581),
	RA("582", AD1, T903_Episodes, "DATE_MATCH, DEC", "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.", 0, 0, 0, r582),
	R("583", PlacedAdoption, "DATE_PLACED, DATE_PLACED_CEASED", "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.", 0, 0, 0, r583),
	R("586", Missing, "MIS_START", "Dates of missing periods are before child’s date of birth.", IMP, 0, 0, r586),
	RA("601", Header, T903_AD1 | T903_Episodes, "DATE_INT, DATE_MATCH, FOSTER_CARE, LS_ADOPTR, NB_ADOPTR, REC, SEX_ADOPTR", "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.", 0, 0, 0, r601),
	RA("602", AD1, T903_Episodes, "CHILD", "The episode data submitted for this child does not show that he/she was adopted during the year.", 0, 0, 0, r602),
	RA("630", Episodes, T903_PrevPerm, "RNE", "Information on previous permanence option should be returned.", 0, 0, 0, r630),
	R("631", PrevPerm, "PREV_PERM", "Previous permanence option not a valid value.", 0, 0, 0, r631),
	RA("632", PrevPerm, T903_Episodes, "DATE_PERM, DECOM", "Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives where the period of care started before the current collection year", 0, 0, 0, r632),
	R("633", PrevPerm, "LA_PERM", "Local authority code where previous permanence option was arranged is not a valid value.", 0, 0, 0, r633),
	RA("634", PrevPerm, T903_Episodes, "DATE_PERM, DECOM, LA_PERM, PREV_PERM", "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.", 0, 0, 0, r634),
	R("635", PrevPerm, "DATE_PERM, LA_PERM, PREV_PERM", "There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1", 0, 0, 0, r635),
	RA("1000", OC3, T903_Episodes, "ACCOM, ACTIV, IN_TOUCH", "This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]", 0, 0, 0, r1000),
	RA("1002", OC3, T903_Episodes, "ACCOM, ACTIV, IN_TOUCH", "This child has no previous episodes of care, therefore should not have care leaver information recorded. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]", 0, 0, 0, r1002),
	RA("1003", PlacedAdoption, T903_Episodes, "DATE_PLACED, DECOM, RNE", "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.", 0, 0, 0, r1003),
	R("1004", Missing, "MIS_START", "The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.", 0, 0, 0, r1004),
	R("1005", Missing, "MIS_END", "The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.", 0, 0, 0, r1005),
	R("1006", Missing, "MISSING", "Missing type invalid.", 0, 0, 0, r1006),
	RA("1007", OC3, T903_Episodes, "ACCOM, ACTIV, IN_TOUCH", "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]", 0, 0, 0, r1007),
	RA("1011", OC3, T903_Episodes, "ACCOM, ACTIV, IN_TOUCH", "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.", 0, 0, 0, r1011),
	RA("1014", UASC, T903_Episodes | T903_OC3, "ACCOM, ACTIV, DUC, IN_TOUCH", "UASC information is not required for care leavers", 0, 0, 0, r1014),
	R("INT01", AD1, "CHILD", "Data Integrity Check: Child in AD1 does not exist in Header.", 0, 0, 0, rINT01),
	R("INT02", PlacedAdoption, "CHILD", "Internal Check: Child in PlacedAdoption does not exist in Header.", 0, 0, 0, rINT02),
	R("INT04", Missing, "CHILD", "Internal Check: Child in Missing does not exist in Header.", 0, 0, 0, rINT04),
	R("INT05", OC2, "CHILD", "Internal Check: Child in OC2 does not exist in Header.", 0, 0, 0, rINT05),
	R("INT06", OC3, "CHILD", "Internal Check: Child in OC3 does not exist in Header.", 0, 0, 0, rINT06),
	R("INT07", PrevPerm, "CHILD", "Internal Check: Child in PrevPerm does not exist in Header.", 0, 0, 0, rINT07),
	R("INT08", Reviews, "CHILD", "Internal Check: Child in Reviews does not exist in Header.", 0, 0, 0, rINT08),
	R("INT09", UASC, "CHILD", "Internal Check: Child in UASC does not exist in Header.", 0, 0, 0, rINT09),
	R("INT11", AD1, "DOB", "Internal Check: DOB in AD1 is different to DOB in Header.", 0, 0, 0, rINT11),
	R("INT12", PlacedAdoption, "DOB", "Internal Check: DOB in PlacedAdoption is different to DOB in Header.", 0, 0, 0, rINT12),
	R("INT13", Missing, "DOB", "Internal Check: DOB in Missing is different to DOB in Header.", 0, 0, 0, rINT13),
	R("INT14", OC2, "DOB", "Internal Check: DOB in OC2 is different to DOB in Header.", 0, 0, 0, rINT14),
	R("INT15", OC3, "DOB", "Internal Check: DOB in OC3 is different to DOB in Header.", 0, 0, 0, rINT15),
	R("INT16", PrevPerm, "DOB", "Internal Check: DOB in PrevPerm is different to DOB in Header.", 0, 0, 0, rINT16),
	R("INT17", Reviews, "DOB", "Internal Check: DOB in Reviews is different to DOB in Header.", 0, 0, 0, rINT17),
	R("INT18", UASC, "DOB", "Internal Check: DOB in UASC is different to DOB in Header.", 0, 0, 0, rINT18),
	R("INT21", UASC, "SEX", "Internal Check: SEX in UASC is different to SEX in Header.", 0, 0, 0, rINT21),
	R("INT31", AD1, "CHILD", "Internal Check: Child should only exist once in AD1.", 0, 0, 0, rINT31),
	R("INT33", OC2, "CHILD", "Internal Check: Child should only exist once in OC2.", 0, 0, 0, rINT33),
	R("INT34", OC3, "CHILD", "Internal Check: Child should only exist once in OC3.", 0, 0, 0, rINT34),
	R("INT35", PrevPerm, "CHILD", "Internal Check: Child should only exist once in PrevPerm.", 0, 0, 0, rINT35),
	R("INT36", UASC, "CHILD", "Internal Check: Child should only exist once in UASC.", 0, 0, 0, rINT36),
	RA("SW01STG1", SWEpisodes, T903_Episodes, "DEC", "Child looked after on 31 March, but no social worker episode information is reported", 0, 0, 2024, rSW01),
	R("SW02STG1", SWEpisodes, "SW_ID", "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.", 0, 0, 2024, rSW02),
	R("SW03STG1", SWEpisodes, "SW_DECOM, SW_ID, SW_REASON", "For each social worker episode, information should be complete.", 0, 0, 2024, rSW03),
	R("SW04STG1", SWEpisodes, "SW_DECOM", "Date social worker episode began is not a valid date..", 0, 0, 2024, rSW04),
	R("SW05STG1", SWEpisodes, "SW_DEC", "Date social worker episode began is not a valid date.", 0, 0, 2024, rSW05),
	R("SW06STG2", SWEpisodes, "SW_DECOM", "Social worker episode data should be within the social worker data reporting year.", 0, 0, 2024, rSW06),
	R("SW07STG2", SWEpisodes, "SW_DEC", "Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.", 0, 0, 2024, rSW07),
	R("SW09STG2", SWEpisodes, "SW_DEC, SW_DECOM", "Social worker episode appears to have lasted for less than 24 hours.", 0, 0, 2024, rSW09),
	R("SW108STG2", SWEpisodes, "SW_DEC", "A new social worker episode has started, but the previous episode has not ended.", IMP, 0, 2024, rSW108),
	R("SW10STG2", SWEpisodes, "SW_DECOM", "A new social worker episode has started before the end date of the previous social worker episode.", IMP, 0, 2024, rSW10),
	RA("SW11STG2", SWEpisodes, T903_Episodes, "SW_DEC", "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.", 0, 0, 2024, rSW11),
	RA("SW12STG2", SWEpisodes, T903_Episodes, "SW_DECOM", "If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after", 0, 0, 2024, rSW12),
	R("SW13STG1", SWEpisodes, "SW_REASON", "The reason for social worker change is either not valid or has not been entered.", 0, 0, 2024, rSW13),
	R("SW14STG2", SWEpisodes, "SW_DEC", "Social worker episode date ceased is blank.", 0, 0, 2024, rSW14),
	R("SW15STG2", SWEpisodes, "SW_REASON", "Reason for social worker change is missing.", 0, 0, 2024, rSW15),
};

const size_t returns_rules_903_more_n = sizeof(returns_rules_903_more) / sizeof(returns_rules_903_more[0]);
