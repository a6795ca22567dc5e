/* engine: running the rule tables over views — one child, the whole record, or a change
 * about to be saved.
 *
 * The rule tables (rules903.c, rules903_more.c, rulescin.c) are joined once into one read-only
 * array, so a rule has one address wherever it is reported. A rule runs on a child when it
 * applies in the year and, on the record, when what it needs is held (returns_held);
 * whole-return rules run once after every child, over what the children left in the
 * accumulator (struct rglobal). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "model/codes.h"
#include "returns/internal.h"

/* Every need is held since migration 003 (the OC2 table, adopters, previous permanence,
 * motherhood and the reason a UPN is unknown). */
const unsigned returns_held = NEED_OC2 | NEED_AD1_ADOPTERS | NEED_PREV_PERM | NEED_MOTHER | NEED_UPN_UNKNOWN;

static struct returns_rule *all_rules;
static size_t all_n;
static pthread_once_t joined = PTHREAD_ONCE_INIT;

static void join_tables(void)
{
	all_n = returns_rules_903_n + returns_rules_903_more_n + returns_rules_ref_n + returns_rules_cin_n;
	all_rules = xmalloc(sizeof(*all_rules) * all_n);
	struct returns_rule *p = all_rules;
	memcpy(p, returns_rules_903, sizeof(*all_rules) * returns_rules_903_n);
	p += returns_rules_903_n;
	memcpy(p, returns_rules_903_more, sizeof(*all_rules) * returns_rules_903_more_n);
	p += returns_rules_903_more_n;
	memcpy(p, returns_rules_ref, sizeof(*all_rules) * returns_rules_ref_n);
	p += returns_rules_ref_n;
	memcpy(p, returns_rules_cin, sizeof(*all_rules) * returns_rules_cin_n);
}

const struct returns_rule *returns_rules(size_t *n)
{
	pthread_once(&joined, join_tables);
	*n = all_n;
	return all_rules;
}

const struct returns_rule *returns_rule_find(enum returns_kind k, const char *id)
{
	size_t n;
	const struct returns_rule *r = returns_rules(&n);
	for (size_t i = 0; id && i < n; i++) {
		if (r[i].kind == k && strcmp(r[i].id, id) == 0) {
			return &r[i];
		}
	}
	return NULL;
}

bool returns_rule_applies(const struct returns_rule *r, int year, bool from_record)
{
	if ((r->from_year && year < r->from_year) || (r->to_year && year > r->to_year)) {
		return false;
	}
	return !from_record || (r->needs & ~returns_held) == 0;
}

/* What the whole-return rules need from one child. */
static void accumulate(struct returns_ctx *x, enum returns_kind kind, struct rglobal *g)
{
	g->children++;
	if (kind != RETURN_CIN || !x->ci) {
		return;
	}
	const struct ci_child *c = x->ci;
	if (sok(c->upn)) {
		*ARR_PUSH(x->a, g->keys, g->n_keys, g->cap_keys) =
			(struct rkey){0, arena_strdup(x->a, c->upn), arena_strdup(x->a, c->la_id ? c->la_id : ""), c->id,
				      c->line};
	}
	if (sok(c->la_id)) {
		*ARR_PUSH(x->a, g->keys, g->n_keys, g->cap_keys) =
			(struct rkey){1, arena_strdup(x->a, c->la_id), arena_strdup(x->a, c->la_id), c->id, c->line};
	}
	bool unborn = !dok(c->dob) && dok(c->expected);
	if (!unborn && (!sok(c->sex) || str_eq(c->sex, "U") || str_eq(c->sex, "0") || str_eq(c->sex, "9"))) {
		g->unknown_sex++;
	}
	const struct codelist *dl = codelist_find("disability");
	size_t real = 0;
	for (size_t i = 0; i < c->n_disabilities; i++) {
		const struct code *k = code_find(dl, c->disabilities[i]);
		if (k && strcmp(k->code, "NONE") != 0) {
			g->disability_used[k - dl->codes] = true;
			real++;
		}
	}
	g->with_disability += real > 0;
	g->multi_disability += real > 1;
}

size_t rules_run_child(struct returns_ctx *x, enum returns_kind kind, struct rglobal *g)
{
	size_t n, before = x->out->n;
	const struct returns_rule *r = returns_rules(&n);
	if (x->run_kind != (int)kind + 1) {
		/* The year and source do not change within one run: choose the rules once. */
		x->run = arena_alloc(x->a, sizeof(*x->run) * n);
		x->n_run = 0;
		for (size_t i = 0; i < n; i++) {
			if (r[i].kind == kind && !(r[i].flags & RULE_GLOBAL) &&
			    returns_rule_applies(&r[i], x->year, x->from_record) &&
			    !returns_rule_not_given(&r[i], x->ref, x->tables_absent)) {
				x->run[x->n_run++] = &r[i];
			}
		}
		x->run_kind = (int)kind + 1;
	}
	for (size_t i = 0; i < x->n_run; i++) {
		x->rule = x->run[i];
		x->run[i]->check(x);
	}
	if (g) {
		accumulate(x, kind, g);
	}
	return x->out->n - before;
}

