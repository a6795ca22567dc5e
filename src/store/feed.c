/* store/feed: the DfE feed's submissions and items, and the child facts it reads beyond the
 * casefile (store/feed.h). */
#include "store/feed.h"

#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* A child's latest item: the item with the highest id among the child's. */
#define LATEST_ITEM "f.id IN (SELECT max(id) FROM feed_item GROUP BY child_id)"

static const char *text_or_null(struct db_stmt *s, int col, struct arena *a)
{
	return db_col_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static char state_letter(const char *s)
{
	return s && s[0] ? s[0] : '?';
}

static const char *state_word(char c)
{
	return c == 'n' ? "new" : c == 'u' ? "updated" : "purged";
}

/* Each row of a query fills one element of an array. */
typedef void row_fill_fn(struct db_stmt *s, void *elem, struct arena *a);

/* Runs sql with its int64 parameters bound in order, each row filled by fill into a new,
 * zeroed element (of size bytes) of an array grown in a; *out is NULL when there is none. */
static int query_rows(struct store *st, const char *sql, const int64_t *params, int n_params, size_t size,
		      row_fill_fn *fill, struct arena *a, void **out, size_t *n_out, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	for (int i = 0; i < n_params; i++) {
		db_bind_int(s, i + 1, params[i]);
	}
	size_t n = 0, cap = 0;
	char *v = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			size_t grown = cap ? cap * 2 : 64;
			v = arena_grow(a, v, cap, grown, size);
			cap = grown;
		}
		memset(v + n * size, 0, size);
		fill(s, v + n * size, a);
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = v;
	*n_out = n;
	return 0;
}

