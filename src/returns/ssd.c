/* ssd: writes the Standard Safeguarding Dataset's tables from the record (see ssd.h; the
 * mapping is ssd_map.c). Each table reads the live rows of its source kind through the
 * store's rows layer; rows of a child that is not live (retracted, merged away) are left
 * out, and every person column names the child by its LA child id. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/date.h"
#include "returns/internal.h"
#include "returns/ssd.h"

struct person_id {
	int64_t id;
	const char *la_id;
};

struct alloc {
	int64_t id, child, worker;
	hdate start, end;
	const char *kind;
};

struct worker {
	int64_t id, team;
	const char *name;
	int64_t caseload;	/* open allocations of live children */
};

struct span {			/* an episode in care or a CP plan */
	int64_t id, child;
	hdate start, end;
	bool rne_s;		/* episodes: RNE S, a new period of care */
	int64_t period;		/* episodes: the first episode of its period */
	hdate entered;		/* episodes: the day that period began */
};

struct ssd_export {
	struct person_id *people;	/* live children, by id */
	size_t n_people;
	struct alloc *allocs;		/* by child, then start */
	size_t n_allocs;
	struct worker *workers;		/* by id */
	size_t n_workers;
	struct span *episodes, *cp_plans;	/* by child, then start, then id */
	size_t n_episodes, n_cp_plans;
	struct ssd_event *ix[SSD_IX_MAX];	/* by key, then date, then id */
	size_t n_ix[SSD_IX_MAX];
};

/* The indexes: which rows, keyed by which field, dated by which. */
static const struct {
	const struct entity *e;
	int key, date, code;
	int must;		/* a yes/no field that must be yes, or 0 for none */
} index_src[SSD_IX_MAX] = {
	[SSD_IX_PP_MEETINGS] = {&entity_pp_meeting, PP_MEETING_PRE_PROCEEDINGS_ID, PP_MEETING_MEETING_DATE, PP_MEETING_KIND},
	[SSD_IX_PATHWAY_PLANS] = {&entity_pathway_plan, PATHWAY_PLAN_CHILD_ID, PATHWAY_PLAN_REVIEW_DATE, -1},
	[SSD_IX_CP_PLANS] = {&entity_cp_plan, CP_PLAN_REFERRAL_ID, CP_PLAN_START_DATE, -1},
	[SSD_IX_ICPCS] = {&entity_s47, S47_REFERRAL_ID, S47_ICPC_DATE, -1},
	[SSD_IX_SEEN] = {&entity_visit, VISIT_CHILD_ID, VISIT_VISIT_DATE, -1, VISIT_SEEN},
	[SSD_IX_PRE_PROCEEDINGS] = {&entity_pre_proceedings, PRE_PROCEEDINGS_CHILD_ID, PRE_PROCEEDINGS_START_DATE, -1, 0},
	[SSD_IX_PROCEEDINGS] = {&entity_proceedings, PROCEEDINGS_CHILD_ID, PROCEEDINGS_ISSUE_DATE, -1, 0},
	[SSD_IX_CLA_REVIEWS] = {&entity_cla_review, CLA_REVIEW_CHILD_ID, CLA_REVIEW_REVIEW_DATE, -1, 0},
	[SSD_IX_CP_REVIEWS] = {&entity_cp_review, CP_REVIEW_CP_PLAN_ID, CP_REVIEW_REVIEW_DATE, -1, 0},
	[SSD_IX_REFERRALS] = {&entity_referral, REFERRAL_CHILD_ID, REFERRAL_REFERRAL_DATE, -1, 0},
};

/* Orders by three keys in turn (for the comparators of the sorted arrays below). */
static int order3(int64_t a1, int64_t b1, int64_t a2, int64_t b2, int64_t a3, int64_t b3)
{
	if (a1 != b1) {
		return (a1 > b1) - (a1 < b1);
	}
	if (a2 != b2) {
		return (a2 > b2) - (a2 < b2);
	}
	return (a3 > b3) - (a3 < b3);
}

/* The first index in [0, n) whose key (the int64_t at offset in each element of size bytes) is
 * not below key: the start of key's run in an array sorted by it. */
