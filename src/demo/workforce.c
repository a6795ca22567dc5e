/* workforce: the demo authority's teams, its workers over five years, and who is
 * allocated to each child.
 *
 * Each team has posts (table below). A post is held by a chain of workers: the one in
 * post when the record starts, then, each time the holder leaves, a replacement after a
 * vacancy. Leaving is a constant hazard (permanent staff about 11.5% a year, agency staff
 * 40%), and a replacement is an agency worker often enough that about 18% of case-holding
 * social workers are agency staff at any time; overall turnover comes out near the 16% a
 * year of DOMAIN.md §7.
 *
 * Allocation: the journey (journey.c) records when a child needs a worker of which team
 * (segments); workforce_allocate turns them into allocations. It picks the least loaded
 * of three workers in post in the team (load = open cases that week per FTE), ends an
 * allocation when the worker leaves (LEFTRL, or FCONTA for agency staff), when the case
 * moves team (TSPROC) or, now and then, for another reason (a manager's decision,
 * absence, a parent's request), and starts the next one the same day.
 *
 * The workforce census's items about each worker (date of birth, ethnicity, qualification,
 * where a starter came from and a leaver went, the knowledge and skills status) and their
 * absences (sickness, maternity, training) come from a side stream per worker (see
 * worker_census), so the area's own draws, and so every allocation, are as before them.
 *
 * Invariants: a child's social worker allocations never overlap (each starts on the day
 * the last ended); no allocation starts before the record (record_start) or the child's
 * birth, or after the as-at date; an allocation ending after the as-at date is left open. */
#include <stdio.h>
#include <string.h>

#include "base/mem.h"
#include "demo/internal.h"

/* ---- the tables ---- */

struct team_spec {
	const char *name;	/* the county's name for it; other areas are prefixed */
	const char *service;	/* team_service code */
	const char *role;	/* the main posts' role (worker_role code) */
	int posts;		/* main posts (county) */
	int seniors;		/* senior practitioner posts */
	bool case_holder;	/* main posts hold social work cases */
	bool swe;		/* main posts are registered social workers */
	int alloc_kind;		/* what its workers are allocated to children as, or -1 */
	int service_managers;
};

static const struct team_spec team_specs[TK_MAX] = {
	[TK_FRONT_DOOR] = {"Front Door (MASH)", "front_door", "front_door", 12, 0, false, true, -1, 1},
	[TK_EH_NORTH] = {"Early Help North", "early_help", "early_help_worker", 12, 0, false, false, -1, 0},
	[TK_EH_SOUTH] = {"Early Help South", "early_help", "early_help_worker", 12, 0, false, false, -1, 0},
	[TK_ASSESS_NORTH] = {"Assessment Team North", "assessment", "social_worker", 18, 3, true, true, AK_SW, 1},
	[TK_ASSESS_SOUTH] = {"Assessment Team South", "assessment", "social_worker", 18, 3, true, true, AK_SW, 0},
	[TK_LOC_1] = {"Family Support Wyre Forest", "cin_cp", "social_worker", 22, 3, true, true, AK_SW, 1},
	[TK_LOC_2] = {"Family Support Bromsgrove and Redditch", "cin_cp", "social_worker", 22, 3, true, true, AK_SW,
		      0},
	[TK_LOC_3] = {"Family Support Worcester City", "cin_cp", "social_worker", 22, 3, true, true, AK_SW, 0},
	[TK_LOC_4] = {"Family Support Malvern and Wychavon", "cin_cp", "social_worker", 22, 3, true, true, AK_SW,
		      0},
	[TK_CIC_1] = {"Children in Care North", "cla", "social_worker", 22, 3, true, true, AK_SW, 1},
	[TK_CIC_2] = {"Children in Care South", "cla", "social_worker", 22, 3, true, true, AK_SW, 0},
	[TK_LEAVING] = {"Leaving Care Service", "leaving_care", "personal_adviser", 14, 0, false, false, AK_PA, 0},
	[TK_DISABLED] = {"Children with Disabilities", "disabled_children", "social_worker", 14, 2, true, true,
			 AK_SW, 0},
	[TK_ADOPTION] = {"Adoption Team", "adoption", "social_worker", 6, 0, false, true, -1, 0},
	[TK_LADO] = {"LADO and Allegations", "lado", "lado", 2, 0, false, true, -1, 0},
	[TK_IRO] = {"Independent Reviewing Service", "iro", "iro", 18, 0, false, true, AK_IRO, 1},
};

