/* internal: what the demo generator's files share; never included outside src/demo/.
 *
 * The generator works one area (a county's worth of teams, workers and children) at a
 * time. A child's journey is first simulated into pending rows held in memory (struct
 * kid), because whether the child belongs in the record, who its social workers are and
 * which dates must move to its birth are only known once the journey is complete; then
 * the rows are written through store_insert in order, parents before the rows that
 * reference them.
 *
 * Time: record_start is five years before the as-at date; detail_start is where the
 * recurring events (visits, notes, reviews...) begin: record_start for a county, a year
 * before the as-at date for england. Arrivals start 19 years before the as-at date so
 * that the children in care on the as-at date include those who came into care as babies
 * long ago. */
#ifndef HEARTH_DEMO_INTERNAL_H
#define HEARTH_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "demo/demo.h"
#include "model/entity.h"
#include "store/store.h"

/* ---- random numbers: xoshiro256**, seeded through splitmix64 ---- */

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t a, uint64_t b, uint64_t c);
uint64_t rng_next(struct rng *r);
double rng_unit(struct rng *r);			/* [0, 1) */
int rng_int(struct rng *r, int lo, int hi);	/* lo..hi inclusive */
bool rng_chance(struct rng *r, double p);
double rng_exp(struct rng *r, double mean);
double rng_normal(struct rng *r);
/* A log-normal draw with the given median, clamped to [lo, hi]. */
double rng_lognormal(struct rng *r, double median, double sigma, double lo, double hi);

/* A value picked by weight from a table. */
struct wcode {
	const char *code;
	double w;
};
const char *rng_wcode(struct rng *r, const struct wcode *t, int n);
int rng_windex(struct rng *r, const double *w, int n);

/* A timescale as drawn: with probability in_time uniformly in [lo, hi], otherwise late,
 * in [late_lo, late_hi] (days or working days, as the table's name says). */
struct span {
	int lo, hi, late_lo, late_hi;
};

static inline int span_draw(struct rng *r, const struct span *s, double in_time)
{
	return rng_chance(r, in_time) ? rng_int(r, s->lo, s->hi) : rng_int(r, s->late_lo, s->late_hi);
}
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define WPICK(r, t) rng_wcode((r), (t), NELEM(t))
#define WINDEX(r, t) rng_windex((r), (t), NELEM(t))

/* ---- the authority's teams, one set per area ---- */

enum team_kind {
	TK_FRONT_DOOR, TK_EH_NORTH, TK_EH_SOUTH, TK_ASSESS_NORTH, TK_ASSESS_SOUTH, TK_LOC_1, TK_LOC_2,
	TK_LOC_3, TK_LOC_4, TK_CIC_1, TK_CIC_2, TK_LEAVING, TK_DISABLED, TK_ADOPTION, TK_LADO, TK_IRO,
	TK_MAX
};

/* Who a worker is allocated to children as (for choosing a worker). */
enum alloc_kind { AK_SW, AK_IRO, AK_PA, AK_MAX };

struct demo_worker {
	int64_t id;
	int team;		/* index into cx->teams */
	hdate start, end;	/* end DATE_NONE while in post (or leaving after the as-at date) */
	double fte;
	bool agency, allocatable, case_holder, manager;
	uint16_t *load;		/* open allocations per week from record_start */
	const char *given, *family;
	const char *sex;	/* the sex the given name was drawn for */
	int group;		/* the name group (names.c), for the ethnicity recorded */
};

struct demo_team {
	int64_t id;
	enum team_kind kind;
	int *workers;		/* indexes into cx->workers, in start order */
	int n_workers, cap_workers;
};

/* ---- pending rows of one child ---- */

enum {
	PR_RECUR = 1,		/* a recurring event: dropped before the child's birth */
	PR_SW = 2,		/* fill wfield with the social worker allocated on dfield's date */
	PR_IRO = 4,		/* ... with the IRO */
	PR_MANAGER = 8,		/* ... with the social worker's team manager */
};

struct prow {
	const struct entity *e;
	struct hval *v;		/* e->n_fields values, in the batch arena */
	int parent;		/* index of the row whose id goes into parent_field, or -1 */
	int8_t parent_field, wfield, dfield;
	uint8_t flags;
	bool drop;
	int64_t id;
};

/* A stretch of time a child needs a worker of one team: social worker, IRO or PA. */
struct seg {
	hdate start, end;	/* [start, end); end DATE_NONE while open */
	int team;		/* index into cx->teams */
	enum alloc_kind kind;
	const char *end_reason;	/* SW_REASON when it ends with a transfer */
};

/* An allocation as made, for finding the worker on a date. */
struct alloc {
	hdate start, end;
	int worker;
	enum alloc_kind kind;
};

