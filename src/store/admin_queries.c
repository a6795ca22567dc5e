/* admin_queries: what the administrator's pages read and change beyond the users' own
 * rows (access.c): when each person last signed in, unlocking a person after failed
 * sign-ins, whether a team still holds children, and the audit trail filtered and paged.
 *
 * Every change writes its audit row (action user_admin) in the same transaction, as the
 * changes in access.c do. */
#include <stdio.h>
#include <string.h>

#include "store/internal.h"

int store_users_last_sign_in(struct store *st, struct arena *a, struct store_last_sign_in **out, size_t *n_out,
			     struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT user_id, max(created_at) FROM user_session GROUP BY user_id", &s, err);
	if (rc) {
		return rc;
	}
	size_t n = 0, cap = 0;
	struct store_last_sign_in *l = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			l = arena_grow(a, l, n, cap = cap ? cap * 2 : 32, sizeof(*l));
		}
		l[n].user_id = db_col_int(s, 0);
		l[n++].at = db_col_int(s, 1);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = l;
	*n_out = n;
	return 0;
}

int store_team_open_allocations(struct store *st, int64_t team_id, hdate on, int64_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s;
	char d[DATE_STR_SIZE];
	int rc = db_prepare(store_db(st),
			    "SELECT count(*) FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE w.team_id = ? "
			    "AND a.voided = 0 AND a.start_date <= ? AND (a.end_date IS NULL OR a.end_date > ?)",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, team_id);
	db_bind_text(s, 2, date_format(on, d));
	db_bind_text(s, 3, d);
	rc = db_step(s, err);
	*n_out = rc == 1 ? db_col_int(s, 0) : 0;
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* The filter's conditions, shared by the count and the page. Bound: ?1 actor (NULL: any),
 * ?2 child (0: any), ?3 from and ?4 to (instants as text, NULL: open). */
#define AUDIT_WHERE                                                                                   \
	" FROM audit WHERE (CAST(?1 AS TEXT) IS NULL OR actor = ?1) AND (?2 = 0 OR child_id = ?2) AND " \
	"(CAST(?3 AS TEXT) IS NULL OR at >= ?3) AND (CAST(?4 AS TEXT) IS NULL OR at < ?4)"

static void bind_audit_filter(struct db_stmt *s, const struct store_audit_filter *f, char from[DATE_STR_SIZE],
			      char to[DATE_STR_SIZE])
{
	db_bind_text(s, 1, f->actor);
	db_bind_int(s, 2, f->child_id);
	/* Audit instants are "YYYY-MM-DDTHH:MM:SSZ": a day's rows sort from its date on. */
	db_bind_text(s, 3, f->from != DATE_NONE ? date_format(f->from, from) : NULL);
	db_bind_text(s, 4, f->to != DATE_NONE ? date_format(f->to + 1, to) : NULL);
}

int store_audit_page(struct store *st, const struct store_audit_filter *f, int64_t limit, int64_t offset,
		     struct arena *a, struct store_audit_row **out, size_t *n_out, int64_t *total,
		     struct hearth_error *err)
{
	struct db_stmt *s;
	char from[DATE_STR_SIZE], to[DATE_STR_SIZE];
	*n_out = 0;
	*total = 0;
	int rc = store_audit_flush(st, err);
	if (rc || (rc = db_prepare(store_db(st), "SELECT count(*)" AUDIT_WHERE, &s, err))) {
		return rc;
	}
	bind_audit_filter(s, f, from, to);
	rc = db_step(s, err);
	*total = rc == 1 ? db_col_int(s, 0) : 0;
	db_finalize(s);
	if (rc < 0 || (rc = db_prepare(store_db(st),
				       "SELECT id, at, actor, action, child_id, section, route, address" AUDIT_WHERE
				       " ORDER BY id DESC LIMIT ?5 OFFSET ?6",
				       &s, err))) {
		return rc;
	}
	bind_audit_filter(s, f, from, to);
	db_bind_int(s, 5, limit);
	db_bind_int(s, 6, offset);
	size_t n = 0, cap = 0;
	struct store_audit_row *r = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			r = arena_grow(a, r, n, cap = cap ? cap * 2 : 64, sizeof(*r));
		}
		r[n].id = db_col_int(s, 0);
		r[n].at = arena_strdup(a, db_col_text(s, 1));
		r[n].row.actor = arena_strdup(a, db_col_text(s, 2));
		r[n].row.action = arena_strdup(a, db_col_text(s, 3));
		r[n].row.child_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
		r[n].row.section = db_col_null(s, 5) ? NULL : arena_strdup(a, db_col_text(s, 5));
		r[n].row.route = db_col_null(s, 6) ? NULL : arena_strdup(a, db_col_text(s, 6));
		r[n].row.address = db_col_null(s, 7) ? NULL : arena_strdup(a, db_col_text(s, 7));
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = r;
	*n_out = n;
	return 0;
}
