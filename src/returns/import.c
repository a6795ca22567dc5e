/* import: writing what a file says into the record, through the store's one write path.
 *
 * An importer carries the batch (one transaction; each row a savepoint, so a refused row
 * undoes only itself), the children and workers already known (by LA child id, SW id),
 * and a cache of the current child's rows per entity, so that a row already in the record
 * is found by its natural key (the child and a key date) instead of being added twice.
 *
 * Invariants:
 *   - every change goes through store_insert / store_update with the caller's actor, so
 *     revisions and audit rows are written as for any other change;
 *   - a value blank in the file never clears a value in the record (a return is a snapshot
 *     that does not know what happened later); a row is updated only where the file has a
 *     value that differs, so importing the same file twice changes nothing;
 *   - the SSDA903 and the CIN census import child by child (importer_child_begin / _end): a
 *     child any of whose values the record refuses is held back whole, each reason a reject
 *     naming the child. A refused write undoes only itself (the store's savepoint), so a
 *     child refused after some of its rows were written leaves those in the batch: the pass
 *     is then rolled back and run again without the held-back children (importer_pass_end
 *     says so), which only ever happens when the store refuses what the caller's own checks
 *     let through;
 *   - Annex A: a refused row is recorded as a reject with file, line, column and rule; when
 *     the import is not partial and any row was rejected, the whole batch is rolled back;
 *   - a file that cannot be read whole (not well-formed, cut short) is not a bad row: the
 *     batch is rolled back even with --partial (importer_abort), as the rows after the
 *     break are unknown and the rows before it are not the file. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "base/mem.h"
#include "model/codes.h"
#include "returns/internal.h"

/* The current child's rows of one entity. */
struct rowcache {
	const struct entity *e;
	int64_t *ids;
	struct hval **rows;
	size_t n, cap;
	bool loaded;
};

struct importer {
	struct store *st;
	const struct returns_import_options *o;
	struct arena *a;
	struct returns_import_result *res;
	struct smap children, workers;	/* LA child id / SW id -> record id */
	struct smap seen;		/* children this import has already written or checked */
	int64_t child;			/* the child the cache holds */
	bool child_new;			/* created by this import: nothing to look up */
	struct rowcache cache[64];
	int n_cache;
	struct arena scratch;		/* per child */
	bool began;
	/* child by child (SSDA903, CIN census) */
	struct smap held;		/* LA child ids held back, kept across passes */
	const char *cur;		/* the child being written, or NULL */
	bool cur_failed;
	int64_t cur_writes;		/* inserted + updated when it began */
	int64_t cur_rows;
	bool redo;
	bool by_child;			/* children were written child by child */
	int64_t file_rejects;		/* rejects outside any child (a file, a line) */			/* a held-back child left writes in this pass */
};

struct importer *importer_new(struct store *st, const struct returns_import_options *o, struct arena *a,
			      struct returns_import_result *res)
{
	struct importer *im = arena_alloc(a, sizeof(*im));
	im->st = st;
	im->o = o;
	im->a = a;
	im->res = res;
	return im;
}

struct arena *imp_arena(struct importer *im)
{
	return im->a;
}

struct store *imp_store(struct importer *im)
{
	return im->st;
}

int importer_load(struct importer *im, struct hearth_error *err)
{
	struct arena tmp = ARENA_INIT;
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(im->st, &entity_child, &tmp, &ids, &rows, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		smap_put(&im->children, im->a, arena_strdup(im->a, rows[i][CHILD_LA_CHILD_ID].s), ids[i]);
	}
	arena_free(&tmp);
	if (rc) {
		return rc;
	}
	rc = store_all_rows(im->st, &entity_worker, &tmp, &ids, &rows, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!rows[i][WORKER_SWE_NUMBER].null && *rows[i][WORKER_SWE_NUMBER].s) {
			smap_put(&im->workers, im->a, arena_strdup(im->a, rows[i][WORKER_SWE_NUMBER].s), ids[i]);
		}
		if (!smap_get(&im->workers, rows[i][WORKER_STAFF_ID].s)) {
			smap_put(&im->workers, im->a, arena_strdup(im->a, rows[i][WORKER_STAFF_ID].s), ids[i]);
		}
	}
	arena_free(&tmp);
	return rc;
}

