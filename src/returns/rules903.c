/* rules903: the DfE's SSDA903 validation rules, as a table, each with its check.
 *
 * Ids, tables, fields and messages are the DfE's (standards/ssda903/rules_2024_25.csv;
 * the facts are carried here, the file is not read). Each check reads one child's view
 * (internal.h) and reports each row that breaks the rule; the reading of a rule's
 * thresholds is in the comment above its check where the message leaves room. The rules
 * that compare with last year's return (Header_last, Episodes_last...) are answered from
 * the record's own history (hist) and are not repeated; rules on fields the return does not
 * carry as CSV (PL_LA, PL_DISTANCE, PL_LOCATION) or that need Ofsted's provider list are
 * not here: refdata.c has them, with those comparing with last year's return by files.
 *
 * This file holds the rules on the Header and Episodes tables; rules903_more.c the rules
 * on the other tables (Reviews, UASC, Missing, OC2, OC3, AD1, PlacedAdoption, PrevPerm,
 * SWEpisodes, and the files' integrity checks); their tables are joined by the engine.
 *
 * Invariants (tests/unit/returns/test_rules903.c): ids unique; every rule has a check, a
 * failing case and a passing case. */
#include "returns/rules903.h"

/* ---- Header ---- */

static void r101(struct returns_ctx *x)
{
	if (V->header && !sex_valid(V->sex, x->year, false)) {
		hd(x, "SEX '%s' is not a %d code", V->sex ? V->sex : "", x->year);
	}
}

static void r102(struct returns_ctx *x)
{
	if (V->header && !dok(V->dob)) {
		hd(x, "DOB is %s", V->dob == RDATE_BAD ? "not a valid date" : "blank");
	}
}

static void r103(struct returns_ctx *x)
{
	if (V->header && !code_valid("ethnicity", V->ethnic)) {
		hd(x, "ETHNIC '%s' is not an ethnicity code", V->ethnic ? V->ethnic : "");
	}
}

/* The SSDA903's 168 is a rule on the UPN's form, not its arithmetic: a letter other than
 * I, O or S, then 12 digits, or 11 digits and a letter (a temporary UPN), or one of UN1-UN5.
 * The check letter and the LA number are the CIN census's rules (1510, 1530); the 903 has
 * none of them, so a UPN of the right form with a wrong check letter passes here. A blank
 * UPN is no UPN and no UN code either ("if unknown, default codes should be UN1...UN5");
 * 442 says the field is blank as well. */
static bool upn_903_form(const char *s)
{
	if (upn_unknown_code(s, RETURN_SSDA903)) {
		return true;
	}
	if (!s || strlen(s) != 13 || s[0] < 'A' || s[0] > 'Z' || strchr("IOS", s[0])) {
		return false;
	}
	for (int i = 1; i < 12; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return (s[12] >= '0' && s[12] <= '9') || (s[12] >= 'A' && s[12] <= 'Z');
}

static void r168(struct returns_ctx *x)
{
	if (V->header && !upn_903_form(V->upn)) {
		hd(x, "UPN '%s' is not a UPN nor UN1-UN5", V->upn ? V->upn : "");
	}
}

static void r442(struct returns_ctx *x)
{
	if (V->header && !sok(V->upn)) {
		hd(x, "UPN is blank");
	}
}

/* School age: 5 to 15 at the start of the year. */
static void r209(struct returns_ctx *x)
{
	if (V->header && is(V->upn, "UN1") && school_age(V->dob, x->ys)) {
		hd(x, "UPN UN1 for a child aged %d", age_at(V->dob, x->ys));
	}
}

static void r210(struct returns_ctx *x)
{
	const struct s9_episode *e = open_at_end(V);
	if (V->header && is(V->upn, "UN4") && e && x->ye - period_start(V->episodes, V->n_episodes - 1) > 7) {
		hd(x, "UPN UN4 but looked after since %s", rdate_dmy(period_start(V->episodes, V->n_episodes - 1),
								   (char[DATE_STR_SIZE]){0}));
	}
}

static void r301(struct returns_ctx *x)
{
	if (dok(V->dob) && V->dob > x->ye) {
		char b[DATE_STR_SIZE];
		hd(x, "DOB %s is after the year", dmy(V->dob, b));
	}
}

static void r351(struct returns_ctx *x)
{
	if (dok(V->dob) && date_birthday(V->dob, 25) < x->ys) {
		hd(x, "aged %d at the start of the year", age_at(V->dob, x->ys));
	}
}

/* The DfE's 165: "If provided, <MOTHER> must be a valid value (0 or 1). If not provided,
 * then either <SEX> is male, or there is no episode for the current year and any of
 * <IN_TOUCH>, <ACTIV> or <ACCOM> have been provided" (the care leaver not looked after in
 * the year). So a MOTHER of 0 for a boy is valid (not this rule's concern), and a blank one
 * for a girl looked after in the year is not. When the rule was written SEX was 1 or 2, so
 * "not male" meant a girl; with SEX U (from 2025) it still does: a child of unknown sex is
 * not asked MOTHER (393 asks it of girls alone too). */
static void r165(struct returns_ctx *x)
{
	if (!V->header) {
		return;
	}
	if (sok(V->mother)) {
		if (!v01(V->mother)) {
			hd(x, "MOTHER '%s' is not 0 or 1", V->mother);
		}
		return;
	}
	bool leaver_only = false;
	for (size_t i = 0; V->n_episodes == 0 && i < V->n_oc3; i++) {
		leaver_only = leaver_only || sok(V->oc3[i].in_touch) || sok(V->oc3[i].activ) || sok(V->oc3[i].accom);
	}
	if (is_female(V->sex) && !leaver_only) {
		hd(x, "MOTHER blank for SEX '%s'%s", V->sex ? V->sex : "",
		   V->n_episodes ? " looked after in the year" : " with no care leaver information");
	}
}

static void r171(struct returns_ctx *x)
{
	if (V->mc_dob == RDATE_BAD) {
		hd(x, "MC_DOB is not a valid date");
	}
}

static void r174(struct returns_ctx *x)
{
	if (dok(V->mc_dob) && (is(V->sex, "M") || is(V->sex, "1"))) {
		hd(x, "MC_DOB given for a male child");
	}
}

/* "Child is looked after but mother field is not completed": a girl looked after in the
 * year, other than under the short-break legal statuses V3 and V4 (a child on short breaks
 * is not asked for MOTHER: 399), whatever her age (the DfE asks MOTHER of every looked-after
 * girl; 620 is the rule on a mother's age). */
static void r393(struct returns_ctx *x)
{
	bool looked_after = false;
	for (size_t i = 0; i < V->n_episodes; i++) {
		looked_after = looked_after || !one_of(V->episodes[i].ls, RESPITE);
	}
	if (V->header && looked_after && is_female(V->sex) && !sok(V->mother)) {
		hd(x, "MOTHER is blank");
	}
}

static void r611(struct returns_ctx *x)
{
	if (is(V->mother, "1") && !dok(V->mc_dob)) {
		hd(x, "MOTHER 1 but MC_DOB blank");
	}
}

static void r612(struct returns_ctx *x)
{
	if (dok(V->mc_dob) && is(V->mother, "0")) {
		hd(x, "MC_DOB given but MOTHER 0");
	}
}

static void r620(struct returns_ctx *x)
{
	if (is(V->mother, "1") && age_at(V->dob, x->ye) >= 0 && age_at(V->dob, x->ye) < 11) {
		hd(x, "a mother aged %d", age_at(V->dob, x->ye));
	}
}

static void r621(struct returns_ctx *x)
{
	if (dok(V->mc_dob) && dok(V->dob) && V->mc_dob <= V->dob) {
		hd(x, "MC_DOB is not after DOB");
	}
}

static void r625(struct returns_ctx *x)
{
	hdate ceased = ceased_lac(V, NULL);
	if (dok(V->mc_dob) && (V->mc_dob > x->ye || (dok(ceased) && V->mc_dob > ceased))) {
		char b[DATE_STR_SIZE];
		hd(x, "MC_DOB %s is after the year or after care ended", dmy(V->mc_dob, b));
	}
}

static void rINT32(struct returns_ctx *x)
{
	if (V->n_header > 1) {
		hd(x, "%d Header rows", V->n_header);
	}
}

/* A child with other rows but no Header row (files only). */
static void rINT03(struct returns_ctx *x)
{
	if (!V->header && V->n_episodes > 0) {
		ep(x, 0, "CHILD '%s' is not in Header", V->child ? V->child : "");
	}
}

static void rEPI(struct returns_ctx *x)
{
	if (V->header && V->n_episodes == 0 && V->n_oc3 == 0) {
		hd(x, "no episodes and no care leaver information");
	}
}

static void r1012(struct returns_ctx *x)
{
	if (V->n_oc3 > 0 && V->n_episodes == 0 &&
	    (V->n_reviews || V->n_missing || V->n_oc2 || V->n_ad1 || V->n_placed || V->n_prevperm || V->n_sw)) {
		hd(x, "care leaver with no episodes this year has other rows");
	}
}

/* ---- Episodes: codes and dates ---- */

static void r141(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (!dok(V->episodes[i].decom)) {
			ep(x, i, "DECOM is %s", V->episodes[i].decom == RDATE_BAD ? "not a valid date" : "blank");
		}
	}
}