size_t rules_run_global(struct returns_ctx *x, enum returns_kind kind, struct rglobal *g)
{
	size_t n, before = x->out->n;
	const struct returns_rule *r = returns_rules(&n);
	x->s9 = NULL;
	x->ci = NULL;
	x->g = g;
	for (size_t i = 0; i < n; i++) {
		if (r[i].kind != kind || !(r[i].flags & RULE_GLOBAL) ||
		    !returns_rule_applies(&r[i], x->year, x->from_record) || returns_rule_not_given(&r[i], x->ref, x->tables_absent)) {
			continue;
		}
		x->rule = &r[i];
		r[i].check(x);
	}
	return x->out->n - before;
}

static void ctx_init(struct returns_ctx *x, int year, bool from_record, struct arena *a, struct returns_findings *out)
{
	memset(x, 0, sizeof(*x));
	x->year = year;
	x->ys = returns_year_start(year);
	x->ye = returns_year_end(year);
	x->from_record = from_record;
	x->a = a;
	x->out = out;
}

/* Builds the child's view into va and runs the child rules; findings go to x->a. */
static size_t validate_one(struct returns_ctx *x, const struct casefile *cf, const struct returns_extras *ex,
			   enum returns_kind k, struct arena *va, struct rglobal *g)
{
	if (k == RETURN_SSDA903) {
		struct s9_child v;
		if (!view903_build(cf, ex, x->year, va, &v)) {
			return 0;
		}
		x->s9 = &v;
		x->ci = NULL;
		x->cf = cf;
		x->ex = ex;
		x->va = va;
		x->last_state = 0;
		size_t n = rules_run_child(x, k, g);
		x->s9 = NULL;
		x->cf = NULL;
		return n;
	}
	struct ci_child v;
	if (!viewcin_build(cf, ex, x->year, va, &v)) {
		return 0;
	}
	static const struct ci_header none = {0};
	x->ci = &v;
	x->s9 = NULL;
	x->hdr = &none;
	size_t n = rules_run_child(x, k, g);
	x->ci = NULL;
	return n;
}

size_t returns_validate_child(const struct casefile *cf, const struct returns_extras *ex, enum returns_kind k,
			      int year, struct arena *a, struct returns_findings *out)
{
	struct returns_ctx x;
	ctx_init(&x, year, true, a, out);
	return validate_one(&x, cf, ex, k, a, NULL);
}

struct vs_state {
	enum returns_kind k;
	struct returns_extras *ex;
	struct returns_ctx x;
	struct rglobal g;
	struct arena scratch;
	int64_t done, total;
	returns_progress_fn progress;
	void *pctx;
};

static int vs_child_x(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	struct vs_state *s = ctx;
	validate_one(&s->x, cf, x, s->k, &s->scratch, &s->g);
	arena_reset(&s->scratch); /* keeps a block: no allocation per child */
	if (s->progress && ++s->done % 2048 == 0) {
		s->progress(s->pctx, s->done, s->total);
	}
	return 0;
}

static int vs_child(void *ctx, const struct casefile *cf)
{
	struct vs_state *s = ctx;
	return vs_child_x(ctx, cf, s->ex);
}

/* ---- the SSDA903 in two threads ----
 * Reading the record (this thread: returns_scan_903 hands each child over) and checking it
 * (a second thread: views and rules) overlap. Children go across in batches, through a ring
 * of BATCHES of them; the checker alone writes the findings and the whole-return tally, and
 * takes the batches in the order they were filled, so the findings keep the record's order
 * and are the same as one thread's. A child's arrays are slices of the scan's, which live
 * until it ends; its own row's text is copied into the batch, since the scan reuses it. */
#define BATCH 128
#define BATCHES 4

struct batch {
	struct casefile cf[BATCH];
	size_t n;
	struct arena text;	/* the children's rows' text */
	const struct returns_extras *x;	/* the scan's extras (the same for every child) */
};

struct pipe {
	struct vs_state *s;
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
	struct batch b[BATCHES];
	size_t head, count;	/* the published batches: head .. head + count - 1 */
	size_t tail;		/* the batch being filled */
	bool filling, done;
	pthread_t thread;
};