struct kid {
	struct rng r;
	int area, locality;
	hdate first;		/* first contact (or arrival) */
	hdate dob;		/* date of birth (may be after the as-at date for an unborn child) */
	hdate expected;		/* expected date of birth, DATE_NONE unless referred before birth */
	bool uasc, disabled, missing_prone;
	const char *sex, *ethnicity, *sen, *home_post;
	int group;		/* name group (names.c) */
	hdate last_active;	/* latest day the record shows anything happening */
	int entries;		/* periods in care */
	int cp_plans;
	/* pending rows */
	struct prow *rows;
	int n_rows, cap_rows;
	/* allocation needs, and the allocations made from them */
	struct seg *segs;
	int n_segs, cap_segs;
	int open_seg[AK_MAX];	/* index of the open segment of each kind, or -1 */
	struct alloc *allocs;
	int n_allocs, cap_allocs;
	/* status bookkeeping */
	int ref;		/* the referral (CIN episode) row open now, or -1 */
	int school;		/* the education row open now, or -1 */
	hdate leaver_until;	/* end of care leaver support, DATE_NONE when not a leaver */
};

/* ---- the generator's state ---- */

struct scale_spec;

struct demo_ctx {
	struct store *st;
	const struct demo_options *opt;
	const struct scale_spec *spec;
	struct demo_summary *sum;
	struct hearth_error *err;
	hdate as_at, record_start, detail_start, arrival_start;
	int n_weeks;		/* weeks from record_start to as_at, for worker loads */
	int area, n_areas;
	struct arena batch;	/* rows of the children in the open batch */
	struct arena life;	/* the whole run: workers, names */
	struct rng area_rng;	/* allocation choices, LADO, participation (per area) */
	struct demo_team *teams;	/* n_areas * TK_MAX (only the current area's are live) */
	int n_teams;
	struct demo_worker *workers;
	int n_workers, cap_workers;
	int64_t next_child, next_staff, next_lado;
	int64_t partners[6];	/* the current area's partner practitioners, by families.c's agency */
	int64_t macpts[4];	/* the current area's MACPTs, by locality (0 when none: macpt.c) */
	hdate macpt_from;	/* the day they were set up (the duty date) */
	int batch_children;
	int64_t children_written;
	struct kid kid;		/* reused for every child */
};

/* Scale: how many areas, how far back the record goes, and how much recurring detail. */
struct scale_spec {
	const char *name;
	int areas;
	int history_years;	/* children active this many years before as-at are kept */
	int detail_months;	/* recurring events this many months before as-at */
	const char *la_code;	/* the LA number of area 0 (UPNs, the la_code setting) */
	const char *la_ons_codes;	/* area 0's ONS codes (the la_ons_codes setting) */
};

/* ---- rows (demo.c) ---- */
int row_new(struct demo_ctx *cx, struct kid *k, const struct entity *e);
void row_date(struct demo_ctx *cx, struct kid *k, int r, int f, hdate d);
void row_instant(struct demo_ctx *cx, struct kid *k, int r, int f, int64_t t);
void row_code(struct kid *k, int r, int f, const char *code);
void row_str(struct kid *k, int r, int f, const char *s);
void row_bool(struct kid *k, int r, int f, bool b);
void row_int(struct kid *k, int r, int f, int64_t i);
void row_parent(struct kid *k, int r, int f, int parent);
void row_worker(struct kid *k, int r, int wfield, int dfield, unsigned flag);
/* True when a recurring event on d belongs in the record: inside the detail window, on
 * or before the as-at date, and not before the child's birth. */
bool in_detail(const struct demo_ctx *cx, const struct kid *k, hdate d);
void kid_active(struct demo_ctx *cx, struct kid *k, hdate d);

/* ---- allocation needs (workforce.c) ---- */
void seg_open(struct demo_ctx *cx, struct kid *k, enum alloc_kind kind, hdate d, int team);
void seg_close(struct demo_ctx *cx, struct kid *k, enum alloc_kind kind, hdate d);
int team_index(const struct demo_ctx *cx, enum team_kind kind);
int team_for(const struct demo_ctx *cx, const struct kid *k, enum team_kind base);
int workforce_build(struct demo_ctx *cx);
/* Turns the kid's segments into allocations (rows and kid->allocs). */
void workforce_allocate(struct demo_ctx *cx, struct kid *k);
int alloc_worker_on(const struct kid *k, enum alloc_kind kind, hdate d);
int team_manager_on(const struct demo_ctx *cx, int team, hdate d);
/* The area's partner agencies' practitioners (Family Help leads): into cx->partners. */
int workforce_partners(struct demo_ctx *cx);
const char *worker_name(struct demo_ctx *cx, int team, hdate d, struct rng *r);
void workforce_summary(struct demo_ctx *cx);

/* ---- the child's journey (journey.c) and periods in care (care.c) ---- */

