/* extras: the record's values the returns read that a casefile does not carry: a child's
 * disabilities, an assessment's factors (the CIN census) and workers' SW ids (SSDA903).
 *
 * One table of what to keep (struct xspec): per entity, which fields become the row's
 * a, b, c strings and d date. Rows are kept sorted by id (as the store hands them out) and
 * found by binary search; disabilities are sorted by child. Strings live in the caller's
 * arena; nothing is freed here. */
#include <stdlib.h>
#include <string.h>

#include "model/settings.h"
#include "returns/internal.h"

struct xrow {
	int64_t id, child;
	const char *a, *b, *c;
	hdate d;
};

struct xmap {
	struct xrow *rows;
	size_t n;
	const char **a;		/* disabilities: rows[i].a in row order, handed out as arrays */
};

enum xkind { X_DISABILITY, X_ASSESSMENT, X_WORKER, X_KIND_MAX };

struct returns_extras {
	struct xmap m[X_KIND_MAX];
	hdate macpt_duty_from;	/* the setting macpt_duty_from (rule MACPT1Q) */
};

/* The setting's value as stored, else its default (a bad stored value keeps the default,
 * as settings_load does). */
static hdate macpt_duty_from(struct store *st, struct arena *a)
{
	hdate d = DATE_NONE;
	const char *v = st ? store_setting(st, "macpt_duty_from", a) : NULL;
	if (!v || date_parse(v, &d) != 0) {
		const struct setting_def *def = settings_find("macpt_duty_from");
		if (!def || date_parse(def->default_value, &d) != 0) {
			d = DATE_NONE;
		}
	}
	return d;
}

/* Which fields each map keeps: -1 for none. */
struct xspec {
	const struct entity *e;
	int a, b, c, d;
	bool per_child;		/* rows belong to a child (loaded per child for one child) */
};

static const struct xspec specs[X_KIND_MAX] = {
	[X_DISABILITY] = {&entity_child_disability, CHILD_DISABILITY_CODE, -1, -1, CHILD_DISABILITY_RECORDED, true},
	[X_ASSESSMENT] = {&entity_assessment, ASSESSMENT_FACTORS, -1, -1, -1, true},
	[X_WORKER] = {&entity_worker, WORKER_SWE_NUMBER, WORKER_STAFF_ID, -1, -1, false},
};

static const char *xs(const struct hval *v, int f)
{
	return f < 0 || v[f].null ? NULL : v[f].s;
}

static int fill(struct xmap *m, const struct xspec *sp, int64_t *ids, struct hval **rows, size_t n, struct arena *a)
{
	m->rows = arena_alloc(a, sizeof(*m->rows) * (n ? n : 1));
	m->n = n;
	for (size_t i = 0; i < n; i++) {
		struct xrow *r = &m->rows[i];
		const struct hval *v = rows[i];
		r->id = ids[i];
		r->child = sp->e->child_field >= 0 && !v[sp->e->child_field].null ? v[sp->e->child_field].i : 0;
		r->a = xs(v, sp->a);
		r->b = xs(v, sp->b);
		r->c = xs(v, sp->c);
		r->d = sp->d < 0 || v[sp->d].null ? DATE_NONE : (hdate)v[sp->d].i;
	}
	return 0;
}

static int by_child(const void *p, const void *q)
{
	const struct xrow *a = p, *b = q;
	if (a->child != b->child) {
		return a->child < b->child ? -1 : 1;
	}
	return a->id < b->id ? -1 : a->id > b->id;
}

int returns_extras_load(struct store *st, int64_t child_id, struct arena *a, struct returns_extras **out,
			struct hearth_error *err)
{
	struct returns_extras *x = arena_alloc(a, sizeof(*x));
	x->macpt_duty_from = macpt_duty_from(st, a);
	for (int k = 0; k < X_KIND_MAX; k++) {
		const struct xspec *sp = &specs[k];
		int64_t *ids = NULL;
		struct hval **rows = NULL;
		size_t n = 0;
		int rc;
		if (child_id && sp->per_child) {
			rc = store_child_rows(st, sp->e, child_id, a, &ids, &rows, &n, err);
		} else {
			rc = store_all_rows(st, sp->e, a, &ids, &rows, &n, err);
		}
		if (rc) {
			return rc;
		}
		fill(&x->m[k], sp, ids, rows, n, a);
		if (k == X_DISABILITY) {
			struct xmap *m = &x->m[k];
			qsort(m->rows, m->n, sizeof(struct xrow), by_child);
			m->a = arena_alloc(a, sizeof(*m->a) * (m->n ? m->n : 1));
			for (size_t i = 0; i < m->n; i++) {
				m->a[i] = m->rows[i].a;
			}
		}
	}
	*out = x;
	return 0;
}

