/* demo: the generator's driver — areas, arrivals, pending rows and writing them.
 *
 * For each area (one for a county, 100 for england): the teams and workers
 * (workforce.c), then children arriving at the front door as a Poisson process from 19
 * years before the as-at date (so long stays in care are in steady state), each
 * simulated (journey.c) into pending rows. A child whose record shows nothing on or after
 * the start of the record (five years back for a county, two for england) is dropped; the others get their allocations, have their
 * dates before birth moved to the birth (for a child referred unborn) and are written in
 * batches of BATCH_CHILDREN through store_insert. Then the area's LADO allegations and
 * participation events, and once the authority's inspections. The whole generation is one
 * bulk load (store_bulk_begin): every row is still validated and written with its revision
 * and audit row; only durability waits for the end, as the record is published only whole.
 *
 * Determinism: every child's journey draws from its own generator seeded by (seed, area,
 * arrival number); the area's generator serves arrivals, worker choices and the
 * authority-level rows. Nothing reads the clock, so a seed and as-at date give the same
 * rows in the same order, and the same ids. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/workdays.h"
#include "demo/internal.h"
#include "model/status.h"

/* ---- scales ----
 * england is 100 areas, not 150: this county is a large one (about 850 children in
 * care), and 100 of it give England's totals in DOMAIN.md §7 (about 85,000 children in
 * care, 43,000 on CP plans, 610,000 referrals a year, 320,000 children in need on the
 * day and over 400,000 in a year); 150 would give 128,000 in care. */

/* 885 is Worcestershire (its postcodes WR, names.c), whose ONS codes are the county's,
 * E10000034, and its six districts': Bromsgrove, Malvern Hills, Redditch, Worcester,
 * Wychavon and Wyre Forest, E07000234 to E07000239 (ONS register of geographic codes). */
#define WORCESTERSHIRE_ONS "E10000034,E07000234,E07000235,E07000236,E07000237,E07000238,E07000239"
static const struct scale_spec scales[DEMO_SCALE_MAX] = {
	[DEMO_COUNTY] = {"county", 1, 5, 60, "885", WORCESTERSHIRE_ONS},
	[DEMO_ENGLAND] = {"england", 100, 2, 12, "885", WORCESTERSHIRE_ONS},
};

/* ---- arrivals and children ---- */

#define ARRIVAL_YEARS 19		/* arrivals simulated before the as-at date */
#define NEW_CHILDREN_PER_YEAR 7100.0	/* first contacts about a child new to the service */
#define UASC_PER_YEAR 28.0		/* unaccompanied children arriving */
#define UASC_YEARS 10			/* ... in the last this many years */
#define BATCH_CHILDREN 500
#define LADO_PER_YEAR 300.0

/* Age at first contact: unborn, then 0..17. */
static const double first_ages[19] = {.04, .09, .05, .05, .05, .05, .05, .05, .05,
				      .05, .05, .06, .06, .06, .06, .06, .06, .04, .03};
static const double uasc_ages[4] = {.08, .20, .42, .30}; /* 14, 15, 16, 17 */
static const struct wcode sexes[] = {{"M", .506}, {"F", .490}, {"U", .004}};
static const struct wcode ethnicity_county[] = {
	{"WBRI", .775}, {"WIRI", .005}, {"WOTH", .045}, {"WIRT", .006}, {"WROM", .012}, {"MWBC", .030},
	{"MWBA", .010}, {"MWAS", .015}, {"MOTH", .025}, {"AIND", .005}, {"APKN", .018}, {"ABAN", .004},
	{"AOTH", .007}, {"BCRB", .005}, {"BAFR", .009}, {"BOTH", .004}, {"CHNE", .002}, {"OOTH", .007},
	{"REFU", .003}, {"NOBT", .011}};
static const struct wcode ethnicity_england[] = {
	{"WBRI", .620}, {"WIRI", .005}, {"WOTH", .070}, {"WIRT", .005}, {"WROM", .010}, {"MWBC", .035},
	{"MWBA", .012}, {"MWAS", .015}, {"MOTH", .035}, {"AIND", .015}, {"APKN", .030}, {"ABAN", .015},
	{"AOTH", .015}, {"BCRB", .020}, {"BAFR", .040}, {"BOTH", .015}, {"CHNE", .003}, {"OOTH", .025},
	{"REFU", .005}, {"NOBT", .015}};
static const struct wcode ethnicity_uasc[] = {{"AOTH", .38}, {"BAFR", .30}, {"OOTH", .20}, {"WOTH", .12}};
static const struct wcode disabilities[] = {{"AUT", .30}, {"LD", .22}, {"COMM", .12}, {"BEH", .10}, {"MOB", .07},
					    {"PC", .05},  {"HAND", .03}, {"HEAR", .03}, {"VIS", .03}, {"CON", .02},
					    {"INC", .01}, {"DDA", .02}};