void importer_reject(struct importer *im, const char *file, int line, const char *column, const char *rule,
		     const char *fmt, ...)
{
	struct returns_import_result *r = im->res;
	struct returns_reject *j = ARR_PUSH(im->a, r->rejects, r->n_rejects, r->cap_rejects);
	va_list ap;
	va_start(ap, fmt);
	j->message = arena_vprintf(im->a, fmt, ap);
	va_end(ap);
	if (im->cur) {
		j->child = im->cur;
		im->cur_failed = true;
	} else {
		im->file_rejects++;
	}
	j->file = file;
	j->line = line;
	j->column = column ? arena_strdup(im->a, column) : NULL;
	j->rule = rule ? arena_strdup(im->a, rule) : NULL;
	r->rejected++;
}

void importer_note(struct importer *im, const char *fmt, ...)
{
	struct returns_import_result *r = im->res;
	va_list ap;
	va_start(ap, fmt);
	*ARR_PUSH(im->a, r->notes, r->n_notes, r->cap_notes) = arena_vprintf(im->a, fmt, ap);
	va_end(ap);
}

void importer_progress(struct importer *im, int64_t done, int64_t total)
{
	if (im->o->progress) {
		im->o->progress(im->o->progress_ctx, done, total);
	}
}

bool importer_child_begin(struct importer *im, const char *la_id, int64_t rows)
{
	im->res->children++;
	im->by_child = true;
	if (smap_get(&im->held, la_id ? la_id : "")) {
		im->res->children_held++;
		im->res->rows_held += rows;
		im->cur = NULL;
		return false;
	}
	im->cur = arena_strdup(im->a, la_id ? la_id : "");
	im->cur_failed = false;
	im->cur_writes = im->res->inserted + im->res->updated;
	im->cur_rows = rows;
	return true;
}

bool importer_child_failed(const struct importer *im)
{
	return im->cur && im->cur_failed;
}

bool importer_child_end(struct importer *im)
{
	if (!im->cur) {
		return false;
	}
	bool ok = !im->cur_failed;
	if (!ok) {
		smap_put(&im->held, im->a, im->cur, 1);
		im->res->children_held++;
		im->res->rows_held += im->cur_rows;
		if (im->res->inserted + im->res->updated > im->cur_writes) {
			im->redo = true;
		}
	}
	im->cur = NULL;
	return ok;
}

int importer_pass_end(struct importer *im, struct hearth_error *err)
{
	if (!im->redo) {
		return importer_finish(im, err);
	}
	/* Undo the pass and start again, the held-back children now skipped: what the record
	 * knows (children, workers) is read afresh, as the pass's own additions are gone. */
	struct returns_import_result *r = im->res;
	store_rollback(im->st);
	im->began = false;
	im->redo = false;
	arena_free(&im->scratch);
	memset(&im->children, 0, sizeof(im->children));
	memset(&im->workers, 0, sizeof(im->workers));
	memset(&im->seen, 0, sizeof(im->seen));
	memset(im->cache, 0, sizeof(im->cache));
	im->n_cache = 0;
	im->child = 0;
	im->child_new = false;
	r->inserted = r->updated = r->unchanged = r->not_held = 0;
	r->children = r->children_held = r->rows_held = r->findings = 0;
	r->n_notes = 0;
	int rc = importer_load(im, err);
	if (!rc) {
		rc = importer_begin(im, err);
	}
	return rc ? rc : 1;
}

int importer_begin(struct importer *im, struct hearth_error *err)
{
	int rc = store_begin(im->st, err);
	im->began = rc == 0;
	return rc;
}

int importer_finish(struct importer *im, struct hearth_error *err)
{
	arena_free(&im->scratch);
	if (!im->began) {
		return 0;
	}
	im->began = false;
	/* Child by child, a held-back child is not a reason to refuse the rest; a file (or a
	 * line outside any child) that could not be taken still is, unless partial. */
	bool refuse = im->by_child ? im->file_rejects > 0 : im->res->rejected > 0;
	if (refuse && !im->o->partial) {
		store_rollback(im->st);
		im->res->committed = false;
		im->res->inserted = im->res->updated = 0;
		return 0;
	}
	int rc = store_commit(im->st, err);
	im->res->committed = rc == 0;
	return rc;
}

void importer_abort(struct importer *im)
{
	arena_free(&im->scratch);
	if (im->began) {
		store_rollback(im->st);
		im->began = false;
	}
	im->res->committed = false;
	im->res->inserted = im->res->updated = im->res->unchanged = 0;
}

/* ---- values ---- */