/* The single integer a query answers (a count), 0 when it answers no row. */
static int query_count(struct store *st, const char *sql, const int64_t *params, int n_params, int64_t *out,
		       struct hearth_error *err)
{
	*out = 0;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	for (int i = 0; i < n_params; i++) {
		db_bind_int(s, i + 1, params[i]);
	}
	if ((rc = db_step(s, err)) == 1) {
		*out = db_col_int(s, 0);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

static void fill_last(struct db_stmt *s, void *elem, struct arena *a)
{
	struct store_feed_last *x = elem;
	x->child_id = db_col_int(s, 0);
	x->item_id = db_col_int(s, 1);
	x->state = state_letter(db_col_text(s, 2));
	x->hash = text_or_null(s, 3, a);
}

int store_feed_last(struct store *st, struct arena *a, struct store_feed_last **out, size_t *n_out,
		    struct hearth_error *err)
{
	void *v;
	int rc = query_rows(st,
			    "SELECT f.child_id, f.id, f.state, f.hash FROM feed_item f WHERE " LATEST_ITEM
			    " ORDER BY f.child_id",
			    NULL, 0, sizeof(**out), fill_last, a, &v, n_out, err);
	*out = v;
	return rc;
}

int store_feed_payload(struct store *st, int64_t item_id, struct arena *a, const char **out,
		       struct hearth_error *err)
{
	*out = NULL;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT payload FROM feed_item WHERE id = ?", &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, item_id);
	if ((rc = db_step(s, err)) == 1) {
		*out = text_or_null(s, 0, a);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

static void fill_gone(struct db_stmt *s, void *elem, struct arena *a)
{
	struct store_feed_gone *x = elem;
	x->child_id = db_col_int(s, 0);
	x->la_child_id = text_or_null(s, 1, a);
}

int store_feed_gone(struct store *st, struct arena *a, struct store_feed_gone **out, size_t *n_out,
		    struct hearth_error *err)
{
	void *v;
	int rc = query_rows(st,
			    "SELECT f.child_id, f.la_child_id FROM feed_item f JOIN child c ON c.id = f.child_id WHERE "
			    LATEST_ITEM " AND f.state <> 'purged' AND c.voided = 1 ORDER BY f.child_id",
			    NULL, 0, sizeof(**out), fill_gone, a, &v, n_out, err);
	*out = v;
	return rc;
}

/* The extra of child id, appended to the array when it is not its last element already
 * (both queries come in child id order). */
static struct store_feed_extra *extra_for(struct arena *a, struct store_feed_extra **v, size_t *n, size_t *cap,
					  int64_t id)
{
	if (*n && (*v)[*n - 1].child_id == id) {
		return &(*v)[*n - 1];
	}
	if (*n == *cap) {
		size_t grown = *cap ? *cap * 2 : 1024;
		*v = arena_grow(a, *v, *cap, grown, sizeof(**v));
		*cap = grown;
	}
	struct store_feed_extra *x = &(*v)[(*n)++];
	memset(x, 0, sizeof(*x));
	x->child_id = id;
	return x;
}

static int by_child(const void *p, const void *q)
{
	int64_t a = ((const struct store_feed_extra *)p)->child_id, b = ((const struct store_feed_extra *)q)->child_id;
	return a < b ? -1 : a > b;
}

int store_feed_extras(struct store *st, struct arena *a, struct store_feed_extra **out, size_t *n_out,
		      struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	size_t n = 0, cap = 0;
	struct store_feed_extra *v = NULL;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT id, postcode FROM child WHERE voided = 0 AND postcode IS NOT NULL ORDER BY id", &s,
			    err);
	if (rc) {
		return rc;
	}
	while ((rc = db_step(s, err)) == 1) {
		extra_for(a, &v, &n, &cap, db_col_int(s, 0))->postcode = arena_strdup(a, db_col_text(s, 1));
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	size_t with_postcode = n;
	/* Disabilities: merged into the postcodes' entries by a second, sorted pass. */
	if ((rc = db_prepare(store_db(st),
			     "SELECT d.child_id, d.code FROM child_disability d JOIN child c ON c.id = d.child_id WHERE "
			     "d.voided = 0 AND c.voided = 0 ORDER BY d.child_id, d.code, d.id",
			     &s, err))) {
		return rc;
	}
	struct store_feed_extra *cur = NULL;
	size_t dcap = 0;
	while ((rc = db_step(s, err)) == 1) {
		int64_t id = db_col_int(s, 0);
		if (!cur || cur->child_id != id) {
			struct store_feed_extra key = {.child_id = id};
			cur = with_postcode ? bsearch(&key, v, with_postcode, sizeof(*v), by_child) : NULL;
			if (!cur) {
				cur = extra_for(a, &v, &n, &cap, id);
			}
			dcap = cur->n_disabilities;
		}
		const char *code = db_col_text(s, 1);
		if (cur->n_disabilities && strcmp(cur->disabilities[cur->n_disabilities - 1], code) == 0) {
			continue;	/* one code once */
		}
		if (cur->n_disabilities == dcap) {
			size_t grown = dcap ? dcap * 2 : 4;
			cur->disabilities = arena_grow(a, cur->disabilities, dcap, grown, sizeof(*cur->disabilities));
			dcap = grown;
		}
		cur->disabilities[cur->n_disabilities++] = arena_strdup(a, code);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	if (n > with_postcode) {
		qsort(v, n, sizeof(*v), by_child);
	}
	*out = v;
	*n_out = n;
	return 0;
}

int store_feed_factors(struct store *st, struct arena *a, int64_t **ids_out, const char ***factors_out,
		       size_t *n_out, struct hearth_error *err)
{
	*ids_out = NULL;
	*factors_out = NULL;
	*n_out = 0;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT id, factors FROM assessment WHERE voided = 0 AND factors IS NOT NULL AND factors <> '' "
			    "ORDER BY id",
			    &s, err);
	if (rc) {
		return rc;
	}
	size_t n = 0, cap = 0;
	int64_t *ids = NULL;
	const char **factors = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			size_t grown = cap ? cap * 2 : 1024;
			ids = arena_grow(a, ids, cap, grown, sizeof(*ids));
			factors = arena_grow(a, factors, cap, grown, sizeof(*factors));
			cap = grown;
		}
		ids[n] = db_col_int(s, 0);
		factors[n] = arena_strdup(a, db_col_text(s, 1));
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*ids_out = ids;
	*factors_out = factors;
	*n_out = n;
	return 0;
}

/* One statement in a transaction of its own, so it takes the record's write lock. */
static int one_write(struct store *st, struct db_stmt *s, int64_t *id_out, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		db_finalize(s);
		return rc;
	}
	if ((rc = db_step(s, err)) == 1 && id_out) {
		*id_out = db_col_int(s, 0);
		rc = db_step(s, err);
	}
	db_finalize(s);
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_feed_submission_begin(struct store *st, const struct store_feed_submission *sub, int64_t *id_out,
				struct hearth_error *err)
{
	char cutoff[INSTANT_STR_SIZE];
	instant_format(instant_now() - (hinstant)STORE_FEED_STALE_HOURS * 3600, cutoff);
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	/* One run at a time: two would both send what changed. A run still "running" long
	 * after it began died without ending: it is closed as abandoned. */
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st),
			     "SELECT id, started_at FROM feed_submission WHERE outcome = 'running' AND started_at > ? "
			     "ORDER BY id LIMIT 1",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_text(s, 1, cutoff);
	if ((rc = db_step(s, err)) == 1) {
		rc = herr_set(err, HERR_CONFLICT, "feed", "running",
			      "another feed run is in progress (submission %lld, started %s); runs older than %d hours "
			      "count as abandoned",
			      (long long)db_col_int(s, 0), db_col_text(s, 1), STORE_FEED_STALE_HOURS);
	}
	db_finalize(s);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	if ((rc = db_prepare(store_db(st),
			     "UPDATE feed_submission SET outcome = 'error', finished_at = ?, message = 'abandoned: the run "
			     "did not finish' WHERE outcome = 'running' AND started_at <= ?",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_text(s, 1, store_now_text(st));
	db_bind_text(s, 2, cutoff);
	rc = db_step(s, err);
	db_finalize(s);
	if (rc < 0 || (rc = db_prepare_insert(store_db(st),
					      "INSERT INTO feed_submission (started_at, mode, target, actor, n_new, n_updated, "
					      "n_purged, n_unchanged, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')",
					      &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_text(s, 1, store_now_text(st));
	db_bind_text(s, 2, sub->mode);
	db_bind_text(s, 3, sub->target);
	db_bind_text(s, 4, sub->actor);
	db_bind_int(s, 5, sub->n_new);
	db_bind_int(s, 6, sub->n_updated);
	db_bind_int(s, 7, sub->n_purged);
	db_bind_int(s, 8, sub->n_unchanged);
	if ((rc = db_step(s, err)) == 1) {
		*id_out = db_col_int(s, 0);
		rc = db_step(s, err);
	}
	db_finalize(s);
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_feed_submission_end(struct store *st, const struct store_feed_submission *sub, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "UPDATE feed_submission SET finished_at = ?, n_delivered = ?, outcome = ?, http_status = ?, "
			    "attempts = ?, message = ?, n_new = ?, n_updated = ?, n_purged = ?, n_unchanged = ? WHERE id = ?",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, store_now_text(st));
	db_bind_int(s, 2, sub->n_delivered);
	db_bind_text(s, 3, sub->outcome);
	if (sub->http_status) {
		db_bind_int(s, 4, sub->http_status);
	} else {
		db_bind_null(s, 4);
	}
	db_bind_int(s, 5, sub->attempts);
	db_bind_text(s, 6, sub->message);
	db_bind_int(s, 7, sub->n_new);
	db_bind_int(s, 8, sub->n_updated);
	db_bind_int(s, 9, sub->n_purged);
	db_bind_int(s, 10, sub->n_unchanged);
	db_bind_int(s, 11, sub->id);
	return one_write(st, s, NULL, err);
}

#define SUBMISSION_COLUMNS                                                                                    \
	"SELECT id, started_at, finished_at, mode, target, actor, n_new, n_updated, n_purged, n_unchanged, "   \
	"n_delivered, outcome, http_status, attempts, message FROM feed_submission "

static void fill_submission(struct db_stmt *s, void *elem, struct arena *a)
{
	struct store_feed_submission *x = elem;
	x->id = db_col_int(s, 0);
	x->started_at = text_or_null(s, 1, a);
	x->finished_at = text_or_null(s, 2, a);
	x->mode = text_or_null(s, 3, a);
	x->target = text_or_null(s, 4, a);
	x->actor = text_or_null(s, 5, a);
	x->n_new = db_col_int(s, 6);
	x->n_updated = db_col_int(s, 7);
	x->n_purged = db_col_int(s, 8);
	x->n_unchanged = db_col_int(s, 9);
	x->n_delivered = db_col_int(s, 10);
	x->outcome = text_or_null(s, 11, a);
	x->http_status = db_col_null(s, 12) ? 0 : db_col_int(s, 12);
	x->attempts = db_col_int(s, 13);
	x->message = text_or_null(s, 14, a);
}

int store_feed_submissions(struct store *st, struct arena *a, struct store_feed_submission **out, size_t *n_out,
			   struct hearth_error *err)
{
	void *v;
	int rc = query_rows(st, SUBMISSION_COLUMNS "ORDER BY id DESC", NULL, 0, sizeof(**out), fill_submission, a, &v,
			    n_out, err);
	*out = v;
	return rc;
}

int store_feed_submission_page(struct store *st, int64_t limit, int64_t offset, struct arena *a,
			       struct store_feed_submission **out, size_t *n_out, int64_t *total,
			       struct hearth_error *err)
{
	void *v = NULL;
	int64_t params[] = {limit, offset};
	int rc = query_count(st, "SELECT count(*) FROM feed_submission", NULL, 0, total, err);
	if (!rc) {
		rc = query_rows(st, SUBMISSION_COLUMNS "ORDER BY id DESC LIMIT ? OFFSET ?", params, 2, sizeof(**out),
				fill_submission, a, &v, n_out, err);
	}
	*out = v;
	return rc;
}

int store_feed_submission_get(struct store *st, int64_t id, struct arena *a, struct store_feed_submission *out,
			      struct hearth_error *err)
{
	void *v;
	size_t n;
	int rc = query_rows(st, SUBMISSION_COLUMNS "WHERE id = ?", &id, 1, sizeof(*out), fill_submission, a, &v, &n,
			    err);
	if (rc) {
		return rc;
	}
	if (n) {
		*out = *(struct store_feed_submission *)v;
	}
	return n ? 1 : 0;
}

static void fill_sent(struct db_stmt *s, void *elem, struct arena *a)
{
	struct store_feed_sent *x = elem;
	x->item_id = db_col_int(s, 0);
	x->child_id = db_col_int(s, 1);
	x->la_child_id = text_or_null(s, 2, a);
	x->state = state_letter(db_col_text(s, 3));
	x->response_id = text_or_null(s, 4, a);
}

int store_feed_sent(struct store *st, int64_t submission_id, int64_t limit, int64_t offset, struct arena *a,
		    struct store_feed_sent **out, size_t *n_out, int64_t *total, struct hearth_error *err)
{
	void *v = NULL;
	int64_t params[] = {submission_id, limit, offset};
	int rc = query_count(st, "SELECT count(*) FROM feed_item WHERE submission_id = ?", params, 1, total, err);
	if (!rc) {
		rc = query_rows(st,
				"SELECT id, child_id, la_child_id, state, response_id FROM feed_item WHERE submission_id = ? "
				"ORDER BY id LIMIT ? OFFSET ?",
				params, 3, sizeof(**out), fill_sent, a, &v, n_out, err);
	}
	*out = v;
	return rc;
}

int store_feed_items_add(struct store *st, const char *actor, int64_t submission_id,
			 const struct store_feed_item *items, size_t n, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st),
			     "INSERT INTO feed_item (submission_id, child_id, la_child_id, state, hash, payload, "
			     "response_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		db_reset(s);
		db_bind_int(s, 1, submission_id);
		db_bind_int(s, 2, items[i].child_id);
		db_bind_text(s, 3, items[i].la_child_id ? items[i].la_child_id : "");
		db_bind_text(s, 4, state_word(items[i].state));
		db_bind_text(s, 5, items[i].hash);
		db_bind_text(s, 6, items[i].payload);
		db_bind_text(s, 7, items[i].response_id);
		rc = db_step(s, err);
		rc = rc < 0 ? rc : 0;
	}
	db_finalize(s);
	/* Each child's trail says its data left the record, and in which submission. */
	const char *route = st->origin_route[0] ? st->origin_route : NULL;
	const char *address = st->origin_address[0] ? st->origin_address : NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct store_audit row = {actor, "disclose", items[i].child_id, "dfe_feed", route, address};
		rc = store_audit_append_locked(st, &row, 1, err);
	}
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