static size_t lower_bound(const void *base, size_t n, size_t size, size_t offset, int64_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int64_t k;
		memcpy(&k, (const char *)base + mid * size + offset, sizeof(k));
		if (k < key) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

static int event_order(const void *a, const void *b)
{
	const struct ssd_event *x = a, *y = b;
	return order3(x->key, y->key, x->date, y->date, x->id, y->id);
}

const struct ssd_event *ssd_events(const struct ssd_export *x, enum ssd_index ix, int64_t key, size_t *n)
{
	const struct ssd_event *e = x->ix[ix];
	size_t lo = lower_bound(e, x->n_ix[ix], sizeof(*e), offsetof(struct ssd_event, key), key);
	size_t end = lo;
	while (end < x->n_ix[ix] && e[end].key == key) {
		end++;
	}
	*n = end - lo;
	return *n ? &e[lo] : NULL;
}

/* Rows of a child not live are left out of every index. */
static int load_index(struct ssd_export *x, struct store *st, enum ssd_index ix, struct arena *a,
		      struct hearth_error *err);

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct person_id *)a)->id, y = ((const struct person_id *)b)->id;
	return (x > y) - (x < y);
}

/* The LA child id of a live child, or NULL when the child is not live. */
static const char *person_of(const struct ssd_export *x, int64_t id)
{
	struct person_id key = {id, NULL};
	const struct person_id *p = bsearch(&key, x->people, x->n_people, sizeof(key), by_id);
	return p ? p->la_id : NULL;
}

static int alloc_order(const void *a, const void *b)
{
	const struct alloc *x = a, *y = b;
	return order3(x->child, y->child, x->start, y->start, x->id, y->id);
}

static int worker_order(const void *a, const void *b)
{
	int64_t x = ((const struct worker *)a)->id, y = ((const struct worker *)b)->id;
	return (x > y) - (x < y);
}

int64_t ssd_allocated(const struct ssd_export *x, int64_t child, hdate d, const char *kind)
{
	if (d == DATE_NONE) {
		return 0;
	}
	size_t lo = lower_bound(x->allocs, x->n_allocs, sizeof(*x->allocs), offsetof(struct alloc, child), child);
	int64_t found = 0;
	for (size_t i = lo; i < x->n_allocs && x->allocs[i].child == child && x->allocs[i].start <= d; i++) {
		const struct alloc *al = &x->allocs[i];
		if (al->kind && strcmp(al->kind, kind) == 0 && (al->end == DATE_NONE || al->end >= d)) {
			found = al->worker;	/* by start, then id: the last one wins */
		}
	}
	return found;
}

static int span_order(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return order3(x->child, y->child, x->start, y->start, x->id, y->id);
}

/* The index of the child's first span, or n. */
static size_t first_span(const struct span *s, size_t n, int64_t child)
{
	return lower_bound(s, n, sizeof(*s), offsetof(struct span, child), child);
}

/* The span with id, or (id 0) the one open on d begun last, among the child's; NULL if none. */
static const struct span *span_find(const struct span *s, size_t n, int64_t child, int64_t id, hdate d)
{
	const struct span *found = NULL;
	for (size_t i = first_span(s, n, child); i < n && s[i].child == child; i++) {
		if (id ? s[i].id == id
		       : d != DATE_NONE && s[i].start <= d && (s[i].end == DATE_NONE || s[i].end >= d)) {
			found = &s[i];
		}
	}
	return found;
}

int64_t ssd_period(const struct ssd_export *x, int64_t child, int64_t episode, hdate d, hdate *entered)
{
	const struct span *e = span_find(x->episodes, x->n_episodes, child, episode, d);
	if (entered) {
		*entered = e ? e->entered : DATE_NONE;
	}
	return e ? e->period : 0;
}

int64_t ssd_cp_plan_on(const struct ssd_export *x, int64_t child, hdate d)
{
	const struct span *p = span_find(x->cp_plans, x->n_cp_plans, child, 0, d);
	return p ? p->id : 0;
}

bool ssd_cp_plan_span(const struct ssd_export *x, int64_t child, int64_t plan, hdate *start, hdate *end)
{
	const struct span *p = plan ? span_find(x->cp_plans, x->n_cp_plans, child, plan, DATE_NONE) : NULL;
	*start = p ? p->start : DATE_NONE;
	*end = p ? p->end : DATE_NONE;
	return p != NULL;
}

