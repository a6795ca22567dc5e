/* care: a period in care, from the day a child becomes looked after to the day it ends.
 *
 * The exit is planned on entry from the child's age (table `pathways`): return home,
 * special guardianship, a child arrangements order, adoption, or staying until 18 (and
 * for some teenagers leaving at 16-17). Care proceedings (26 weeks, many longer) run
 * from an interim care order to the final order that decides most of those exits. The
 * period is a chain of SSDA903 episodes: a new one for each change of legal status (L),
 * of placement (P), of both (T), or of placement with the same carers (U, B), each ending
 * with REC X1 and the reason for the placement change when there was one, the last with
 * the exit's REC. Around it: reviews (20 working days, 3 months, 6-monthly), visits
 * (reg 28), health assessments and dental checks, school and PEPs, missing episodes and
 * return interviews, the permanence plan, the adoption milestones, and for a young person
 * leaving at 16 or over, care leaver services (personal adviser, contacts, pathway plans).
 *
 * Every proportion and timescale is a table or constant below; "in time" shares leave
 * some reviews, visits, checks and PEPs late or missing, as in a real authority.
 *
 * What the returns ask beyond the journey (the end of this file): each year's outcomes
 * (OC2) for a child looked after for 12 months at 31 March, the adopters, and on the child
 * row the reason a UPN is unknown, motherhood and the permanence order before care. These
 * are drawn from side streams, so adding them changed none of the journey's draws.
 *
 * Invariants: a period's episodes follow each other without gaps or overlaps (each
 * starts the day the last ended), the first is RNE S, an L episode keeps the placement
 * and a P/U episode keeps the legal status; nothing is recorded after the as-at date or,
 * for recurring events, outside the detail window; the period ends by the 18th birthday. */
#include <string.h>

#include "demo/internal.h"

/* ---- the plan out of care ---- */
enum pathway { PW_HOME, PW_SGO, PW_CAO, PW_ADOPT, PW_TO18, PW_OTHER, PW_MAX };
/* Pathway out of care by age on entry: under 1, 1-4, 5-11, 12-15, 16-17. */
static const double pathways[5][PW_MAX] = {
	{.22, .20, .03, .38, .12, .05},
	{.30, .25, .05, .18, .16, .06},
	{.40, .17, .06, .02, .28, .07},
	{.47, .05, .03, 0, .35, .10},
	{.28, .01, 0, 0, .64, .07},
};
static const double uasc_pathways[PW_MAX] = {.05, 0, 0, 0, .85, .10};
static const struct wcode ls_emergency[] = {{"L1", .35}, {"L2", .15}, {"V2", .30}, {"C1", .20}};
static const struct wcode ls_planned[] = {{"C1", .60}, {"V2", .40}};
static const struct wcode ls_s20[] = {{"V2", .85}, {"C1", .15}};
static const struct wcode cla_needs[] = {{"N1", .62}, {"N2", .03}, {"N3", .03}, {"N4", .08}, {"N5", .13},
					 {"N6", .03}, {"N7", .005}, {"N8", .055}};
#define CLA_VISIT_IN_TIME 0.88		/* reg 28 visits in time */
#define HOME_MEDIAN_DAYS 200.0
#define OTHER_MEDIAN_DAYS 240.0
#define HOME_ON_CARE_ORDER 0.40		/* returns home after proceedings: on a care order (P1) */
#define LEAVE_EARLY 0.18		/* staying-to-18 teenagers who leave at 16-17 */
#define ADOPTION_CEASED 0.08
#define SGO_AT_FINAL_ORDER 0.70
/* Care proceedings by plan: staying to 18 (under 14, 14 and over), home, other. */
#define PROCEEDINGS_TO18_YOUNG 0.90
#define PROCEEDINGS_TO18_TEEN 0.35
#define PROCEEDINGS_HOME 0.35
#define PROCEEDINGS_OTHER 0.20
#define EXTENSION_RECORDED 0.70		/* proceedings past 26 weeks with an extension recorded */
#define DISABLED_TO_ADULT_CARE 0.50	/* disabled young people leaving care at 18 (E7) */
#define HOME_THEN_CIN 0.50		/* returns home followed by a CIN plan */
#define TEEN_LONG_TERM_FOSTERING 0.70	/* teenagers staying to 18: long-term fostering as the plan */
static const struct wcode adoption_ceased_reasons[] = {{"RD3", .50}, {"RD1", .20}, {"RD4", .30}};
static const struct wcode rec_home[] = {{"E4A", .80}, {"E4B", .10}, {"E13", .10}};
static const struct wcode rec_sgo[] = {{"E45", .25}, {"E46", .10}, {"E47", .55}, {"E48", .10}};
static const struct wcode rec_adopt[] = {{"E12", .70}, {"E11", .30}};
static const struct wcode rec_18[] = {{"E17", .25}, {"E5", .40}, {"E6", .10}, {"E8", .10}, {"E13", .08}, {"E4B", .07}};
static const struct wcode rec_early[] = {{"E5", .40}, {"E6", .20}, {"E4B", .25}, {"E13", .15}};
static const struct wcode rec_other[] = {{"E3", .30}, {"E8", .35}, {"E9", .15}, {"E13", .20}};
static const struct wcode rec_uasc_other[] = {{"E15", .50}, {"E8", .50}};
static const struct wcode final_home[] = {{"SO", .60}, {"NO", .25}, {"WD", .15}};
/* Proceedings length in weeks: within 26, 27-40, 41-60 (LEG1 about 38%). */
static const double proceedings_weeks[] = {.38, .42, .20};

/* Placements by age band: first placement, and a later move. */
struct place_w {
	const char *place;
	double w;
};
static const struct place_w first_places[5][6] = {
	{{"U6", .50}, {"U3", .20}, {"U5", .15}, {"R3", .15}},
	{{"U6", .62}, {"U3", .30}, {"U5", .08}},
	{{"U6", .62}, {"U3", .25}, {"K2", .08}, {"R1", .05}},
	{{"U6", .50}, {"U3", .12}, {"K2", .28}, {"SEMI", .05}, {"R1", .05}},
	{{"U6", .30}, {"U3", .05}, {"K2", .15}, {"SEMI", .50}},
};
static const struct place_w move_places[5][6] = {
	{{"U6", .70}, {"U3", .20}, {"U5", .10}},
	{{"U6", .70}, {"U3", .20}, {"U5", .10}},
	{{"U6", .70}, {"U3", .15}, {"K2", .12}, {"R1", .03}},
	{{"U6", .45}, {"U3", .08}, {"K2", .37}, {"SEMI", .06}, {"K1", .02}, {"R1", .02}},
	{{"U6", .20}, {"K2", .25}, {"SEMI", .55}},
};
static const struct place_w uasc_places[6] = {{"SEMI", .75}, {"U6", .20}, {"K2", .05}};
#define EMERGENCY_FOSTER 0.70		/* emergency entries placed with foster carers */
/* Who provides a placement: own (PR1), another LA (PR2), private (PR4), voluntary (PR5),
 * parents (PR0). PR1 is never used with P1, R2 or R5, PR5 never with P1 (rules 527, 531). */