#define DISABLED_SHARE 0.035
#define ONE_DISABILITY 0.60		/* disabled children with one recorded disability (else two) */
#define UASC_MALE 0.93
#define UNBORN_SEX_UNKNOWN 0.40		/* still unborn on the as-at date: sex not known */
#define UPN_SCHOOL_AGE 0.93
#define UPN_PRESCHOOL 0.15
#define FORMER_UPN_SHARE 0.01
#define NHS_NUMBER_SHARE 0.94
#define RESTRICTED_SHARE 0.003		/* high-profile records; adopted children are restricted too */

/* ---- authority-level rows ---- */
static const struct wcode lado_categories[] = {
	{"physical", .40}, {"sexual", .20}, {"emotional", .10}, {"neglect", .08}, {"suitability", .22}};
static const struct wcode lado_sectors[] = {{"education", .40}, {"early_years", .10}, {"social_care", .12},
					    {"health", .06},    {"police", .02},     {"faith", .03},
					    {"sport", .07},     {"voluntary", .06},  {"transport", .05},
					    {"other", .09}};
#define CICC_MEETS 0.85			/* the children in care council meets most months (not August) */
static const struct wcode lado_outcomes[] = {{"substantiated", .25}, {"unsubstantiated", .32}, {"unfounded", .27},
					     {"false", .12}, {"malicious", .04}};

/* ---- random numbers ---- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t x = a;
	uint64_t h = splitmix(&x);
	x = h ^ (b * 0xd6e8feb86659fd93ULL);
	h = splitmix(&x);
	x = h ^ (c * 0xa0761d6478bd642fULL);
	for (int i = 0; i < 4; i++) {
		r->s[i] = splitmix(&x);
	}
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

int rng_int(struct rng *r, int lo, int hi)
{
	if (hi <= lo) {
		return lo;
	}
	return lo + (int)(rng_unit(r) * (double)(hi - lo + 1));
}

bool rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

double rng_exp(struct rng *r, double mean)
{
	return -mean * log(1.0 - rng_unit(r));
}

double rng_normal(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);
	return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}

double rng_lognormal(struct rng *r, double median, double sigma, double lo, double hi)
{
	double x = median * exp(sigma * rng_normal(r));
	return x < lo ? lo : x > hi ? hi : x;
}

int rng_windex(struct rng *r, const double *w, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++) {
		sum += w[i];
	}
	double u = rng_unit(r) * sum;
	for (int i = 0; i < n; i++) {
		if (u < w[i]) {
			return i;
		}
		u -= w[i];
	}
	for (int i = n - 1; i > 0; i--) {
		if (w[i] > 0) {
			return i;
		}
	}
	return 0;
}

const char *rng_wcode(struct rng *r, const struct wcode *t, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++) {
		sum += t[i].w;
	}
	double u = rng_unit(r) * sum;
	for (int i = 0; i < n; i++) {
		if (u < t[i].w) {
			return t[i].code;
		}
		u -= t[i].w;
	}
	return t[n - 1].code;
}

/* ---- scales ---- */

int demo_scale_parse(const char *s)
{
	for (int i = 0; i < DEMO_SCALE_MAX; i++) {
		if (s && strcmp(s, scales[i].name) == 0) {
			return i;
		}
	}
	return -1;
}

const char *demo_scale_name(enum demo_scale s)
{
	return s < DEMO_SCALE_MAX ? scales[s].name : "?";
}

/* ---- pending rows ---- */

static bool recurring(const struct entity *e)
{
	return e == &entity_visit || e == &entity_note || e == &entity_cp_review || e == &entity_core_group ||
	       e == &entity_cla_review || e == &entity_health || e == &entity_pep || e == &entity_missing ||
	       e == &entity_leaver_contact || e == &entity_pathway_plan || e == &entity_participation;
}

int row_new(struct demo_ctx *cx, struct kid *k, const struct entity *e)
{
	if (k->n_rows == k->cap_rows) {
		k->cap_rows = k->cap_rows ? k->cap_rows * 2 : 256;
		k->rows = xrealloc(k->rows, (size_t)k->cap_rows * sizeof(*k->rows));
	}
	int r = k->n_rows++;
	struct prow *p = &k->rows[r];
	memset(p, 0, sizeof(*p));
	p->e = e;
	p->v = arena_alloc(&cx->batch, sizeof(struct hval) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		p->v[i].null = true;
	}
	p->parent = -1;
	p->parent_field = p->wfield = p->dfield = -1;
	p->flags = recurring(e) ? PR_RECUR : 0;
	return r;
}

void kid_active(struct demo_ctx *cx, struct kid *k, hdate d)
{
	if (d > cx->as_at) {
		d = cx->as_at;
	}
	if (k->last_active == DATE_NONE || d > k->last_active) {
		k->last_active = d;
	}
}