/* The live rows of e with a child and a start as spans, sorted. */
static int load_spans(struct ssd_export *x, struct store *st, const struct entity *e, int start_f, int end_f,
		      int rne_f, struct arena *a, struct span **out, size_t *n_out, struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(st, e, a, &ids, &rows, &n, err);
	if (rc) {
		return rc;
	}
	struct span *s = arena_alloc(a, (n + 1) * sizeof(*s));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		if (v[e->child_field].null || v[start_f].null || !person_of(x, v[e->child_field].i)) {
			continue;
		}
		s[k++] = (struct span){ids[i], v[e->child_field].i, (hdate)v[start_f].i,
				       v[end_f].null ? DATE_NONE : (hdate)v[end_f].i,
				       rne_f >= 0 && !v[rne_f].null && v[rne_f].s && strcmp(v[rne_f].s, "S") == 0, 0,
				       DATE_NONE};
	}
	qsort(s, k, sizeof(*s), span_order);
	for (size_t i = 0; i < k; i++) {
		bool begins = i == 0 || s[i - 1].child != s[i].child || s[i].rne_s || s[i - 1].end == DATE_NONE ||
			      s[i - 1].end != s[i].start;
		s[i].period = begins ? s[i].id : s[i - 1].period;
		s[i].entered = begins ? s[i].start : s[i - 1].entered;
	}
	*out = s;
	*n_out = k;
	return 0;
}

static const struct worker *worker_of(const struct ssd_export *x, int64_t id)
{
	struct worker key = {id, 0, NULL, 0};
	return id ? bsearch(&key, x->workers, x->n_workers, sizeof(key), worker_order) : NULL;
}

int64_t ssd_worker_team(const struct ssd_export *x, int64_t worker)
{
	const struct worker *w = worker_of(x, worker);
	return w ? w->team : 0;
}

const char *ssd_worker_name(const struct ssd_export *x, int64_t worker)
{
	const struct worker *w = worker_of(x, worker);
	return w ? w->name : NULL;
}

int64_t ssd_worker_caseload(const struct ssd_export *x, int64_t worker)
{
	const struct worker *w = worker_of(x, worker);
	return w ? w->caseload : 0;
}

/* The allocations of live children and the workers, for the converters. */
static int load_people_around(struct ssd_export *x, struct store *st, struct arena *a, struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(st, &entity_allocation, a, &ids, &rows, &n, err);
	if (rc) {
		return rc;
	}
	x->allocs = arena_alloc(a, (n + 1) * sizeof(*x->allocs));
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		if (v[ALLOCATION_CHILD_ID].null || v[ALLOCATION_START_DATE].null || v[ALLOCATION_WORKER_ID].null ||
		    !person_of(x, v[ALLOCATION_CHILD_ID].i)) {
			continue;
		}
		x->allocs[x->n_allocs++] = (struct alloc){ids[i], v[ALLOCATION_CHILD_ID].i, v[ALLOCATION_WORKER_ID].i,
							  (hdate)v[ALLOCATION_START_DATE].i,
							  v[ALLOCATION_END_DATE].null ? DATE_NONE : (hdate)v[ALLOCATION_END_DATE].i,
							  v[ALLOCATION_KIND].s};
	}
	qsort(x->allocs, x->n_allocs, sizeof(*x->allocs), alloc_order);
	if ((rc = store_all_rows(st, &entity_worker, a, &ids, &rows, &n, err))) {
		return rc;
	}
	x->workers = arena_alloc(a, (n + 1) * sizeof(*x->workers));
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		const char *g = v[WORKER_GIVEN_NAME].null ? "" : v[WORKER_GIVEN_NAME].s;
		const char *f = v[WORKER_FAMILY_NAME].null ? "" : v[WORKER_FAMILY_NAME].s;
		x->workers[x->n_workers++] = (struct worker){ids[i], v[WORKER_TEAM_ID].null ? 0 : v[WORKER_TEAM_ID].i,
							     arena_printf(a, "%s%s%s", g, *g && *f ? " " : "", f), 0};
	}
	qsort(x->workers, x->n_workers, sizeof(*x->workers), worker_order);
	for (size_t i = 0; i < x->n_allocs; i++) {
		struct worker *w = x->allocs[i].end == DATE_NONE ? (struct worker *)worker_of(x, x->allocs[i].worker) : NULL;
		if (w) {
			w->caseload++;
		}
	}
	if ((rc = load_spans(x, st, &entity_cla_episode, CLA_EPISODE_DECOM, CLA_EPISODE_DEC, CLA_EPISODE_RNE, a,
			     &x->episodes, &x->n_episodes, err))) {
		return rc;
	}
	if ((rc = load_spans(x, st, &entity_cp_plan, CP_PLAN_START_DATE, CP_PLAN_END_DATE, -1, a, &x->cp_plans,
			     &x->n_cp_plans, err))) {
		return rc;
	}
	for (int ix = 0; ix < SSD_IX_MAX; ix++) {
		if ((rc = load_index(x, st, (enum ssd_index)ix, a, err))) {
			return rc;
		}
	}
	return 0;
}