#define HEADS_OF_SERVICE 2		/* per area, in no team */
#define LEAVE_RATE_PERMANENT 0.115	/* a year */
#define LEAVE_RATE_AGENCY 0.40
#define AGENCY_AT_START 0.18		/* share of case-holding posts held by agency staff */
#define AGENCY_HIRE 0.43		/* share of case-holding replacements from agencies */
#define AGENCY_OTHER 0.04		/* the same, for other posts */
#define VACANCY_MEDIAN_DAYS 45.0	/* permanent recruitment */
#define VACANCY_AGENCY_DAYS 14.0
#define SERVICE_YEARS_MEAN 5.5		/* permanent staff in post at the start: years served */
#define AGENCY_YEARS_MEAN 1.2
#define REALLOCATE_RATE 0.12		/* other changes of worker, a year */
#define IRO_REALLOCATE_RATE 0.06
#define CANDIDATES 3			/* least loaded of this many */
#define STAFF_WOMEN 0.80		/* social work is mostly women */

static const double fte_values[] = {1.0, 0.8, 0.6, 0.5};
static const double fte_weights[] = {.76, .10, .08, .06};
static const struct wcode leave_permanent[] = {{"1", .62}, {"5", .08}, {"7", .10}, {"4", .03},
					       {"8", .07}, {"9", .06}, {"2", .02}, {"3", .02}};
static const struct wcode leave_agency[] = {{"1", .30}, {"8", .60}, {"9", .10}};
static const struct wcode realloc_reasons[] = {{"MANAGE", .35}, {"ABSENC", .20}, {"ORGRST", .08},
					       {"PCCHAN", .12}, {"CHCHAN", .05}, {"OTHERS", .20}};
static const double staff_groups[NG_MAX] = {
	[NG_WHITE_BRITISH] = .74, [NG_WHITE_OTHER] = .04, [NG_IRISH] = .02, [NG_SOUTH_ASIAN] = .06,
	[NG_MUSLIM_ASIAN] = .05,  [NG_AFRICAN] = .06,     [NG_CARIBBEAN] = .03,
};

/* ---- the census's items about a worker (side stream) ---- */

/* The ethnicity recorded for a worker of each name group. */
static const char *const group_ethnicity[NG_MAX] = {
	[NG_WHITE_BRITISH] = "WBRI", [NG_WHITE_OTHER] = "WOTH", [NG_IRISH] = "WIRI", [NG_SOUTH_ASIAN] = "AIND",
	[NG_MUSLIM_ASIAN] = "APKN",  [NG_AFRICAN] = "BAFR",     [NG_CARIBBEAN] = "BCRB", [NG_CHINESE] = "CHNE",
	[NG_MIDDLE_EAST] = "OOTH",
};
static const char *const universities[] = {
	"University of Worcester", "University of Birmingham", "Birmingham City University", "Coventry University",
	"University of Wolverhampton", "Keele University", "Staffordshire University", "Open University",
	"University of Gloucestershire", "University of Warwick",
};
#define AGE_AT_START_MIN 22		/* qualified at 21 or later */
#define AGE_AT_START_SPREAD 18.0	/* mean years over the minimum (exponential) */
static const struct wcode qual_levels[] = {{"2", .50}, {"1", .45}, {"3", .05}};
#define STEP_UP 0.04
#define FRONTLINE 0.07
static const struct wcode origins[] = {{"1", .25}, {"2", .35}, {"4", .15}, {"3", .03}, {"5", .06},
				       {"6", .06}, {"8", .04}, {"9", .06}};
static const struct wcode origins_agency[] = {{"4", .70}, {"2", .20}, {"9", .10}};
static const struct wcode destinations[] = {{"1", .35}, {"3", .20}, {"4", .08}, {"5", .05}, {"6", .10},
					    {"7", .05}, {"8", .12}, {"9", .05}};
#define CFKSS_PRACTITIONER 0.12
#define CFKSS_SUPERVISOR 0.25		/* managers */
/* Absences a year, and how long each lasts (days). *check*: after the census's 3-4% of
 * working days lost to sickness (about 7 a year). */