void row_date(struct demo_ctx *cx, struct kid *k, int r, int f, hdate d)
{
	struct hval *v = &k->rows[r].v[f];
	if (d == DATE_NONE || d > cx->as_at) {
		*v = (struct hval){.null = true};
		if (d != DATE_NONE) {
			kid_active(cx, k, cx->as_at); /* still under way on the as-at date */
		}
		return;
	}
	*v = (struct hval){.i = d};
	kid_active(cx, k, d);
}

void row_instant(struct demo_ctx *cx, struct kid *k, int r, int f, int64_t t)
{
	k->rows[r].v[f] = (struct hval){.i = t};
	kid_active(cx, k, instant_date(t));
}

void row_code(struct kid *k, int r, int f, const char *code)
{
	k->rows[r].v[f] = code ? (struct hval){.s = code} : (struct hval){.null = true};
}

void row_str(struct kid *k, int r, int f, const char *s)
{
	k->rows[r].v[f] = s ? (struct hval){.s = s} : (struct hval){.null = true};
}

void row_bool(struct kid *k, int r, int f, bool b)
{
	k->rows[r].v[f] = (struct hval){.i = b};
}

void row_int(struct kid *k, int r, int f, int64_t i)
{
	k->rows[r].v[f] = (struct hval){.i = i};
}

void row_parent(struct kid *k, int r, int f, int parent)
{
	k->rows[r].parent = parent;
	k->rows[r].parent_field = (int8_t)f;
}

void row_worker(struct kid *k, int r, int wfield, int dfield, unsigned flag)
{
	k->rows[r].wfield = (int8_t)wfield;
	k->rows[r].dfield = (int8_t)dfield;
	k->rows[r].flags |= (uint8_t)flag;
}

bool in_detail(const struct demo_ctx *cx, const struct kid *k, hdate d)
{
	return d >= cx->detail_start && d <= cx->as_at && d >= k->dob;
}

/* ---- a child ---- */

static void kid_reset(struct kid *k)
{
	struct prow *rows = k->rows;
	struct seg *segs = k->segs;
	struct alloc *allocs = k->allocs;
	int cr = k->cap_rows, cs = k->cap_segs, ca = k->cap_allocs;
	memset(k, 0, sizeof(*k));
	k->rows = rows;
	k->segs = segs;
	k->allocs = allocs;
	k->cap_rows = cr;
	k->cap_segs = cs;
	k->cap_allocs = ca;
	for (int i = 0; i < AK_MAX; i++) {
		k->open_seg[i] = -1;
	}
	k->ref = k->school = -1;
	k->last_active = k->expected = k->leaver_until = DATE_NONE;
}

static void kid_init(struct demo_ctx *cx, struct kid *k, hdate first, bool uasc, uint64_t n)
{
	kid_reset(k);
	struct rng *r = &k->r;
	rng_seed(r, cx->opt->seed, (uint64_t)cx->area + 1, n);
	k->area = cx->area;
	k->locality = rng_int(r, 0, 3);
	k->first = first;
	k->uasc = uasc;
	if (uasc) {
		int age = 14 + WINDEX(r, uasc_ages);
		k->dob = date_add_days(date_add_years(first, -age), -rng_int(r, 0, 364));
		k->sex = rng_chance(r, UASC_MALE) ? "M" : "F";
		k->ethnicity = WPICK(r, ethnicity_uasc);
	} else {
		int a = WINDEX(r, first_ages);
		if (a == 0) {
			k->expected = date_add_days(first, rng_int(r, 20, 150));
			k->dob = date_add_days(k->expected, rng_int(r, -21, 10));
			if (k->dob <= first) {
				k->dob = date_add_days(first, 1);
			}
		} else {
			k->dob = date_add_days(date_add_years(first, -(a - 1)), -rng_int(r, 0, 364));
		}
		k->sex = k->dob > cx->as_at && rng_chance(r, UNBORN_SEX_UNKNOWN) ? "U" : WPICK(r, sexes);
		k->ethnicity = cx->opt->scale == DEMO_ENGLAND ? WPICK(r, ethnicity_england) : WPICK(r, ethnicity_county);
		k->disabled = a > 1 && rng_chance(r, DISABLED_SHARE);
	}
	k->group = name_group_for(k->ethnicity, r);
	k->home_post = words_postcode(r, &cx->batch, k->area, true);
}

/* Moves the dates of a child referred before birth that may not precede the birth to the
 * birth, and drops recurring events from before it (none are generated, but the rule is
 * kept here, where the store's rule is mirrored). */
static void fit_to_birth(struct demo_ctx *cx, struct kid *k)
{
	if (k->expected == DATE_NONE || k->dob > cx->as_at) {
		return;
	}
	for (int r = 0; r < k->n_rows; r++) {
		struct prow *p = &k->rows[r];
		for (int f = 0; f < p->e->n_fields; f++) {
			const struct field *fd = &p->e->fields[f];
			struct hval *v = &p->v[f];
			if (v->null || (fd->type != FT_DATE && fd->type != FT_INSTANT) || (fd->flags & F_PREBIRTH)) {
				continue;
			}
			hdate d = fd->type == FT_DATE ? (hdate)v->i : instant_date(v->i);
			if (d >= k->dob) {
				continue;
			}
			if (p->flags & PR_RECUR) {
				p->drop = true;
				break;
			}
			v->i = fd->type == FT_DATE ? k->dob : instant_from_date(k->dob);
		}
	}
}

