/* demo: a synthetic local authority, written into a record through the store.
 *
 * demo_generate() fills an empty record with about five years of a children's services
 * department up to an as-at date: teams and workers (with agency staff and turnover),
 * children and their journeys (contacts, early help, referrals, assessments, s47
 * enquiries, child in need and child protection plans, episodes in care with reviews,
 * visits, health, education, missing episodes, proceedings, permanence and adoption, care
 * leavers), allocations, case notes, LADO allegations, the authority's inspections and
 * children's participation, and, from the MACPT duty date, multi-agency child protection
 * teams named on most s.47 enquiries and CP plans (macpt.c). Proportions and durations follow DOMAIN.md §1, §3 and §7 and
 * live as tables at the top of each file in src/demo/.
 *
 * Invariants:
 *   - The same seed, scale and as-at date give the same record, row for row (the revision
 *     log's `at` and the audit trail's times and hashes are real time and differ). The
 *     generator has its own PRNG (xoshiro256**) and never reads the clock.
 *   - Nothing is dated after the as-at date; every row goes through store_insert (actor
 *     "demo"), so every row passes the store's validation and has its revision.
 *   - A child never has two social workers at once, and its episodes in care never
 *     overlap; `hearth check` passes on the result.
 *
 * Scales: a county (one area: ~850 children in care, ~3,200 children in need, ~6,000
 * referrals a year) keeps every child active in the last five years, with five years of
 * visits, notes, reviews and allocations; events before then are kept only for those
 * children (their earlier referrals, the plan or period in care still open), as a
 * migrated record would hold them. england is 100 such areas (England's totals: about
 * 85,000 children in care; see demo.c); to keep that to tens of millions of rows rather
 * than a hundred million, it keeps the children active in the last two years and the
 * recurring events of the last year.
 * Writing is store-bound (each row also writes its revision and audit row): a county
 * is about 700,000 rows. */
#ifndef HEARTH_DEMO_DEMO_H
#define HEARTH_DEMO_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "base/date.h"
#include "base/error.h"
#include "model/entity.h"
#include "model/status.h"
#include "store/store.h"

enum demo_scale { DEMO_COUNTY, DEMO_ENGLAND, DEMO_SCALE_MAX };

/* Called now and then while generating: done is the share of the work done (0..1),
 * children the number of children written so far. A non-zero return stops the generator,
 * which then returns HERR_CONFLICT ("interrupted"). */
typedef int (*demo_progress_fn)(void *ctx, double done, int64_t children);

struct demo_options {
	uint64_t seed;
	enum demo_scale scale;
	hdate as_at;		/* the last day anything happens */
	demo_progress_fn progress;	/* may be NULL */
	void *progress_ctx;
};

/* What was made, for the summary the CLI prints. Status counts are status_at() of every
 * child's record on the as-at date. */
struct demo_summary {
	int64_t teams;
	int64_t workers;		/* every worker row, leavers included */
	int64_t workers_active;		/* in post on the as-at date */
	int64_t social_workers;		/* case-holding social workers in post on the as-at date */
	int64_t social_workers_agency;
	double case_holder_fte;
	int64_t sw_cases;		/* children with a social worker allocated on the as-at date */
	int64_t leavers_12m;		/* case-holding social workers who left in the 12 months */
	int64_t children;
	int64_t status[STATUS_MAX];	/* by enum child_status */
	int64_t contacts_12m, referrals_12m, rereferrals_12m;
	int64_t assessments_12m, s47_12m, cp_starts_12m, cla_starts_12m;
	int64_t rows;			/* every row written */
	int64_t table_rows[64];		/* by model_entities[] index */
};

/* Parses "county" or "england"; -1 for anything else. */
int demo_scale_parse(const char *s);
const char *demo_scale_name(enum demo_scale s);

/* Generates into st, which must be a new, empty record open for writing. Writes in
 * batches (store_begin / store_commit); on failure the current batch is rolled back and
 * the error returned (the caller discards the file). out is filled on success. Returns 0
 * or a negative HERR_* code with err filled. Allocates only for the duration of the call. */
int demo_generate(struct store *st, const struct demo_options *opt, struct demo_summary *out,
		  struct hearth_error *err);

#endif