static const struct {
	const char *reason;
	double per_year, median_days, lo, hi;
	bool women_25_42;		/* maternity leave */
} absence_kinds[] = {
	{"SIC", 2.0, 3.5, 1, 150, false},
	{"TRN", 0.4, 2, 1, 5, false},
	{"OTH", 0.15, 3, 1, 15, false},
	{"MAT", 0.04, 300, 180, 390, true},
};

/* Absences while in post in the record's years, one row each. */
static int worker_absences(struct demo_ctx *cx, const struct demo_worker *dw, hdate dob, struct rng *s)
{
	hdate from = max_date(dw->start, cx->record_start);
	hdate to = dw->end == DATE_NONE ? cx->as_at : min_date(dw->end, cx->as_at);
	for (int k = 0; k < NELEM(absence_kinds); k++) {
		for (hdate d = date_add_days(from, (int)rng_exp(s, 365.25 / absence_kinds[k].per_year)); d < to;
		     d = date_add_days(d, 14 + (int)rng_exp(s, 365.25 / absence_kinds[k].per_year))) {
			int age = date_age(dob, d);
			if (absence_kinds[k].women_25_42 && (strcmp(dw->sex, "F") != 0 || age < 25 || age > 42)) {
				continue;
			}
			int len = (int)rng_lognormal(s, absence_kinds[k].median_days, 0.8, absence_kinds[k].lo,
						     absence_kinds[k].hi);
			hdate back = date_add_days(d, len);
			if (dw->end != DATE_NONE && back > dw->end) {
				back = dw->end;
			}
			struct hval v[WORKER_ABSENCE__COUNT];
			v[WORKER_ABSENCE_WORKER_ID] = (struct hval){.i = dw->id};
			v[WORKER_ABSENCE_START_DATE] = (struct hval){.i = d};
			/* still away on the as-at date: no date back yet */
			v[WORKER_ABSENCE_END_DATE] =
				back > cx->as_at ? (struct hval){.null = true} : (struct hval){.i = back};
			v[WORKER_ABSENCE_REASON] = (struct hval){.s = absence_kinds[k].reason};
			int rc = store_insert(cx->st, "demo", &entity_worker_absence, v, NULL, cx->err);
			if (rc) {
				return rc;
			}
			d = back;
		}
	}
	return 0;
}

/* The census's items into v (WORKER__COUNT values, after the rest are filled), from a side
 * stream of the worker's own: the same worker gets the same items whatever else is drawn. */
static void worker_census(struct demo_ctx *cx, const struct demo_worker *dw, bool swe, struct rng *s,
			  struct hval *v)
{
	double years = AGE_AT_START_MIN + rng_exp(s, AGE_AT_START_SPREAD) * (dw->manager ? 1.4 : 1);
	hdate dob = date_add_days(date_add_years(dw->start, -(int)(years > 45 ? 45 : years)), -rng_int(s, 0, 364));
	v[WORKER_DOB] = (struct hval){.i = dob};
	v[WORKER_SEX] = (struct hval){.s = dw->sex};
	v[WORKER_ETHNICITY] = group_ethnicity[dw->group] ? (struct hval){.s = group_ethnicity[dw->group]}
							 : (struct hval){.null = true};
	if (!swe) {
		return;
	}
	v[WORKER_QUAL_INST] = (struct hval){.s = universities[rng_int(s, 0, NELEM(universities) - 1)]};
	v[WORKER_QUAL_LEVEL] = (struct hval){.s = WPICK(s, qual_levels)};
	v[WORKER_STEP_UP] = (struct hval){.i = rng_chance(s, STEP_UP)};
	v[WORKER_FRONTLINE] = (struct hval){.i = rng_chance(s, FRONTLINE)};
	const char *origin = dw->agency ? WPICK(s, origins_agency) : WPICK(s, origins);
	v[WORKER_START_ORIGIN] = (struct hval){.s = origin};
	if (dw->end != DATE_NONE) {
		/* a retired worker (reason 5) left social work */
		bool retired = !v[WORKER_LEAVING_REASON].null && strcmp(v[WORKER_LEAVING_REASON].s, "5") == 0;
		v[WORKER_DESTINATION] = (struct hval){.s = retired ? "6" : WPICK(s, destinations)};
	}
	/* ASYE in a newly qualified worker's first year; otherwise a few accredited */
	hdate asye_end = date_add_years(dw->start, 1);
	const char *kss = strcmp(origin, "1") == 0 && asye_end > cx->as_at ? "1"
			  : dw->manager && rng_chance(s, CFKSS_SUPERVISOR)	  ? "3"
			  : !dw->manager && rng_chance(s, CFKSS_PRACTITIONER)	  ? "2"
										  : NULL;
	v[WORKER_CFKSS] = kss ? (struct hval){.s = kss} : (struct hval){.null = true};
}

