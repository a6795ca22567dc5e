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
#include "base/threads.h"
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

void rx_part_init(struct rx_part *p, const struct returns_ctx *run)
{
	memset(p, 0, sizeof(*p));
	p->x = *run;
	p->x.a = &p->a;
	p->x.out = &p->out;
	p->x.run = NULL; /* chosen again, in the part's own arena */
	p->x.n_run = 0;
	p->x.run_kind = 0;
	p->x.s9 = NULL;
	p->x.ci = NULL;
	p->x.cf = NULL;
	p->x.last_state = 0;
}

void rx_part_merge(struct returns_ctx *x, struct rglobal *g, struct rx_part *p)
{
	struct returns_findings *o = x->out;
	for (size_t i = 0; i < p->out.n; i++) {
		*ARR_PUSH(x->a, o->items, o->n, o->cap) = p->out.items[i];
	}
	o->errors += p->out.errors;
	o->queries += p->out.queries;
	if (g) {
		for (size_t i = 0; i < p->g.n_keys; i++) {
			*ARR_PUSH(x->a, g->keys, g->n_keys, g->cap_keys) = p->g.keys[i];
		}
		g->children += p->g.children;
		g->unknown_sex += p->g.unknown_sex;
		g->multi_disability += p->g.multi_disability;
		g->with_disability += p->g.with_disability;
		g->header_rows += p->g.header_rows;
		for (size_t i = 0; i < sizeof(g->disability_used) / sizeof(g->disability_used[0]); i++) {
			g->disability_used[i] = g->disability_used[i] || p->g.disability_used[i];
		}
	}
	arena_adopt(x->a, &p->a);
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
	int64_t *shared_done;	/* split between threads: the children done by every part */
	returns_progress_fn progress;
	void *pctx;
};

static int vs_child_x(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	struct vs_state *s = ctx;
	validate_one(&s->x, cf, x, s->k, &s->scratch, &s->g);
	arena_reset(&s->scratch); /* keeps a block: no allocation per child */
	int64_t done = s->shared_done ? __atomic_add_fetch(s->shared_done, 1, __ATOMIC_RELAXED) : ++s->done;
	if (s->progress && done % 2048 == 0) {
		s->progress(s->pctx, done, s->total);
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
 * (a second thread: views and rules) overlap, through a pipe (pipe.c) of batches of
 * children: the checker alone writes the findings and the whole-return tally, in the order
 * read, so the findings are the same as one thread's. A child's arrays are slices of the
 * scan's, which live until it ends; its own row's text is copied into the batch, since the
 * scan reuses it. */
#define BATCH 128

struct s9_item {
	struct casefile cf;
	const struct returns_extras *x;	/* the scan's extras (the same for every child) */
};

static void check_item(void *ctx, void *item)
{
	struct s9_item *it = item;
	vs_child_x(ctx, &it->cf, it->x);
}

static const char *keep_text(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static int pipe_child(void *ctx, const struct casefile *cf, const struct returns_extras *x)
{
	struct arena *text;
	struct s9_item *it = rx_pipe_slot(ctx, &text);
	it->x = x;
	it->cf = *cf;
	struct cf_child *ch = &it->cf.child;
	const char **texts[] = {&ch->la_child_id, &ch->upn,	     &ch->given_name,  &ch->family_name,
				&ch->sex,	  &ch->ethnicity,    &ch->upn_unknown, &ch->mother,
				&ch->prev_perm,	  &ch->prev_perm_la, &ch->former_upn};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		*texts[i] = keep_text(text, *texts[i]);
	}
	rx_pipe_push(ctx);
	return 0;
}

/* After the last child, while the scan's arrays still live: the checker finishes. */
static void pipe_end(void *ctx)
{
	rx_pipe_end(ctx);
}

/* The SSDA903 scan with the checking on a second thread (threads >= 2); one thread when
 * threads is 1. */
static int validate_903(struct store *st, int year, int threads, struct vs_state *s, struct hearth_error *err)
{
	if (threads < 2) {
		return returns_scan_903(st, year, vs_child_x, NULL, s, err);
	}
	return returns_scan_903(st, year, pipe_child, pipe_end, rx_pipe_start(sizeof(struct s9_item), BATCH, check_item, s),
				err);
}

/* ---- the CIN census split between threads ----
 * Reading every child's casefile is most of its time (the rules a fifth), so the reading is
 * split: part k reads the children of its id range on its own connection (store_readers_open:
 * every connection on the same state of the record) and runs the rules on them into its own
 * findings and tally (struct rx_part); the parts are merged in id order. */
struct cin_part {
	struct rx_part rp;
	struct vs_state s;
	struct store *st;
	struct store_filter f;
	struct hearth_error err;
	int rc;
};

static void cin_part_main(void *arg)
{
	struct cin_part *p = arg;
	p->rc = store_casefiles_scan(p->st, &p->f, vs_child, &p->s, &p->err);
	arena_free(&p->s.scratch);
}

static int validate_cin(struct store *st, int threads, struct vs_state *s, struct arena *a, struct hearth_error *err)
{
	threads = threads < 1 ? 1 : threads > THREADS_MAX ? THREADS_MAX : threads;
	if (threads == 1) {
		int rc = returns_extras_load(st, 0, a, &s->ex, err);
		return rc ? rc : store_casefiles_scan(st, NULL, vs_child, s, err);
	}
	struct store *readers[THREADS_MAX];
	int64_t bounds[THREADS_MAX + 1];
	int n_readers = 0;
	int rc = store_readers_open(st, threads - 1, readers, &n_readers, bounds, err);
	if (rc) {
		return rc;
	}
	int parts = n_readers + 1;
	int64_t done = 0;
	struct cin_part *p = xcalloc((size_t)parts, sizeof(*p));
	if (!(rc = returns_extras_load(st, 0, a, &s->ex, err))) {
		for (int k = 0; k < parts; k++) {
			rx_part_init(&p[k].rp, &s->x);
			p[k].s = *s;
			p[k].s.x = p[k].rp.x;
			p[k].s.shared_done = &done;
			p[k].s.progress = k ? NULL : s->progress; /* the main thread's part tells */
			p[k].st = k ? readers[k - 1] : st;
			p[k].f.id_from = bounds[k];
			p[k].f.id_below = bounds[k + 1];
		}
		threads_run(p, sizeof(*p), parts, cin_part_main);
		for (int k = 0; k < parts; k++) {
			if (!rc && p[k].rc) {
				rc = p[k].rc;
				*err = p[k].err;
			}
			p[k].rp.g = p[k].s.g; /* the part's tally (its findings went to rp.out) */
			if (!rc) {
				rx_part_merge(&s->x, &s->g, &p[k].rp);
			}
			arena_free(&p[k].rp.a);
		}
	}
	s->done = done;
	free(p);
	store_readers_close(st, readers, n_readers);
	return rc;
}

int returns_validate_store(struct store *st, enum returns_kind k, int year, int threads, struct arena *a,
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
		rc = validate_903(st, year, threads, &s, err);
	} else {
		rc = validate_cin(st, threads, &s, a, err);
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