static const struct {
	const char *place;
	struct wcode mix[3];
} providers[] = {
	{"U1", {{"PR1", 1}}}, {"U2", {{"PR1", 1}}}, {"U3", {{"PR1", 1}}},
	{"U4", {{"PR1", .6}, {"PR4", .4}}}, {"U5", {{"PR1", .6}, {"PR4", .4}}}, {"U6", {{"PR1", .6}, {"PR4", .4}}},
	{"K1", {{"PR1", .5}, {"PR2", .5}}}, {"K2", {{"PR4", .8}, {"PR1", .2}}},
	{"K3", {{"PR4", .6}, {"PR5", .3}, {"PR1", .1}}}, {"H5", {{"PR4", .6}, {"PR5", .3}, {"PR1", .1}}},
	{"A3", {{"PR1", .5}, {"PR2", .2}, {"PR5", .3}}}, {"A4", {{"PR1", .5}, {"PR2", .2}, {"PR5", .3}}},
	{"A5", {{"PR1", .5}, {"PR2", .2}, {"PR5", .3}}}, {"A6", {{"PR1", .5}, {"PR2", .2}, {"PR5", .3}}},
	{"P1", {{"PR0", 1}}},
};
static const struct wcode other_provider[] = {{"PR4", .8}, {"PR5", .2}};
#define PLACED_LOCALLY 0.55		/* placements other than own provision inside the area */
#define ADOPTED_BY_FOSTER_CARERS 0.25	/* placed for adoption with the current foster carers (A5) */
#define LONG_TERM_FOSTER_FROM_HOME 0.60	/* long-term matches from residential: to foster carers */
#define LONG_TERM_MOVE_FOSTER 0.60	/* moves from a long-term placement: to long-term foster care */
static const struct wcode move_reasons[] = {{"CARPL", .38}, {"CREQB", .16}, {"CREQO", .10}, {"CHILD", .08},
					    {"LAREQ", .06}, {"STAND", .04}, {"ALLEG", .03}, {"CLOSE", .03},
					    {"APPRR", .02}, {"OTHER", .10}};
#define MOVES_FIRST_YEAR 0.55		/* placement moves a year */
#define MOVES_LATER 0.22
#define MOVES_TEEN_FACTOR 1.6
#define MOVES_LONG_TERM_FACTOR 0.35
#define LONG_TERM_SAME_CARER 0.60
/* CLA reviews (reg 33): within 20 working days, then 3 months, then 6-monthly. */
#define CLA_REVIEW_IN_TIME 0.88
static const struct span cla_first_review_wd = {8, 20, 21, 35};
static const struct span cla_second_review_days = {70, 91, 92, 130};
static const struct span cla_later_review_days = {150, 182, 183, 230};
/* Visits (reg 28): within a week of a placement starting; then 6-weekly (the first
 * year, or a placement not meant to last), 3-monthly after it in a long-term one. */
static const struct span cla_first_visit_days = {1, 6, 8, 20};
#define CLA_VISIT_WEEKS6 42
#define CLA_VISIT_MONTHS3 91
static const struct wcode participation[] = {{"PN1", .45}, {"PN2", .05}, {"PN3", .07}, {"PN4", .05},
					     {"PN5", .06}, {"PN6", .25}, {"PN7", .07}};
/* Health: initial assessment within 20 working days; reviews 6-monthly under 5, yearly. */
#define IHA_IN_TIME 0.68
#define IHA_LATE 0.25
static const struct span iha_wd = {5, 20, 21, 60};
#define HEALTH_REVIEW_DONE 0.90
#define HEALTH_REVIEW_IN_TIME 0.85
#define DENTAL_DONE 0.80
/* Education: PEP within 10 working days of entry, then one a term. */
#define PEP_INITIAL_IN_TIME 0.80
static const struct span pep_initial_wd = {3, 10, 11, 40};
#define PEP_INITIAL_HELD 0.95
#define PEP_TERM_DONE 0.88
static const struct wcode sen_codes[] = {{"none", .58}, {"sen_support", .24}, {"ehcp", .18}};
#define SCHOOL_MOVE_WITH_PLACEMENT 0.35
/* Missing: most episodes are teenagers'; about 10% of children in care go missing. */
#define MISSING_PRONE_TEEN 0.28
#define MISSING_PRONE_CHILD 0.02
#define MISSING_PER_YEAR 5.0
#define RHI_IN_TIME 0.75
#define RHI_LATE 0.10
#define RHI_ACCEPTED 0.55
#define AWAY_SHARE 0.08
/* Permanence plan by the second review. */
#define PERMANENCE_BY_SECOND_REVIEW 0.82
#define PERMANENCE_LATER 0.12
/* Care leavers. */
#define LEAVER_TO_25 0.15
static const struct wcode in_touch[] = {{"YES", .88}, {"NO", .05}, {"REFU", .03}, {"NREQ", .03}, {"RHOM", .01}};
static const struct wcode accommodation[] = {
	{"D1", .28}, {"U1", .16}, {"Z1", .12}, {"B1", .14}, {"E1", .07}, {"T1", .05}, {"C1", .02}, {"K1", .03},
	{"S2", .02}, {"W2", .01}, {"X2", .02}, {"B2", .03}, {"D2", .02}, {"V2", .01}, {"Y1", .02}};
static const struct wcode activity[] = {{"F1", .07}, {"P1", .01}, {"F2", .20}, {"P2", .03}, {"F4", .05},
					{"P4", .01}, {"F5", .13}, {"P5", .06}, {"G4", .09}, {"G5", .26},
					{"G6", .09}};
#define ENTITLEMENTS_EXPLAINED 0.80
#define PATHWAY_IN_TIME 0.85
static const struct span pathway_days = {120, 182, 183, 260};	/* at most 6-monthly */
#define CICC_SHARE 0.15			/* teenagers in care taking part in the council */
#define LEAVER_CHANGE 0.15		/* a leaver's accommodation or activity changes by the next contact */
#define LADO_SAME_DAY 0.85		/* allegations about carers considered the same day */

struct placement {
	hdate start;
	const char *place, *provider, *post, *urn;
	bool long_term, same_carer;
	const char *reason;	/* why the placement before this one ended */
};

struct legal {
	hdate d;
	const char *ls;
};

static int band_of(int age)
{
	return age < 1 ? 0 : age < 5 ? 1 : age < 12 ? 2 : age < 16 ? 3 : 4;
}

static const char *pick_place(struct kid *k, const struct place_w *t, hdate d)
{
	double sum = 0;
	for (int i = 0; i < 6 && t[i].place; i++) {
		sum += t[i].w;
	}
	double u = rng_unit(&k->r) * sum;
	const char *p = t[0].place;
	for (int i = 0; i < 6 && t[i].place; i++) {
		if (u < t[i].w) {
			p = t[i].place;
			break;
		}
		u -= t[i].w;
	}
	if (strcmp(p, "SEMI") == 0) {
		/* Semi-independent living became regulated supported accommodation (K3) in 2024/25. */
		p = d >= date_from_ymd(2024, 4, 1) ? "K3" : "H5";
	}
	return p;
}

static const char *provider_for(struct kid *k, const char *place)
{
	for (int i = 0; i < NELEM(providers); i++) {
		if (strcmp(place, providers[i].place) == 0) {
			int n = 0;
			while (n < 3 && providers[i].mix[n].code) {
				n++;
			}
			return rng_wcode(&k->r, providers[i].mix, n);
		}
	}
	return rng_wcode(&k->r, other_provider, NELEM(other_provider));
}

static void set_placement(struct demo_ctx *cx, struct kid *k, struct placement *p, hdate d, const char *place,
			  const char *provider)
{
	p->start = d;
	p->place = place;
	p->provider = provider ? provider : provider_for(k, place);
	bool local = strcmp(p->provider, "PR1") == 0 || rng_chance(&k->r, PLACED_LOCALLY);
	p->post = place[0] == 'P' ? k->home_post : words_postcode(&k->r, &cx->batch, k->area, local);
	if (place[0] == 'P' || (place[0] == 'U' && place[1] <= '3')) {
		p->urn = "XXXXXXX";
	} else {
		p->urn = arena_printf(&cx->batch, "SC%06d", rng_int(&k->r, 100000, 999999));
	}
	p->long_term = strcmp(place, "U1") == 0 || strcmp(place, "U4") == 0;
	p->same_carer = false;
	p->reason = NULL;
}