static int load_index(struct ssd_export *x, struct store *st, enum ssd_index ix, struct arena *a,
		      struct hearth_error *err)
{
	const struct entity *e = index_src[ix].e;
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(st, e, a, &ids, &rows, &n, err);
	if (rc) {
		return rc;
	}
	struct ssd_event *ev = arena_alloc(a, (n + 1) * sizeof(*ev));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		int must = index_src[ix].must;
		if (v[index_src[ix].key].null || v[index_src[ix].date].null || (must && (v[must].null || !v[must].i)) ||
		    (e->child_field >= 0 && (v[e->child_field].null || !person_of(x, v[e->child_field].i)))) {
			continue;
		}
		ev[k++] = (struct ssd_event){v[index_src[ix].key].i, ids[i], (hdate)v[index_src[ix].date].i,
					     index_src[ix].code >= 0 ? v[index_src[ix].code].s : NULL};
	}
	qsort(ev, k, sizeof(*ev), event_order);
	x->ix[ix] = ev;
	x->n_ix[ix] = k;
	return 0;
}

static const char *field_text(const struct field *f, const struct hval *v, char *buf, size_t size)
{
	if (v->null) {
		return NULL;
	}
	switch (f->type) {
	case FT_DATE: {
		char d[DATE_STR_SIZE];
		snprintf(buf, size, "%s", date_format((hdate)v->i, d));
		return buf;
	}
	case FT_INSTANT: {
		char t[INSTANT_STR_SIZE];
		snprintf(buf, size, "%s", instant_format((hinstant)v->i, t));
		return buf;
	}
	case FT_BOOL:
		return v->i ? "Y" : "N";
	case FT_INT:
	case FT_REF:
		snprintf(buf, size, "%lld", (long long)v->i);
		return buf;
	case FT_REAL:
		snprintf(buf, size, "%g", v->r);
		return buf;
	default:
		return v->s;
	}
}

/* The child a source row belongs to (the row itself for a child), or 0 for rows of no
 * child (teams, workers). */
static int64_t child_of(const struct entity *e, int64_t id, const struct hval *v)
{
	if (e == &entity_child) {
		return id;
	}
	if (e->child_field < 0 || v[e->child_field].null) {
		return 0;
	}
	return v[e->child_field].i;
}

struct latest {
	int64_t child;
	hdate date;
	size_t row;
};

static int by_child_date(const void *a, const void *b)
{
	const struct latest *x = a, *y = b;
	return order3(x->child, y->child, x->date, y->date, (int64_t)x->row, (int64_t)y->row);
}