struct returns_extras *returns_extras_of_rows(int64_t *dis_ids, struct hval **dis_rows, size_t n_dis,
					     int64_t *ass_ids, struct hval **ass_rows, size_t n_ass, int64_t *wk_ids,
					     struct hval **wk_rows, size_t n_wk, struct arena *a)
{
	struct returns_extras *x = arena_alloc(a, sizeof(*x));
	x->macpt_duty_from = macpt_duty_from(NULL, a);
	fill(&x->m[X_DISABILITY], &specs[X_DISABILITY], dis_ids, dis_rows, n_dis, a);
	fill(&x->m[X_ASSESSMENT], &specs[X_ASSESSMENT], ass_ids, ass_rows, n_ass, a);
	fill(&x->m[X_WORKER], &specs[X_WORKER], wk_ids, wk_rows, n_wk, a);
	/* By child, as returns_extras_load sorts them. */
	struct xmap *m = &x->m[X_DISABILITY];
	qsort(m->rows, m->n, sizeof(struct xrow), by_child);
	m->a = arena_alloc(a, sizeof(*m->a) * (m->n ? m->n : 1));
	for (size_t i = 0; i < m->n; i++) {
		m->a[i] = m->rows[i].a;
	}
	return x;
}

static const struct xrow *find(const struct returns_extras *x, enum xkind k, int64_t id)
{
	if (!x) {
		return NULL;
	}
	const struct xmap *m = &x->m[k];
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->rows[mid].id < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < m->n && m->rows[lo].id == id ? &m->rows[lo] : NULL;
}

size_t rx_disabilities(const struct returns_extras *x, int64_t child_id, const char ***codes)
{
	*codes = NULL;
	if (!x) {
		return 0;
	}
	const struct xmap *m = &x->m[X_DISABILITY];
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->rows[mid].child < child_id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	size_t end = lo;
	while (end < m->n && m->rows[end].child == child_id) {
		end++;
	}
	if (end == lo) {
		return 0;
	}
	*codes = &m->a[lo];
	return end - lo;
}

void returns_extras_set_macpt_duty_from(struct returns_extras *x, hdate d)
{
	x->macpt_duty_from = d;
}

hdate rx_macpt_duty_from(const struct returns_extras *x)
{
	return x ? x->macpt_duty_from : DATE_NONE;
}

const char *rx_factors(const struct returns_extras *x, int64_t assessment_id)
{
	const struct xrow *r = find(x, X_ASSESSMENT, assessment_id);
	return r ? r->a : NULL;
}

const char *rx_worker_swid(const struct returns_extras *x, int64_t worker_id)
{
	const struct xrow *r = find(x, X_WORKER, worker_id);
	if (!r) {
		return NULL;
	}
	return sok(r->a) ? r->a : r->b;
}

static int by_id(const void *p, const void *q)
{
	const struct xrow *a = p, *b = q;
	return a->id < b->id ? -1 : a->id > b->id;
}

struct returns_extras *rx_extras_apply(const struct returns_extras *x, const struct entity *e, int64_t id,
				       const struct hval *vals, struct arena *a)
{
	struct returns_extras *y = arena_alloc(a, sizeof(*y));
	*y = *x;
	for (int k = 0; k < X_KIND_MAX; k++) {
		if (specs[k].e != e) {
			continue;
		}
		struct xmap one, *m = &y->m[k];
		int64_t ids[1] = {id};
		struct hval *rows[1] = {(struct hval *)vals};
		fill(&one, &specs[k], ids, rows, 1, a);
		struct xrow *c = arena_alloc(a, sizeof(*c) * (m->n + 1));
		memcpy(c, m->rows, sizeof(*c) * m->n);
		size_t i = 0;
		while (i < m->n && c[i].id != id) {
			i++;
		}
		c[i] = one.rows[0];
		m->n += i == m->n;
		m->rows = c;
		qsort(m->rows, m->n, sizeof(*c), k == X_DISABILITY ? by_child : by_id);
		if (k == X_DISABILITY) {
			m->a = arena_alloc(a, sizeof(*m->a) * m->n);
			for (size_t r = 0; r < m->n; r++) {
				m->a[r] = m->rows[r].a;
			}
		}
	}
	return y;
}

struct returns_extras *rx_extras_with(struct arena *a, const struct returns_extras *base, const struct entity *e,
				      int64_t *ids, struct hval **rows, size_t n)
{
	struct returns_extras *y = arena_alloc(a, sizeof(*y));
	if (base) {
		*y = *base;
	} else {
		y->macpt_duty_from = macpt_duty_from(NULL, a);
	}
	for (int k = 0; k < X_KIND_MAX; k++) {
		if (specs[k].e == e) {
			fill(&y->m[k], &specs[k], ids, rows, n, a);
			qsort(y->m[k].rows, y->m[k].n, sizeof(struct xrow), k == X_DISABILITY ? by_child : by_id);
			if (k == X_DISABILITY) {
				y->m[k].a = arena_alloc(a, sizeof(*y->m[k].a) * (n ? n : 1));
				for (size_t i = 0; i < n; i++) {
					y->m[k].a[i] = y->m[k].rows[i].a;
				}
			}
		}
	}
	return y;
}