/* CLA reviews (reg 33): returns the date of the second review, or DATE_NONE. */
static hdate cla_reviews(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit)
{
	hdate second = DATE_NONE;
	hdate d = wd_add(entry, span_draw(&k->r, &cla_first_review_wd, CLA_REVIEW_IN_TIME));
	for (int n = 0; d < exit && d <= cx->as_at; n++) {
		if (n == 1) {
			second = d;
		}
		if (in_detail(cx, k, d)) {
			int r = row_new(cx, k, &entity_cla_review);
			row_date(cx, k, r, CLA_REVIEW_REVIEW_DATE, d);
			row_code(k, r, CLA_REVIEW_PARTICIPATION,
				 age_on(k, d) < 4 ? "PN0" : WPICK(&k->r, participation));
			row_worker(k, r, CLA_REVIEW_IRO_ID, CLA_REVIEW_REVIEW_DATE, PR_IRO);
		}
		d = days(d, span_draw(&k->r, n == 0 ? &cla_second_review_days : &cla_later_review_days,
				      CLA_REVIEW_IN_TIME));
	}
	if (second == DATE_NONE && d < exit) {
		second = d; /* due after the as-at date */
	}
	return second;
}

static void health(struct demo_ctx *cx, struct kid *k, const char *kind, hdate d)
{
	if (!in_detail(cx, k, d)) {
		return;
	}
	int r = row_new(cx, k, &entity_health);
	row_code(k, r, HEALTH_KIND, kind);
	row_date(cx, k, r, HEALTH_DONE_DATE, d);
}

static void health_checks(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit)
{
	struct rng *r = &k->r;
	hdate iha = DATE_NONE;
	double u = rng_unit(r);
	if (u < IHA_IN_TIME) {
		iha = wd_add(entry, rng_int(r, iha_wd.lo, iha_wd.hi));
	} else if (u < IHA_IN_TIME + IHA_LATE) {
		iha = wd_add(entry, rng_int(r, iha_wd.late_lo, iha_wd.late_hi));
	}
	if (iha != DATE_NONE && iha < exit) {
		health(cx, k, "initial", iha);
	}
	hdate base = iha != DATE_NONE ? iha : wd_add(entry, 20);
	for (hdate due = date_add_months(base, age_on(k, base) < 5 ? 6 : 12); due < exit && due <= cx->as_at;) {
		hdate done = DATE_NONE;
		if (rng_chance(r, HEALTH_REVIEW_DONE)) {
			done = rng_chance(r, HEALTH_REVIEW_IN_TIME) ? date_add_days(due, -rng_int(r, 0, 30))
								    : date_add_days(due, rng_int(r, 1, 75));
			if (done < exit) {
				health(cx, k, "review", done);
			}
		}
		hdate from = done != DATE_NONE ? done : due;
		due = date_add_months(from, age_on(k, from) < 5 ? 6 : 12);
	}
	if (age_on(k, exit) >= 1) {
		hdate d = max_date(date_add_days(entry, rng_int(r, 30, 200)), birthday(k, 1));
		for (; d < exit && d <= cx->as_at; d = date_add_days(d, rng_int(r, 330, 420))) {
			if (rng_chance(r, DENTAL_DONE)) {
				health(cx, k, "dental", d);
			}
		}
	}
}

/* School terms as in model/settings.h's default: 1 January, 20 April, 1 September. */
static hdate next_term(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	hdate t[3] = {date_from_ymd(y, 4, 20), date_from_ymd(y, 9, 1), date_from_ymd(y + 1, 1, 1)};
	for (int i = 0; i < 3; i++) {
		if (t[i] > d) {
			return t[i];
		}
	}
	return t[2];
}

static void school_row(struct demo_ctx *cx, struct kid *k, hdate start)
{
	int age = age_on(k, start);
	int r = row_new(cx, k, &entity_education);
	row_str(k, r, EDUCATION_SCHOOL_URN, arena_printf(&cx->batch, "%d", rng_int(&k->r, 100000, 149999)));
	row_str(k, r, EDUCATION_SCHOOL_NAME, words_school(&k->r, &cx->batch, age));
	row_date(cx, k, r, EDUCATION_START_DATE, start);
	row_code(k, r, EDUCATION_SEN, k->sen);
	k->school = r;
}

static void school_end(struct demo_ctx *cx, struct kid *k, hdate d)
{
	if (k->school >= 0) {
		row_date(cx, k, k->school, EDUCATION_END_DATE, d);
		k->school = -1;
	}
}

/* Education while in care: the school on entry, moves with some placement moves, college
 * at 16, and PEPs (within 10 working days of entry, then termly). */
static void education(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit, const struct placement *pl,
		      int n_pl)
{
	struct rng *r = &k->r;
	/* Reception from the September on or after the fourth birthday. */
	int y4, m4, d4;
	date_to_ymd(birthday(k, 4), &y4, &m4, &d4);
	hdate school_from = date_from_ymd(y4, 9, 1);
	if (school_from < birthday(k, 4)) {
		school_from = date_from_ymd(y4 + 1, 9, 1);
	}
	hdate school_to = birthday(k, 18);
	hdate from = max_date(entry, school_from), to = min_date(exit, school_to);
	if (from >= to || to < cx->detail_start || from > cx->as_at) {
		return;
	}
	if (!k->sen) {
		k->sen = WPICK(r, sen_codes);
	}
	k->school = -1;
	school_row(cx, k, max_date(school_from, date_add_days(from, -rng_int(r, 0, 700))));
	hdate college = DATE_NONE;
	{
		int y, m, d;
		date_to_ymd(birthday(k, 16), &y, &m, &d);
		college = date_from_ymd(m >= 9 ? y + 1 : y, 9, 1);
	}
	int p = 1;
	while (p < n_pl && pl[p].start <= from) {
		p++;
	}
	for (hdate d = from; d < to && d <= cx->as_at;) {
		hdate next = to;
		if (p < n_pl && pl[p].start < next) {
			next = pl[p].start;
		}
		if (college > d && college < next) {
			next = college;
		}
		if (next >= to || next > cx->as_at) {
			break;
		}
		if (next == college && college > d) {
			school_end(cx, k, college);
			school_row(cx, k, college);
			while (p < n_pl && pl[p].start <= college) {
				p++;
			}
		} else {
			if (rng_chance(r, SCHOOL_MOVE_WITH_PLACEMENT)) {
				hdate moved = date_add_days(next, rng_int(r, 3, 20));
				hdate since = (hdate)k->rows[k->school].v[EDUCATION_START_DATE].i;
				if (moved > since && moved < to && moved <= cx->as_at && moved < college) {
					school_end(cx, k, moved);
					school_row(cx, k, moved);
				}
			}
			p++;
		}
		d = next;
	}
	school_end(cx, k, to);
	/* PEPs */
	hdate pep = wd_add(from, span_draw(r, &pep_initial_wd, PEP_INITIAL_IN_TIME));
	if (pep < to && in_detail(cx, k, pep) && rng_chance(r, PEP_INITIAL_HELD)) {
		int row = row_new(cx, k, &entity_pep);
		row_date(cx, k, row, PEP_PEP_DATE, pep);
	}
	for (hdate t = next_term(from); t < to && t <= cx->as_at; t = next_term(t)) {
		hdate d = date_add_days(t, rng_int(r, 10, 70));
		if (d < to && in_detail(cx, k, d) && rng_chance(r, PEP_TERM_DONE)) {
			int row = row_new(cx, k, &entity_pep);
			row_date(cx, k, row, PEP_PEP_DATE, d);
		}
	}
}

