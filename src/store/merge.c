/* merge: two records of one child made one, and undone exactly (store.h).
 *
 * A merge moves every live row that names the other child (in any column that refers to
 * a child: a row's child_id, a relationship's other_child_id, a LADO allegation's child)
 * to the kept child, each move a revision of its row with the merge's reason, and lists
 * each move in child_merge_row; then it retracts the other child's own row ("merged into
 * ..."), so every list, search, measure, return and clock sees one child. The other row
 * stays, and child_merge says where it went: store_child_merged_into resolves its id.
 * Retracted rows of the other child stay with it: they are out of everything already.
 *
 * Undo moves back exactly the rows listed, and no others, and makes the other child live
 * again; it refuses (nothing changed) when a listed row has moved or been retracted since,
 * or a later merge took the kept child elsewhere, so that what it puts back is what was
 * there. Revisions and audit rows only grow. */
#include <string.h>

#include "base/buf.h"
#include "store/internal.h"

static bool refers_to_child(const struct field *f)
{
	return f->type == FT_REF && f->arg && strcmp(f->arg, "child") == 0;
}

/* The live merge that took child id away (0 when none). */
static int merged_away(struct store *st, int64_t id, int64_t *merge_id, int64_t *keep, struct hearth_error *err)
{
	struct db_stmt *s;
	*merge_id = *keep = 0;
	int rc = db_prepare(store_db(st),
			    "SELECT id, keep_id FROM child_merge WHERE other_id = ? AND undone_at IS NULL", &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, id);
	if ((rc = db_step(s, err)) == 1) {
		*merge_id = db_col_int(s, 0);
		*keep = db_col_int(s, 1);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_child_merged_into(struct store *st, int64_t id, int64_t *keep, struct hearth_error *err)
{
	*keep = id;
	/* A chain (a into b, then b into c) ends at the record still standing; a few hops
	 * at most, bounded so a damaged table cannot loop. */
	for (int hop = 0; hop < 16; hop++) {
		int64_t m, k;
		int rc = merged_away(st, *keep, &m, &k, err);
		if (rc) {
			return rc;
		}
		if (!m) {
			return hop > 0;
		}
		*keep = k;
	}
	return 1;
}

static int child_live(struct store *st, int64_t id, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT 1 FROM child WHERE id = ? AND voided = 0", &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, id);
	rc = db_step(s, err);
	db_finalize(s);
	return rc;
}

static int note_move(struct store *st, int64_t merge_id, const char *table, int64_t row, const char *column,
		     struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "INSERT INTO child_merge_row (merge_id, table_name, row_id, column_name) VALUES (?, ?, ?, ?)",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, merge_id);
	db_bind_text(s, 2, table);
	db_bind_int(s, 3, row);
	db_bind_text(s, 4, column);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* The ids of e's live rows whose column f names child (in the arena). */
static int rows_naming(struct store *st, const struct entity *e, const struct field *f, int64_t child,
		       struct arena *a, int64_t **ids, size_t *n, struct hearth_error *err)
{
	struct buf sql = BUF_INIT;
	/* Table and column names are the compiled descriptor's, never input. */
	buf_printf(&sql, "SELECT id FROM %s WHERE %s = ? AND voided = 0 ORDER BY id", e->name, f->name);
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), buf_cstr(&sql), &s, err);
	buf_free(&sql);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, child);
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	while ((rc = db_step(s, err)) == 1) {
		if (*n == cap) {
			size_t grown = cap ? cap * 2 : 16;
			*ids = arena_grow(a, *ids, cap, grown, sizeof(**ids));
			cap = grown;
		}
		(*ids)[(*n)++] = db_col_int(s, 0);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

static int audit_merge(struct store *st, const char *actor, const char *action, int64_t keep, int64_t other,
		       struct hearth_error *err)
{
	struct store_audit rows[2] = {
		{actor, action, keep, "merge", st->origin_route[0] ? st->origin_route : NULL,
		 st->origin_address[0] ? st->origin_address : NULL},
		{actor, action, other, "merge", st->origin_route[0] ? st->origin_route : NULL,
		 st->origin_address[0] ? st->origin_address : NULL},
	};
	return store_audit_append_locked(st, rows, 2, err);
}

int store_merge(struct store *st, const char *actor, int64_t keep, int64_t other, const char *reason,
		int64_t *merge_id_out, size_t *moved_out, struct hearth_error *err)
{
	if (keep == other) {
		return herr_set(err, HERR_INVALID, "other", "same_child", "a record cannot be merged into itself");
	}
	if (!reason || !reason[strspn(reason, " \t\r\n")]) {
		return herr_set(err, HERR_INVALID, "reason", "required", "a merge needs a reason");
	}
	struct arena a = ARENA_INIT;
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	for (int i = 0; i < 2 && !rc; i++) {
		int live = child_live(st, i ? other : keep, err);
		if (live < 0) {
			rc = live;
		} else if (live == 0) {
			rc = herr_set(err, HERR_NOT_FOUND, i ? "other" : "keep", "not_found",
				      "there is no live child with id %lld (merged away already?)",
				      (long long)(i ? other : keep));
		}
	}
	struct db_stmt *s = NULL;
	int64_t merge_id = 0;
	size_t moved = 0;
	if (!rc && !(rc = db_prepare(store_db(st),
				     "INSERT INTO child_merge (keep_id, other_id, reason, merged_by, merged_at) VALUES (?, ?, "
				     "?, ?, ?) RETURNING id",
				     &s, err))) {
		db_bind_int(s, 1, keep);
		db_bind_int(s, 2, other);
		db_bind_text(s, 3, reason);
		db_bind_text(s, 4, actor);
		db_bind_text(s, 5, store_now_text(st));
		rc = db_step(s, err);
		merge_id = rc == 1 ? db_col_int(s, 0) : 0;
		if (rc == 1) {
			db_step(s, NULL);
		}
		db_finalize(s);
		rc = rc < 0 ? rc : merge_id ? 0 : herr_set(err, HERR_IO, "", "database", "the merge was not recorded");
	}
	const char *why = rc ? NULL : arena_printf(&a, "merge %lld: child %lld into %lld: %s", (long long)merge_id,
						   (long long)other, (long long)keep, reason);
	for (int k = 0; !rc && k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e == &entity_child) {
			continue;
		}
		for (int f = 0; !rc && f < e->n_fields; f++) {
			if (!refers_to_child(&e->fields[f])) {
				continue;
			}
			int64_t *ids;
			size_t n;
			rc = rows_naming(st, e, &e->fields[f], other, &a, &ids, &n, err);
			for (size_t i = 0; !rc && i < n; i++) {
				if (!(rc = store_move_row(st, actor, e, ids[i], f, other, keep, why, err))) {
					rc = note_move(st, merge_id, e->name, ids[i], e->fields[f].name, err);
					moved++;
				}
			}
		}
	}
	if (!rc) {
		rc = store_void(st, actor, &entity_child, other, why, err);
	}
	if (!rc) {
		rc = audit_merge(st, actor, "merge", keep, other, err);
	}
	arena_free(&a);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st, err))) {
		return rc;
	}
	if (merge_id_out) {
		*merge_id_out = merge_id;
	}
	if (moved_out) {
		*moved_out = moved;
	}
	return 0;
}