static int fail_row(struct demo_ctx *cx, const struct entity *e, int rc)
{
	char line[700];
	herr_line(cx->err, line, sizeof(line));
	herr_set(cx->err, rc, cx->err->field, cx->err->rule, "demo: writing a %s: %s", e->label, line);
	return rc;
}

/* Counts the child's status on the as-at date with the record's own rule (status_at) on a
 * casefile built from the rows as written, and the measures of the last 12 months. */
static void count_child(struct demo_ctx *cx, struct kid *k, int64_t id, hdate dob)
{
	struct demo_summary *s = cx->sum;
	struct casefile cf;
	memset(&cf, 0, sizeof(cf));
	cf.child.id = id;
	cf.child.dob = dob;
	cf.child.expected_dob = k->expected;
	cf.child.death = DATE_NONE;
	size_t n[4] = {0};
	for (int r = 0; r < k->n_rows; r++) {
		const struct entity *e = k->rows[r].e;
		n[0] += e == &entity_cla_episode;
		n[1] += e == &entity_cp_plan;
		n[2] += e == &entity_referral;
		n[3] += e == &entity_early_help;
		cf.n_leaver_contacts += e == &entity_leaver_contact && !k->rows[r].drop;
	}
	cf.episodes = arena_alloc(&cx->batch, (n[0] + 1) * sizeof(*cf.episodes));
	cf.cp_plans = arena_alloc(&cx->batch, (n[1] + 1) * sizeof(*cf.cp_plans));
	cf.referrals = arena_alloc(&cx->batch, (n[2] + 1) * sizeof(*cf.referrals));
	cf.early_help = arena_alloc(&cx->batch, (n[3] + 1) * sizeof(*cf.early_help));
	cf.leaver_contacts = arena_alloc(&cx->batch, (cf.n_leaver_contacts + 1) * sizeof(*cf.leaver_contacts));
	cf.n_leaver_contacts = 0;
	hdate year_ago = date_add_years(cx->as_at, -1);
#define D(v) ((v).null ? DATE_NONE : (hdate)(v).i)
	for (int r = 0; r < k->n_rows; r++) {
		const struct prow *p = &k->rows[r];
		const struct hval *v = p->v;
		if (p->drop) {
			continue;
		}
		if (p->e == &entity_cla_episode) {
			cf.episodes[cf.n_episodes++] = (struct cf_episode){.start = D(v[CLA_EPISODE_DECOM]),
									     .end = D(v[CLA_EPISODE_DEC])};
			s->cla_starts_12m += D(v[CLA_EPISODE_DECOM]) > year_ago && !strcmp(v[CLA_EPISODE_RNE].s, "S");
		} else if (p->e == &entity_cp_plan) {
			cf.cp_plans[cf.n_cp_plans++] = (struct cf_plan){.start = D(v[CP_PLAN_START_DATE]),
									 .end = D(v[CP_PLAN_END_DATE])};
			s->cp_starts_12m += D(v[CP_PLAN_START_DATE]) > year_ago;
		} else if (p->e == &entity_referral) {
			hdate rd = D(v[REFERRAL_REFERRAL_DATE]);
			cf.referrals[cf.n_referrals++] = (struct cf_referral){
				.date = rd, .closed = D(v[REFERRAL_CLOSURE_DATE]), .nfa = v[REFERRAL_NFA].i != 0};
			if (rd > year_ago) {
				s->referrals_12m++;
				for (size_t i = 0; i + 1 < cf.n_referrals; i++) {
					hdate prior = cf.referrals[i].date;
					if (prior < rd && prior >= date_add_months(rd, -12)) {
						s->rereferrals_12m++;
						break;
					}
				}
			}
		} else if (p->e == &entity_early_help) {
			cf.early_help[cf.n_early_help++] = (struct cf_early_help){.start = D(v[EARLY_HELP_START_DATE]),
									       .end = D(v[EARLY_HELP_END_DATE])};
		} else if (p->e == &entity_leaver_contact) {
			cf.leaver_contacts[cf.n_leaver_contacts++] = (struct cf_leaver_contact){
				.date = D(v[LEAVER_CONTACT_CONTACT_DATE]),
				.activity = v[LEAVER_CONTACT_ACTIVITY].null ? NULL : v[LEAVER_CONTACT_ACTIVITY].s};
		} else if (p->e == &entity_contact) {
			s->contacts_12m += D(v[CONTACT_CONTACT_DATE]) > year_ago;
		} else if (p->e == &entity_assessment) {
			hdate a = D(v[ASSESSMENT_AUTHORISED_DATE]);
			s->assessments_12m += a != DATE_NONE && a > year_ago;
		} else if (p->e == &entity_s47) {
			s->s47_12m += D(v[S47_STRATEGY_DATE]) > year_ago;
		}
	}
#undef D
	s->status[status_at(&cf, cx->as_at)]++;
	for (int i = 0; i < k->n_allocs; i++) {
		s->sw_cases += k->allocs[i].kind == AK_SW && k->allocs[i].end == DATE_NONE;
	}
}