static void missing_episodes(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit)
{
	struct rng *r = &k->r;
	hdate from = max_date(entry, cx->detail_start);
	if (!k->missing_prone || from >= exit) {
		return;
	}
	double rate = MISSING_PER_YEAR * rng_lognormal(r, 1, 0.6, 0.2, 4);
	for (hdate d = days(from, rng_exp(r, 365.25 / rate)); d < exit && d <= cx->as_at;
	     d = days(d, 1 + rng_exp(r, 365.25 / rate))) {
		if (age_on(k, d) < 10 || !in_detail(cx, k, d)) {
			continue;
		}
		int64_t start = instant_from_date(d) + (int64_t)rng_int(r, 14, 23) * 3600 + rng_int(r, 0, 59) * 60;
		int64_t end = start + (int64_t)(rng_lognormal(r, 10, 1.0, 1, 240) * 3600);
		int row = row_new(cx, k, &entity_missing);
		row_instant(cx, k, row, MISSING_START_AT, start);
		row_bool(k, row, MISSING_AWAY, rng_chance(r, AWAY_SHARE));
		bool accepted = false;
		if (instant_date(end) <= cx->as_at) {
			row_instant(cx, k, row, MISSING_END_AT, end);
			double u = rng_unit(r);
			int64_t offered = 0;
			if (u < RHI_IN_TIME) {
				offered = end + (int64_t)rng_int(r, 2, 70) * 3600;
			} else if (u < RHI_IN_TIME + RHI_LATE) {
				offered = end + (int64_t)rng_int(r, 73, 240) * 3600;
			}
			if (offered && instant_date(offered) <= cx->as_at) {
				row_instant(cx, k, row, MISSING_RHI_OFFERED_AT, offered);
				accepted = rng_chance(r, RHI_ACCEPTED);
			}
		}
		row_bool(k, row, MISSING_RHI_ACCEPTED, accepted);
	}
}

static void lado_from_care(struct demo_ctx *cx, struct kid *k, hdate d)
{
	static const struct wcode cats[] = {{"physical", .45}, {"emotional", .25}, {"sexual", .10}, {"neglect", .20}};
	if (d > cx->as_at || d < k->dob) {
		return;
	}
	int r = row_new(cx, k, &entity_lado);
	row_date(cx, k, r, LADO_RECEIVED_DATE, d);
	row_date(cx, k, r, LADO_CONSIDERED_DATE,
		 wd_add(d, rng_chance(&k->r, LADO_SAME_DAY) ? 0 : rng_int(&k->r, 1, 4)));
	row_code(k, r, LADO_CATEGORY, WPICK(&k->r, cats));
	row_code(k, r, LADO_SECTOR, "social_care");
	hdate resolved = days(d, rng_lognormal(&k->r, 25, 1.0, 2, 400));
	row_date(cx, k, r, LADO_RESOLVED_DATE, resolved);
	if (resolved <= cx->as_at) {
		static const struct wcode outs[] = {{"substantiated", .25}, {"unsubstantiated", .35}, {"unfounded", .25},
						    {"false", .12}, {"malicious", .03}};
		row_code(k, r, LADO_OUTCOME, WPICK(&k->r, outs));
	}
}

static void leaver_services(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit)
{
	struct rng *r = &k->r;
	hdate b18 = birthday(k, 18);
	hdate until = birthday(k, rng_chance(r, LEAVER_TO_25) ? 25 : 21);
	k->leaver_until = until;
	hdate pa = exit >= date_add_days(b18, -1) ? max_date(entry, date_add_days(b18, -rng_int(r, 60, 180))) : exit;
	seg_open(cx, k, AK_PA, pa, team_index(cx, TK_LEAVING));
	seg_close(cx, k, AK_PA, until);
	const char *acc = WPICK(r, accommodation), *act = WPICK(r, activity);
	for (hdate d = days(exit, rng_int(r, 14, 60)); d < until && d <= cx->as_at; d = days(d, rng_int(r, 56, 92))) {
		if (rng_chance(r, LEAVER_CHANGE)) {
			acc = WPICK(r, accommodation);
		}
		if (rng_chance(r, LEAVER_CHANGE)) {
			act = WPICK(r, activity);
		}
		if (!in_detail(cx, k, d)) {
			continue;
		}
		const char *touch = WPICK(r, in_touch);
		bool yes = strcmp(touch, "YES") == 0;
		int row = row_new(cx, k, &entity_leaver_contact);
		row_date(cx, k, row, LEAVER_CONTACT_CONTACT_DATE, d);
		row_code(k, row, LEAVER_CONTACT_IN_TOUCH, touch);
		row_code(k, row, LEAVER_CONTACT_ACCOMMODATION, yes ? acc : "0");
		if (yes) {
			row_bool(k, row, LEAVER_CONTACT_SUITABLE, acc[1] == '1');
		}
		row_code(k, row, LEAVER_CONTACT_ACTIVITY, yes ? act : "0");
		row_bool(k, row, LEAVER_CONTACT_ENTITLEMENTS_EXPLAINED, yes && rng_chance(r, ENTITLEMENTS_EXPLAINED));
	}
}

static void pathway_plans(struct demo_ctx *cx, struct kid *k, hdate from, hdate to)
{
	struct rng *r = &k->r;
	for (hdate d = days(from, rng_int(r, 10, 60)); d < to && d <= cx->as_at;
	     d = days(d, span_draw(r, &pathway_days, PATHWAY_IN_TIME))) {
		if (in_detail(cx, k, d)) {
			int row = row_new(cx, k, &entity_pathway_plan);
			row_date(cx, k, row, PATHWAY_PLAN_REVIEW_DATE, d);
		}
	}
}

static bool leaves_to_order(const char *rec)
{
	static const char *const orders[] = {"E11", "E12", "E41", "E45", "E46", "E47", "E48", "E3", "E15", "E2"};
	for (int i = 0; i < NELEM(orders); i++) {
		if (strcmp(rec, orders[i]) == 0) {
			return true;
		}
	}
	return false;
}

static const char *const permanence_codes[PW_MAX] = {"return_home", "sgo", "cao", "adoption", "long_term_fostering",
						     "other"};

static void permanence(struct demo_ctx *cx, struct kid *k, hdate d, const char *plan, hdate exit)
{
	if (d >= exit || d > cx->as_at || d < k->dob) {
		return;
	}
	int r = row_new(cx, k, &entity_permanence);
	row_date(cx, k, r, PERMANENCE_DECIDED_DATE, d);
	row_code(k, r, PERMANENCE_PLAN, plan);
}

/* A period in care from entry. Returns the day it ends (possibly after the as-at date)
 * and what follows in *nx; *close the CIN closure reason when the case closes then. */
static void adopters(struct kid *k, int row);
static void outcomes(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit);