static int write_table(struct ssd_export *x, struct store *st, const struct ssd_table *t, const struct ssd_sink *sink,
		       size_t *count, struct arena *a, struct hearth_error *err)
{
	int rc = sink->table(sink->ctx, t, err);
	if (rc || !t->source) {
		return rc ? rc : sink->end_table(sink->ctx, err);
	}
	int64_t *ids;
	struct hval **rows;
	size_t n;
	if ((rc = store_all_rows(st, t->source, a, &ids, &rows, &n, err))) {
		return rc;
	}
	bool *skip = arena_alloc(a, (n + 1) * sizeof(bool));
	if (t->latest >= 0 && n) {
		/* Only each child's row with the latest date (the highest id on a tie). */
		struct latest *l = arena_alloc(a, n * sizeof(*l));
		for (size_t i = 0; i < n; i++) {
			l[i] = (struct latest){child_of(t->source, ids[i], rows[i]),
					       rows[i][t->latest].null ? DATE_NONE : (hdate)rows[i][t->latest].i, i};
			skip[i] = true;
		}
		qsort(l, n, sizeof(*l), by_child_date);
		for (size_t i = 0; i < n; i++) {
			if (i + 1 == n || l[i + 1].child != l[i].child) {
				skip[l[i].row] = false;
			}
		}
	}
	const char **vals = arena_alloc(a, (size_t)t->n_cols * sizeof(char *));
	char(*bufs)[256] = arena_alloc(a, (size_t)t->n_cols * sizeof(*bufs));
	int passes = t->repeat > 0 ? t->repeat : 1;
	for (int k = 0; k < passes; k++) {
		for (size_t i = 0; i < n; i++) {
			if (skip[i]) {
				continue;
			}
			int64_t child = child_of(t->source, ids[i], rows[i]);
			if (t->source->child_field >= 0 || t->source == &entity_child) {
				if (!person_of(x, child)) {
					continue;	/* a retracted or merged-away child's row */
				}
			}
			struct ssd_row r = {x, t->source, ids[i], rows[i], k};
			if (t->keep && !t->keep(&r)) {
				continue;
			}
			for (int c = 0; c < t->n_cols; c++) {
				const struct ssd_column *col = &t->cols[c];
				switch (col->how) {
				case SSD_FIELD:
					vals[c] = field_text(&t->source->fields[col->field], &rows[i][col->field], bufs[c],
							     sizeof(bufs[c]));
					break;
				case SSD_ID:
					snprintf(bufs[c], sizeof(bufs[c]), "%lld", (long long)ids[i]);
					vals[c] = bufs[c];
					break;
				case SSD_PERSON:
					vals[c] = person_of(x, col->field < 0 ? ids[i]
									       : (rows[i][col->field].null ? 0 : rows[i][col->field].i));
					break;
				case SSD_CONV:
					vals[c] = col->conv(&r, bufs[c], sizeof(bufs[c]));
					break;
				default:
					vals[c] = NULL;
					break;
				}
			}
			if ((rc = sink->row(sink->ctx, vals, t->n_cols, err))) {
				return rc;
			}
			(*count)++;
		}
	}
	return sink->end_table(sink->ctx, err);
}

int ssd_export(struct store *st, const struct ssd_sink *sink, struct ssd_counts *counts, struct hearth_error *err)
{
	struct arena a = ARENA_INIT;
	struct ssd_export x = {0};
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(st, &entity_child, &a, &ids, &rows, &n, err);
	if (!rc) {
		x.people = arena_alloc(&a, (n + 1) * sizeof(*x.people));
		for (size_t i = 0; i < n; i++) {
			const struct hval *la = &rows[i][CHILD_LA_CHILD_ID];
			x.people[x.n_people++] = (struct person_id){ids[i], la->null ? "" : la->s};
		}
		qsort(x.people, x.n_people, sizeof(*x.people), by_id);
		rc = load_people_around(&x, st, &a, err);
	}
	memset(counts, 0, sizeof(*counts));
	for (int t = 0; !rc && t < ssd_table_count; t++) {
		/* Each table's rows live in their own arena, freed before the next table. */
		struct arena ta = ARENA_INIT;
		rc = write_table(&x, st, &ssd_tables[t], sink, &counts->rows[t], &ta, err);
		arena_free(&ta);
	}
	arena_free(&a);
	return rc;
}

/* ---- the CSV sink ---- */

struct csv_sink {
	const char *dir;
	FILE *f;
	char path[4096];
};