static bool adopted(const struct demo_ctx *cx, const struct kid *k)
{
	for (int r = 0; r < k->n_rows; r++) {
		const struct prow *p = &k->rows[r];
		if (p->e == &entity_adoption && !p->v[ADOPTION_ADOPTION_ORDER_DATE].null) {
			return p->v[ADOPTION_ADOPTION_ORDER_DATE].i <= cx->as_at;
		}
	}
	return false;
}

static hdate first_referral(const struct kid *k)
{
	for (int r = 0; r < k->n_rows; r++) {
		if (k->rows[r].e == &entity_referral) {
			return (hdate)k->rows[r].v[REFERRAL_REFERRAL_DATE].i;
		}
	}
	return k->first;
}

static int insert_child(struct demo_ctx *cx, struct kid *k, int64_t *id, hdate *dob_out)
{
	struct rng *r = &k->r;
	struct hval v[CHILD__COUNT];
	for (int i = 0; i < CHILD__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	bool born = k->dob <= cx->as_at;
	char la_id[24];
	snprintf(la_id, sizeof(la_id), "C%06lld", (long long)++cx->next_child);
	v[CHILD_LA_CHILD_ID] = (struct hval){.s = la_id};
	int la_code = atoi(cx->spec->la_code) + (cx->n_areas > 1 ? cx->area : 0);
	int age_now = born ? date_age(k->dob, cx->as_at) : 0;
	if (born && rng_chance(r, age_now >= 5 ? UPN_SCHOOL_AGE : UPN_PRESCHOOL)) {
		v[CHILD_UPN] = (struct hval){.s = words_upn(r, &cx->batch, la_code, k->dob)};
		if (rng_chance(r, FORMER_UPN_SHARE)) {
			v[CHILD_FORMER_UPN] = (struct hval){.s = words_upn(r, &cx->batch, la_code + 1, k->dob)};
		}
	}
	if (born && rng_chance(r, NHS_NUMBER_SHARE)) {
		v[CHILD_NHS_NUMBER] = (struct hval){.s = words_nhs(r, &cx->batch)};
	}
	v[CHILD_GIVEN_NAME] = (struct hval){.s = born ? name_given(r, k->group, k->sex) : "Baby"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = name_family(r, k->group)};
	if (born) {
		v[CHILD_DOB] = (struct hval){.i = k->dob};
	}
	if (k->expected != DATE_NONE) {
		v[CHILD_EXPECTED_DOB] = (struct hval){.i = k->expected};
	}
	v[CHILD_SEX] = (struct hval){.s = k->sex};
	v[CHILD_ETHNICITY] = (struct hval){.s = k->ethnicity};
	v[CHILD_UASC] = (struct hval){.i = k->uasc};
	if (k->uasc && born && date_birthday(k->dob, 18) <= cx->as_at) {
		v[CHILD_UASC_CEASED] = (struct hval){.i = date_birthday(k->dob, 18)};
	}
	v[CHILD_POSTCODE] = (struct hval){.s = k->home_post};
	v[CHILD_RESTRICTED] = (struct hval){.i = adopted(cx, k) || rng_chance(r, RESTRICTED_SHARE)};
	care_child_fields(cx, k, v);
	*dob_out = born ? k->dob : DATE_NONE;
	int rc = store_insert(cx->st, "demo", &entity_child, v, id, cx->err);
	if (rc) {
		return fail_row(cx, &entity_child, rc);
	}
	if (k->disabled) {
		int n = rng_chance(r, ONE_DISABILITY) ? 1 : 2;
		const char *prev = NULL;
		for (int i = 0; i < n; i++) {
			const char *code = WPICK(r, disabilities);
			if (prev && strcmp(prev, code) == 0) {
				continue;
			}
			prev = code;
			struct hval dv[CHILD_DISABILITY__COUNT];
			dv[CHILD_DISABILITY_CHILD_ID] = (struct hval){.i = *id};
			dv[CHILD_DISABILITY_CODE] = (struct hval){.s = code};
			hdate rec = first_referral(k);
			dv[CHILD_DISABILITY_RECORDED] = (struct hval){.i = rec < k->dob ? k->dob : rec};
			if ((rc = store_insert(cx->st, "demo", &entity_child_disability, dv, NULL, cx->err))) {
				return fail_row(cx, &entity_child_disability, rc);
			}
		}
	}
	return 0;
}

/* Writes the child and its rows, in order. */
static int emit_child(struct demo_ctx *cx, struct kid *k)
{
	int64_t child_id;
	hdate dob;
	fit_to_birth(cx, k);
	int rc = insert_child(cx, k, &child_id, &dob);
	if (rc) {
		return rc;
	}
	for (int r = 0; r < k->n_rows; r++) {
		struct prow *p = &k->rows[r];
		if (p->drop) {
			continue;
		}
		p->v[p->e->child_field] = (struct hval){.i = child_id};
		if (p->parent >= 0) {
			p->v[p->parent_field] = (struct hval){.i = k->rows[p->parent].id};
		}
		if (p->flags & (PR_SW | PR_IRO | PR_MANAGER)) {
			hdate d = (hdate)p->v[p->dfield].i;
			int w = alloc_worker_on(k, p->flags & PR_IRO ? AK_IRO : AK_SW, d);
			if (w >= 0 && (p->flags & PR_MANAGER)) {
				w = team_manager_on(cx, cx->workers[w].team, d);
			}
			if (w >= 0) {
				p->v[p->wfield] = (struct hval){.i = cx->workers[w].id};
			}
		}
		if (p->e == &entity_lado) {
			char ref[32];
			int y, m, dd;
			date_to_ymd((hdate)p->v[LADO_RECEIVED_DATE].i, &y, &m, &dd);
			snprintf(ref, sizeof(ref), "LADO-%04d-%05lld", y, (long long)++cx->next_lado);
			p->v[LADO_REFERENCE] = (struct hval){.s = arena_strdup(&cx->batch, ref)};
		}
		if ((rc = store_insert(cx->st, "demo", p->e, p->v, &p->id, cx->err))) {
			return fail_row(cx, p->e, rc);
		}
	}
	count_child(cx, k, child_id, dob);
	cx->sum->children++;
	cx->children_written++;
	return 0;
}

/* ---- authority-level rows ---- */

static hdate weekday_on_or_after(hdate d)
{
	while (!workday_is(d)) {
		d = date_add_days(d, 1);
	}
	return d;
}

static int insert_plain(struct demo_ctx *cx, const struct entity *e, struct hval *v)
{
	int rc = store_insert(cx->st, "demo", e, v, NULL, cx->err);
	return rc ? fail_row(cx, e, rc) : 0;
}

static void blank(struct hval *v, int n)
{
	for (int i = 0; i < n; i++) {
		v[i] = (struct hval){.null = true};
	}
}

static int lado_allegations(struct demo_ctx *cx)
{
	struct rng *r = &cx->area_rng;
	double t = cx->record_start;
	for (;;) {
		t += rng_exp(r, 365.25 / LADO_PER_YEAR);
		hdate d = (hdate)t;
		if (d > cx->as_at) {
			return 0;
		}
		struct hval v[LADO__COUNT];
		blank(v, LADO__COUNT);
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		char ref[32];
		snprintf(ref, sizeof(ref), "LADO-%04d-%05lld", y, (long long)++cx->next_lado);
		v[LADO_REFERENCE] = (struct hval){.s = ref};
		v[LADO_RECEIVED_DATE] = (struct hval){.i = d};
		double u = rng_unit(r);
		hdate considered = workdays_add(d, u < 0.62 ? 0 : u < 0.87 ? 1 : rng_int(r, 2, 5));
		if (considered <= cx->as_at) {
			v[LADO_CONSIDERED_DATE] = (struct hval){.i = considered};
		}
		v[LADO_CATEGORY] = (struct hval){.s = WPICK(r, lado_categories)};
		v[LADO_SECTOR] = (struct hval){.s = WPICK(r, lado_sectors)};
		u = rng_unit(r);
		hdate resolved = date_add_days(d, u < 0.60   ? rng_int(r, 3, 30)
						  : u < 0.85 ? rng_int(r, 31, 90)
						  : u < 0.98 ? rng_int(r, 91, 365)
							     : rng_int(r, 366, 500));
		if (resolved <= cx->as_at) {
			v[LADO_RESOLVED_DATE] = (struct hval){.i = resolved};
			v[LADO_OUTCOME] = (struct hval){.s = WPICK(r, lado_outcomes)};
		}
		int rc = insert_plain(cx, &entity_lado, v);
		if (rc) {
			return rc;
		}
	}
}

static int participation_event(struct demo_ctx *cx, hdate d, const char *kind, const char *detail)
{
	if (d > cx->as_at || d < cx->record_start) {
		return 0;
	}
	struct hval v[PARTICIPATION__COUNT];
	blank(v, PARTICIPATION__COUNT);
	v[PARTICIPATION_EVENT_DATE] = (struct hval){.i = d};
	v[PARTICIPATION_KIND] = (struct hval){.s = kind};
	v[PARTICIPATION_DETAIL] = (struct hval){.s = detail};
	return insert_plain(cx, &entity_participation, v);
}

/* The corporate parenting board quarterly, the children in care council most months, a
 * survey each November. */
static int participation_events(struct demo_ctx *cx)
{
	struct rng *r = &cx->area_rng;
	int y0, m0, d0;
	date_to_ymd(cx->record_start, &y0, &m0, &d0);
	int rc = 0;
	for (int i = 0; !rc && i < cx->spec->history_years * 12 + 2; i++) {
		int y = y0 + (m0 - 1 + i) / 12, m = (m0 - 1 + i) % 12 + 1;
		hdate month = date_from_ymd(y, m, 1);
		if (m % 3 == 1) {
			rc = participation_event(cx, weekday_on_or_after(date_add_days(month, rng_int(r, 8, 20))),
						 "corporate_parenting_board", words_cpb(r));
		}
		if (!rc && m != 8 && rng_chance(r, CICC_MEETS)) {
			rc = participation_event(cx, weekday_on_or_after(date_add_days(month, rng_int(r, 2, 25))),
						 "children_in_care_council", words_ciccc(r));
		}
		if (!rc && m == 11) {
			rc = participation_event(cx, weekday_on_or_after(date_add_days(month, rng_int(r, 0, 20))),
						 "survey", words_survey(r));
		}
	}
	return rc;
}

/* The inspection history: an ILACS standard inspection about three years ago, a focused
 * visit since, and a JTAI. Care leavers were graded apart from January 2023; overall
 * effectiveness is not graded from April 2026. */
static int inspections(struct demo_ctx *cx)
{
	static const struct {
		int months_before;
		const char *kind;
		const char *grades[5];	/* leaders, help and protection, in care, care leavers, overall */
	} visits[] = {
		{38, "standard", {"requires_improvement", "good", "requires_improvement", "good", "requires_improvement"}},
		{15, "focused_visit", {NULL}},
		{7, "jtai", {NULL}},
	};
	for (int i = 0; i < NELEM(visits); i++) {
		hdate d = date_add_months(cx->as_at, -visits[i].months_before);
		while (date_weekday(d) != MON) {
			d = date_add_days(d, -1);
		}
		struct hval v[INSPECTION__COUNT];
		blank(v, INSPECTION__COUNT);
		v[INSPECTION_START_DATE] = (struct hval){.i = d};
		v[INSPECTION_KIND] = (struct hval){.s = visits[i].kind};
		const int fields[5] = {INSPECTION_GRADE_LEADERS, INSPECTION_GRADE_HELP_PROTECTION,
				       INSPECTION_GRADE_IN_CARE, INSPECTION_GRADE_CARE_LEAVERS,
				       INSPECTION_GRADE_OVERALL};
		for (int g = 0; g < 5; g++) {
			const char *grade = visits[i].grades[g];
			if (g == 3 && d < date_from_ymd(2023, 1, 1)) {
				grade = NULL;
			}
			if (g == 4 && d >= date_from_ymd(2026, 4, 1)) {
				grade = NULL;
			}
			if (grade) {
				v[fields[g]] = (struct hval){.s = grade};
			}
		}
		v[INSPECTION_FINDINGS] = (struct hval){.s = words_findings[i]};
		if (words_actions[i][0]) {
			v[INSPECTION_PRIORITY_ACTIONS] = (struct hval){.s = words_actions[i]};
		}
		int rc = insert_plain(cx, &entity_inspection, v);
		if (rc) {
			return rc;
		}
	}
	return 0;
}

static int settings_rows(struct demo_ctx *cx)
{
	const char *rows[][2] = {{"la_code", cx->spec->la_code}, {"la_ons_codes", cx->spec->la_ons_codes}};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct hval v[SETTING__COUNT];
		v[SETTING_KEY] = (struct hval){.s = rows[i][0]};
		v[SETTING_VALUE] = (struct hval){.s = rows[i][1]};
		int rc = insert_plain(cx, &entity_setting, v);
		if (rc) {
			return rc;
		}
	}
	return 0;
}