hdate care_period(struct demo_ctx *cx, struct kid *k, hdate entry, enum route route, enum after *nx,
			const char **close)
{
	struct rng *r = &k->r;
	hdate b18 = birthday(k, 18);
	*nx = AFT_CLOSE;
	*close = "RC7";
	if (entry >= date_add_days(b18, -30) || entry > cx->as_at) {
		return entry;
	}
	int age = age_on(k, entry);
	int band = band_of(age);
	enum pathway pw = (enum pathway)(k->uasc ? WINDEX(r, uasc_pathways) : rng_windex(r, pathways[band], PW_MAX));
	const char *cin = k->uasc ? "N8" : k->disabled ? "N2" : WPICK(r, cla_needs);
	k->entries++;

	/* legal status */
	const char *ls0 = route == RT_UASC      ? "V2"
			  : route == RT_EMERGENCY ? WPICK(r, ls_emergency)
			  : route == RT_PLANNED   ? WPICK(r, ls_planned)
						  : WPICK(r, ls_s20);
	bool proc = pw == PW_SGO || pw == PW_CAO || pw == PW_ADOPT ||
		    (pw == PW_TO18 && !k->uasc &&
		     rng_chance(r, age < 14 ? PROCEEDINGS_TO18_YOUNG : PROCEEDINGS_TO18_TEEN)) ||
		    (pw == PW_HOME && rng_chance(r, PROCEEDINGS_HOME)) ||
		    (pw == PW_OTHER && rng_chance(r, PROCEEDINGS_OTHER)) || strcmp(ls0, "C1") == 0;
	struct legal legal[8];
	int n_legal = 0;
	hdate issue = DATE_NONE, final = DATE_NONE;
	const char *ls_now = ls0;
	if (ls0[0] == 'L') {
		hdate t1 = date_add_days(entry, ls0[1] == '1' ? rng_int(r, 1, 3) : rng_int(r, 3, 8));
		ls_now = proc ? "C1" : "V2";
		legal[n_legal++] = (struct legal){t1, ls_now};
		if (proc) {
			issue = t1;
		}
	} else if (strcmp(ls0, "C1") == 0) {
		issue = entry;
	} else if (proc) {
		issue = days(entry, rng_int(r, 30, 200));
		legal[n_legal++] = (struct legal){issue, "C1"};
	}
	int weeks = 0;
	if (proc) {
		int wb = WINDEX(r, proceedings_weeks);
		weeks = wb == 0 ? rng_int(r, 14, 26) : wb == 1 ? rng_int(r, 27, 40) : rng_int(r, 41, 60);
		final = date_add_days(issue, weeks * 7);
		if (final >= date_add_days(b18, -60)) {
			/* No proceedings for a young person about to turn 18. */
			proc = false;
			final = DATE_NONE;
			n_legal = ls0[0] == 'L' ? 1 : 0;
			if (n_legal) {
				legal[0].ls = "V2";
			}
			issue = DATE_NONE;
			if (strcmp(ls0, "C1") == 0) {
				ls0 = "V2";
			}
			if (pw != PW_TO18 && pw != PW_HOME) {
				pw = PW_HOME;
			}
		}
	}

	/* exit */
	hdate exit;
	const char *rec;
	const char *order = NULL;
	hdate adm = DATE_NONE, matched = DATE_NONE, placed = DATE_NONE, adopted = DATE_NONE, ceased = DATE_NONE;
	hdate long_term_at = DATE_NONE, home_at = DATE_NONE;
	switch (pw) {
	case PW_HOME:
		exit = proc ? final : days(entry, rng_lognormal(r, HOME_MEDIAN_DAYS, 0.9, 3, 1500));
		rec = WPICK(r, rec_home);
		order = proc ? WPICK(r, final_home) : NULL;
		if (proc && rng_chance(r, HOME_ON_CARE_ORDER)) {
			/* placed with parents on a care order, discharged later */
			order = "CO";
			legal[n_legal++] = (struct legal){final, "C2"};
			home_at = final;
			exit = days(final, rng_lognormal(r, 180, 0.6, 60, 700));
			rec = "E4A";
		}
		break;
	case PW_SGO:
		order = rng_chance(r, SGO_AT_FINAL_ORDER) ? "SGO" : "CO";
		exit = order[0] == 'S' ? final : days(final, rng_int(r, 180, 720));
		rec = WPICK(r, rec_sgo);
		if (order[0] == 'C') {
			legal[n_legal++] = (struct legal){final, "C2"};
		}
		break;
	case PW_CAO:
		order = "CAO";
		exit = final;
		rec = "E41";
		break;
	case PW_ADOPT:
		order = "PO";
		legal[n_legal++] = (struct legal){final, "E1"};
		adm = min_date(days(entry, rng_int(r, 60, 250)), date_add_days(final, -14));
		adm = max_date(adm, date_add_days(entry, 7));
		if (rng_chance(r, ADOPTION_CEASED)) {
			ceased = days(final, rng_int(r, 150, 400));
			exit = b18;
			rec = WPICK(r, rec_18);
			long_term_at = days(ceased, rng_int(r, 30, 120));
		} else {
			matched = days(final, rng_lognormal(r, 150, 0.5, 40, 540));
			placed = days(matched, rng_int(r, 7, 28));
			adopted = days(placed, rng_int(r, 150, 400));
			exit = adopted;
			rec = WPICK(r, rec_adopt);
		}
		break;
	case PW_TO18:
		exit = b18;
		rec = k->disabled && rng_chance(r, DISABLED_TO_ADULT_CARE) ? "E7" : WPICK(r, rec_18);
		if ((age >= 12 || k->uasc) && rng_chance(r, LEAVE_EARLY)) {
			hdate lo = max_date(date_add_days(entry, 60), days(birthday(k, 16), 182));
			if (lo < date_add_days(b18, -14)) {
				exit = date_add_days(lo, rng_int(r, 0, b18 - lo - 14));
				rec = WPICK(r, rec_early);
			}
		}
		if (proc) {
			order = "CO";
			legal[n_legal++] = (struct legal){final, "C2"};
			if (exit <= final) {
				exit = min_date(b18, days(final, rng_int(r, 30, 120)));
			}
		}
		if (age < 14) {
			long_term_at = days(proc ? final : days(entry, rng_int(r, 300, 540)), rng_int(r, 0, 90));
		}
		break;
	default:
		exit = days(entry, rng_lognormal(r, OTHER_MEDIAN_DAYS, 0.8, 14, 1500));
		rec = k->uasc ? WPICK(r, rec_uasc_other) : WPICK(r, rec_other);
		if (strcmp(rec, "E9") == 0 && age < 12) {
			rec = "E8";
		}
		if (proc) {
			order = "CO";
			legal[n_legal++] = (struct legal){final, "C2"};
			exit = max_date(exit, days(final, rng_lognormal(r, 200, 0.8, 14, 1000)));
		}
		break;
	}
	if (exit > b18) {
		exit = b18;
	}
	if (exit <= entry) {
		exit = date_add_days(entry, 1);
	}

	/* placements */
	struct placement pl[48];
	int n_pl = 0;
	const char *first = route == RT_EMERGENCY && rng_chance(r, EMERGENCY_FOSTER) ? "U6"
											: pick_place(k, first_places[band], entry);
	if (k->uasc) {
		first = age >= 16 ? pick_place(k, uasc_places, entry) : "U6";
	}
	set_placement(cx, k, &pl[n_pl++], entry, first, NULL);
	/* the one planned move: to long-term carers, to adopters, or home on a care order */
	enum { SP_NONE, SP_LONG_TERM, SP_ADOPTION, SP_HOME } sk = long_term_at != DATE_NONE ? SP_LONG_TERM
								  : placed != DATE_NONE     ? SP_ADOPTION
								  : home_at != DATE_NONE    ? SP_HOME
											    : SP_NONE;
	hdate special = sk == SP_LONG_TERM ? long_term_at : sk == SP_ADOPTION ? placed : home_at;
	bool adoption_special = sk == SP_ADOPTION;
	for (hdate t = entry; n_pl < NELEM(pl);) {
		struct placement *cur = &pl[n_pl - 1];
		bool adoptive = cur->place[0] == 'A';
		double rate = (t - entry < 365 ? MOVES_FIRST_YEAR : MOVES_LATER) *
			      (age_on(k, t) >= 12 ? MOVES_TEEN_FACTOR : 1) * (cur->long_term ? MOVES_LONG_TERM_FACTOR : 1);
		hdate tm = adoptive ? DATE_NONE : days(t, 1 + rng_exp(r, 365.25 / rate));
		if (special != DATE_NONE && special < exit && (tm == DATE_NONE || special <= tm)) {
			t = special;
			special = DATE_NONE;
			if (t <= cur->start) {
				continue;
			}
			struct placement *np = &pl[n_pl++];
			bool same = rng_chance(r, adoption_special ? ADOPTED_BY_FOSTER_CARERS : LONG_TERM_SAME_CARER) &&
				    cur->place[0] == 'U';
			const char *place;
			if (sk == SP_HOME) {
				place = "P1";
				same = false;
			} else if (adoption_special) {
				place = same ? "A5" : "A6";
			} else if (cur->place[0] == 'U') {
				place = cur->place[1] <= '3' ? "U1" : "U4";
			} else {
				place = rng_chance(r, LONG_TERM_FOSTER_FROM_HOME) ? "U4" : cur->place;
				same = false;
			}
			set_placement(cx, k, np, t, place, same ? cur->provider : NULL);
			if (same) {
				np->post = cur->post;
				np->urn = cur->urn;
			}
			np->same_carer = same;
			np->reason = same ? "PLACE" : "CARPL";
			continue;
		}
		if (tm == DATE_NONE || tm >= exit) {
			break;
		}
		t = tm;
		struct placement *np = &pl[n_pl++];
		const struct place_w *moves = move_places[band_of(age_on(k, t))];
		const char *place = cur->long_term && rng_chance(r, LONG_TERM_MOVE_FOSTER) ? "U4" : pick_place(k, moves, t);
		set_placement(cx, k, np, t, place, NULL);
		np->reason = WPICK(r, move_reasons);
		if (strcmp(np->reason, "ALLEG") == 0) {
			lado_from_care(cx, k, t);
		}
	}

	/* episodes: merge the legal and placement changes in date order */
	int li = 0, pi = 1;
	const char *ls = ls0;
	int cur_pl = 0;
	hdate d = entry;
	const char *rne = "S";
	for (;;) {
		if (d > cx->as_at) {
			break;
		}
		int row = row_new(cx, k, &entity_cla_episode);
		const struct placement *p = &pl[cur_pl];
		row_date(cx, k, row, CLA_EPISODE_DECOM, d);
		row_code(k, row, CLA_EPISODE_RNE, rne);
		row_code(k, row, CLA_EPISODE_LS, ls);
		row_code(k, row, CLA_EPISODE_CIN, cin);
		row_code(k, row, CLA_EPISODE_PLACE, p->place);
		row_code(k, row, CLA_EPISODE_PLACE_PROVIDER, p->provider);
		row_str(k, row, CLA_EPISODE_HOME_POST, k->home_post);
		row_str(k, row, CLA_EPISODE_PL_POST, p->post);
		row_str(k, row, CLA_EPISODE_URN, p->urn);
		row_bool(k, row, CLA_EPISODE_LONG_TERM, p->long_term);
		/* the next change */
		while (li < n_legal && legal[li].d <= d) {
			li++;
		}
		while (pi < n_pl && pl[pi].start <= d) {
			pi++;
		}
		hdate nl = li < n_legal ? legal[li].d : DATE_NONE;
		hdate np = pi < n_pl ? pl[pi].start : DATE_NONE;
		hdate next = nl == DATE_NONE ? np : np == DATE_NONE ? nl : min_date(nl, np);
		if (next == DATE_NONE || next >= exit) {
			row_date(cx, k, row, CLA_EPISODE_DEC, exit);
			if (exit <= cx->as_at) {
				row_code(k, row, CLA_EPISODE_REC, rec);
			}
			break;
		}
		bool lchg = nl == next, pchg = np == next;
		row_date(cx, k, row, CLA_EPISODE_DEC, next);
		if (next <= cx->as_at) {
			row_code(k, row, CLA_EPISODE_REC, "X1");
			if (pchg) {
				row_code(k, row, CLA_EPISODE_REASON_PLACE_CHANGE, pl[pi].reason);
			}
		}
		if (lchg) {
			ls = legal[li].ls;
		}
		if (pchg) {
			cur_pl = pi;
		}
		rne = lchg && pchg ? (pl[pi].same_carer ? "B" : "T") : lchg ? "L" : pl[pi].same_carer ? "U" : "P";
		d = next;
	}

	/* proceedings, adoption, permanence */
	if (proc && issue <= cx->as_at) {
		int row = row_new(cx, k, &entity_proceedings);
		row_date(cx, k, row, PROCEEDINGS_ISSUE_DATE, issue);
		row_date(cx, k, row, PROCEEDINGS_FINAL_ORDER_DATE, final);
		if (final <= cx->as_at) {
			row_code(k, row, PROCEEDINGS_FINAL_ORDER, order);
		}
		if (weeks > 26 && rng_chance(r, EXTENSION_RECORDED) && date_add_days(issue, 26 * 7) <= cx->as_at) {
			row_int(k, row, PROCEEDINGS_EXTENSION_WEEKS, weeks > 34 ? 16 : 8);
		}
	}
	if (adm != DATE_NONE && adm <= cx->as_at) {
		int row = row_new(cx, k, &entity_adoption);
		row_date(cx, k, row, ADOPTION_DECISION_DATE, adm);
		row_date(cx, k, row, ADOPTION_PLACEMENT_ORDER_DATE, final);
		row_date(cx, k, row, ADOPTION_MATCHED_DATE, matched);
		row_date(cx, k, row, ADOPTION_PLACED_DATE, placed);
		row_date(cx, k, row, ADOPTION_ADOPTION_ORDER_DATE, adopted);
		row_date(cx, k, row, ADOPTION_CEASED_DATE, ceased);
		if (ceased != DATE_NONE && ceased <= cx->as_at) {
			row_code(k, row, ADOPTION_CEASED_REASON, WPICK(r, adoption_ceased_reasons));
		}
		if (matched != DATE_NONE && matched <= cx->as_at) {
			adopters(k, row);
		}
	}
	outcomes(cx, k, entry, exit);
	{
		const char *places[48];
		hdate starts[48];
		for (int i = 0; i < n_pl; i++) {
			places[i] = pl[i].place;
			starts[i] = pl[i].start;
		}
		demo_families(cx, k, entry, exit, proc, issue, pw == PW_SGO, pw == PW_CAO, places, starts, n_pl);
	}
	hdate second = cla_reviews(cx, k, entry, exit);
	{
		const char *plan = permanence_codes[pw == PW_ADOPT && ceased != DATE_NONE ? PW_ADOPT : pw];
		if (pw == PW_TO18 && age >= 12) {
			plan = rng_chance(r, TEEN_LONG_TERM_FOSTERING) ? "long_term_fostering"
			       : rng_chance(r, 0.5)			? "residential"
									: "independence";
		}
		double u = rng_unit(r);
		hdate when = DATE_NONE;
		hdate by = second != DATE_NONE ? second : exit;
		if (u < PERMANENCE_BY_SECOND_REVIEW && by - entry > 21) {
			when = date_add_days(entry, rng_int(r, 14, by - entry - 1));
		} else if (u < PERMANENCE_BY_SECOND_REVIEW + PERMANENCE_LATER) {
			when = days(by, rng_int(r, 30, 200));
		}
		if (when != DATE_NONE && in_detail(cx, k, when)) {
			permanence(cx, k, when, plan, exit);
		}
		if (ceased != DATE_NONE && in_detail(cx, k, date_add_days(ceased, 14))) {
			permanence(cx, k, date_add_days(ceased, 14), "long_term_fostering", exit);
		}
	}

	/* the case: the locality team first, the children in care team once settled */
	seg_open(cx, k, AK_SW, entry, team_for(cx, k, TK_LOC_1));
	hdate cic = proc ? final : days(entry, rng_int(r, 90, 200));
	if (!k->disabled && cic < exit) {
		seg_open(cx, k, AK_SW, cic, team_for(cx, k, TK_CIC_1));
	}
	seg_open(cx, k, AK_IRO, entry, team_index(cx, TK_IRO));
	seg_close(cx, k, AK_IRO, exit);

	/* visits (reg 28): within a week of each placement, then 6-weekly in the first year,
	 * 3-monthly after it in a placement meant to last until 18 */
	for (int i = 0; i < n_pl; i++) {
		hdate ps = pl[i].start, pe = i + 1 < n_pl ? pl[i + 1].start : exit;
		hdate v = days(ps, span_draw(r, &cla_first_visit_days, CLA_VISIT_IN_TIME));
		while (v < pe && v <= cx->as_at) {
			if (v >= cx->detail_start) {
				journey_visit(cx, k, v, 2);
			}
			int max = (v - entry >= 365 && pl[i].long_term) ? CLA_VISIT_MONTHS3 : CLA_VISIT_WEEKS6;
			v = days(v, rng_chance(r, CLA_VISIT_IN_TIME) ? rng_int(r, max * 2 / 3, max) : rng_int(r, max + 1, max * 8 / 5));
		}
	}
	health_checks(cx, k, entry, exit);
	education(cx, k, entry, exit, pl, n_pl);
	k->missing_prone = rng_chance(r, age >= 11 ? MISSING_PRONE_TEEN : MISSING_PRONE_CHILD);
	missing_episodes(cx, k, entry, exit);
	if (age >= 11 && rng_chance(r, CICC_SHARE)) {
		hdate d2 = days(entry, rng_int(r, 60, 700));
		if (d2 < exit && in_detail(cx, k, d2)) {
			int row = row_new(cx, k, &entity_participation);
			row_date(cx, k, row, PARTICIPATION_EVENT_DATE, d2);
			row_code(k, row, PARTICIPATION_KIND, "children_in_care_council");
			row_str(k, row, PARTICIPATION_DETAIL, words_ciccc(r));
		}
	}
	/* leaving care: a young person who leaves at 16 or over after 13 weeks in care,
	 * other than to a permanent order or another authority, is a care leaver */
	hdate b16 = birthday(k, 16);
	bool leaver = exit >= b16 && exit - entry >= 91 && !leaves_to_order(rec);
	if (leaver) {
		leaver_services(cx, k, entry, exit);
	}
	if (exit > b16) {
		pathway_plans(cx, k, max_date(b16, entry), leaver ? k->leaver_until : exit);
	}

	/* notes through the period */
	for (hdate n = days(max_date(entry, cx->detail_start), rng_int(r, 5, 40)); n < exit && n <= cx->as_at;
	     n = days(n, rng_int(r, 60, 120))) {
		journey_note(cx, k, n, NULL);
	}

	/* what follows */
	switch (pw) {
	case PW_HOME:
		*nx = (!leaver && exit < date_add_days(b18, -180) && rng_chance(r, HOME_THEN_CIN)) ? AFT_CIN : AFT_CLOSE;
		break;
	case PW_SGO:
		*close = "RC4";
		break;
	case PW_CAO:
		*close = "RC3";
		break;
	case PW_ADOPT:
		*close = ceased != DATE_NONE ? "RC7" : "RC1";
		break;
	default:
		*close = strcmp(rec, "E3") == 0 ? "RC5" : strcmp(rec, "E7") == 0 ? "RC6" : "RC7";
		break;
	}
	return exit;
}