static void r147(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (V->episodes[i].dec == RDATE_BAD) {
			ep(x, i, "DEC is not a valid date");
		}
	}
}

/* A code on an episode is valid when the return's year takes it or, for an episode that
 * began (or, for REC, ended) in an earlier year, when that year took it: the DfE keeps a
 * row's codes as they were when it was recorded (a placement begun in 2023 as H5 is not
 * wrong in a later return because H5 was withdrawn since). */
static bool code_ok_by_row(const char *list, const char *s, int year, hdate row_date)
{
	if (code_valid_in_year(list, s, year)) {
		return true;
	}
	int then = dok(row_date) ? returns_year_of(row_date) : year;
	return then < year && code_valid_in_year(list, s, then);
}

#define CODE_RULE(fn, member, datef, list, blank_ok, label)                                             \
	static void fn(struct returns_ctx *x)                                                          \
	{                                                                                              \
		for (size_t i = 0; i < V->n_episodes; i++) {                                           \
			const char *s = V->episodes[i].member;                                         \
			if ((sok(s) || !(blank_ok)) &&                                                 \
			    !code_ok_by_row(list, s, x->year, V->episodes[i].datef)) {                 \
				ep(x, i, label " '%s' is not a %d code", s ? s : "", x->year);         \
			}                                                                              \
		}                                                                                      \
	}

CODE_RULE(r143, rne, decom, "rne", false, "RNE")
CODE_RULE(r144, ls, decom, "legal_status", false, "LS")
CODE_RULE(r145, cin, decom, "cla_need", false, "CIN")
CODE_RULE(r146, place, decom, "placement", false, "PLACE")
CODE_RULE(r149, rec, dec, "rec", true, "REC")

/* The placement types that take no provider, by the return's year (the DfE's 178: "If
 * <PLACE> is one of these, <PLACE_PROVIDER> must be blank; otherwise, if given, it must be a
 * valid code"): temporary placements and Z1 to 2024-25; from 2025-26 T0-T3 and the codes
 * that replaced Z1, Z11-Z14 (standards/changes-2026/README.md, 2.1, rule 178). */
static const struct {
	int from, to;
	const char *const *places;
} NO_PROVIDER[] = {
	{0, 2025, (const char *const[]){"T0", "T1", "T2", "T3", "T4", "Z1", NULL}},
	{2026, 0, (const char *const[]){"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14", NULL}},
};

static bool takes_no_provider(const char *place, int year)
{
	for (size_t k = 0; k < sizeof(NO_PROVIDER) / sizeof(NO_PROVIDER[0]); k++) {
		if (year >= NO_PROVIDER[k].from && (!NO_PROVIDER[k].to || year <= NO_PROVIDER[k].to)) {
			return one_of(place, NO_PROVIDER[k].places);
		}
	}
	return false;
}

