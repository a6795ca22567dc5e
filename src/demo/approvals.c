/* approvals: requests for a manager's authorisation planted in the demo (issue 15, part 2),
 * so that /approvals, and the home pages' in-trays, are not empty on a new demo record.
 *
 * Made after the rest of the record, through the same saving layer as the browser's saves
 * (src/work: work_correct, work_propose_close, work_return), each on the day it was made:
 * date_today() is pinned to that day for the save (so the request's asked and decided dates
 * are those days, and nothing is dated after the as-at date), then unpinned. The workers are
 * the children's own: the social worker allocated on the as-at date asks, the team's manager
 * returns. For each team holding children (in the order the teams were made), drawn from a
 * stream of the seed of its own:
 *   - up to three assessments the social worker ended and submitted for authorisation,
 *     waiting 0-2, 3-6 and 7-12 working days (held back from the record until authorised, as
 *     the end of an assessment is);
 *   - one proposal to close a child in need's case (RC7 or RC8), waiting 1-5 working days;
 *   - one returned to the worker with a reason: an assessment (teams made at an even
 *     position) or a proposal to close (odd), asked 8-12 working days before the as-at date
 *     and returned 2-4 working days after it was asked.
 * The children are chosen from those open on the as-at date (not restricted) whose social
 * worker is in the team, in the order of their ids; a save the work layer refuses (a rule
 * the change would break) passes to the next child, so the result is the same for the same
 * seed and as-at date. */
#include <string.h>

#include "base/workdays.h"
#include "demo/internal.h"
#include "model/status.h"
#include "work/work.h"

#define CANDIDATES_MAX 128	/* per team and kind */

struct candidate {
	int64_t child, row, worker;	/* row: the open assessment, or the open referral */
	hdate from;			/* the latest date the save may not precede */
};

struct team_pool {
	int64_t team_id;
	struct candidate assess[CANDIDATES_MAX], close[CANDIDATES_MAX];
	int n_assess, n_close, used_assess, used_close;
};

#define WORKER_IDS_MAX 200000	/* as src/cli/demo_users.c counts them */

struct pools {
	struct team_pool *t;
	int n;
	hdate as_at;
	int *children;		/* by worker id: open children allocated to them as social worker */
};

static struct team_pool *pool_of(struct pools *p, int64_t team_id)
{
	for (int i = 0; i < p->n; i++) {
		if (p->t[i].team_id == team_id) {
			return &p->t[i];
		}
	}
	return NULL;
}

static int collect(void *ctx, const struct casefile *cf)
{
	struct pools *p = ctx;
	hdate d = p->as_at;
	enum child_status s = status_at(cf, d);
	if (s == STATUS_CLOSED) {
		return 0;
	}
	const struct cf_allocation *sw = NULL;
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *a = &cf->allocations[i];
		if (a->kind == ALLOC_SOCIAL_WORKER && cf_open_on(a->start, a->end, d)) {
			sw = a;
			if (a->worker_id > 0 && a->worker_id < WORKER_IDS_MAX) {
				p->children[a->worker_id]++;
			}
		}
	}
	if (cf->child.restricted || s == STATUS_EARLY_HELP || s == STATUS_LEAVER) {
		return 0;
	}
	struct team_pool *t = sw ? pool_of(p, sw->team_id) : NULL;
	if (!t || cf->n_authorisations) {
		return 0;
	}
	for (size_t i = 0; i < cf->n_assessments; i++) {
		const struct cf_assessment *a = &cf->assessments[i];
		if (a->authorised == DATE_NONE && a->start <= date_add_days(d, -21) && t->n_assess < CANDIDATES_MAX) {
			t->assess[t->n_assess++] = (struct candidate){cf->child.id, a->id, sw->worker_id,
								       max_date(a->start, sw->start)};
			return 0;
		}
	}
	if (s != STATUS_CIN || t->n_close >= CANDIDATES_MAX) {
		return 0;
	}
	/* A child in need whose one open referral has a plan: the case a worker proposes to close. */
	const struct cf_referral *open = NULL;
	int n_open = 0;
	for (size_t i = 0; i < cf->n_referrals; i++) {
		if (cf->referrals[i].closed == DATE_NONE) {
			open = &cf->referrals[i];
			n_open++;
		}
	}
	hdate from = DATE_NONE;
	for (size_t i = 0; open && i < cf->n_cin_plans; i++) {
		if (cf->cin_plans[i].end == DATE_NONE && cf->cin_plans[i].referral_id == open->id) {
			from = max_date(cf->cin_plans[i].start, sw->start);
		}
	}
	if (n_open == 1 && from != DATE_NONE && from <= date_add_days(d, -42)) {
		t->close[t->n_close++] = (struct candidate){cf->child.id, open->id, sw->worker_id, from};
	}
	return 0;
}

