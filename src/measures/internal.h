/* measures/internal.h: what the engine shares with the measures' functions.
 *
 * A measure's child function receives a struct measures_child: the casefile, the as-at
 * date and the period, the settings, and facts about the child on that date that many
 * measures need (worked out once per child and date by the engine). It reports what it
 * finds with m_count / m_add, naming its parts by their index within the measure (the
 * enums below, which table.c uses as designated initialisers, so a part's index and its
 * entry cannot drift apart). A finish function receives the same struct with cf NULL.
 *
 * Nothing here is exported beyond src/measures/. */
#ifndef HEARTH_MEASURES_INTERNAL_H
#define HEARTH_MEASURES_INTERNAL_H

#include "measures/measures.h"
#include "model/status.h"

struct measures_child {
	struct measures_run *run;
	int date;			/* index of the as-at date in the run */
	int part0;			/* index of the measure's first part in the run */
	const struct measures_def *m;
	const struct casefile *cf;	/* NULL in a finish function */
	hdate as_at;
	hdate from;			/* first day of the period (see measures.h) */
	const struct settings *s;
	const struct measures_inputs *in;

	/* Facts about the child on as_at (unset in a finish function). */
	bool alive;			/* not dead by as_at */
	enum child_status status;	/* status_at(cf, as_at) */
	long open_ep;			/* index of the episode open on as_at, or -1 */
	bool in_care;			/* alive, an episode open, not short breaks */
	hdate entered;			/* in care: the day the current period of care began */
	hdate placement_start;		/* in care: the day the current placement began */
	bool long_term;			/* in care: the placement is intended to last until 18 */
	int64_t sw_id, sw_team;		/* social worker attribution (0: none) */
	int64_t pa_id, pa_team;		/* personal adviser attribution (0: none) */

	/* The clock's items for the child on as_at (clock_child), worked out on first use. */
	bool clock_done;
	const struct clock_item *clock;
	size_t n_clock;
};

/* ---- counting (part: the index within the measure) ---- */

/* The child adds 1 to the denominator and, when hit, 1 to the numerator. */
void m_count(struct measures_child *c, int part, bool hit);
/* The child adds num and den (a count part: den 0). */
void m_add(struct measures_child *c, int part, double num, double den);
/* A subject that is not the current child (a worker, a LADO allegation): ref is copied
 * when the part's items are kept; team_id / worker_id drive the breakdowns. */
void m_add_subject(struct measures_child *c, int part, int64_t id, const char *ref, int64_t team_id,
		   int64_t worker_id, double num, double den);
void m_extra(struct measures_child *c, int part, const char *name, double value);
void m_note(struct measures_child *c, int part, const char *note);
/* n zeroed counters belonging to this measure and date, the same block on every call (for
 * counts a finish function needs, such as caseloads). Counters only: when the children are
 * split between threads, each thread's run counts its own and the runs' counters are added
 * up (measures_run_merge) before the finish functions run. */
int *m_counts(struct measures_child *c, size_t n);
/* For a finish function: divides the part's numerator (its total, breakdowns and items) by
 * by. A child's contributions must be whole numbers (so that their sums are exact whatever
 * the order of adding); a measure whose figure is a fraction (weeks from days) counts the
 * whole units per child and divides once here. */
void m_divide(struct measures_child *c, int part, double by);
/* The run's arena, for a finish function's scratch memory. */
struct arena *m_arena(struct measures_child *c);
/* Index of a worker in the inputs (sorted by id), or -1. */
long m_worker_index(const struct measures_inputs *in, int64_t id);

/* ---- the clock's worklist for the child ---- */

#define M_KIND(k) (1ull << (k))

/* Whether the clock, run for the child on the as-at date, has an overdue item of one of
 * the kinds (a mask of M_KIND bits) hanging from subject (0: any). *found (may be NULL)
 * says whether it has any such item at all. The "on the as-at date" timeliness measures
 * ask this rather than work a due date out again, so they always agree with the worklist
 * (`hearth due`) however the clock's rules change. */
bool m_overdue(struct measures_child *c, unsigned long long kinds, int64_t subject, bool *found);

/* ---- shared facts ---- */

static inline bool m_happened(hdate d, hdate as_at)
{
	return d != DATE_NONE && d <= as_at;
}

/* d is in the period [from, as_at]. */
static inline bool m_in_period(const struct measures_child *c, hdate d)
{
	return d != DATE_NONE && d >= c->from && d <= c->as_at;
}