/* 178: a provider code given where none is taken (by the return's year, or for a placement
 * code of an earlier list, by the episode's own year: a Z1 begun in 2024 takes none in a
 * 2026 return either), or one that is not a code (code_ok_by_row). A blank provider is 526's
 * to report. */
static void r178(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (!sok(e->provider)) {
			continue;
		}
		int then = dok(e->decom) ? returns_year_of(e->decom) : x->year;
		if (takes_no_provider(e->place, x->year) || (then < x->year && takes_no_provider(e->place, then))) {
			ep(x, i, "PLACE_PROVIDER %s for PLACE %s, which takes none", e->provider, e->place);
		} else if (!code_ok_by_row("place_provider", e->provider, x->year, e->decom)) {
			ep(x, i, "PLACE_PROVIDER '%s' is not a %d code", e->provider, x->year);
		}
	}
}
CODE_RULE(r1009, rpc, decom, "reason_place_change", true, "REASON_PLACE_CHANGE")

/* "Date episode ceased and reason episode ceased must both be coded, or both left blank": a
 * DEC is coded when it is a date. A DEC that is no date is 147's finding; beside a REC it is
 * also 148's (the episode has a reason for ceasing but no date it ceased), beside a blank REC
 * it is not (neither is coded). */
static void r148(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (dok(e->dec) != sok(e->rec)) {
			ep(x, i, "%s", dok(e->dec) ? "DEC without REC" : "REC without a DEC");
		}
	}
}

static void r353(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (dok(V->episodes[i].decom) && V->episodes[i].decom < date_from_ymd(1991, 10, 14)) {
			ep(x, i, "before 14/10/1991");
		}
	}
}

static void r354(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (dok(V->episodes[i].decom) && V->episodes[i].decom > x->ye) {
			ep(x, i, "begins after the year");
		}
	}
}

static void r385(struct returns_ctx *x)
{
	char b[DATE_STR_SIZE];
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (dok(V->episodes[i].dec) && V->episodes[i].dec > x->ye) {
			ep(x, i, "DEC %s is after the year", dmy(V->episodes[i].dec, b));
		}
	}
}

static void r355(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (dok(e->dec) && e->dec == e->decom) {
			ep(x, i, "ceased the day it began");
		}
	}
}

static void r356(struct returns_ctx *x)
{
	char b[DATE_STR_SIZE];
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (dok(e->dec) && dok(e->decom) && e->dec < e->decom) {
			ep(x, i, "DEC %s is before DECOM", dmy(e->dec, b));
		}
	}
}

static void r302(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	if (n && dok(V->dob) && dok(h[0].decom) && h[0].decom < V->dob) {
		char b[DATE_STR_SIZE];
		if (V->n_episodes) {
			ep(x, 0, "the first episode (%s) is before DOB", dmy(h[0].decom, b));
		} else {
			hd(x, "the first episode (%s) is before DOB", dmy(h[0].decom, b));
		}
	}
}

static void r352(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->rne, "S") && age_at(V->dob, e->decom) >= 18) {
			ep(x, i, "started to be looked after aged %d", age_at(V->dob, e->decom));
		}
	}
}

/* "If this is the first episode ever for this child, reason for new episode must be S": the
 * first episode the record holds (its whole history), reported when it is in the year. From
 * files the year's first episode stands for the first ever (as the DfE's note on the rules
 * that need last year's return says, a file cannot show what came before). A blank RNE is
 * not S either: it breaks the rule as much as a P does (143 says it is no code as well). */
static void r357(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	if (n && !is(h[0].rne, "S") && V->n_episodes && V->episodes[0].decom == h[0].decom) {
		ep(x, 0, "the first episode has RNE %s", sok(h[0].rne) ? h[0].rne : "blank");
	}
}

/* ---- Episodes: sequence ---- */

static void r142(struct returns_ctx *x)
{
	for (size_t i = 0; i + 1 < V->n_episodes; i++) {
		if (V->episodes[i].dec == DATE_NONE) {
			ep(x, i, "a later episode begins but this one has no DEC");
		}
	}
}

static void r501(struct returns_ctx *x)
{
	char b[DATE_STR_SIZE];
	for (size_t i = 0; i + 1 < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *n = &V->episodes[i + 1];
		if (dok(e->dec) && dok(n->decom) && n->decom < e->dec) {
			ep(x, i + 1, "begins before the previous episode ceased (%s)", dmy(e->dec, b));
		}
	}
}

static void r431(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if (is(e->rne, "S") && dok(p->dec) && p->dec == e->decom) {
			ep(x, i, "RNE S but the previous episode ceased the same day");
		}
	}
}

static void r432(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if (sok(p->rec) && !is(p->rec, "X1") && sok(e->rne) && !is(e->rne, "S")) {
			ep(x, i, "RNE %s after care ceased (REC %s)", e->rne, p->rec);
		}
	}
}

static void r433(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if (sok(e->rne) && !is(e->rne, "S") && dok(p->dec) && dok(e->decom) && p->dec != e->decom) {
			ep(x, i, "RNE %s but the previous episode ceased on another day", e->rne);
		}
	}
}

static void r388(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->rec, "X1") && dok(e->dec) &&
		    (i + 1 >= V->n_episodes || V->episodes[i + 1].decom != e->dec)) {
			ep(x, i, "REC X1 but no episode begins when it ceases");
		}
	}
}

static bool same_placement(const struct s9_episode *a, const struct s9_episode *b)
{
	return str_eq(a->place, b->place) && str_eq(a->provider, b->provider) && str_eq(a->pl_post, b->pl_post) &&
	       str_eq(a->urn, b->urn);
}

static void r434(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if (is(e->rne, "L") && (str_eq(e->ls, p->ls) || !same_placement(e, p))) {
			ep(x, i, "RNE L but %s", str_eq(e->ls, p->ls) ? "LS is unchanged" : "the placement changed");
		}
	}
}

