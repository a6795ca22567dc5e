/* drafts: forms in progress, one per person and form (see migration 004_drafts).
 *
 * Not the record: nothing here writes a revision, and no read of the record (casefiles,
 * measures, returns, the chronology, exports) looks at this table. The web layer decides
 * which forms may have drafts and whose; the store only keeps them, keyed by the person's
 * id and the form's path, so one person can never read or remove another's. Each call is
 * one statement, so each is atomic without a transaction of its own. */
#include <string.h>

#include "store/internal.h"

#define DRAFT_COLUMNS "id, user_id, path, title, child_id, fields, created_at, updated_at"

static void read_draft(struct db_stmt *s, struct arena *a, struct store_draft *d)
{
	d->id = db_col_int(s, 0);
	d->user_id = db_col_int(s, 1);
	d->path = arena_strdup(a, db_col_text(s, 2));
	d->title = arena_strdup(a, db_col_text(s, 3));
	d->child_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
	d->fields = arena_strdup(a, db_col_text(s, 5));
	d->created_at = db_col_int(s, 6);
	d->updated_at = db_col_int(s, 7);
}

int store_draft_save(struct store *st, int64_t user_id, const char *path, const char *title, int64_t child_id,
		     const char *fields, hinstant now, struct hearth_error *err)
{
	if (!path || !*path || !title || !fields) {
		return herr_set(err, HERR_INVALID, "path", "required", "a draft needs its form's path, title and fields");
	}
	struct db_stmt *s;
	/* One row per person and form: a later save replaces the fields and keeps created_at. */
	int rc = db_prepare(store_db(st),
			    "INSERT INTO draft (user_id, path, title, child_id, fields, created_at, updated_at) "
			    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, path) DO UPDATE SET "
			    "title = excluded.title, child_id = excluded.child_id, fields = excluded.fields, "
			    "updated_at = excluded.updated_at",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, user_id);
	db_bind_text(s, 2, path);
	db_bind_text(s, 3, title);
	if (child_id) {
		db_bind_int(s, 4, child_id);
	} else {
		db_bind_null(s, 4);
	}
	db_bind_text(s, 5, fields);
	db_bind_int(s, 6, now);
	db_bind_int(s, 7, now);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_draft_get(struct store *st, int64_t user_id, const char *path, struct arena *a, struct store_draft *out,
		    struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT " DRAFT_COLUMNS " FROM draft WHERE user_id = ? AND path = ?", &s,
			    err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, user_id);
	db_bind_text(s, 2, path);
	rc = db_step(s, err);
	if (rc == 1) {
		read_draft(s, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = HERR_NOT_FOUND;
	}
	db_finalize(s);
	return rc;
}

int store_draft_delete(struct store *st, int64_t user_id, const char *path, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "DELETE FROM draft WHERE user_id = ? AND path = ?", &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, user_id);
	db_bind_text(s, 2, path);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_drafts_list(struct store *st, int64_t user_id, struct arena *a, struct store_draft **out, size_t *n_out,
		      struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT " DRAFT_COLUMNS " FROM draft WHERE user_id = ? ORDER BY updated_at DESC, id DESC", &s,
			    err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, user_id);
	size_t n = 0, cap = 0;
	struct store_draft *d = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			d = arena_grow(a, d, n, cap = cap ? cap * 2 : 8, sizeof(*d));
		}
		read_draft(s, a, &d[n++]);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = d;
	*n_out = n;
	return 0;
}