static void *checker(void *arg)
{
	struct pipe *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->done) {
			pthread_cond_wait(&p->filled, &p->mu);
		}
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		struct batch *b = &p->b[p->head];
		pthread_mutex_unlock(&p->mu);
		for (size_t i = 0; i < b->n; i++) {
			vs_child_x(p->s, &b->cf[i], b->x);
		}
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % BATCHES;
		p->count--;
		pthread_cond_signal(&p->emptied);
		pthread_mutex_unlock(&p->mu);
	}
}

static void publish(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->count++;
	p->tail = (p->tail + 1) % BATCHES;
	p->filling = false;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
}

static const char *keep_text(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static int pipe_child(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	struct pipe *p = ctx;
	if (!p->filling) {
		pthread_mutex_lock(&p->mu);
		while (p->count == BATCHES) {
			pthread_cond_wait(&p->emptied, &p->mu);
		}
		pthread_mutex_unlock(&p->mu);
		p->b[p->tail].n = 0;
		arena_reset(&p->b[p->tail].text);
		p->filling = true;
	}
	struct batch *b = &p->b[p->tail];
	b->x = x;
	struct casefile *c = &b->cf[b->n++];
	*c = *cf;
	struct cf_child *ch = &c->child;
	const char **text[] = {&ch->la_child_id, &ch->upn,	    &ch->given_name,   &ch->family_name,
			       &ch->sex,	 &ch->ethnicity,    &ch->upn_unknown,  &ch->mother,
			       &ch->prev_perm,	 &ch->prev_perm_la, &ch->former_upn};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		*text[i] = keep_text(&b->text, *text[i]);
	}
	if (b->n == BATCH) {
		publish(p);
	}
	return 0;
}

/* After the last child, while the scan's arrays still live: the last batch goes across and
 * the checker finishes. */
static void pipe_end(void *ctx)
{
	struct pipe *p = ctx;
	if (p->filling) {
		publish(p);
	}
	pthread_mutex_lock(&p->mu);
	p->done = true;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
}

/* The SSDA903 scan with the checking on a second thread; one thread when none can start. */
static int validate_903(struct store *st, int year, struct vs_state *s, struct hearth_error *err)
{
	struct pipe *p = xcalloc(1, sizeof(*p));
	p->s = s;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->emptied, NULL);
	int rc;
	if (pthread_create(&p->thread, NULL, checker, p) != 0) {
		rc = returns_scan_903(st, year, vs_child_x, NULL, s, err);
	} else {
		rc = returns_scan_903(st, year, pipe_child, pipe_end, p, err);
	}
	for (int i = 0; i < BATCHES; i++) {
		arena_free(&p->b[i].text);
	}
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->emptied);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return rc;
}

int returns_validate_store(struct store *st, enum returns_kind k, int year, struct arena *a,
			   struct returns_findings *out, returns_progress_fn progress, void *pctx,
			   struct hearth_error *err)
{
	struct vs_state s;
	memset(&s, 0, sizeof(s));
	s.k = k;
	s.progress = progress;
	s.pctx = pctx;
	s.total = progress ? store_count(st, &entity_child) : 0;
	ctx_init(&s.x, year, true, a, out);
	int rc;
	if (k == RETURN_SSDA903) {
		/* The record's reference data: its providers and postcodes, and last year's
		 * return as the record's own history. */
		struct returns_refdata *ref = returns_refdata_new(a);
		if ((rc = returns_refdata_load(st, ref, err))) {
			return rc;
		}
		s.x.ref = ref;
		s.total = 0; /* the children the return can hold are found as the scan goes */
		rc = validate_903(st, year, &s, err);
	} else {
		rc = returns_extras_load(st, 0, a, &s.ex, err);
		if (!rc) {
			rc = store_casefiles_scan(st, NULL, vs_child, &s, err);
		}
	}
	arena_free(&s.scratch);
	if (rc) {
		return rc;
	}
	if (progress) {
		progress(pctx, s.done, s.total ? s.total : s.done);
	}
	static const struct ci_header none = {0};
	s.x.hdr = &none;
	rules_run_global(&s.x, k, &s.g);
	return 0;
}

static int noop_child(void *ctx, const struct casefile *cf)
{
	(*(int64_t *)ctx) += cf->child.id != 0;
	return 0;
}

static int noop_child_x(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	(void)x;
	return noop_child(ctx, cf);
}

int64_t returns_raw_scan(struct store *st, enum returns_kind k, int year, struct hearth_error *err)
{
	struct arena a = ARENA_INIT;
	struct returns_extras *ex;
	int64_t n = 0;
	int rc;
	if (k == RETURN_SSDA903) {
		rc = returns_scan_903(st, year, noop_child_x, NULL, &n, err);
	} else {
		rc = returns_extras_load(st, 0, &a, &ex, err);
		if (!rc) {
			rc = store_casefiles_scan(st, NULL, noop_child, &n, err);
		}
	}
	arena_free(&a);
	return rc ? rc : n;
}