static void r435(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if ((is(e->rne, "P") || is(e->rne, "U")) && (!str_eq(e->ls, p->ls) || same_placement(e, p))) {
			ep(x, i, "RNE %s but %s", e->rne, !str_eq(e->ls, p->ls) ? "LS changed" : "the placement is unchanged");
		}
	}
}

static void r436(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if ((is(e->rne, "T") || is(e->rne, "B")) && (str_eq(e->ls, p->ls) || same_placement(e, p))) {
			ep(x, i, "RNE %s but %s", e->rne, str_eq(e->ls, p->ls) ? "LS is unchanged" : "the placement is unchanged");
		}
	}
}

static void r437(struct returns_ctx *x)
{
	for (size_t i = 0; i + 1 < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->rec, "E2") || is(e->rec, "E15")) {
			ep(x, i, "REC %s but later episodes follow", e->rec);
		}
	}
}

static void r199(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes;
	for (size_t i = 0; i + 1 < n; i++) {
		if (one_of(h[i].rec, ADOPTED)) {
			char b[DATE_STR_SIZE];
			if (V->n_episodes) {
				ep(x, V->n_episodes - 1, "adopted from care on %s before", dmy(h[i].dec, b));
			}
			return;
		}
	}
}

static void r504(struct returns_ctx *x)
{
	const struct s9_episode *h = V->n_hist ? V->hist : V->episodes;
	size_t n = V->n_hist ? V->n_hist : V->n_episodes, off = n - V->n_episodes;
	for (size_t i = 0; i < V->n_episodes; i++) {
		size_t k = off + i;
		while (k > 0 && !is(h[k].rne, "S") && h[k - 1].dec == h[k].decom) {
			k--;
		}
		if (k != off + i && !str_eq(h[k].cin, V->episodes[i].cin)) {
			ep(x, i, "CIN %s differs from %s at the start of the period", V->episodes[i].cin ? V->episodes[i].cin : "",
			   h[k].cin ? h[k].cin : "");
		}
	}
}

/* ---- Episodes: legal status, placement and age ---- */

static void r358(struct returns_ctx *x)
{
	static const char *const J[] = {"J1", "J2", "J3", NULL};
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		int age = age_at(V->dob, e->decom);
		if (one_of(e->ls, J) && age >= 0 && age < 10) {
			ep(x, i, "LS %s at age %d", e->ls, age);
		}
	}
}

/* Aged 18 or over at 31 March in an open episode: must be V2 in a community home (K1/K2). */
static void r359(struct returns_ctx *x)
{
	static const char *const HOMES[] = {"K1", "K2", NULL};
	const struct s9_episode *e = open_at_end(V);
	if (e && age_at(V->dob, x->ye) >= 18 && (!is(e->ls, "V2") || !one_of(e->place, HOMES))) {
		ep(x, V->n_episodes - 1, "aged %d, LS %s, PLACE %s", age_at(V->dob, x->ye), e->ls ? e->ls : "",
		   e->place ? e->place : "");
	}
}

/* Days from DECOM to DEC (ceased episodes only) longer than the legal status allows. */
static void max_days(struct returns_ctx *x, const char *ls, int days)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->ls, ls) && dok(e->dec) && dok(e->decom) && e->dec - e->decom > days) {
			ep(x, i, "LS %s lasted %d days (at most %d)", ls, e->dec - e->decom, days);
		}
	}
}

static void r361(struct returns_ctx *x) { max_days(x, "L1", 3); }
static void r362(struct returns_ctx *x) { max_days(x, "L2", 21); }
static void r363(struct returns_ctx *x) { max_days(x, "L3", 7); }
static void r364(struct returns_ctx *x) { max_days(x, "J2", 1); } /* *check*: PACE detention, 24 hours */
static void r365(struct returns_ctx *x) { max_days(x, "V3", 17); }

static void r366(struct returns_ctx *x)
{
	static const char *const MOVE[] = {"P", "T", "U", "B", NULL};
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (is(V->episodes[i].ls, "V3") && one_of(V->episodes[i].rne, MOVE)) {
			ep(x, i, "RNE %s during a short break", V->episodes[i].rne);
		}
	}
}

static void r367(struct returns_ctx *x)
{
	int days = 0;
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (!is(e->ls, "V3") || !dok(e->decom)) {
			continue;
		}
		hdate s = e->decom > x->ys ? e->decom : x->ys, t = dok(e->dec) && e->dec < x->ye ? e->dec : x->ye;
		days += t >= s ? t - s + 1 : 0;
	}
	if (days > 75) {
		hd(x, "%d days of short breaks in the year", days);
	}
}

static void min_age(struct returns_ctx *x, const char *const *places, int years)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		int age = age_at(V->dob, e->decom);
		if (one_of(e->place, places) && age >= 0 && age < years) {
			ep(x, i, "PLACE %s at age %d", e->place, age);
		}
	}
}

static void r371(struct returns_ctx *x) { min_age(x, (const char *const[]){"H5", "K3", NULL}, 16); }
static void r372(struct returns_ctx *x) { min_age(x, (const char *const[]){"R5", NULL}, 10); }
static void r373(struct returns_ctx *x) { min_age(x, (const char *const[]){"S1", NULL}, 4); }
static void r374(struct returns_ctx *x) { min_age(x, (const char *const[]){"P3", NULL}, 14); }

static void temp_days(struct returns_ctx *x, const char *place, int days)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->place, place) && dok(e->dec) && dok(e->decom) && e->dec - e->decom > days) {
			ep(x, i, "PLACE %s lasted %d days (at most %d)", place, e->dec - e->decom, days);
		}
	}
}

static void r375(struct returns_ctx *x) { temp_days(x, "T1", 42); }
static void r376(struct returns_ctx *x) { temp_days(x, "T3", 21); }
static void r379(struct returns_ctx *x) { temp_days(x, "T4", 7); }

static void r377(struct returns_ctx *x)
{
	int n = 0;
	for (size_t i = 0; i < V->n_episodes; i++) {
		n += is(V->episodes[i].place, "T3") && is(V->episodes[i].rne, "P");
	}
	if (n > 2) {
		hd(x, "%d placements coded T3 in the year", n);
	}
}