bool m_code_is(const char *code, const char *want);
/* Legal status V3 or V4: a series of short breaks. */
bool m_short_breaks(const struct cf_episode *e);
/* RNE S, P or T (or none): the episode begins with a new carer, so a new placement. */
bool m_new_carer(const char *rne);
/* Whether episode i begins a period of care: the first, after a gap, or RNE S. */
bool m_period_begins(const struct casefile *cf, size_t i);
/* The latest visit of kind with the child seen dated in [from, to]; DATE_NONE if none. */
hdate m_last_seen(const struct casefile *cf, enum cf_visit_kind kind, hdate from, hdate to);

/* The allocation of kind open on d (the latest-starting), else the last one begun by d;
 * NULL when none. */
const struct cf_allocation *m_attributed(const struct casefile *cf, enum cf_allocation_kind kind, hdate d);
/* Placements (runs of episodes with the same carer: a new one begins with RNE S, P or T
 * or a new period of care) with an episode overlapping [from, to], across every period. */
int m_placements(const struct casefile *cf, hdate from, hdate to);

/* ---- the measures' functions and their parts ---- */

#define MEASURE_FN(name)                                  \
	void name##_child(struct measures_child *c);      \
	void name##_finish(struct measures_child *c);

MEASURE_FN(fd1)
MEASURE_FN(fd2)
MEASURE_FN(as1)
MEASURE_FN(cp1)
MEASURE_FN(cp2)
MEASURE_FN(cp3)
MEASURE_FN(cla1)
MEASURE_FN(cla2)
MEASURE_FN(cla3)
MEASURE_FN(cla4)
MEASURE_FN(ed1)
MEASURE_FN(mis1)
MEASURE_FN(leg1)
MEASURE_FN(per1)
MEASURE_FN(sw1)
MEASURE_FN(voi1)
MEASURE_FN(cl1)
MEASURE_FN(wf1)
MEASURE_FN(lado1)
MEASURE_FN(eh1)
MEASURE_FN(sup1)
MEASURE_FN(pp1)
MEASURE_FN(kin1)
#undef MEASURE_FN

enum { CP3_REVIEWS, CP3_VISITS, CP3_SEEN_ALONE, CP3_PARTS };
enum { CLA3_THREE_PLUS, CLA3_LONG_TERM, CLA3_PARTS };
enum { CLA4_HEALTH, CLA4_DENTAL, CLA4_PARTS };
enum { MIS1_EPISODES, MIS1_CHILDREN, MIS1_RHI_OFFERED, MIS1_RHI_ACCEPTED, MIS1_PARTS };
enum { LEG1_IN_26_WEEKS, LEG1_MEAN_WEEKS, LEG1_PARTS };
enum { PER1_PLAN_BY_SECOND_REVIEW, PER1_A1, PER1_A2, PER1_PARTS };
enum { SW1_ONE, SW1_THREE_PLUS, SW1_MEAN_CHANGES, SW1_PARTS };
enum { VOI1_VISITS, VOI1_REVIEWS, VOI1_ATTENDED, VOI1_PARTS };
enum { CL1_IN_TOUCH, CL1_ACCOMMODATION, CL1_EET, CL1_PATHWAY_PLAN, CL1_PA, CL1_ENTITLEMENTS, CL1_PARTS };
enum { WF1_CASELOAD, WF1_OVER_THRESHOLD, WF1_AGENCY, WF1_TURNOVER, WF1_VACANCY, WF1_PARTS };
enum { PP1_FGDM_OFFERED, PP1_FGDM_HELD, PP1_IN_TIMESCALE, PP1_AVOIDED, PP1_PARTS };
/* KIN1's first four parts are the kinds, in kin1_child's order; the local offer follows. */
enum { KIN1_INFORMAL, KIN1_KINSHIP_FOSTER, KIN1_SGO, KIN1_CAO, KIN1_LOCAL_OFFER, KIN1_PARTS };
enum { LADO1_REFERRALS, LADO1_CONSIDERED, LADO1_RESOLVED_1M, LADO1_RESOLVED_3M, LADO1_RESOLVED_12M, LADO1_PARTS };
enum { EH1_OPEN, EH1_STEP_UP, EH1_STEP_DOWN, EH1_PARTS };
enum { SUP1_SUPERVISED, SUP1_PARTS };

#endif