/* ---- batches and progress ---- */

static int report(struct demo_ctx *cx, double within_area)
{
	if (!cx->opt->progress) {
		return 0;
	}
	double done = (cx->area + (within_area < 0 ? 0 : within_area > 1 ? 1 : within_area)) / cx->n_areas;
	if (cx->opt->progress(cx->opt->progress_ctx, done, cx->children_written)) {
		return herr_set(cx->err, HERR_CONFLICT, "", "interrupted", "demo generation interrupted");
	}
	return 0;
}

static int next_batch(struct demo_ctx *cx, double within_area)
{
	int rc = store_commit(cx->st, cx->err);
	if (!rc) {
		arena_free(&cx->batch);
		cx->batch_children = 0;
		rc = report(cx, within_area);
	}
	if (!rc) {
		rc = store_begin(cx->st, cx->err);
	}
	return rc;
}

/* How far through an area's work an arrival on d is. The children who arrived before the
 * record starts and are still open in it are written first, most of them late arrivals,
 * so that stretch counts for PRE_RECORD_SHARE, weighted towards its end. */
#define PRE_RECORD_SHARE 0.2
static double area_progress(const struct demo_ctx *cx, hdate d)
{
	if (d < cx->record_start) {
		double x = (double)(d - cx->arrival_start) / (double)(cx->record_start - cx->arrival_start);
		return PRE_RECORD_SHARE * x * x * x * x;
	}
	return PRE_RECORD_SHARE +
	       (1 - PRE_RECORD_SHARE) * (double)(d - cx->record_start) / (double)(cx->as_at - cx->record_start);
}

