/* load: the SSDA903's own read of the record — only the children the return can hold and
 * only the rows it reads.
 *
 * store_casefiles_scan reads every table for every child (visits, notes' neighbours, every
 * referral), which on a national record is most of the database. The SSDA903 needs children
 * who were ever looked after or are in touch as care leavers, and of them: the child row,
 * episodes, reviews, missing episodes, adoption decisions, allocations and leaver contacts.
 * So: every episode, review, missing episode, adoption decision and leaver contact in one
 * pass per table (these tables are small beside the record: they concern children in care
 * and care leavers), then per child (in id order) the child row and, when the child is in
 * care on 31 March of a year with social worker episodes, its allocations, through the
 * store's per-child reads. Children who cannot be in the year's return (no episode open in
 * it, no 17th to 21st birthday in it) are skipped after the child row. Each child's casefile is
 * built with the same row-to-element conversions a save is checked with (apply.c) and its
 * extras from the rows read. Per-child memory dies after the callback. */
#include <stdlib.h>
#include <string.h>

#include "returns/internal.h"

struct byc {
	int64_t child;
	size_t i;		/* the row's index in its table's read */
};

static int byc_cmp(const void *p, const void *q)
{
	const struct byc *a = p, *b = q;
	if (a->child != b->child) {
		return a->child < b->child ? -1 : 1;
	}
	return a->i < b->i ? -1 : a->i > b->i;
}

struct table_read {
	const struct entity *e;
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct byc *idx;	/* rows by child */
};

static int read_table(struct store *st, const struct entity *e, struct arena *a, struct table_read *t,
		      struct hearth_error *err)
{
	memset(t, 0, sizeof(*t));
	t->e = e;
	int rc = store_all_rows(st, e, a, &t->ids, &t->rows, &t->n, err);
	if (rc) {
		return rc;
	}
	t->idx = arena_alloc(a, sizeof(*t->idx) * (t->n ? t->n : 1));
	for (size_t i = 0; i < t->n; i++) {
		const struct hval *c = &t->rows[i][e->child_field];
		t->idx[i] = (struct byc){c->null ? 0 : c->i, i};
	}
	qsort(t->idx, t->n, sizeof(*t->idx), byc_cmp);
	return 0;
}

/* The rows of child in t: [*from, return) in t->idx. */
static size_t rows_of(const struct table_read *t, int64_t child, size_t *from)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->idx[mid].child < child) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	size_t end = lo;
	while (end < t->n && t->idx[end].child == child) {
		end++;
	}
	*from = lo;
	return end;
}

static bool leaver_birthday(hdate dob, hdate ys, hdate ye)
{
	for (int age = 17; dob != DATE_NONE && age <= 21; age++) {
		hdate b = date_birthday(dob, age);
		if (b >= ys && b <= ye) {
			return true;
		}
	}
	return false;
}

/* The rows of child in t, applied to cf; ids and rows kept for the extras. */
static void apply_rows(const struct table_read *t, int64_t child, struct casefile *cf, struct arena *a, int64_t **ids,
		       struct hval ***rows, size_t *n)
{
	size_t from, to = rows_of(t, child, &from);
	if (ids) {
		*ids = arena_alloc(a, sizeof(int64_t) * (to - from + 1));
		*rows = arena_alloc(a, sizeof(struct hval *) * (to - from + 1));
		*n = to - from;
	}
	for (size_t i = from; i < to; i++) {
		size_t r = t->idx[i].i;
		rx_apply_row(cf, t->e, t->ids[r], t->rows[r], a);
		if (ids) {
			(*ids)[i - from] = t->ids[r];
			(*rows)[i - from] = t->rows[r];
		}
	}
}