/* ---- what the returns ask beyond the journey ---- */

struct rng demo_side_rng(const struct rng *r, uint64_t salt)
{
	struct rng side;
	rng_seed(&side, r->s[0] ^ salt, r->s[1], r->s[2] ^ r->s[3]);
	return side;
}

/* Salts of the side streams, one per kind of draw. */
enum { SALT_ADOPTERS = 0xad0, SALT_OUTCOMES = 0x0c2, SALT_CHILD = 0xc41d };

/* Adopters (SSDA903 AD1): most children are adopted by couples, most couples a man and a
 * woman, most of them married; the legal status agrees with the sexes as rules 511-524
 * ask (L11 MF; L12 and L4 same sex; L3 MF; L2 any couple; L0 one adopter). *check*: the
 * shares are our reading of the DfE's adoption statistics. */
#define ADOPTED_BY_COUPLE 0.86
static const struct wcode couple_sexes[] = {{"MF", .86}, {"FF", .08}, {"MM", .06}};
static const struct wcode single_sexes[] = {{"F1", .88}, {"M1", .12}};
static const struct wcode status_mixed[] = {{"L11", .72}, {"L3", .22}, {"L2", .06}};
static const struct wcode status_same[] = {{"L12", .45}, {"L2", .35}, {"L4", .20}};