/* ---- teams ---- */

int team_index(const struct demo_ctx *cx, enum team_kind kind)
{
	return cx->area * TK_MAX + (int)kind;
}

/* The team of base's kind that covers the child's locality: the north teams cover
 * localities 0 and 1, the south 2 and 3; the family support teams one locality each. */
int team_for(const struct demo_ctx *cx, const struct kid *k, enum team_kind base)
{
	switch (base) {
	case TK_EH_NORTH:
	case TK_ASSESS_NORTH:
	case TK_CIC_1:
		return team_index(cx, (enum team_kind)(base + (k->locality >= 2 ? 1 : 0)));
	case TK_LOC_1:
		return team_index(cx, k->disabled ? TK_DISABLED : (enum team_kind)(TK_LOC_1 + k->locality));
	default:
		return team_index(cx, base);
	}
}

/* ---- workers ---- */

static int add_worker(struct demo_ctx *cx, int team)
{
	if (cx->n_workers == cx->cap_workers) {
		cx->cap_workers = cx->cap_workers ? cx->cap_workers * 2 : 512;
		cx->workers = xrealloc(cx->workers, (size_t)cx->cap_workers * sizeof(*cx->workers));
	}
	int w = cx->n_workers++;
	memset(&cx->workers[w], 0, sizeof(cx->workers[w]));
	cx->workers[w].team = team;
	if (team >= 0) {
		struct demo_team *t = &cx->teams[team];
		if (t->n_workers == t->cap_workers) {
			t->cap_workers = t->cap_workers ? t->cap_workers * 2 : 32;
			t->workers = xrealloc(t->workers, (size_t)t->cap_workers * sizeof(*t->workers));
		}
		t->workers[t->n_workers++] = w;
	}
	return w;
}

