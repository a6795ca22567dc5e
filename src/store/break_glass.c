/* break_glass: opening a child's record outside one's scope, with a reason.
 *
 * Nothing new is kept for it but the audit trail: the opening is an audit row (action
 * break_glass, the reason as its section) in the hash chain, so it can be neither edited
 * nor removed; it lets that person read that child until it is break_glass_minutes old
 * (setting). A review is another audit row (action break_glass_reviewed, the opening's
 * row id as its section). A restricted child (adoption, high-profile) is never opened
 * this way: it needs an explicit grant (access.c), and an opening stops working if the
 * child is restricted later. */
#include <stdio.h>
#include <string.h>

#include "store/internal.h"

int store_break_glass_open(struct store *st, const char *actor, int64_t child_id, const char *reason,
			   struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st), "SELECT 1 FROM child c WHERE c.id = ? AND c.voided = 0 AND c.restricted = 0",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_int(s, 1, child_id);
	rc = db_step(s, err);
	db_finalize(s);
	if (rc <= 0) {
		store_rollback(st);
		/* The same words as for a child that does not exist: whether a restricted
		 * child has this id is not said. */
		return rc < 0 ? rc : herr_set(err, HERR_NOT_FOUND, "id", "not_found", "there is no child with this id");
	}
	struct store_audit a = {actor, "break_glass", child_id, reason, st->origin_route[0] ? st->origin_route : NULL,
				st->origin_address[0] ? st->origin_address : NULL};
	if ((rc = store_audit_append_locked(st, &a, 1, err))) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_break_glass_active(struct store *st, const char *actor, int64_t child_id, hinstant since,
			     struct hearth_error *err)
{
	struct db_stmt *s;
	char at[INSTANT_STR_SIZE];
	int rc = db_prepare(store_db(st),
			    "SELECT 1 FROM audit a JOIN child c ON c.id = a.child_id WHERE a.child_id = ? AND "
			    "a.actor = ? AND a.action = 'break_glass' AND a.at >= ? AND c.voided = 0 AND "
			    "c.restricted = 0 LIMIT 1",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, child_id);
	db_bind_text(s, 2, actor);
	db_bind_text(s, 3, instant_format(since, at));
	rc = db_step(s, err);
	db_finalize(s);
	return rc;
}

#define BG_UNREVIEWED                                                                                      \
	" FROM audit a WHERE a.action = 'break_glass' AND NOT EXISTS (SELECT 1 FROM audit v WHERE v.child_id = " \
	"a.child_id AND v.action = 'break_glass_reviewed' AND v.section = CAST(a.id AS TEXT))"

int store_break_glass_to_review(struct store *st, int64_t limit, struct arena *a, struct store_audit_row **out,
				size_t *n_out, int64_t *total, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	*total = 0;
	struct db_stmt *s;
	int rc = store_audit_flush(st, err);
	if (rc || (rc = db_prepare(store_db(st), "SELECT count(*)" BG_UNREVIEWED, &s, err))) {
		return rc;
	}
	rc = db_step(s, err);
	*total = rc == 1 ? db_col_int(s, 0) : 0;
	db_finalize(s);
	if (rc < 0 || (rc = db_prepare(store_db(st),
				       "SELECT a.id, a.at, a.actor, a.action, a.child_id, a.section, a.route, a.address"
				       BG_UNREVIEWED " ORDER BY a.id DESC LIMIT ?",
				       &s, err))) {
		return rc;
	}
	db_bind_int(s, 1, limit);
	size_t n = 0, cap = 0;
	struct store_audit_row *rows = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			rows = arena_grow(a, rows, n, cap = cap ? cap * 2 : 16, sizeof(*rows));
		}
		struct store_audit_row *x = &rows[n++];
		x->id = db_col_int(s, 0);
		x->at = arena_strdup(a, db_col_text(s, 1));
		x->row.actor = arena_strdup(a, db_col_text(s, 2));
		x->row.action = arena_strdup(a, db_col_text(s, 3));
		x->row.child_id = db_col_int(s, 4);
		x->row.section = arena_strdup(a, db_col_text(s, 5));
		x->row.route = arena_strdup(a, db_col_null(s, 6) ? "" : db_col_text(s, 6));
		x->row.address = arena_strdup(a, db_col_null(s, 7) ? "" : db_col_text(s, 7));
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = rows;
	*n_out = n;
	return 0;
}

int store_break_glass_review(struct store *st, const char *actor, int64_t audit_id, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st), "SELECT a.child_id" BG_UNREVIEWED " AND a.id = ?", &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_int(s, 1, audit_id);
	rc = db_step(s, err);
	int64_t child = rc == 1 ? db_col_int(s, 0) : 0;
	db_finalize(s);
	if (rc <= 0) {
		store_rollback(st);
		return rc < 0 ? rc
			      : herr_set(err, HERR_NOT_FOUND, "rid", "not_found",
					 "there is no break-glass opening with this id waiting for review");
	}
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)audit_id);
	struct store_audit row = {actor, "break_glass_reviewed", child, id,
				  st->origin_route[0] ? st->origin_route : NULL,
				  st->origin_address[0] ? st->origin_address : NULL};
	if ((rc = store_audit_append_locked(st, &row, 1, err))) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