static void r378(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (is(V->episodes[i].place, "P1") && is(V->episodes[i].ls, "V2")) {
			ep(x, i, "PLACE P1 with LS V2");
		}
	}
}

static void r380(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (is(V->episodes[i].rne, "S") && one_of(V->episodes[i].place, TEMP)) {
			ep(x, i, "a period of care begins with PLACE %s", V->episodes[i].place);
		}
	}
}

static void r381(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (sok(e->rec) && !is(e->rec, "X1") && one_of(e->place, TEMP)) {
			ep(x, i, "care ends (REC %s) with PLACE %s", e->rec, e->place);
		}
	}
}

static void r382(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		if (one_of(V->episodes[i].ls, RESPITE) && one_of(V->episodes[i].place, TEMP)) {
			ep(x, i, "LS %s with PLACE %s", V->episodes[i].ls, V->episodes[i].place);
		}
	}
}

static void r383(struct returns_ctx *x)
{
	for (size_t i = 1; i + 1 < V->n_episodes; i++) {
		const struct s9_episode *p = &V->episodes[i - 1], *e = &V->episodes[i], *n = &V->episodes[i + 1];
		if (one_of(e->place, TEMP) && !one_of(p->place, TEMP) && !is(n->rne, "S") && !str_eq(n->place, p->place)) {
			ep(x, i + 1, "after PLACE %s the child went to %s, not back to %s", e->place, n->place ? n->place : "",
			   p->place ? p->place : "");
		}
	}
}

static void r384(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (one_of(e->ls, RESPITE) && (is(e->place, "U1") || is(e->place, "U4"))) {
			ep(x, i, "LS %s with PLACE %s", e->ls, e->place);
		}
	}
}

static void rec_age(struct returns_ctx *x, const char *const *recs, int lo, int hi)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		int age = age_at(V->dob, e->dec);
		if (one_of(e->rec, recs) && age >= 0 && (age < lo || age >= hi)) {
			ep(x, i, "REC %s at age %d", e->rec, age);
		}
	}
}

static void r386(struct returns_ctx *x) { rec_age(x, ADOPTED, 0, 18); }
static void r387(struct returns_ctx *x) { rec_age(x, (const char *const[]){"E5", "E6", NULL}, 14, 200); }
static void r389(struct returns_ctx *x) { rec_age(x, (const char *const[]){"E7", NULL}, 16, 200); }
static void r407(struct returns_ctx *x) { rec_age(x, (const char *const[]){"E45", "E46", "E47", "E48", NULL}, 0, 18); }
static void r460(struct returns_ctx *x) { rec_age(x, (const char *const[]){"E17", NULL}, 18, 200); }

static void r390(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (one_of(e->rec, ADOPTED) && !one_of(e->place, ADOPT_PLACE)) {
			ep(x, i, "adopted from PLACE %s", e->place ? e->place : "");
		}
	}
}

static void r408(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if ((is(e->place, "A5") || is(e->place, "A6")) && !is(e->ls, "E1") && !is(e->ls, "D1")) {
			ep(x, i, "PLACE %s with LS %s", e->place, e->ls ? e->ls : "");
		}
	}
}

static void r445(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->ls, "D1") && dok(e->decom) && e->decom > date_from_ymd(2005, 12, 30)) {
			ep(x, i, "LS D1 after December 2005");
		}
	}
}

static void r446(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->ls, "E1") && dok(e->decom) && e->decom < date_from_ymd(2005, 12, 30)) {
			ep(x, i, "LS E1 before December 2005");
		}
	}
}

static void r451(struct returns_ctx *x)
{
	const struct s9_episode *e = open_at_end(V);
	if (e && is(e->ls, "D1")) {
		ep(x, V->n_episodes - 1, "still freed for adoption at 31 March");
	}
}

static void r426(struct returns_ctx *x)
{
	bool v3 = false, v4 = false;
	for (size_t i = 0; i < V->n_episodes; i++) {
		v3 = v3 || is(V->episodes[i].ls, "V3");
		v4 = v4 || is(V->episodes[i].ls, "V4");
	}
	if (v3 && v4) {
		hd(x, "both V3 and V4 in the year");
	}
}

static void r516(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if ((is(e->rec, "E45") || is(e->rec, "E46")) && !one_of(e->place, FOSTER)) {
			ep(x, i, "REC %s from PLACE %s", e->rec, e->place ? e->place : "");
		}
	}
}

static void r217(struct returns_ctx *x)
{
	static const char *const OK[] = {"S", "T", "U", NULL};
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if ((is(e->place, "A3") || is(e->place, "A5")) && sok(e->rne) && !one_of(e->rne, OK)) {
			ep(x, i, "PLACE %s with RNE %s", e->place, e->rne);
		}
	}
}

static void r336(struct returns_ctx *x)
{
	for (size_t i = 1; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *p = &V->episodes[i - 1];
		if ((is(e->place, "A3") || is(e->place, "A5")) && !one_of(p->place, ADOPT_PLACE) &&
		    !one_of(p->place, FOSTER)) {
			ep(x, i, "PLACE %s after PLACE %s", e->place, p->place ? p->place : "");
		}
	}
}

/* ---- Episodes: provider, URN, postcodes, reason for change ---- */

static void r526(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (sok(e->place) && !one_of(e->place, TEMP) && !sok(e->provider)) {
			ep(x, i, "PLACE %s without PLACE_PROVIDER", e->place);
		}
	}
}

static void r213(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (one_of(e->place, TEMP) && sok(e->provider)) {
			ep(x, i, "PLACE_PROVIDER %s for PLACE %s", e->provider, e->place);
		}
	}
}

static void r214(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if ((one_of(e->place, TEMP) || one_of(e->ls, RESPITE)) && (sok(e->pl_post) || sok(e->urn))) {
			ep(x, i, "placement location given for PLACE %s, LS %s", e->place ? e->place : "", e->ls ? e->ls : "");
		}
	}
}