static int insert_worker(struct demo_ctx *cx, int w, const char *role, bool swe)
{
	struct demo_worker *dw = &cx->workers[w];
	struct hval v[WORKER__COUNT];
	for (int i = 0; i < WORKER__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	char staff[24], swe_no[24];
	snprintf(staff, sizeof(staff), "SW%04lld", (long long)++cx->next_staff);
	v[WORKER_STAFF_ID] = (struct hval){.s = staff};
	v[WORKER_GIVEN_NAME] = (struct hval){.s = dw->given};
	v[WORKER_FAMILY_NAME] = (struct hval){.s = dw->family};
	v[WORKER_ROLE] = (struct hval){.s = role};
	if (dw->team >= 0) {
		v[WORKER_TEAM_ID] = (struct hval){.i = cx->teams[dw->team].id};
	}
	v[WORKER_FTE] = (struct hval){.r = dw->fte};
	v[WORKER_AGENCY] = (struct hval){.i = dw->agency};
	if (swe) {
		snprintf(swe_no, sizeof(swe_no), "SW%06d", rng_int(&cx->area_rng, 1000, 999999));
		v[WORKER_SWE_NUMBER] = (struct hval){.s = swe_no};
	}
	v[WORKER_CASE_HOLDER] = (struct hval){.i = dw->case_holder};
	v[WORKER_START_DATE] = (struct hval){.i = dw->start};
	if (dw->end != DATE_NONE) {
		v[WORKER_END_DATE] = (struct hval){.i = dw->end};
		v[WORKER_LEAVING_REASON] =
			(struct hval){.s = dw->agency ? WPICK(&cx->area_rng, leave_agency)
						      : WPICK(&cx->area_rng, leave_permanent)};
	}
	struct rng side;
	rng_seed(&side, cx->opt->seed, (uint64_t)cx->area + 1, 0xcea5e00000000ULL + (uint64_t)cx->next_staff);
	worker_census(cx, dw, swe, &side, v);
	cx->sum->workers++;
	int rc = store_insert(cx->st, "demo", &entity_worker, v, &dw->id, cx->err);
	return rc ? rc : worker_absences(cx, dw, (hdate)v[WORKER_DOB].i, &side);
}

static hdate days_after(hdate d, double days)
{
	return date_add_days(d, (int)(days + 0.5));
}

/* Fills one post from before the record starts to the as-at date: the holder at the
 * start, then replacements after each vacancy. */
static int fill_post(struct demo_ctx *cx, int team, const char *role, bool case_holder, bool swe, bool manager,
		     bool allocatable)
{
	struct rng *r = &cx->area_rng;
	double agency_hire = case_holder ? AGENCY_HIRE : AGENCY_OTHER;
	bool first = true;
	bool agency = !manager && rng_chance(r, case_holder ? AGENCY_AT_START : AGENCY_OTHER);
	hdate start = cx->record_start;
	for (;;) {
		int w = add_worker(cx, team);
		struct demo_worker *dw = &cx->workers[w];
		dw->agency = agency;
		double rate = agency ? LEAVE_RATE_AGENCY : LEAVE_RATE_PERMANENT;
		if (first) {
			double served = rng_exp(r, agency ? AGENCY_YEARS_MEAN : SERVICE_YEARS_MEAN) * 365.25;
			dw->start = date_add_days(cx->record_start, -1 - (int)(served > 11000 ? 11000 : served));
		} else {
			dw->start = start;
		}
		/* Leaving is memoryless, so the holder at the start leaves after it. */
		hdate from = first ? cx->record_start : dw->start;
		hdate leave = days_after(from, 1 + rng_exp(r, 365.25 / rate));
		dw->end = leave <= cx->as_at ? leave : DATE_NONE;
		dw->fte = manager ? 1.0 : fte_values[WINDEX(r, fte_weights)];
		dw->case_holder = case_holder;
		dw->manager = manager;
		dw->allocatable = allocatable;
		int g = WINDEX(r, staff_groups);
		const char *sex = rng_chance(r, STAFF_WOMEN) ? "F" : "M";
		dw->given = name_given(r, g, sex);
		dw->family = name_family(r, g);
		dw->sex = sex;
		dw->group = g;
		dw->load = arena_alloc(&cx->life, (size_t)cx->n_weeks * sizeof(uint16_t));
		int rc = insert_worker(cx, w, role, swe);
		if (rc || dw->end == DATE_NONE) {
			return rc;
		}
		agency = !manager && rng_chance(r, agency_hire);
		double gap = rng_lognormal(r, agency ? VACANCY_AGENCY_DAYS : VACANCY_MEDIAN_DAYS, 0.7, 1, 270);
		start = days_after(dw->end, gap);
		if (start > cx->as_at) {
			return 0;
		}
		first = false;
	}
}

static int insert_team(struct demo_ctx *cx, enum team_kind kind)
{
	const struct team_spec *ts = &team_specs[kind];
	int t = team_index(cx, kind);
	struct demo_team *dt = &cx->teams[t];
	dt->kind = kind;
	char name[160];
	if (cx->n_areas > 1) {
		snprintf(name, sizeof(name), "Area %03d %s", cx->area + 1, ts->name);
	} else {
		snprintf(name, sizeof(name), "%s", ts->name);
	}
	int y, m, d;
	date_to_ymd(cx->record_start, &y, &m, &d);
	struct hval v[TEAM__COUNT];
	v[TEAM_NAME] = (struct hval){.s = name};
	v[TEAM_SERVICE] = (struct hval){.s = ts->service};
	v[TEAM_OPENED] = (struct hval){.i = date_from_ymd(y - 4, 4, 1)};
	v[TEAM_CLOSED] = (struct hval){.null = true};
	cx->sum->teams++;
	return store_insert(cx->st, "demo", &entity_team, v, &dt->id, cx->err);
}

int workforce_build(struct demo_ctx *cx)
{
	int rc;
	for (int k = 0; k < TK_MAX; k++) {
		if ((rc = insert_team(cx, (enum team_kind)k))) {
			return rc;
		}
	}
	for (int k = 0; k < TK_MAX; k++) {
		const struct team_spec *ts = &team_specs[k];
		int t = team_index(cx, (enum team_kind)k);
		bool alloc = ts->alloc_kind >= 0;
		if ((rc = fill_post(cx, t, "team_manager", false, true, true, false))) {
			return rc;
		}
		for (int i = 0; i < ts->service_managers; i++) {
			if ((rc = fill_post(cx, t, "service_manager", false, true, true, false))) {
				return rc;
			}
		}
		for (int i = 0; i < ts->seniors; i++) {
			if ((rc = fill_post(cx, t, "senior_practitioner", true, true, false, alloc))) {
				return rc;
			}
		}
		for (int i = 0; i < ts->posts; i++) {
			if ((rc = fill_post(cx, t, ts->role, ts->case_holder, ts->swe, false, alloc))) {
				return rc;
			}
		}
	}
	for (int i = 0; i < HEADS_OF_SERVICE; i++) {
		if ((rc = fill_post(cx, -1, "head_of_service", false, true, true, false))) {
			return rc;
		}
	}
	return workforce_partners(cx);
}

/* Partner agencies' practitioners who lead Family Help (Families First): one per agency of
 * families.c's list, in no team of the authority's, with their organisation on the worker
 * row (the demo's partner user is one of them: src/cli/demo_users.c). Fixed names, no draw
 * from the area's stream, so the rest of the county is as it was. Not in cx->workers: they
 * hold no allocations and are not the authority's workforce. */
int workforce_partners(struct demo_ctx *cx)
{
	static const struct {
		const char *given, *family, *org;
	} partners[6] = {
		{"Hannah", "Reid", "Oak Primary School"},
		{"Grace", "Okafor", "Riverside Health Visiting Team"},
		{"Megan", "Hughes", "Little Acorns Nursery"},
		{"Daniel", "Price", "Youth Service"},
		{"Sam", "Kaur", "Police Early Intervention Team"},
		{"Priya", "Shah", "Citizens Advice Family Support"},
	};
	for (int i = 0; i < 6; i++) {
		struct hval v[WORKER__COUNT];
		for (int f = 0; f < WORKER__COUNT; f++) {
			v[f] = (struct hval){.null = true};
		}
		char staff[24];
		snprintf(staff, sizeof(staff), "PP%03d%d", cx->area + 1, i + 1);
		v[WORKER_STAFF_ID] = (struct hval){.s = staff};
		v[WORKER_GIVEN_NAME] = (struct hval){.s = partners[i].given};
		v[WORKER_FAMILY_NAME] = (struct hval){.s = partners[i].family};
		v[WORKER_ROLE] = (struct hval){.s = "other"};
		v[WORKER_FTE] = (struct hval){.r = 1.0};
		v[WORKER_AGENCY] = (struct hval){.i = 0};
		v[WORKER_CASE_HOLDER] = (struct hval){.i = 0};
		v[WORKER_START_DATE] = (struct hval){.i = date_add_years(cx->as_at, -3)};
		v[WORKER_ORGANISATION] = (struct hval){.s = partners[i].org};
		cx->sum->workers++;
		int rc = store_insert(cx->st, "demo", &entity_worker, v, &cx->partners[i], cx->err);
		if (rc) {
			return rc;
		}
	}
	return 0;
}

/* ---- segments: when a child needs a worker ---- */

void seg_open(struct demo_ctx *cx, struct kid *k, enum alloc_kind kind, hdate d, int team)
{
	if (d > cx->as_at) {
		return;
	}
	int o = k->open_seg[kind];
	if (o >= 0) {
		if (k->segs[o].team == team) {
			return;
		}
		k->segs[o].end = d;
		k->segs[o].end_reason = "TSPROC";
		k->open_seg[kind] = -1;
	} else {
		/* Picking up the same team the day the last segment ended continues it. */
		for (int i = k->n_segs - 1; i >= 0; i--) {
			struct seg *s = &k->segs[i];
			if (s->kind == kind) {
				if (s->end == d && s->team == team) {
					s->end = DATE_NONE;
					k->open_seg[kind] = i;
					return;
				}
				break;
			}
		}
	}
	if (k->n_segs == k->cap_segs) {
		k->cap_segs = k->cap_segs ? k->cap_segs * 2 : 16;
		k->segs = xrealloc(k->segs, (size_t)k->cap_segs * sizeof(*k->segs));
	}
	k->segs[k->n_segs] = (struct seg){d, DATE_NONE, team, kind, NULL};
	k->open_seg[kind] = k->n_segs++;
	kid_active(cx, k, d);
}

void seg_close(struct demo_ctx *cx, struct kid *k, enum alloc_kind kind, hdate d)
{
	int o = k->open_seg[kind];
	if (o < 0) {
		return;
	}
	k->open_seg[kind] = -1;
	if (d > cx->as_at) {
		kid_active(cx, k, cx->as_at);
		return; /* still open on the as-at date */
	}
	k->segs[o].end = d;
	k->segs[o].end_reason = NULL;
	kid_active(cx, k, d);
}

/* ---- choosing workers ---- */

static bool in_post(const struct demo_worker *w, hdate d)
{
	return w->start <= d && (w->end == DATE_NONE || w->end > d);
}

static int week_of(const struct demo_ctx *cx, hdate d)
{
	int wk = (d - cx->record_start) / 7;
	return wk < 0 ? 0 : wk >= cx->n_weeks ? cx->n_weeks - 1 : wk;
}

/* The least loaded of a few workers in post on d in team, or -1 when nobody is. */
static int pick_in_team(struct demo_ctx *cx, int team, hdate d)
{
	const struct demo_team *t = &cx->teams[team];
	int n = 0;
	for (int i = 0; i < t->n_workers; i++) {
		const struct demo_worker *w = &cx->workers[t->workers[i]];
		n += w->allocatable && in_post(w, d);
	}
	if (n == 0) {
		return -1;
	}
	int wk = week_of(cx, d), best = -1;
	double best_score = 0;
	for (int c = 0; c < CANDIDATES; c++) {
		int nth = rng_int(&cx->area_rng, 0, n - 1), w = -1;
		for (int i = 0; i < t->n_workers; i++) {
			const struct demo_worker *x = &cx->workers[t->workers[i]];
			if (x->allocatable && in_post(x, d) && nth-- == 0) {
				w = t->workers[i];
				break;
			}
		}
		double score = (cx->workers[w].load[wk] + 1) / cx->workers[w].fte;
		if (best < 0 || score < best_score) {
			best = w;
			best_score = score;
		}
	}
	return best;
}

/* Teams that can hold a social work case when the child's own team has nobody. */
static const enum team_kind sw_fallback[] = {TK_LOC_1, TK_LOC_2, TK_LOC_3, TK_LOC_4, TK_ASSESS_NORTH,
					     TK_ASSESS_SOUTH, TK_CIC_1, TK_CIC_2, TK_DISABLED};

static int pick_worker(struct demo_ctx *cx, const struct seg *s, hdate d)
{
	int w = pick_in_team(cx, s->team, d);
	for (int i = 0; w < 0 && s->kind == AK_SW && i < NELEM(sw_fallback); i++) {
		w = pick_in_team(cx, team_index(cx, sw_fallback[i]), d);
	}
	return w;
}

/* The next day after d on which someone in the segment's team comes into post. */
static hdate next_in_post(const struct demo_ctx *cx, const struct seg *s, hdate d)
{
	const struct demo_team *t = &cx->teams[s->team];
	hdate best = DATE_NONE;
	for (int i = 0; i < t->n_workers; i++) {
		const struct demo_worker *w = &cx->workers[t->workers[i]];
		if (w->allocatable && w->start > d && (best == DATE_NONE || w->start < best)) {
			best = w->start;
		}
	}
	return best;
}

static const char *const alloc_codes[AK_MAX] = {"sw", "iro", "pa"};

static void add_alloc(struct demo_ctx *cx, struct kid *k, enum alloc_kind kind, int w, hdate start, hdate end,
		      const char *reason)
{
	int r = row_new(cx, k, &entity_allocation);
	row_int(k, r, ALLOCATION_WORKER_ID, cx->workers[w].id);
	row_code(k, r, ALLOCATION_KIND, alloc_codes[kind]);
	row_date(cx, k, r, ALLOCATION_START_DATE, start);
	if (end != DATE_NONE) {
		row_date(cx, k, r, ALLOCATION_END_DATE, end);
		row_code(k, r, ALLOCATION_REASON, reason);
	}
	if (k->n_allocs == k->cap_allocs) {
		k->cap_allocs = k->cap_allocs ? k->cap_allocs * 2 : 16;
		k->allocs = xrealloc(k->allocs, (size_t)k->cap_allocs * sizeof(*k->allocs));
	}
	k->allocs[k->n_allocs++] = (struct alloc){start, end, w, kind};
	int last = end == DATE_NONE ? cx->n_weeks - 1 : week_of(cx, date_add_days(end, -1));
	for (int wk = week_of(cx, start); wk <= last; wk++) {
		if (cx->workers[w].load[wk] < UINT16_MAX) {
			cx->workers[w].load[wk]++;
		}
	}
}

void workforce_allocate(struct demo_ctx *cx, struct kid *k)
{
	hdate floor = cx->record_start;
	if (k->dob > floor) {
		floor = k->dob; /* nothing is allocated before birth (see demo.h) */
	}
	for (int i = 0; i < k->n_segs; i++) {
		const struct seg *s = &k->segs[i];
		hdate cur = s->start > floor ? s->start : floor;
		hdate end = s->end;
		if (cur > cx->as_at || (end != DATE_NONE && end <= cur)) {
			continue;
		}
		double rate = s->kind == AK_IRO ? IRO_REALLOCATE_RATE : REALLOCATE_RATE;
		for (;;) {
			int w = pick_worker(cx, s, cur);
			if (w < 0) {
				hdate next = next_in_post(cx, s, cur);
				if (next == DATE_NONE || next > cx->as_at || (end != DATE_NONE && next >= end)) {
					break;
				}
				cur = next;
				continue;
			}
			const struct demo_worker *dw = &cx->workers[w];
			hdate change = days_after(cur, 7 + rng_exp(&k->r, 365.25 / rate));
			hdate stop = change;
			const char *reason = WPICK(&k->r, realloc_reasons);
			if (dw->end != DATE_NONE && dw->end <= stop) {
				stop = dw->end;
				reason = dw->agency ? "FCONTA" : "LEFTRL";
			}
			if (end != DATE_NONE && end <= stop) {
				stop = end;
				reason = s->end_reason;
			}
			if (stop > cx->as_at) {
				add_alloc(cx, k, s->kind, w, cur, DATE_NONE, NULL);
				break;
			}
			add_alloc(cx, k, s->kind, w, cur, stop, reason);
			if (stop == end) {
				break;
			}
			cur = stop;
		}
	}
}

/* The worker allocated on d; failing that, the one whose allocation ended that day (a
 * closing visit), or -1. */
int alloc_worker_on(const struct kid *k, enum alloc_kind kind, hdate d)
{
	int ended = -1;
	for (int i = 0; i < k->n_allocs; i++) {
		const struct alloc *a = &k->allocs[i];
		if (a->kind == kind && a->start <= d && (a->end == DATE_NONE || a->end > d)) {
			return a->worker;
		}
		if (a->kind == kind && a->end == d) {
			ended = a->worker;
		}
	}
	return ended;
}

int team_manager_on(const struct demo_ctx *cx, int team, hdate d)
{
	if (team < 0) {
		return -1;
	}
	const struct demo_team *t = &cx->teams[team];
	for (int i = 0; i < t->n_workers; i++) {
		const struct demo_worker *w = &cx->workers[t->workers[i]];
		if (w->manager && in_post(w, d)) {
			return t->workers[i];
		}
	}
	return -1;
}

/* "Given Family" of someone in post in team on d (for an early help lead), or a role. */
const char *worker_name(struct demo_ctx *cx, int team, hdate d, struct rng *r)
{
	const struct demo_team *t = &cx->teams[team];
	int n = 0;
	for (int i = 0; i < t->n_workers; i++) {
		n += !cx->workers[t->workers[i]].manager && in_post(&cx->workers[t->workers[i]], d);
	}
	if (n == 0) {
		return "Family support worker";
	}
	int nth = rng_int(r, 0, n - 1);
	for (int i = 0; i < t->n_workers; i++) {
		const struct demo_worker *w = &cx->workers[t->workers[i]];
		if (!w->manager && in_post(w, d) && nth-- == 0) {
			return arena_printf(&cx->batch, "%s %s", w->given, w->family);
		}
	}
	return "Family support worker";
}

/* Adds the workforce on the as-at date (every area) to the summary. */
void workforce_summary(struct demo_ctx *cx)
{
	struct demo_summary *s = cx->sum;
	hdate year_ago = date_add_years(cx->as_at, -1);
	for (int i = 0; i < cx->n_workers; i++) {
		const struct demo_worker *w = &cx->workers[i];
		bool now = in_post(w, cx->as_at);
		s->workers_active += now;
		if (w->case_holder && now) {
			s->social_workers++;
			s->social_workers_agency += w->agency;
			s->case_holder_fte += w->fte;
		}
		if (w->case_holder && w->end != DATE_NONE && w->end > year_ago && w->end <= cx->as_at) {
			s->leavers_12m++;
		}
	}
}