/* The next candidate of the pool (taken in turn, from a seeded start), or NULL. */
static const struct candidate *take(struct candidate *c, int n, int *used, struct rng *r)
{
	if (*used >= n) {
		return NULL;
	}
	if (*used == 0 && n > 1) {
		/* Start from a seeded place, then go round in id order. */
		int k = rng_int(r, 0, n - 1);
		struct candidate tmp[CANDIDATES_MAX];
		memcpy(tmp, c, sizeof(*c) * (size_t)n);
		for (int i = 0; i < n; i++) {
			c[i] = tmp[(i + k) % n];
		}
	}
	return &c[(*used)++];
}

/* The team's social worker with most children (the demo's social worker user, in the team
 * the demo's users belong to: src/cli/demo_users.c): their candidates first among those left,
 * so that the one returned is theirs when it can be. */
static void theirs_first(const struct pools *p, struct candidate *c, int n, int used)
{
	int64_t best = 0;
	for (int i = used; i < n; i++) {
		int64_t w = c[i].worker;
		if (w > 0 && w < WORKER_IDS_MAX &&
		    (!best || p->children[w] > p->children[best] || (p->children[w] == p->children[best] && w < best))) {
			best = w;
		}
	}
	for (int i = used; i < n; i++) {
		if (c[i].worker == best) {
			struct candidate tmp = c[used];
			c[used] = c[i];
			c[i] = tmp;
			return;
		}
	}
}

static struct work_actor worker_actor(int64_t worker, int64_t team, enum role role)
{
	return (struct work_actor){"demo", role, worker, team, false};
}

/* The social worker ends assessment c on the working day `ago` working days before the
 * as-at date and submits it: the request's id in *request (0 when refused). */
static int assessment_ends(struct demo_ctx *cx, const struct team_pool *t, const struct candidate *c, int ago,
			   struct arena *a, int64_t *request)
{
	*request = 0;
	hdate on = workdays_add(cx->as_at, -ago);
	if (on < c->from) {
		return 0;
	}
	struct hval *vals;
	struct hearth_error e = {0};
	if (store_get(cx->st, &entity_assessment, c->row, a, &vals, &e)) {
		return 0;
	}
	vals[ASSESSMENT_AUTHORISED_DATE] = (struct hval){.i = on};
	struct work_actor who = worker_actor(c->worker, t->team_id, ROLE_SOCIAL_WORKER);
	struct work_result out;
	date_pin_today(on);
	int rc = work_correct(cx->st, &who, &entity_assessment, c->child, c->row, vals,
			      "Assessment completed: submitted for the manager's authorisation", a, &out, &e);
	date_pin_today(DATE_NONE);
	if (rc) {
		return 0; /* refused: the next child */
	}
	int64_t *ids;
	struct hval **rows;
	size_t n;
	if (store_child_rows(cx->st, &entity_authorisation, c->child, a, &ids, &rows, &n, &e)) {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (rows[i][AUTHORISATION_RECORD_ID].i == c->row &&
		    strcmp(rows[i][AUTHORISATION_RECORD_KIND].s, entity_assessment.name) == 0) {
			*request = ids[i];
		}
	}
	return 0;
}