static int generate_area(struct demo_ctx *cx)
{
	int rc = workforce_build(cx);
	if (!rc) {
		rc = demo_macpts(cx);
	}
	if (rc) {
		return rc;
	}
	struct rng arrivals;
	rng_seed(&arrivals, cx->opt->seed, (uint64_t)cx->area + 1, 0xa1a1a1a1ULL);
	double rate = NEW_CHILDREN_PER_YEAR + UASC_PER_YEAR;
	hdate uasc_from = date_add_years(cx->as_at, -UASC_YEARS);
	double t = cx->arrival_start;
	struct kid *k = &cx->kid;
	for (uint64_t n = 1;; n++) {
		t += rng_exp(&arrivals, 365.25 / rate);
		hdate d = (hdate)floor(t);
		if (d > cx->as_at) {
			break;
		}
		bool uasc = rng_chance(&arrivals, UASC_PER_YEAR / rate) && d >= uasc_from;
		kid_init(cx, k, d, uasc, n);
		journey_run(cx, k);
		if (k->last_active == DATE_NONE || k->last_active < cx->record_start) {
			continue;
		}
		workforce_allocate(cx, k);
		if ((rc = emit_child(cx, k))) {
			return rc;
		}
		if (++cx->batch_children >= BATCH_CHILDREN) {
			if ((rc = next_batch(cx, area_progress(cx, d)))) {
				return rc;
			}
		}
	}
	if ((rc = lado_allegations(cx)) || (rc = participation_events(cx))) {
		return rc;
	}
	return next_batch(cx, 1.0);
}