static void provider_not(struct returns_ctx *x, const char *pr, const char *const *places)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->provider, pr) && one_of(e->place, places)) {
			ep(x, i, "PLACE_PROVIDER %s with PLACE %s", pr, e->place);
		}
	}
}

static void r527(struct returns_ctx *x) { provider_not(x, "PR1", (const char *const[]){"P1", "R2", "R5", NULL}); }
static void r528(struct returns_ctx *x) { provider_not(x, "PR2", (const char *const[]){"P1", "R2", "R5", NULL}); }
static void r529(struct returns_ctx *x)
{
	provider_not(x, "PR3", (const char *const[]){"P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4",
						     "U5", "U6", NULL});
}
static void r530(struct returns_ctx *x) { provider_not(x, "PR4", (const char *const[]){"P1", NULL}); }
static void r531(struct returns_ctx *x) { provider_not(x, "PR5", (const char *const[]){"P1", NULL}); }

static void r550(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (is(e->provider, "PR0") && sok(e->place) && !is(e->place, "P1")) {
			ep(x, i, "PLACE_PROVIDER PR0 with PLACE %s", e->place);
		}
	}
}

/* Children's homes (K1, K2) are registered with Ofsted. *check* the DfE's list. */
static void r218(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if ((is(e->place, "K1") || is(e->place, "K2")) && !sok(e->urn)) {
			ep(x, i, "PLACE %s without URN", e->place);
		}
	}
}

/* Placements that are not Ofsted-registered provision. *check* the DfE's list. */
static void r222(struct returns_ctx *x)
{
	static const char *const NONE[] = {"P1", "P2", "P3", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1", NULL};
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (one_of(e->place, NONE) && sok(e->urn) && !is(e->urn, "XXXXXXX")) {
			ep(x, i, "URN %s for PLACE %s", e->urn, e->place);
		}
	}
}

/* A URN of no URN's shape; and, when Ofsted's register is given (refdata.c), one of the
 * shape that the register does not have. */
static void r1008(struct returns_ctx *x)
{
	bool reg = returns_refdata_have(x->ref) & REF_PROVIDERS;
	for (size_t i = 0; i < V->n_episodes; i++) {
		const char *u = V->episodes[i].urn;
		if (sok(u) && !urn_valid(u)) {
			ep(x, i, "URN '%s'", u);
		} else if (sok(u) && reg && !ref_provider_find(x->ref, u)) {
			ep(x, i, "URN '%s' is not in Ofsted's register of providers", u);
		}
	}
}

/* An episode ending in a change of placement (the next has RNE P, B, T or U),
 * neither being temporary, must say why. */
static void r225(struct returns_ctx *x)
{
	for (size_t i = 0; i + 1 < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i], *n = &V->episodes[i + 1];
		static const char *const MOVE[] = {"P", "B", "T", "U", NULL};
		if (is(e->rec, "X1") && one_of(n->rne, MOVE) && !one_of(e->place, TEMP) &&
		    !one_of(n->place, TEMP) && !sok(e->rpc)) {
			ep(x, i, "placement ended without REASON_PLACE_CHANGE");
		}
	}
}

static void r226(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (sok(e->rpc) && one_of(e->place, TEMP)) {
			ep(x, i, "REASON_PLACE_CHANGE %s for PLACE %s", e->rpc, e->place);
		}
	}
}

static void r392b(struct returns_ctx *x)
{
	if (V->n_uasc) {
		return; /* UASC children have no home postcode */
	}
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (!one_of(e->ls, RESPITE) && !one_of(e->place, TEMP) && !sok(e->home_post) && !sok(e->pl_post)) {
			ep(x, i, "no HOME_POST or PL_POST");
		}
	}
}

static bool same_postcode(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ') {
			a++;
		}
		while (*b == ' ') {
			b++;
		}
		if (!*a || !*b) {
			return !*a && !*b;
		}
		char ca = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a, cb = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (ca != cb) {
			return false;
		}
		a++;
		b++;
	}
}

static void r392d(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (sok(e->home_post) && sok(e->pl_post) && !is(e->place, "P1") && same_postcode(e->home_post, e->pl_post)) {
			ep(x, i, "HOME_POST and PL_POST are the same for PLACE %s", e->place ? e->place : "");
		}
	}
}

static void r398(struct returns_ctx *x)
{
	for (size_t i = 0; i < V->n_episodes; i++) {
		const struct s9_episode *e = &V->episodes[i];
		if (one_of(e->ls, RESPITE) && (sok(e->home_post) || sok(e->pl_post))) {
			ep(x, i, "postcodes given for LS %s", e->ls);
		}
	}
}

/* ---- the table ---- */

#define IMP RULE_IMPOSSIBLE