static int csv_table(void *ctx, const struct ssd_table *t, struct hearth_error *err)
{
	struct csv_sink *c = ctx;
	snprintf(c->path, sizeof(c->path), "%s/%s.csv", c->dir, t->name);
	int fd = open(c->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	c->f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!c->f) {
		if (fd >= 0) {
			close(fd);
		}
		return herr_set(err, HERR_IO, "out", "cannot_write", "cannot write %s: %s", c->path, strerror(errno));
	}
	for (int k = 0; k < t->n_cols; k++) {
		csv_put(c->f, t->cols[k].name, k == 0);
	}
	fputs("\r\n", c->f);
	return 0;
}

static int csv_row(void *ctx, const char *const *vals, int n, struct hearth_error *err)
{
	(void)err;
	struct csv_sink *c = ctx;
	for (int k = 0; k < n; k++) {
		csv_put(c->f, vals[k], k == 0);
	}
	fputs("\r\n", c->f);
	return 0;
}

static int csv_end(void *ctx, struct hearth_error *err)
{
	struct csv_sink *c = ctx;
	int bad = fclose(c->f) != 0;
	c->f = NULL;
	if (bad) {
		return herr_set(err, HERR_IO, "out", "cannot_write", "cannot write %s: %s", c->path, strerror(errno));
	}
	return 0;
}

int ssd_export_csv(struct store *st, const char *dir, struct ssd_counts *counts, struct hearth_error *err)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		return herr_set(err, HERR_IO, "out", "cannot_write", "cannot create the directory %s: %s", dir,
				strerror(errno));
	}
	struct csv_sink c = {dir, NULL, ""};
	struct ssd_sink sink = {csv_table, csv_row, csv_end, &c};
	int rc = ssd_export(st, &sink, counts, err);
	if (c.f) {
		fclose(c.f);
	}
	return rc;
}

/* ---- the PostgreSQL sink (the statements are the store's: store_text_tables) ---- */

struct pg_sink {
	struct store_text_tables *out;
};

static int pg_table(void *ctx, const struct ssd_table *t, struct hearth_error *err)
{
	struct pg_sink *p = ctx;
	const char *cols[64];
	if (t->n_cols > 64) {
		return herr_set(err, HERR_INVALID, "table", "too_wide", "%s has more than 64 columns", t->name);
	}
	for (int k = 0; k < t->n_cols; k++) {
		cols[k] = t->cols[k].name;
	}
	return store_text_table(p->out, t->name, cols, t->n_cols, err);
}

static int pg_row(void *ctx, const char *const *vals, int n, struct hearth_error *err)
{
	struct pg_sink *p = ctx;
	return store_text_row(p->out, vals, n, err);
}

static int pg_end(void *ctx, struct hearth_error *err)
{
	(void)ctx, (void)err;
	return 0;
}

int ssd_export_pg(struct store *st, const char *target, struct ssd_counts *counts, struct hearth_error *err)
{
	struct pg_sink p = {NULL};
	int rc = store_text_tables_open(target, "ssd", &p.out, err);
	if (rc) {
		return rc;
	}
	struct ssd_sink sink = {pg_table, pg_row, pg_end, &p};
	rc = ssd_export(st, &sink, counts, err);
	return store_text_tables_close(p.out, rc == 0, err) ? (rc ? rc : HERR_IO) : rc;
}

/* ---- docs/ssd.md's list ---- */

void ssd_print_fields(FILE *f)
{
	for (int t = 0; t < ssd_table_count; t++) {
		const struct ssd_table *tb = &ssd_tables[t];
		int none = 0;
		for (int c = 0; c < tb->n_cols; c++) {
			none += tb->cols[c].how == SSD_NONE;
		}
		if (!none) {
			continue;
		}
		fprintf(f, "\n### %s\n\n", tb->name);
		if (none == tb->n_cols) {
			fprintf(f, "Written with its header only: %s.\n\n", tb->cols[0].note ? tb->cols[0].note : "not recorded");
		}
		fprintf(f, "| Column | Item | Why |\n|---|---|---|\n");
		for (int c = 0; c < tb->n_cols; c++) {
			const struct ssd_column *col = &tb->cols[c];
			if (col->how == SSD_NONE) {
				fprintf(f, "| %s | %s | %s |\n", col->name, col->item,
					col->note ? col->note : "not recorded by Hearth");
			}
		}
	}
}