struct hval *imp_vals(struct importer *im, const struct entity *e)
{
	struct hval *v = arena_alloc(&im->scratch, sizeof(*v) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		v[i].null = true;
	}
	return v;
}

void imp_set_str(struct hval *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	v->null = !sok(s);
	v->s = s;
}

void imp_set_date(struct hval *v, hdate d)
{
	memset(v, 0, sizeof(*v));
	v->null = !dok(d);
	v->i = d;
}

void imp_set_int(struct hval *v, int64_t i)
{
	memset(v, 0, sizeof(*v));
	v->i = i;
}

/* A code as the list writes it when the file's differs only in letter case ("u4" is U4);
 * anything else as given (the store refuses what is no code). */
static const char *canon_code(const struct field *f, const char *s)
{
	if (f->type != FT_CODE || !sok(s)) {
		return s;
	}
	const struct codelist *l = codelist_find(f->arg);
	if (!l || code_find(l, s)) {
		return s;
	}
	for (size_t i = 0; i < l->n; i++) {
		if (strcasecmp(l->codes[i].code, s) == 0) {
			return l->codes[i].code;
		}
	}
	return s;
}

static void canon_row(const struct entity *e, struct hval *v)
{
	for (int i = 0; i < e->n_fields; i++) {
		if (!v[i].null) {
			v[i].s = e->fields[i].type == FT_CODE ? canon_code(&e->fields[i], v[i].s) : v[i].s;
		}
	}
}

static const char *column_of(const struct imp_where *w, const char *field)
{
	for (const char *const *c = w ? w->columns : NULL; c && c[0]; c += 2) {
		if (field && strcmp(c[0], field) == 0) {
			return c[1];
		}
	}
	return field;
}

static void reject_err(struct importer *im, const struct imp_where *w, const struct entity *e,
		       const struct hearth_error *err)
{
	importer_reject(im, w ? w->file : NULL, w ? w->line : 0, column_of(w, err->field), err->rule[0] ? err->rule : "record",
			"%s: %s", e->label, err->message);
}

/* Switches the cache to child (a new child has nothing stored to look up). free_scratch
 * also releases the previous child's memory: only where no caller holds values in it. */
static void cache_child(struct importer *im, int64_t child, bool is_new, bool free_scratch)
{
	if (im->child == child) {
		return;
	}
	if (free_scratch) {
		arena_free(&im->scratch);
	}
	memset(im->cache, 0, sizeof(im->cache));
	im->n_cache = 0;
	im->child = child;
	im->child_new = is_new;
}

static struct rowcache *cache_for(struct importer *im, const struct entity *e)
{
	for (int i = 0; i < im->n_cache; i++) {
		if (im->cache[i].e == e) {
			return &im->cache[i];
		}
	}
	struct rowcache *c = &im->cache[im->n_cache++];
	c->e = e;
	if (!im->child_new) {
		struct hearth_error err = {0};
		int64_t *ids;
		struct hval **rows;
		size_t n;
		if (store_child_rows(im->st, e, im->child, &im->scratch, &ids, &rows, &n, &err) == 0) {
			c->ids = ids;
			c->rows = rows;
			c->n = c->cap = n;
		}
	}
	c->loaded = true;
	return c;
}

static bool same_value(const struct field *f, const struct hval *a, const struct hval *b)
{
	if (a->null || b->null) {
		return a->null == b->null;
	}
	switch (f->type) {
	case FT_INSTANT:
		return instant_date(a->i) == instant_date(b->i);
	case FT_DATE:
	case FT_BOOL:
	case FT_INT:
	case FT_REF:
		return a->i == b->i;
	case FT_REAL:
		return a->r == b->r;
	default:
		return strcmp(a->s, b->s) == 0;
	}
}

/* Whether the file's value b says nothing new about the stored a: returns carry instants
 * (missing from / to) as days, so an instant on the same day is the same. */
static bool exact_value(const struct field *f, const struct hval *a, const struct hval *b)
{
	return same_value(f, a, b);
}

static hdate row_day(const struct field *f, const struct hval *v)
{
	if (v->null) {
		return DATE_NONE;
	}
	return f->type == FT_INSTANT ? instant_date(v->i) : (hdate)v->i;
}

/* The cached row matching vals: by key (and key2; a row whose key is blank is compared by
 * its key_alt field instead), or, with a window, the row whose key date is in [from, to]
 * nearest to vals' key date. -1 when none. */