/* The social worker proposes closing c's case `ago` working days before the as-at date. */
static int case_proposed(struct demo_ctx *cx, const struct team_pool *t, const struct candidate *c, int ago,
			 const char *reason, struct arena *a, int64_t *request)
{
	*request = 0;
	hdate on = workdays_add(cx->as_at, -ago);
	if (on < c->from) {
		return 0;
	}
	struct work_actor who = worker_actor(c->worker, t->team_id, ROLE_SOCIAL_WORKER);
	struct work_result out;
	struct work_closure done;
	struct hearth_error e = {0};
	date_pin_today(on);
	int rc = work_propose_close(cx->st, &who, c->child, on, reason, false, a, &out, &done, request, &e);
	date_pin_today(DATE_NONE);
	if (rc) {
		*request = 0;
	}
	return 0;
}

static const char *const return_reasons[] = {
	"Please add the child's own words from your last two visits, and the school's view, before I sign this off.",
	"The analysis does not weigh the father's part in the risks: add his views and resubmit.",
	"Record the outcome of the last review and the family's agreement to closing before I authorise it.",
	"The chronology stops in January: bring it up to date and say what has changed since.",
};

int demo_plant_approvals(struct demo_ctx *cx)
{
	struct arena a = ARENA_INIT;
	struct pools p = {arena_alloc(&a, sizeof(struct team_pool) * (size_t)cx->n_teams), 0, cx->as_at,
			  arena_alloc(&a, sizeof(int) * WORKER_IDS_MAX)};
	memset(p.children, 0, sizeof(int) * WORKER_IDS_MAX);
	for (int i = 0; i < cx->n_teams; i++) {
		memset(&p.t[p.n], 0, sizeof(p.t[p.n]));
		p.t[p.n++].team_id = cx->teams[i].id;
	}
	struct arena w = ARENA_INIT; /* one team's saves */
	int rc = store_casefiles_scan(cx->st, NULL, collect, &p, cx->err);
	for (int i = 0; !rc && i < p.n; i++) {
		struct team_pool *t = &p.t[i];
		struct rng r;
		rng_seed(&r, cx->opt->seed, (uint64_t)i + 1, 0xa5540e5ULL);
		/* Three awaiting, of different ages. */
		static const int lo[] = {0, 3, 7}, hi[] = {2, 6, 12};
		for (int k = 0; k < 3; k++) {
			int ago = rng_int(&r, lo[k], hi[k]);
			const struct candidate *c;
			int64_t req = 0;
			while (!req && (c = take(t->assess, t->n_assess, &t->used_assess, &r))) {
				assessment_ends(cx, t, c, ago, &w, &req);
			}
		}
		/* A proposal to close a child in need's case. */
		const char *why = rng_chance(&r, 0.7) ? "RC7" : "RC8";
		int ago = rng_int(&r, 1, 5);
		const struct candidate *c;
		int64_t req = 0;
		while (!req && (c = take(t->close, t->n_close, &t->used_close, &r))) {
			case_proposed(cx, t, c, ago, why, &w, &req);
		}
		/* One returned to the worker with the manager's reason. */
		int asked = rng_int(&r, 8, 12), back = rng_int(&r, 2, 4);
		const char *reason = return_reasons[rng_int(&r, 0, NELEM(return_reasons) - 1)];
		req = 0;
		if (i % 2 == 0) {
			theirs_first(&p, t->assess, t->n_assess, t->used_assess);
			while (!req && (c = take(t->assess, t->n_assess, &t->used_assess, &r))) {
				assessment_ends(cx, t, c, asked, &w, &req);
			}
		} else {
			theirs_first(&p, t->close, t->n_close, t->used_close);
			while (!req && (c = take(t->close, t->n_close, &t->used_close, &r))) {
				case_proposed(cx, t, c, asked, "RC7", &w, &req);
			}
		}
		hdate on = workdays_add(cx->as_at, -(asked - back));
		int m = req ? team_manager_on(cx, i, on) : -1;
		if (m >= 0) {
			struct work_actor mgr = worker_actor(cx->workers[m].id, t->team_id, ROLE_TEAM_MANAGER);
			struct work_result out;
			struct hearth_error e = {0};
			date_pin_today(on);
			work_return(cx->st, &mgr, req, reason, &w, &out, &e);
			date_pin_today(DATE_NONE);
		}
		arena_reset(&w);
	}
	arena_free(&w);
	arena_free(&a);
	return rc;
}