static void adopters(struct kid *k, int row)
{
	struct rng s = demo_side_rng(&k->r, SALT_ADOPTERS);
	bool couple = rng_chance(&s, ADOPTED_BY_COUPLE);
	const char *sex = couple ? WPICK(&s, couple_sexes) : WPICK(&s, single_sexes);
	const char *ls = !couple ? "L0" : strcmp(sex, "MF") == 0 ? WPICK(&s, status_mixed) : WPICK(&s, status_same);
	row_int(k, row, ADOPTION_ADOPTERS_NUMBER, couple ? 2 : 1);
	row_code(k, row, ADOPTION_ADOPTERS_SEX, sex);
	row_code(k, row, ADOPTION_ADOPTERS_LEGAL_STATUS, ls);
}

/* A year's outcomes (OC2) for a child looked after continuously for the 12 months to 31
 * March: SDQ for ages 4-16 (a score, or a reason there is none), convictions from 10,
 * development checks under 5, the health items and substance misuse for all, as rules
 * 186-193 and 543-545 ask. Some years are not recorded, or recorded with a health item
 * left blank, as happens. *check*: shares after the DfE's "Outcomes for children looked
 * after" tables (about 80% of SDQs returned, 85-90% of health items up to date). */
#define OC2_NOT_RECORDED 0.03
#define OC2_ITEM_BLANK 0.02
#define SDQ_SCORED 0.80
#define SDQ_MEAN 14.0
#define SDQ_SD 6.5
static const struct wcode sdq_reasons[] = {{"SDQ2", .35}, {"SDQ4", .35}, {"SDQ5", .30}};
#define CONVICTED_CHILD 0.02			/* 10-13 */
#define CONVICTED_TEEN 0.05			/* 14 and over */
#define DEVELOPMENT_CHECKS 0.88			/* under 5 */
#define IMMUNISATIONS_UP_TO_DATE 0.87
#define TEETH_CHECKED 0.84
#define HEALTH_ASSESSED 0.90
#define SUBSTANCE_MISUSE_TEEN 0.07		/* 11 and over */
#define INTERVENTION_RECEIVED 0.60
#define INTERVENTION_OFFERED 0.70		/* of those who received none */