static long find_row(const struct rowcache *c, const struct entity *e, int key, int key2, int key_alt,
		     const struct hval *vals, hdate from, hdate to)
{
	long best = -1;
	int best_gap = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct hval *row = c->rows[i];
		if (key2 >= 0 && !same_value(&e->fields[key2], &row[key2], &vals[key2])) {
			continue;
		}
		if (from == DATE_NONE) {
			if (same_value(&e->fields[key], &row[key], &vals[key]) ||
			    (key_alt >= 0 && row[key].null && same_value(&e->fields[key], &row[key_alt], &vals[key]))) {
				return (long)i;
			}
			continue;
		}
		hdate d = row_day(&e->fields[key], &row[key]), t = row_day(&e->fields[key], &vals[key]);
		if (d == DATE_NONE || d < from || d > to) {
			continue;
		}
		int gap = d > t ? d - t : t - d;
		if (best < 0 || gap < best_gap) {
			best = (long)i;
			best_gap = gap;
		}
	}
	return best;
}

static int64_t upsert(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
		      int key, int key2, int key_alt, hdate from, hdate to, struct hval *vals,
		      const struct hval *defaults);

int64_t imp_upsert(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
		   int key, int key2, struct hval *vals, const struct hval *defaults)
{
	return upsert(im, w, e, child_id, key, key2, -1, DATE_NONE, DATE_NONE, vals, defaults);
}

int64_t imp_upsert_alt(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
		       int key, int key2, int key_alt, struct hval *vals, const struct hval *defaults)
{
	return upsert(im, w, e, child_id, key, key2, key_alt, DATE_NONE, DATE_NONE, vals, defaults);
}

int64_t imp_upsert_near(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
			int key, int key2, hdate from, hdate to, struct hval *vals, const struct hval *defaults)
{
	return upsert(im, w, e, child_id, key, key2, -1, from, to, vals, defaults);
}

static int64_t upsert(struct importer *im, const struct imp_where *w, const struct entity *e, int64_t child_id,
		      int key, int key2, int key_alt, hdate from, hdate to, struct hval *vals,
		      const struct hval *defaults)
{
	struct hearth_error err = {0};
	if (im->child != child_id) {
		cache_child(im, child_id, false, false);
	}
	canon_row(e, vals);
	struct rowcache *c = cache_for(im, e);
	long found = find_row(c, e, key, key2, key_alt, vals, from, to);
	if (found >= 0) {
		size_t i = (size_t)found;
		struct hval *row = c->rows[i];
		struct hval *merged = arena_alloc(&im->scratch, sizeof(*merged) * (size_t)e->n_fields);
		bool changed = false;
		for (int f = 0; f < e->n_fields; f++) {
			merged[f] = row[f];
			if (!vals[f].null && !exact_value(&e->fields[f], &row[f], &vals[f]) && f != key && f != key2 &&
			    !(f == key_alt && row[key].null)) {
				merged[f] = vals[f];
				changed = true;
			}
		}
		if (!changed) {
			im->res->unchanged++;
			return c->ids[i];
		}
		char *why = arena_printf(&im->scratch, "import: %s line %d", w && w->file ? w->file : "file", w ? w->line : 0);
		if (store_update(im->st, im->o->actor, e, c->ids[i], merged, why, &err)) {
			reject_err(im, w, e, &err);
			return 0;
		}
		c->rows[i] = merged;
		im->res->updated++;
		return c->ids[i];
	}
	int64_t id = 0;
	for (int f = 0; defaults && f < e->n_fields; f++) {
		if (vals[f].null && !defaults[f].null) {
			vals[f] = defaults[f];
		}
	}
	if (store_insert(im->st, im->o->actor, e, vals, &id, &err)) {
		reject_err(im, w, e, &err);
		return 0;
	}
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 8;
		c->ids = arena_grow(&im->scratch, c->ids, c->n, ncap, sizeof(*c->ids));
		c->rows = arena_grow(&im->scratch, c->rows, c->n, ncap, sizeof(*c->rows));
		c->cap = ncap;
	}
	struct hval *copy = arena_alloc(&im->scratch, sizeof(*copy) * (size_t)e->n_fields);
	memcpy(copy, vals, sizeof(*copy) * (size_t)e->n_fields);
	c->ids[c->n] = id;
	c->rows[c->n++] = copy;
	im->res->inserted++;
	return id;
}