int demo_generate(struct store *st, const struct demo_options *opt, struct demo_summary *out,
		  struct hearth_error *err)
{
	if (opt->scale >= DEMO_SCALE_MAX || opt->as_at == DATE_NONE) {
		return herr_set(err, HERR_INVALID, "scale", "demo_scale", "unknown demo scale");
	}
	struct demo_summary sum;
	memset(&sum, 0, sizeof(sum));
	struct demo_ctx cx;
	memset(&cx, 0, sizeof(cx));
	cx.st = st;
	cx.opt = opt;
	cx.spec = &scales[opt->scale];
	cx.sum = &sum;
	cx.err = err;
	cx.as_at = opt->as_at;
	cx.record_start = date_add_years(opt->as_at, -cx.spec->history_years);
	cx.detail_start = date_add_months(opt->as_at, -cx.spec->detail_months);
	if (cx.detail_start < cx.record_start) {
		cx.detail_start = cx.record_start;
	}
	cx.arrival_start = date_add_years(opt->as_at, -ARRIVAL_YEARS);
	cx.n_weeks = (cx.as_at - cx.record_start) / 7 + 2;
	cx.n_areas = cx.spec->areas;
	cx.teams = xcalloc((size_t)cx.n_areas * TK_MAX, sizeof(*cx.teams));
	cx.n_teams = cx.n_areas * TK_MAX;
	kid_reset(&cx.kid);

	int rc = store_bulk_begin(st, err);
	if (!rc) {
		rc = store_begin(st, err);
	}
	if (!rc) {
		rc = settings_rows(&cx);
	}
	if (!rc) {
		rc = inspections(&cx);
	}
	for (cx.area = 0; !rc && cx.area < cx.n_areas; cx.area++) {
		rng_seed(&cx.area_rng, opt->seed, (uint64_t)cx.area + 1, 0x5eedULL);
		rc = generate_area(&cx);
	}
	if (!rc) {
		rc = demo_plant_duplicates(&cx);
	}
	if (rc) {
		store_rollback(st);
		store_bulk_end(st, NULL);
	} else {
		rc = store_commit(st, err);
	}
	if (!rc) {
		rc = store_bulk_end(st, err);
	}
	if (!rc) {
		rc = demo_plant_approvals(&cx);
	}
	if (!rc) {
		cx.area = cx.n_areas - 1;
		workforce_summary(&cx);
		for (int i = 0; i < model_entity_count && i < 64; i++) {
			sum.table_rows[i] = store_count(st, model_entities[i]);
			sum.rows += sum.table_rows[i];
		}
		*out = sum;
	}
	arena_free(&cx.batch);
	arena_free(&cx.life);
	for (int i = 0; i < cx.n_teams; i++) {
		free(cx.teams[i].workers);
	}
	free(cx.teams);
	free(cx.workers);
	free(cx.kid.rows);
	free(cx.kid.segs);
	free(cx.kid.allocs);
	return rc;
}