/* What follows a phase of a CIN episode. */
enum after { AFT_CLOSE, AFT_EH, AFT_CP, AFT_CLA, AFT_CIN, AFT_MAX };
/* How a child came into care. */
enum route { RT_EMERGENCY, RT_PLANNED, RT_S20, RT_UASC };

void journey_run(struct demo_ctx *cx, struct kid *k);
/* A visit of kind (0 cin, 1 cp, 2 cla, 3 leaver, 4 private fostering, 5 other) and
 * sometimes a note with it; a note of kind (NULL: drawn). Both only inside the detail
 * window (in_detail). */
void journey_visit(struct demo_ctx *cx, struct kid *k, hdate d, int kind);
void journey_note(struct demo_ctx *cx, struct kid *k, hdate d, const char *kind);
/* A period in care from entry: returns the day it ends (after the as-at date while it
 * goes on), what follows in *nx and the CIN closure reason in *close. */
hdate care_period(struct demo_ctx *cx, struct kid *k, hdate entry, enum route route, enum after *nx,
		  const char **close);
int age_on(const struct kid *k, hdate d);
/* families.c: Family Help beside an early help episode (s17 false) or a CIN plan of referral
 * row ref (s17 true), for those beginning from October 2025 (issue 19). end DATE_NONE: open. */
void demo_family_help(struct demo_ctx *cx, struct kid *k, bool s17, int ref, hdate start, hdate end,
		      const char *end_reason);
/* families.c: pre-proceedings, kinship and DoLOs around one period of care (issue 19). */
void demo_families(struct demo_ctx *cx, struct kid *k, hdate entry, hdate exit, bool proc, hdate issue,
		   bool to_sgo, bool to_cao, const char *const *places, const hdate *starts, int n_pl);
hdate wd_add(hdate d, int n);

/* ---- what the returns ask beyond the journey (care.c) ----
 * Drawn from side streams (demo_side_rng), never from the child's or the area's own
 * generator, so every row those draw is the same as before these fields existed. */
/* A generator seeded from r's state and salt, leaving r as it is. */
struct rng demo_side_rng(const struct rng *r, uint64_t salt);
/* The child row's reason a UPN is unknown, motherhood and permanence before care, into v
 * (CHILD__COUNT values), from the child's journey (its pending rows). */
void care_child_fields(struct demo_ctx *cx, const struct kid *k, struct hval *v);

static inline hdate days(hdate d, double n)
{
	return date_add_days(d, (int)(n + 0.5));
}

static inline hdate birthday(const struct kid *k, int years)
{
	return date_birthday(k->dob, years);
}

static inline hdate min_date(hdate a, hdate b)
{
	return a < b ? a : b;
}

static inline hdate max_date(hdate a, hdate b)
{
	return a > b ? a : b;
}

/* ---- names and words (names.c) ---- */
enum { NG_WHITE_BRITISH, NG_WHITE_OTHER, NG_IRISH, NG_SOUTH_ASIAN, NG_MUSLIM_ASIAN, NG_AFRICAN,
       NG_CARIBBEAN, NG_CHINESE, NG_MIDDLE_EAST, NG_MAX };
int name_group_for(const char *ethnicity, struct rng *r);
const char *name_given(struct rng *r, int group, const char *sex);
const char *name_family(struct rng *r, int group);
const char *words_child_said(struct rng *r, int age);
const char *words_visit_summary(struct rng *r, int kind);
const char *words_note(struct rng *r, const char *note_kind);
const char *words_contact(struct rng *r);
const char *words_school(struct rng *r, struct arena *a, int age);
const char *words_postcode(struct rng *r, struct arena *a, int area, bool local);
const char *words_upn(struct rng *r, struct arena *a, int la_code, hdate dob);
const char *words_nhs(struct rng *r, struct arena *a);
const char *words_cpb(struct rng *r);
const char *words_ciccc(struct rng *r);
const char *words_survey(struct rng *r);
extern const char *const words_findings[];
extern const char *const words_actions[];

/* macpt.c: the area's multi-agency child protection teams and their members, one per
 * locality, from the MACPT duty date (none when it is after the as-at date). */
int demo_macpts(struct demo_ctx *cx);
/* macpt.c: names the child's locality's MACPT in field of row (an s.47 or CP plan beginning
 * on start), unless start is before the MACPTs or the row is one of the seeded unnamed share. */
void demo_macpt_name(struct demo_ctx *cx, struct kid *k, int row, int field, hdate start);

/* plant.c: the known duplicate records (DUP01..DUP06) the duplicate list must find. */
int demo_plant_duplicates(struct demo_ctx *cx);

/* approvals.c: requests for a manager's authorisation, through the saving layer (after the
 * rest of the record is written and committed). */
int demo_plant_approvals(struct demo_ctx *cx);

#endif