int64_t imp_child_id(struct importer *im, const char *la_id)
{
	return smap_get(&im->children, la_id);
}

int64_t imp_child(struct importer *im, const struct imp_where *w, const char *la_id, hdate dob, hdate expected,
		  const char *sex, const char *ethnicity, const char *upn, const char *former_upn, hdate death,
		  const char *source, const struct imp_more *more, size_t n_more)
{
	struct hearth_error err = {0};
	int64_t id = smap_get(&im->children, la_id);
	const struct entity *e = &entity_child;
	sex = canon_code(&e->fields[CHILD_SEX], sex);
	ethnicity = canon_code(&e->fields[CHILD_ETHNICITY], ethnicity);
	if (id && smap_get(&im->seen, la_id)) {
		/* A child met again in the same import (Annex A lists one child on many rows):
		 * the first row says who the child is. */
		cache_child(im, id, false, true);
		return id;
	}
	if (id) {
		smap_put(&im->seen, im->a, arena_strdup(im->a, la_id), id);
		cache_child(im, id, false, true);
		struct hval *row;
		if (store_get(im->st, e, id, &im->scratch, &row, &err)) {
			reject_err(im, w, e, &err);
			return 0;
		}
		struct hval *v = arena_alloc(&im->scratch, sizeof(*v) * (size_t)e->n_fields);
		memcpy(v, row, sizeof(*v) * (size_t)e->n_fields);
		bool changed = false;
#define SET_DATE(F, d_)                                                     \
	if (dok(d_) && (v[F].null || v[F].i != (d_))) {                     \
		imp_set_date(&v[F], d_);                                    \
		changed = true;                                             \
	}
#define SET_STR(F, s_)                                                      \
	if (sok(s_) && (v[F].null || strcmp(v[F].s, s_) != 0)) {            \
		imp_set_str(&v[F], s_);                                     \
		changed = true;                                             \
	}
		SET_DATE(CHILD_DOB, dob);
		if (v[CHILD_EXPECTED_DOB].null) {
			SET_DATE(CHILD_EXPECTED_DOB, expected);
		}
		SET_DATE(CHILD_DEATH_DATE, death);
		SET_STR(CHILD_SEX, sex);
		SET_STR(CHILD_ETHNICITY, ethnicity);
		SET_STR(CHILD_UPN, upn);
		SET_STR(CHILD_FORMER_UPN, former_upn);
#undef SET_DATE
#undef SET_STR
		for (size_t k = 0; k < n_more; k++) {
			const struct imp_more *m = &more[k];
			struct hval mv = m->val;
			mv.s = mv.null ? mv.s : canon_code(&e->fields[m->field], mv.s);
			if (!mv.null && !(m->fill && !v[m->field].null) && !exact_value(&e->fields[m->field], &v[m->field], &mv)) {
				v[m->field] = mv;
				changed = true;
			}
		}
		if (!changed) {
			im->res->unchanged++;
			return id;
		}
		char *why = arena_printf(&im->scratch, "import: %s line %d", w && w->file ? w->file : "file", w ? w->line : 0);
		if (store_update(im->st, im->o->actor, e, id, v, why, &err)) {
			reject_err(im, w, e, &err);
			return 0;
		}
		im->res->updated++;
		return id;
	}
	cache_child(im, -1, true, true);
	struct hval *v = imp_vals(im, e);
	imp_set_str(&v[CHILD_LA_CHILD_ID], la_id);
	/* A return carries no names: the record says where the child came from. */
	imp_set_str(&v[CHILD_GIVEN_NAME], "(not in the return)");
	imp_set_str(&v[CHILD_FAMILY_NAME], arena_printf(&im->scratch, "(imported from %s)", source));
	imp_set_date(&v[CHILD_DOB], dob);
	imp_set_date(&v[CHILD_EXPECTED_DOB], expected);
	imp_set_date(&v[CHILD_DEATH_DATE], death);
	imp_set_str(&v[CHILD_SEX], sex);
	imp_set_str(&v[CHILD_ETHNICITY], ethnicity);
	imp_set_str(&v[CHILD_UPN], upn);
	imp_set_str(&v[CHILD_FORMER_UPN], former_upn);
	imp_set_int(&v[CHILD_UASC], 0);
	imp_set_int(&v[CHILD_RESTRICTED], 0);
	for (size_t k = 0; k < n_more; k++) {
		if (!more[k].val.null) {
			v[more[k].field] = more[k].val;
			v[more[k].field].s = canon_code(&e->fields[more[k].field], more[k].val.s);
		}
	}
	if (store_insert(im->st, im->o->actor, e, v, &id, &err)) {
		reject_err(im, w, e, &err);
		return 0;
	}
	im->res->inserted++;
	const char *key = arena_strdup(im->a, la_id);
	smap_put(&im->children, im->a, key, id);
	smap_put(&im->seen, im->a, key, id);
	im->child = id;
	im->child_new = true;
	return id;
}