int store_merge_get(struct store *st, int64_t merge_id, struct arena *a, struct store_merge_info *out,
		    struct hearth_error *err)
{
	struct db_stmt *s;
	memset(out, 0, sizeof(*out));
	int rc = db_prepare(store_db(st),
			    "SELECT id, keep_id, other_id, reason, merged_by, merged_at, undone_by, undone_at, (SELECT "
			    "count(*) FROM child_merge_row r WHERE r.merge_id = m.id) FROM child_merge m WHERE id = ?",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, merge_id);
	if ((rc = db_step(s, err)) == 1) {
		out->id = db_col_int(s, 0);
		out->keep_id = db_col_int(s, 1);
		out->other_id = db_col_int(s, 2);
		out->reason = arena_strdup(a, db_col_text(s, 3));
		out->merged_by = arena_strdup(a, db_col_text(s, 4));
		out->merged_at = arena_strdup(a, db_col_text(s, 5));
		out->undone_by = db_col_null(s, 6) ? NULL : arena_strdup(a, db_col_text(s, 6));
		out->undone_at = db_col_null(s, 7) ? NULL : arena_strdup(a, db_col_text(s, 7));
		out->rows = db_col_int(s, 8);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	return rc == 1 ? 0 : herr_set(err, HERR_NOT_FOUND, "merge", "not_found", "there is no merge %lld",
				       (long long)merge_id);
}

int store_merge_undo(struct store *st, const char *actor, int64_t merge_id, const char *reason,
		     size_t *moved_out, struct hearth_error *err)
{
	if (!reason || !reason[strspn(reason, " \t\r\n")]) {
		return herr_set(err, HERR_INVALID, "reason", "required", "undoing a merge needs a reason");
	}
	struct arena a = ARENA_INIT;
	struct store_merge_info m;
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	if (!(rc = store_merge_get(st, merge_id, &a, &m, err)) && m.undone_at) {
		rc = herr_set(err, HERR_CONFLICT, "merge", "undone", "merge %lld was undone already", (long long)merge_id);
	}
	if (!rc) {
		int64_t later, where;
		if (!(rc = merged_away(st, m.keep_id, &later, &where, err)) && later) {
			rc = herr_set(err, HERR_CONFLICT, "merge", "later_merge",
				      "child %lld was merged into %lld since (merge %lld): undo that first",
				      (long long)m.keep_id, (long long)where, (long long)later);
		}
	}
	const char *why = rc ? NULL : arena_printf(&a, "merge %lld undone: %s", (long long)merge_id, reason);
	/* The other child first: its rows go back to a live record. */
	if (!rc) {
		rc = store_child_revive(st, actor, m.other_id, why, err);
	}
	struct db_stmt *s = NULL;
	if (!rc) {
		rc = db_prepare(store_db(st),
				"SELECT table_name, row_id, column_name FROM child_merge_row WHERE merge_id = ? ORDER BY id",
				&s, err);
	}
	size_t moved = 0;
	if (!rc) {
		db_bind_int(s, 1, merge_id);
		struct {
			const struct entity *e;
			int64_t row;
			int field;
		} *list = NULL;
		size_t n = 0, cap = 0;
		while ((rc = db_step(s, err)) == 1) {
			const struct entity *e = entity_find(db_col_text(s, 0));
			int f = e ? entity_field_index(e, db_col_text(s, 2)) : -1;
			if (!e || f < 0) {
				rc = herr_set(err, HERR_IO, "merge", "damaged", "merge %lld lists a row this version cannot read",
					      (long long)merge_id);
				break;
			}
			if (n == cap) {
				size_t grown = cap ? cap * 2 : 16;
				list = arena_grow(&a, list, cap, grown, sizeof(*list));
				cap = grown;
			}
			list[n].e = e;
			list[n].row = db_col_int(s, 1);
			list[n].field = f;
			n++;
		}
		db_finalize(s);
		rc = rc < 0 ? rc : 0;
		for (size_t i = 0; !rc && i < n; i++) {
			rc = store_move_row(st, actor, list[i].e, list[i].row, list[i].field, m.keep_id, m.other_id, why, err);
			if (rc == HERR_NOT_FOUND || rc == HERR_CONFLICT) {
				rc = herr_set(err, HERR_CONFLICT, "merge", "changed_since",
					      "%s %lld has been retracted or moved since the merge: undo cannot put it "
					      "back exactly (nothing was changed)",
					      list[i].e->label, (long long)list[i].row);
			}
			moved++;
		}
	}
	if (!rc && !(rc = db_prepare(store_db(st),
				     "UPDATE child_merge SET undone_by = ?, undone_at = ?, undo_reason = ? WHERE id = ?", &s,
				     err))) {
		db_bind_text(s, 1, actor);
		db_bind_text(s, 2, store_now_text(st));
		db_bind_text(s, 3, reason);
		db_bind_int(s, 4, merge_id);
		rc = db_step(s, err);
		db_finalize(s);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc) {
		rc = audit_merge(st, actor, "merge_undo", m.keep_id, m.other_id, err);
	}
	arena_free(&a);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st, err))) {
		return rc;
	}
	if (moved_out) {
		*moved_out = moved;
	}
	return 0;
}