int returns_scan_903(struct store *st, int year, rx_scan_fn fn, void *ctx, struct hearth_error *err)
{
	struct arena keep = ARENA_INIT, per = ARENA_INIT;
	enum { T_EPISODE, T_LEAVER, T_REVIEW, T_MISSING, T_ADOPTION, T_MAX };
	static const struct entity *const bulk[T_MAX] = {&entity_cla_episode, &entity_leaver_contact,
							 &entity_cla_review, &entity_missing, &entity_adoption};
	struct table_read t[T_MAX];
	int64_t *wids;
	struct hval **wrows;
	size_t nw;
	hdate ys = returns_year_start(year), ye = returns_year_end(year);
	int rc = 0;
	for (int k = 0; !rc && k < T_MAX; k++) {
		rc = read_table(st, bulk[k], &keep, &t[k], err);
	}
	if (!rc) {
		rc = store_all_rows(st, &entity_worker, &keep, &wids, &wrows, &nw, err);
	}
	if (rc) {
		arena_free(&keep);
		return rc;
	}
	struct returns_extras *base = rx_extras_with(&keep, NULL, &entity_worker, wids, wrows, nw);
	/* The children: those with an episode or a leaver contact, in id order. */
	const struct table_read *eps = &t[T_EPISODE], *leavers = &t[T_LEAVER];
	int64_t *kids = arena_alloc(&keep, sizeof(int64_t) * (eps->n + leavers->n + 1));
	size_t nk = 0;
	for (size_t i = 0, j = 0; i < eps->n || j < leavers->n;) {
		int64_t a = i < eps->n ? eps->idx[i].child : INT64_MAX, b = j < leavers->n ? leavers->idx[j].child : INT64_MAX;
		int64_t c = a < b ? a : b;
		if (c > 0 && (nk == 0 || kids[nk - 1] != c)) {
			kids[nk++] = c;
		}
		i += a == c;
		j += b == c;
	}
	for (size_t k = 0; !rc && k < nk; k++) {
		int64_t child = kids[k];
		struct hval *crow;
		struct hearth_error e2 = {0};
		arena_free(&per);
		if (store_get(st, &entity_child, child, &per, &crow, &e2)) {
			continue; /* a voided child: its rows are not the record's any more */
		}
		struct casefile cf;
		memset(&cf, 0, sizeof(cf));
		cf.child.id = child;
		rx_apply_row(&cf, &entity_child, child, crow, &per);
		int64_t *eids, *aids;
		struct hval **erows, **arows;
		size_t ne, na;
		apply_rows(eps, child, &cf, &per, &eids, &erows, &ne);
		bool in_year = false, at_end = false;
		for (size_t i = 0; i < cf.n_episodes; i++) {
			const struct cf_episode *e = &cf.episodes[i];
			in_year = in_year || (e->start != DATE_NONE && e->start <= ye && (e->end == DATE_NONE || e->end >= ys));
			at_end = at_end || (e->start != DATE_NONE && e->start <= ye && (e->end == DATE_NONE || e->end > ye));
		}
		if (!in_year && !leaver_birthday(cf.child.dob, ys, ye)) {
			continue; /* cannot be in this year's return */
		}
		apply_rows(leavers, child, &cf, &per, NULL, NULL, NULL);
		apply_rows(&t[T_REVIEW], child, &cf, &per, NULL, NULL, NULL);
		apply_rows(&t[T_MISSING], child, &cf, &per, NULL, NULL, NULL);
		apply_rows(&t[T_ADOPTION], child, &cf, &per, &aids, &arows, &na);
		if (at_end && year >= 2024) {
			int64_t *ids;
			struct hval **rows;
			size_t n;
			rc = store_child_rows(st, &entity_allocation, child, &per, &ids, &rows, &n, err);
			for (size_t i = 0; !rc && i < n; i++) {
				rx_apply_row(&cf, &entity_allocation, ids[i], rows[i], &per);
			}
		}
		if (!rc) {
			struct returns_extras *x = rx_extras_with(&per, base, &entity_child, &cf.child.id, &crow, 1);
			x = rx_extras_with(&per, x, &entity_cla_episode, eids, erows, ne);
			x = rx_extras_with(&per, x, &entity_adoption, aids, arows, na);
			rc = fn(ctx, &cf, x);
		}
	}
	arena_free(&per);
	arena_free(&keep);
	return rc;
}