int64_t imp_worker(struct importer *im, const struct imp_where *w, const char *sw_id, hdate start)
{
	int64_t id = smap_get(&im->workers, sw_id);
	if (id || !sok(sw_id)) {
		return id;
	}
	struct hearth_error err = {0};
	const struct entity *e = &entity_worker;
	struct hval *v = arena_alloc(im->a, sizeof(*v) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		v[i].null = true;
	}
	imp_set_str(&v[WORKER_STAFF_ID], sw_id);
	imp_set_str(&v[WORKER_GIVEN_NAME], "(not in the return)");
	imp_set_str(&v[WORKER_FAMILY_NAME], "(imported social worker)");
	imp_set_str(&v[WORKER_ROLE], "social_worker");
	v[WORKER_FTE].null = false;
	v[WORKER_FTE].r = 1.0;
	imp_set_int(&v[WORKER_AGENCY], 0);
	imp_set_int(&v[WORKER_CASE_HOLDER], 1);
	imp_set_date(&v[WORKER_START_DATE], start);
	if (store_insert(im->st, im->o->actor, e, v, &id, &err)) {
		reject_err(im, w, e, &err);
		return 0;
	}
	im->res->inserted++;
	smap_put(&im->workers, im->a, arena_strdup(im->a, sw_id), id);
	return id;
}

int imp_child_set(struct importer *im, const struct imp_where *w, int64_t child_id, const int *fields,
		  const struct hval *vals, int n)
{
	struct hearth_error err = {0};
	const struct entity *e = &entity_child;
	struct hval *row;
	if (store_get(im->st, e, child_id, &im->scratch, &row, &err)) {
		reject_err(im, w, e, &err);
		return -1;
	}
	struct hval *v = arena_alloc(&im->scratch, sizeof(*v) * (size_t)e->n_fields);
	memcpy(v, row, sizeof(*v) * (size_t)e->n_fields);
	bool changed = false;
	for (int k = 0; k < n; k++) {
		if (!vals[k].null && !exact_value(&e->fields[fields[k]], &v[fields[k]], &vals[k])) {
			v[fields[k]] = vals[k];
			changed = true;
		}
	}
	if (!changed) {
		im->res->unchanged++;
		return 0;
	}
	char *why = arena_printf(&im->scratch, "import: %s line %d", w && w->file ? w->file : "file", w ? w->line : 0);
	if (store_update(im->st, im->o->actor, e, child_id, v, why, &err)) {
		reject_err(im, w, e, &err);
		return -1;
	}
	im->res->updated++;
	return 0;
}

size_t imp_count(struct importer *im, const struct entity *e, int64_t child_id)
{
	if (im->child != child_id) {
		cache_child(im, child_id, false, false);
	}
	return cache_for(im, e)->n;
}

size_t imp_count_before(struct importer *im, const struct entity *e, int64_t child_id, int key, hdate d)
{
	if (im->child != child_id) {
		cache_child(im, child_id, false, false);
	}
	struct rowcache *c = cache_for(im, e);
	size_t n = 0;
	for (size_t i = 0; dok(d) && i < c->n; i++) {
		hdate k = row_day(&e->fields[key], &c->rows[i][key]);
		n += k != DATE_NONE && k < d;
	}
	return n;
}

int64_t imp_latest(struct importer *im, const struct entity *e, int64_t child_id, int key, hdate d)
{
	if (im->child != child_id) {
		cache_child(im, child_id, false, false);
	}
	struct rowcache *c = cache_for(im, e);
	int64_t best = 0;
	hdate best_d = DATE_NONE;
	for (size_t i = 0; dok(d) && i < c->n; i++) {
		hdate k = row_day(&e->fields[key], &c->rows[i][key]);
		if (k != DATE_NONE && k <= d && (best_d == DATE_NONE || k >= best_d)) {
			best = c->ids[i];
			best_d = k;
		}
	}
	return best;
}
