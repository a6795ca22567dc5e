/* approvals: the lists of requests for a manager's authorisation (issue 15, part 2; the
 * declarations are in store.h): a manager's queue, in scope, oldest first, and a worker's
 * own requests (returned to them, or awaiting). */
#include <string.h>

#include "base/buf.h"
#include "store/internal.h"

#define APPROVAL_COLUMNS                                                                                   \
	"SELECT x.id, x.child_id, c.la_child_id, c.given_name, c.family_name, x.point, x.record_kind, "       \
	"x.record_id, x.state, x.asked_date, x.asked_by, w.given_name, w.family_name, x.decided_date, x.reason, "  \
	"CASE WHEN x.proposed_date IS NULL THEN 0 ELSE 1 END " \
	"FROM authorisation x JOIN child c ON c.id = x.child_id LEFT JOIN worker w ON w.id = x.asked_by "

static const char *dup_or_null(struct arena *a, struct db_stmt *s, int col)
{
	return db_col_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static hdate date_col(struct db_stmt *s, int col)
{
	hdate d = DATE_NONE;
	if (!db_col_null(s, col)) {
		date_parse(db_col_text(s, col), &d);
	}
	return d;
}

static int read_rows(struct db_stmt *s, size_t room, struct arena *a, struct store_approval **out, size_t *n_out,
		     struct hearth_error *err)
{
	struct store_approval *rows = arena_alloc(a, sizeof(*rows) * (room ? room : 1));
	size_t n = 0;
	int rc = 0;
	while (n < room && (rc = db_step(s, err)) == 1) {
		struct store_approval *x = &rows[n++];
		x->id = db_col_int(s, 0);
		x->child_id = db_col_int(s, 1);
		x->la_child_id = arena_strdup(a, db_col_text(s, 2));
		x->given_name = arena_strdup(a, db_col_text(s, 3));
		x->family_name = arena_strdup(a, db_col_text(s, 4));
		x->point = arena_strdup(a, db_col_text(s, 5));
		x->record_kind = arena_strdup(a, db_col_text(s, 6));
		x->record_id = db_col_int(s, 7);
		x->state = arena_strdup(a, db_col_text(s, 8));
		x->asked_date = date_col(s, 9);
		x->asked_by = db_col_null(s, 10) ? 0 : db_col_int(s, 10);
		x->asked_by_name = db_col_null(s, 11) ? NULL
						       : arena_printf(a, "%s %s", db_col_text(s, 11), db_col_text(s, 12));
		x->decided_date = date_col(s, 13);
		x->reason = dup_or_null(a, s, 14);
		x->proposal = db_col_int(s, 15) != 0;
	}
	if (rc < 0) {
		return rc;
	}
	*out = rows;
	*n_out = n;
	return 0;
}

int store_approvals_awaiting(struct store *st, const struct store_scope *sc, const char *const *points,
			     size_t n_points, int64_t limit, struct arena *a, struct store_approval **out,
			     size_t *n_out, int64_t *total, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	*total = 0;
	const char *scope = store_scope_set_sql(sc->kind);
	if (!scope || n_points == 0) {
		return 0;
	}
	/* ?1..?3 the scope's, ?4..?11 the points (unused ones NULL), ?12 the limit. */
	_Static_assert(STORE_APPROVAL_POINTS == 8, "the points are ?4 to ?11");
	static const char where[] = "WHERE x.voided = 0 AND x.state = 'awaiting' AND x.point IN "
				    "(?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) AND ";
	struct buf sql = BUF_INIT, count_sql = BUF_INIT;
	buf_printf(&sql, APPROVAL_COLUMNS "%s%s ORDER BY x.asked_date, x.id LIMIT ?12", where, scope);
	buf_printf(&count_sql, "SELECT count(*) FROM authorisation x JOIN child c ON c.id = x.child_id %s%s", where,
		   scope);
	struct db_stmt *s, *cs;
	int rc = store_prepare_page(st, &sql, &count_sql, &s, &cs, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *both[] = {s, cs};
	for (int k = 0; k < 2; k++) {
		store_scope_set_bind(both[k], sc);
		for (size_t i = 0; i < STORE_APPROVAL_POINTS; i++) {
			db_bind_text(both[k], 4 + (int)i, i < n_points ? points[i] : NULL);
		}
	}
	db_bind_int(s, 12, limit);
	if ((rc = db_step(cs, err)) == 1) {
		*total = db_col_int(cs, 0);
	}
	if (rc >= 0) {
		rc = read_rows(s, (size_t)(*total < limit ? *total : limit), a, out, n_out, err);
	}
	db_finalize(s);
	db_finalize(cs);
	return rc < 0 ? rc : 0;
}

int store_approvals_asked_by(struct store *st, int64_t worker_id, const char *state, int64_t limit,
			     struct arena *a, struct store_approval **out, size_t *n_out, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    APPROVAL_COLUMNS "WHERE x.voided = 0 AND c.voided = 0 AND x.asked_by = ?1 AND x.state = ?2 "
					     "ORDER BY x.asked_date, x.id LIMIT ?3",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, worker_id);
	db_bind_text(s, 2, state);
	db_bind_int(s, 3, limit);
	rc = read_rows(s, (size_t)(limit > 0 ? limit : 0), a, out, n_out, err);
	db_finalize(s);
	return rc;
}