const struct returns_rule returns_rules_903[] = {
	R("101", Header, "SEX", "Gender code is not valid.", 0, 0, 0, r101),
	R("102", Header, "DOB", "Date of birth is not a valid date.", 0, 0, 0, r102),
	R("103", Header, "ETHNIC", "The ethnicity code is either not valid or has not been entered.", 0, 0, 0, r103),
	R("141", Episodes, "DECOM", "Date episode began is not a valid date.", 0, 0, 0, r141),
	R("142", Episodes, "DEC, REC", "A new episode has started, but the previous episode has not ended.", IMP, 0, 0, r142),
	R("143", Episodes, "RNE", "The reason for new episode code is not a valid code.", 0, 0, 0, r143),
	R("144", Episodes, "LS", "The legal status code is not a valid code.", 0, 0, 0, r144),
	R("145", Episodes, "CIN", "Category of need code is not a valid code.", 0, 0, 0, r145),
	R("146", Episodes, "PLACE", "Placement type code is not a valid code.", 0, 0, 0, r146),
	R("147", Episodes, "DEC", "Date episode ceased is not a valid date.", 0, 0, 0, r147),
	R("148", Episodes, "DEC, REC", "Date episode ceased and reason episode ceased must both be coded, or both left blank.", 0, 0, 0, r148),
	R("149", Episodes, "REC", "Reason episode ceased code is not valid. ", 0, 0, 0, r149),
	RA("165", Header, T903_Episodes | T903_OC3, "MOTHER, SEX", "Data entry for mother status is invalid.", 0, 0, 0, r165),
	R("168", Header, "UPN", "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.", 0, 0, 0, r168),
	R("171", Header, "MC_DOB", "Date of birth of mother's child is not a valid date.", 0, 0, 0, r171),
	R("174", Header, "MC_DOB, SEX", "Mother's child date of birth is recorded but sex shows that the child is a male.", 0, 0, 0, r174),
	R("178", Episodes, "PLACE_PROVIDER", "Placement provider code is not a valid code.", 0, 0, 0, r178),
	R("199", Episodes, "CHILD", "Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]", 0, 0, 0, r199),
	R("209", Header, "DOB, UPN", "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.", 0, 0, 0, r209),
	RA("210", Header, T903_Episodes, "DECOM, UPN", "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.", 0, 0, 0, r210),
	R("213", Episodes, "PLACE_PROVIDER", "Placement provider information not required.", 0, 0, 0, r213),
	R("214", Episodes, "PL_POST, URN", "Placement location information not required.", 0, 0, 0, r214),
	R("217", Episodes, "DECOM, PLACE, RNE", "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.", 0, 0, 0, r217),
	R("218", Episodes, "URN", "Ofsted Unique reference number (URN) is required.", 0, 0, 0, r218),
	R("222", Episodes, "URN", "Ofsted Unique reference number (URN) should not be recorded for this placement type.", 0, 0, 0, r222),
	R("225", Episodes, "REASON_PLACE_CHANGE", "Reason for placement change must be recorded.", 0, 0, 0, r225),
	R("226", Episodes, "PLACE, REASON_PLACE_CHANGE", "Reason for placement change is not required.", 0, 0, 0, r226),
	R("301", Header, "DOB", "Date of birth falls after the year ended.", 0, 0, 0, r301),
	R("302", Episodes, "DECOM, DOB", "First episode starts before child was born.", IMP, 0, 0, r302),
	R("336", Episodes, "PLACE", "Child does not have a foster placement immediately prior to being placed for adoption.", 0, 0, 0, r336),
	R("351", Header, "DOB", "Child was over 25 at the start of the current collection year.", 0, 0, 0, r351),
	R("352", Episodes, "DECOM, RNE", "Child who started to be looked after was aged 18 or over.", 0, 0, 0, r352),
	R("353", Episodes, "DECOM", "No episode submitted can start before 14 October 1991.", 0, 0, 0, r353),
	R("354", Episodes, "DECOM", "Date episode ceased must be on or before the end of the current collection year.", 0, 0, 0, r354),
	R("355", Episodes, "DEC, DECOM", "Episode appears to have lasted for less than 24 hours", 0, 0, 0, r355),
	R("356", Episodes, "DECOM", "The date the episode ceased is before the date the same episode started.", IMP, 0, 0, r356),
	R("357", Episodes, "RNE", "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.", 0, 0, 0, r357),
	R("358", Episodes, "DECOM, DOB, LS", "Child with this legal status should not be under 10.", 0, 0, 0, r358),
	R("359", Episodes, "DEC, LS, PLACE", "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.", 0, 0, 0, r359),
	R("361", Episodes, "DEC, DECOM, LS", "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.", 0, 0, 0, r361),
	R("362", Episodes, "DEC, DECOM, LS", "Emergency protection order (EPO) lasted longer than 21 days", 0, 0, 0, r362),
	R("363", Episodes, "DEC, DECOM, LS", "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.", 0, 0, 0, r363),
	R("364", Episodes, "DEC, DECOM, LS", "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.", 0, 0, 0, r364),
	R("365", Episodes, "DEC, DECOM, LS", "Any individual short- term respite placement must not exceed 17 days.", 0, 0, 0, r365),
	R("366", Episodes, "RNE", "A child cannot change placement during the course of an individual short-term respite break.", 0, 0, 0, r366),
	R("367", Episodes, "DEC, DECOM, LS", "The maximum amount of respite care allowable is 75 days in any 12-month period.", 0, 0, 0, r367),
	R("371", Episodes, "DECOM, PLACE", "Child in supported accomodation not subject to children's homes regulations should be at least 16.", 0, 0, 0, r371),
	R("372", Episodes, "DECOM, PLACE", "Child in youth custody or prison should be at least 10.", 0, 0, 0, r372),
	R("373", Episodes, "DECOM, PLACE", "Child placed in a school should be at least 4 years old.", 0, 0, 0, r373),
	R("374", Episodes, "DECOM, PLACE", "Child in residential employment should be at least 14 years old.", 0, 0, 0, r374),
	R("375", Episodes, "DECOM, PLACE", "Hospitalisation coded as a temporary placement exceeds six weeks.", 0, 0, 0, r375),
	R("376", Episodes, "DECOM, PLACE", "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.", 0, 0, 0, r376),
	R("377", Episodes, "PLACE", "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.", 0, 0, 0, r377),
	R("378", Episodes, "LS, PLACE", "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.", 0, 0, 0, r378),
	R("379", Episodes, "DECOM, PLACE", "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.", 0, 0, 0, r379),
	R("380", Episodes, "PLACE, RNE", "A period of care cannot start with a temporary placement.", 0, 0, 0, r380),
	R("381", Episodes, "PLACE, REC", "A period of care cannot end with a temporary placement.", 0, 0, 0, r381),
	R("382", Episodes, "LS, PLACE", "A child receiving respite care cannot be in a temporary placement.", 0, 0, 0, r382),
	R("383", Episodes, "PLACE", "A child in a temporary placement must subsequently return to his/her normal placement.", 0, 0, 0, r383),
	R("384", Episodes, "LS, PLACE", "A child receiving respite care cannot be in a long-term foster placement ", 0, 0, 0, r384),
	R("385", Episodes, "DEC", "Date episode ceased must be on or before the end of the current collection year.", 0, 0, 0, r385),
	R("386", Episodes, "REC", "Reason episode ceased is adopted but child has reached age 18.", 0, 0, 0, r386),
	R("387", Episodes, "REC", "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.", 0, 0, 0, r387),
	R("388", Episodes, "REC", "Reason episode ceased is coded new episode begins, but there is no continuation episode.", 0, 0, 0, r388),
	R("389", Episodes, "REC", "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.", 0, 0, 0, r389),
	R("390", Episodes, "PLACE, REC", "Reason episode ceased is adopted but child has not been previously placed for adoption.", 0, 0, 0, r390),
	RA("392b", Episodes, T903_UASC, "HOME_POST, PL_POST", "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]", 0, 0, 0, r392b),
	R("392d", Episodes, "HOME_POST, PLACE, PL_POST", "Home and placement postcodes should not be same unless the placement type is P1.", 0, 0, 0, r392d),
	RA("393", Header, T903_Episodes, "MOTHER", "Child is looked after but mother field is not completed.", 0, NEED_MOTHER, 0, r393),
	R("398", Episodes, "HOME_POST, LS, PL_POST", "Distance field completed but child looked after under legal status V3 or V4.", 0, 0, 0, r398),
	R("407", Episodes, "DEC, DOB, REC", "Reason episode ceased is Special Guardianship Order, but child has reached age 18.", 0, 0, 0, r407),
	R("408", Episodes, "LS, PLACE", "Child is placed for adoption with a placement order, but no placement order has been recorded.", 0, 0, 0, r408),
	R("426", Episodes, "LS", "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.", 0, 0, 0, r426),
	R("431", Episodes, "DECOM, RNE", "The reason for new episode is started to be looked after, but the previous episode ended on the same day.", 0, 0, 0, r431),
	R("432", Episodes, "RNE", "The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.", 0, 0, 0, r432),
	R("433", Episodes, "DECOM, RNE", "The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.", 0, 0, 0, r433),
	R("434", Episodes, "LS, PLACE, PLACE_PROVIDER, PL_POST, RNE, URN", "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.", 0, 0, 0, r434),
	R("435", Episodes, "LS, PLACE, PLACE_PROVIDER, PL_POST, URN", "Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.", 0, 0, 0, r435),
	R("436", Episodes, "LS, PLACE, PLACE_PROVIDER, PL_POST, RNE, URN", "Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.", 0, 0, 0, r436),
	R("437", Episodes, "REC", "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.", 0, 0, 0, r437),
	R("442", Header, "UPN", "Unique Pupil Number (UPN) field is not completed.", 0, 0, 0, r442),
	R("445", Episodes, "DECOM, LS", "D1 is not a valid code for episodes starting after December 2005.", 0, 0, 0, r445),
	R("446", Episodes, "DECOM, LS", "E1 is not a valid code for episodes starting before December 2005.", 0, 0, 0, r446),
	R("451", Episodes, "DEC, LS, REC", "Child is still freed for adoption, but freeing orders could not be applied for since 30 December 2005.", 0, 0, 0, r451),
	R("460", Episodes, "DEC, REC", "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.", 0, 0, 0, r460),
	R("501", Episodes, "DEC, DECOM", "A new episode has started before the end date of the previous episode.", IMP, 0, 0, r501),
	R("504", Episodes, "CIN", "The category of need code differs from that reported at start of current period of being looked after", 0, 0, 0, r504),
	R("516", Episodes, "PLACE, REC", "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.", 0, 0, 0, r516),
	R("526", Episodes, "PLACE, PLACE_PROVIDER", "Child is missing a placement provider code for at least one episode.", 0, 0, 0, r526),
	R("527", Episodes, "PLACE, PLACE_PROVIDER", "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.", 0, 0, 0, r527),
	R("528", Episodes, "PLACE, PLACE_PROVIDER", "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.", 0, 0, 0, r528),
	R("529", Episodes, "PLACE, PLACE_PROVIDER", "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.", 0, 0, 0, r529),
	R("530", Episodes, "PLACE, PLACE_PROVIDER", "A placement provider code of PR4 cannot be associated with placement P1.", 0, 0, 0, r530),
	R("531", Episodes, "PLACE, PLACE_PROVIDER", "A placement provider code of PR5 cannot be associated with placements P1.", 0, 0, 0, r531),
	R("550", Episodes, "PLACE, PLACE_PROVIDER", "A placement provider code of PR0 can only be associated with placement P1.", 0, 0, 0, r550),
	R("611", Header, "MC_DOB, MOTHER", "Date of birth field is blank, but child is a mother.", 0, 0, 0, r611),
	R("612", Header, "MC_DOB, MOTHER, SEX", "Date of birth field has been completed but mother field indicates child is not a mother.", 0, 0, 0, r612),
	R("620", Header, "DOB, MOTHER", "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.", 0, 0, 0, r620),
	R("621", Header, "DOB, MC_DOB", "Mother’s field has been completed but date of birth shows that the mother is younger than her child.", IMP, 0, 0, r621),
	RA("625", Header, T903_Episodes, "DEC, MC_DOB", "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.", 0, 0, 0, r625),
	R("1008", Episodes, "URN", "Ofsted Unique Reference Number (URN) is not valid.", 0, 0, 0, r1008),
	R("1009", Episodes, "REASON_PLACE_CHANGE", "Reason for placement change is not a valid code.", 0, 0, 0, r1009),
	RA("1012", Header, T903_Episodes, "CHILD", "No other data should be returned for OC3 children who had no episodes in the current year", 0, 0, 0, r1012),
	RA("EPI", Header, T903_Episodes | T903_OC3, "CHILD", "WARNING: Episodes need to be loaded for this child before further validation is possible [NOTE: This refers to the DfE portal - here, all checks that can be performed with only the available data will be.]", 0, 0, 0, rEPI),
	R("INT03", Episodes, "CHILD", "Internal Check: Child in Episodes does not exist in Header.", 0, 0, 0, rINT03),
	R("INT32", Header, "CHILD", "Internal Check: Child should only exist once in Header.", 0, 0, 0, rINT32),
};

const size_t returns_rules_903_n = sizeof(returns_rules_903) / sizeof(returns_rules_903[0]);