static void outcomes(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit)
{
	struct rng s = demo_side_rng(&k->r, SALT_OUTCOMES);
	int y0, m0, d0;
	date_to_ymd(entry, &y0, &m0, &d0);
	for (int y = y0 + 1;; y++) {
		hdate ye = date_from_ymd(y, 3, 31), ys = date_from_ymd(y - 1, 4, 1);
		if (ye > cx->as_at || ye >= exit) {
			break;
		}
		if (entry > ys || !in_detail(cx, k, ye) || rng_chance(&s, OC2_NOT_RECORDED)) {
			continue;
		}
		int a0 = age_on(k, ys), a1 = age_on(k, ye);
		int row = row_new(cx, k, &entity_cla_outcome);
		row_date(cx, k, row, CLA_OUTCOME_YEAR_END, ye);
		if (a0 >= 4 && a1 < 17) {
			if (rng_chance(&s, SDQ_SCORED)) {
				double score = SDQ_MEAN + SDQ_SD * rng_normal(&s);
				int sdq = score < 0 ? 0 : score > 40 ? 40 : (int)(score + 0.5);
				row_int(k, row, CLA_OUTCOME_SDQ_SCORE, sdq);
			} else {
				row_code(k, row, CLA_OUTCOME_SDQ_REASON, k->disabled ? "SDQ3" : WPICK(&s, sdq_reasons));
			}
		}
		if (a1 >= 10) {
			double p = a1 >= 14 ? CONVICTED_TEEN : CONVICTED_CHILD;
			row_bool(k, row, CLA_OUTCOME_CONVICTED, rng_chance(&s, p));
		}
		if (a1 < 5) {
			row_bool(k, row, CLA_OUTCOME_HEALTH_CHECK, rng_chance(&s, DEVELOPMENT_CHECKS));
		}
		bool misuse = a1 >= 11 && rng_chance(&s, SUBSTANCE_MISUSE_TEEN);
		static const struct {
			int field;
			double p;
		} health[] = {{CLA_OUTCOME_IMMUNISATIONS, IMMUNISATIONS_UP_TO_DATE},
			      {CLA_OUTCOME_TEETH_CHECK, TEETH_CHECKED},
			      {CLA_OUTCOME_HEALTH_ASSESSMENT, HEALTH_ASSESSED}};
		int blank = rng_chance(&s, OC2_ITEM_BLANK) ? rng_int(&s, 0, NELEM(health) - 1) : -1;
		for (int i = 0; i < NELEM(health); i++) {
			bool yes = rng_chance(&s, health[i].p);
			if (i != blank) {
				row_bool(k, row, health[i].field, yes);
			}
		}
		row_bool(k, row, CLA_OUTCOME_SUBSTANCE_MISUSE, misuse);
		if (misuse) {
			bool received = rng_chance(&s, INTERVENTION_RECEIVED);
			row_bool(k, row, CLA_OUTCOME_INTERVENTION_RECEIVED, received);
			if (!received) {
				bool offered = rng_chance(&s, INTERVENTION_OFFERED);
				row_bool(k, row, CLA_OUTCOME_INTERVENTION_OFFERED, offered);
			}
		}
	}
}

/* The child row's items for the returns.
 * UPN unknown (UN1-UN7) for a child born with no UPN: UN2 for an unaccompanied child (never
 * at school in England), UN1 under school age, UN7 for a child whose every referral was no
 * further action and who was never in care, else one of UN2, UN3, UN5 (UN4 is for the
 * newly arrived, which rule 210 refuses for a child in care over a week).
 * Motherhood for every girl ever looked after, whatever her age (the SSDA903 asks MOTHER of
 * every looked-after girl: rules 165 and 393): a few of those 15 and over have a baby, born
 * while she was in care (rule 149).
 * Permanence before care (PrevPerm) for every child ever looked after: most had none (Z1),
 * a few an adoption, special guardianship or child arrangements order from before.
 * A few of each are left blank, as happens. *check*: the shares are ours. */
#define RETURNS_ITEM_BLANK 0.03
static const struct wcode upn_reasons[] = {{"UN5", .45}, {"UN3", .30}, {"UN2", .25}};
#define YOUNG_MOTHER 0.06
#define PREVIOUS_PERMANENCE 0.04
static const struct wcode previous_orders[] = {{"P2", .50}, {"P3", .30}, {"P1", .20}};
/* The authority that made the order: this one mostly, else a neighbour (LA numbers). */
static const struct wcode permanence_las[] = {{"885", .70}, {"860", .08}, {"884", .07}, {"916", .06},
					      {"330", .05}, {"937", .04}};

/* The first day of the child's first period in care, and the span of its last episode
 * ([start, end), end the as-at date's morrow while it goes on); DATE_NONE when never in care. */
static hdate care_spans(const struct demo_ctx *cx, const struct kid *k, hdate *last_start, hdate *last_end)
{
	hdate first = DATE_NONE;
	*last_start = *last_end = DATE_NONE;
	for (int r = 0; r < k->n_rows; r++) {
		const struct prow *p = &k->rows[r];
		if (p->e != &entity_cla_episode || p->drop) {
			continue;
		}
		hdate s = (hdate)p->v[CLA_EPISODE_DECOM].i;
		hdate e = p->v[CLA_EPISODE_DEC].null ? cx->as_at + 1 : (hdate)p->v[CLA_EPISODE_DEC].i;
		first = first == DATE_NONE || s < first ? s : first;
		if (*last_start == DATE_NONE || s > *last_start) {
			*last_start = s;
			*last_end = e < cx->as_at + 1 ? e : cx->as_at + 1;
		}
	}
	return first;
}

static bool only_nfa_referrals(const struct kid *k)
{
	bool any = false;
	for (int r = 0; r < k->n_rows; r++) {
		const struct prow *p = &k->rows[r];
		if (p->e == &entity_referral) {
			if (!p->v[REFERRAL_NFA].i) {
				return false;
			}
			any = true;
		}
	}
	return any;
}

void care_child_fields(struct demo_ctx *cx, const struct kid *k, struct hval *v)
{
	struct rng s = demo_side_rng(&k->r, SALT_CHILD);
	bool born = k->dob <= cx->as_at;
	hdate last_start, last_end, first = care_spans(cx, k, &last_start, &last_end);
	int age = born ? date_age(k->dob, cx->as_at) : -1;
	if (born && v[CHILD_UPN].null && !rng_chance(&s, RETURNS_ITEM_BLANK)) {
		/* school age as the rules count it: 5 on 1 April of the as-at date's year */
		int y, m, d;
		date_to_ymd(cx->as_at, &y, &m, &d);
		hdate ys = date_from_ymd(m >= 4 ? y : y - 1, 4, 1);
		const char *why = k->uasc				? "UN2"
				  : ys < k->dob || date_age(k->dob, ys) < 5	? "UN1"
				  : first == DATE_NONE && only_nfa_referrals(k) ? "UN7"
									 : WPICK(&s, upn_reasons);
		v[CHILD_UPN_UNKNOWN] = (struct hval){.s = why};
	}
	if (first != DATE_NONE && strcmp(k->sex, "F") == 0 && age >= 0 && !rng_chance(&s, RETURNS_ITEM_BLANK)) {
		/* her baby is born in her last episode in care, when she is 15 or over */
		hdate from = max_date(last_start, birthday(k, 15)), to = last_end - 1;
		bool mother = age >= 15 && from <= to && rng_chance(&s, YOUNG_MOTHER);
		v[CHILD_MOTHER] = (struct hval){.i = mother};
		if (mother) {
			v[CHILD_MC_DOB] = (struct hval){.i = from + rng_int(&s, 0, to - from)};
		}
	}
	if (first != DATE_NONE && !rng_chance(&s, RETURNS_ITEM_BLANK)) {
		/* an order from before care: made a year or more after birth, two months or more
		 * before the child came into care */
		hdate lo = date_add_days(k->dob, 365), hi = date_add_days(first, -60);
		bool before = lo <= hi && rng_chance(&s, PREVIOUS_PERMANENCE);
		v[CHILD_PREV_PERM] = (struct hval){.s = before ? WPICK(&s, previous_orders) : "Z1"};
		if (before) {
			v[CHILD_PREV_PERM_LA] = (struct hval){.s = WPICK(&s, permanence_las)};
			v[CHILD_PREV_PERM_DATE] = (struct hval){.i = lo + rng_int(&s, 0, hi - lo)};
		}
	}
}
