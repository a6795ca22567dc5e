/* access: people who sign in, their sessions and grants, and which children each may see.
 *
 * Scope is applied inside the queries (store_children_search, store_child_visible), so a
 * child outside a person's scope is never read at all, and the caller cannot forget to
 * filter. Restricted records need an explicit grant whatever the role. Changes to users
 * write audit rows (action user_admin) in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "store/internal.h"

static const char *now_text(char out[INSTANT_STR_SIZE])
{
	return instant_format(instant_now(), out);
}

static void read_user(struct db_stmt *s, struct arena *a, struct store_user *u)
{
	u->id = db_col_int(s, 0);
	u->username = arena_strdup(a, db_col_text(s, 1));
	u->password_hash = arena_strdup(a, db_col_text(s, 2));
	u->role = arena_strdup(a, db_col_text(s, 3));
	u->team_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
	u->worker_id = db_col_null(s, 5) ? 0 : db_col_int(s, 5);
	u->disabled = db_col_int(s, 6) != 0;
}

#define USER_COLUMNS "u.id, u.username, u.password_hash, u.role, u.team_id, u.worker_id, u.disabled"

static int user_query(struct store *st, const char *sql, int64_t id, const char *name, struct arena *a,
		      struct store_user *out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	if (name) {
		db_bind_text(s, 1, name);
	} else {
		db_bind_int(s, 1, id);
	}
	rc = db_step(s, err);
	if (rc == 1) {
		read_user(s, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = herr_set(err, HERR_NOT_FOUND, "username", "not_found", "there is no such user");
	}
	db_finalize(s);
	return rc;
}

int store_user_by_name(struct store *st, const char *username, struct arena *a, struct store_user *out,
		       struct hearth_error *err)
{
	return user_query(st, "SELECT " USER_COLUMNS " FROM user_account u WHERE u.username = ?", 0, username, a, out,
			  err);
}

int store_user_get(struct store *st, int64_t id, struct arena *a, struct store_user *out, struct hearth_error *err)
{
	return user_query(st, "SELECT " USER_COLUMNS " FROM user_account u WHERE u.id = ?", id, NULL, a, out, err);
}

int store_users(struct store *st, struct arena *a, struct store_user **out, size_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT " USER_COLUMNS " FROM user_account u ORDER BY u.username", &s, err);
	if (rc) {
		return rc;
	}
	size_t n = 0, cap = 0;
	struct store_user *u = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			u = arena_grow(a, u, n, cap = cap ? cap * 2 : 16, sizeof(*u));
		}
		read_user(s, a, &u[n++]);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = u;
	*n_out = n;
	return 0;
}

/* Ends every session of user id and forgets the browsers it signed in from: disabling a
 * person or changing their password takes effect on the next request, not at expiry.
 * Within the caller's transaction. */
static int end_access(struct store *st, int64_t id, struct hearth_error *err)
{
	static const char *const sql[] = {
		"UPDATE user_session SET ended_at = ?1 WHERE user_id = ?2 AND ended_at IS NULL",
		"DELETE FROM signin_device WHERE user_id = ?2 AND CAST(?1 AS BIGINT) IS NOT NULL",
	};
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct db_stmt *s;
		int rc = db_prepare(store_db(st), sql[i], &s, err);
		if (rc) {
			return rc;
		}
		db_bind_int(s, 1, instant_now());
		db_bind_int(s, 2, id);
		rc = db_step(s, err);
		db_finalize(s);
		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

/* Runs one change to user_account with its audit row, in one transaction; end_id, when
 * not 0, is a user whose sessions and known browsers end in the same transaction. */
static int user_change(struct store *st, const char *actor, const char *sql, const char *what,
		       void (*bind)(struct db_stmt *s, const void *ctx), const void *ctx, int64_t *id_out,
		       int64_t end_id, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st), sql, &s, err))) {
		store_rollback(st);
		return rc;
	}
	bind(s, ctx);
	rc = db_step(s, err);
	if (rc == 1 && id_out) {
		*id_out = db_col_int(s, 0);
		rc = db_step(s, err);
	}
	db_finalize(s);
	if (rc >= 0 && end_id) {
		rc = end_access(st, end_id, err);
	}
	struct store_audit a = {actor, "user_admin", 0, what, st->origin_route[0] ? st->origin_route : NULL,
				st->origin_address[0] ? st->origin_address : NULL};
	if (rc < 0 || (rc = store_audit_append_locked(st, &a, 1, err))) {
		store_rollback(st);
		return rc < 0 ? rc : HERR_IO;
	}
	return store_commit(st, err);
}

struct user_add_ctx {
	const char *username, *hash, *role, *now;
	int64_t team_id, worker_id;
};

static void bind_user_add(struct db_stmt *s, const void *ctx)
{
	const struct user_add_ctx *c = ctx;
	db_bind_text(s, 1, c->username);
	db_bind_text(s, 2, c->hash);
	db_bind_text(s, 3, c->role);
	if (c->team_id) {
		db_bind_int(s, 4, c->team_id);
	} else {
		db_bind_null(s, 4);
	}
	if (c->worker_id) {
		db_bind_int(s, 5, c->worker_id);
	} else {
		db_bind_null(s, 5);
	}
	db_bind_text(s, 6, c->now);
	db_bind_text(s, 7, c->now);
}

int store_user_add(struct store *st, const char *actor, const char *username, const char *password_hash,
		   const char *role, int64_t team_id, int64_t worker_id, int64_t *id_out, struct hearth_error *err)
{
	struct arena a = ARENA_INIT;
	struct store_user existing;
	bool exists = store_user_by_name(st, username, &a, &existing, NULL) == 0;
	arena_free(&a);
	if (exists) {
		return herr_set(err, HERR_INVALID, "username", "unique", "there is already a user called %s", username);
	}
	char now[INSTANT_STR_SIZE];
	struct user_add_ctx c = {username, password_hash, role, now_text(now), team_id, worker_id};
	char what[160];
	snprintf(what, sizeof(what), "user %s added as %s", username, role);
	return user_change(st, actor,
			   "INSERT INTO user_account (username, password_hash, role, team_id, worker_id, created_at, "
			   "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			   what, bind_user_add, &c, id_out, 0, err);
}

struct user_set_ctx {
	int64_t id;
	const char *text, *now;
	int64_t number;
	bool has_number;
};

static void bind_text_id(struct db_stmt *s, const void *ctx)
{
	const struct user_set_ctx *c = ctx;
	db_bind_text(s, 1, c->text);
	db_bind_text(s, 2, c->now);
	db_bind_int(s, 3, c->id);
}

static void bind_role(struct db_stmt *s, const void *ctx)
{
	const struct user_set_ctx *c = ctx;
	db_bind_text(s, 1, c->text);
	if (c->has_number && c->number) {
		db_bind_int(s, 2, c->number);
	} else {
		db_bind_null(s, 2);
	}
	db_bind_text(s, 3, c->now);
	db_bind_int(s, 4, c->id);
}

static void bind_disable(struct db_stmt *s, const void *ctx)
{
	const struct user_set_ctx *c = ctx;
	db_bind_text(s, 1, c->now);
	db_bind_int(s, 2, c->id);
}

int store_user_set_password(struct store *st, const char *actor, int64_t id, const char *password_hash,
			    struct hearth_error *err)
{
	char now[INSTANT_STR_SIZE], what[64];
	struct user_set_ctx c = {id, password_hash, now_text(now), 0, false};
	snprintf(what, sizeof(what), "user %lld password changed; their sessions ended", (long long)id);
	return user_change(st, actor, "UPDATE user_account SET password_hash = ?, changed_at = ? WHERE id = ?", what,
			   bind_text_id, &c, NULL, id, err);
}

int store_user_set_role(struct store *st, const char *actor, int64_t id, const char *role, int64_t team_id,
			struct hearth_error *err)
{
	char now[INSTANT_STR_SIZE], what[96];
	struct user_set_ctx c = {id, role, now_text(now), team_id, true};
	snprintf(what, sizeof(what), "user %lld role set to %s", (long long)id, role);
	return user_change(st, actor, "UPDATE user_account SET role = ?, team_id = ?, changed_at = ? WHERE id = ?", what,
			   bind_role, &c, NULL, 0, err);
}

int store_user_disable(struct store *st, const char *actor, int64_t id, struct hearth_error *err)
{
	char now[INSTANT_STR_SIZE], what[64];
	struct user_set_ctx c = {id, NULL, now_text(now), 0, false};
	snprintf(what, sizeof(what), "user %lld disabled; their sessions ended", (long long)id);
	return user_change(st, actor, "UPDATE user_account SET disabled = 1, changed_at = ? WHERE id = ?", what,
			   bind_disable, &c, NULL, id, err);
}

int store_grant_add(struct store *st, const char *actor, int64_t user_id, int64_t child_id, struct hearth_error *err)
{
	struct db_stmt *s;
	char now[INSTANT_STR_SIZE];
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	if ((rc = db_prepare(store_db(st),
			     "INSERT INTO access_grant (user_id, child_id, granted_by, granted_at) VALUES (?, ?, ?, ?)", &s,
			     err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, child_id);
	db_bind_text(s, 3, actor);
	db_bind_text(s, 4, now_text(now));
	rc = db_step(s, err);
	db_finalize(s);
	struct store_audit a = {actor, "user_admin", child_id, "grant", st->origin_route[0] ? st->origin_route : NULL,
				st->origin_address[0] ? st->origin_address : NULL};
	if (rc < 0 || (rc = store_audit_append_locked(st, &a, 1, err))) {
		store_rollback(st);
		return rc < 0 ? rc : HERR_IO;
	}
	return store_commit(st, err);
}

/* ---- sessions ---- */

int store_session_create(struct store *st, int64_t user_id, const char *token_hash, const char *csrf,
			 hinstant now, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, seen_at) "
			    "VALUES (?, ?, ?, ?, ?)",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, user_id);
	db_bind_text(s, 3, csrf);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, now);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_session_find(struct store *st, const char *token_hash, struct arena *a, struct store_session *out,
		       struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT s.id, s.csrf_token, s.created_at, s.seen_at, " USER_COLUMNS
			    " FROM user_session s JOIN user_account u ON u.id = s.user_id "
			    "WHERE s.token_hash = ? AND s.ended_at IS NULL",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, token_hash);
	rc = db_step(s, err);
	if (rc == 1) {
		out->id = db_col_int(s, 0);
		out->csrf = arena_strdup(a, db_col_text(s, 1));
		out->created_at = db_col_int(s, 2);
		out->seen_at = db_col_int(s, 3);
		out->user.id = db_col_int(s, 4);
		out->user.username = arena_strdup(a, db_col_text(s, 5));
		out->user.password_hash = NULL; /* never carried with a session */
		out->user.role = arena_strdup(a, db_col_text(s, 7));
		out->user.team_id = db_col_null(s, 8) ? 0 : db_col_int(s, 8);
		out->user.worker_id = db_col_null(s, 9) ? 0 : db_col_int(s, 9);
		out->user.disabled = db_col_int(s, 10) != 0;
		rc = 0;
	} else if (rc == 0) {
		rc = HERR_NOT_FOUND;
	}
	db_finalize(s);
	return rc;
}

static int session_set(struct store *st, const char *sql, int64_t id, hinstant now, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_session_touch(struct store *st, int64_t id, hinstant now, struct hearth_error *err)
{
	return session_set(st, "UPDATE user_session SET seen_at = ? WHERE id = ?", id, now, err);
}

int store_session_end(struct store *st, int64_t id, hinstant now, struct hearth_error *err)
{
	return session_set(st, "UPDATE user_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL", id, now, err);
}

/* ---- the sign-in throttle and known browsers ---- */

int store_throttle_until(struct store *st, const char *key, hinstant *until, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT until_at FROM signin_throttle WHERE key = ?", &s, err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, key);
	rc = db_step(s, err);
	*until = rc == 1 ? db_col_int(s, 0) : 0;
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_throttle_fail(struct store *st, const struct store_throttle_key *k, hinstant now, hinstant forget_before,
			int64_t *failures, struct hearth_error *err)
{
	/* One statement, so two failures at once both count. A key quiet since before
	 * forget_before starts again from one. */
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "INSERT INTO signin_throttle (key, username, address, failures, last_at, until_at) "
			    "VALUES (?1, ?2, ?3, 1, ?4, 0) ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN "
			    "signin_throttle.last_at < ?5 THEN 1 ELSE signin_throttle.failures + 1 END, until_at = CASE "
			    "WHEN signin_throttle.last_at < ?5 THEN 0 ELSE signin_throttle.until_at END, last_at = ?4 "
			    "RETURNING failures",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, k->key);
	db_bind_text(s, 2, k->username);
	db_bind_text(s, 3, k->address);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, forget_before);
	rc = db_step(s, err);
	*failures = rc == 1 ? db_col_int(s, 0) : 0;
	if (rc == 1) {
		rc = db_step(s, err);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

static int throttle_exec(struct store *st, const char *sql, const char *key, hinstant t, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, t);
	db_bind_text(s, 2, key);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_throttle_set_until(struct store *st, const char *key, hinstant until, struct hearth_error *err)
{
	return throttle_exec(st, "UPDATE signin_throttle SET until_at = ?1 WHERE key = ?2", key, until, err);
}

int store_throttle_clear(struct store *st, const char *key, hinstant forget_before, struct hearth_error *err)
{
	int rc = throttle_exec(st, "DELETE FROM signin_throttle WHERE key = ?2 AND CAST(?1 AS BIGINT) IS NOT NULL", key,
			       0, err);
	/* Rows long quiet and no longer holding anything back go too, so the table stays
	 * as small as the failures of the last day. */
	return rc ? rc
		  : throttle_exec(st, "DELETE FROM signin_throttle WHERE last_at < ?1 AND until_at < ?1 AND "
				      "CAST(?2 AS TEXT) IS NULL",
				  NULL, forget_before, err);
}

int store_throttle_unlock(struct store *st, const char *actor, const char *username, const char *address,
			  int64_t *cleared, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st),
			     "DELETE FROM signin_throttle WHERE (CAST(?1 AS TEXT) IS NOT NULL AND username = ?1) OR "
			     "(CAST(?2 AS TEXT) IS NOT NULL AND address = ?2 AND key LIKE 'a:%') RETURNING id",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_text(s, 1, username);
	db_bind_text(s, 2, address);
	*cleared = 0;
	while ((rc = db_step(s, err)) == 1) {
		(*cleared)++;
	}
	db_finalize(s);
	char what[160];
	snprintf(what, sizeof(what), "sign-in unlocked%s%s%s%s (%lld held back)", username ? " for user " : "",
		 username ? username : "", address ? " from address " : "", address ? address : "",
		 (long long)*cleared);
	struct store_audit a = {actor, "user_admin", 0, what, st->origin_route[0] ? st->origin_route : NULL,
				st->origin_address[0] ? st->origin_address : NULL};
	if (rc < 0 || (rc = store_audit_append_locked(st, &a, 1, err))) {
		store_rollback(st);
		return rc < 0 ? rc : HERR_IO;
	}
	return store_commit(st, err);
}

int store_device_find(struct store *st, const char *token_hash, int64_t *device_id, int64_t *user_id,
		      hinstant *created_at, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT id, user_id, created_at FROM signin_device WHERE token_hash = ?", &s,
			    err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, token_hash);
	rc = db_step(s, err);
	if (rc == 1) {
		*device_id = db_col_int(s, 0);
		*user_id = db_col_int(s, 1);
		*created_at = db_col_int(s, 2);
		rc = 0;
	} else if (rc == 0) {
		rc = HERR_NOT_FOUND;
	}
	db_finalize(s);
	return rc;
}

int store_device_add(struct store *st, int64_t user_id, const char *token_hash, hinstant now, hinstant forget_before,
		     struct hearth_error *err)
{
	struct db_stmt *s;
	/* A browser past its life is forgotten when the next one is added. */
	int rc = db_prepare(store_db(st), "DELETE FROM signin_device WHERE created_at < ?", &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, forget_before);
	rc = db_step(s, err);
	db_finalize(s);
	if (rc < 0 || (rc = db_prepare(store_db(st),
				       "INSERT INTO signin_device (token_hash, user_id, created_at, seen_at) VALUES (?, ?, ?, ?)",
				       &s, err))) {
		return rc;
	}
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, user_id);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* ---- scope ---- */

/* The scope condition shared by every query that returns children, on alias c. Bound, in
 * order: scope kind, as-at date twice, team id, worker id, user id. */
#define SCOPE_CONDITION                                                                                      \
	"c.voided = 0 AND (?1 = 'all' OR EXISTS (SELECT 1 FROM allocation a JOIN worker w ON w.id = a.worker_id " \
	"WHERE a.child_id = c.id AND a.voided = 0 AND a.start_date <= ?2 AND (a.end_date IS NULL OR "           \
	"a.end_date > ?2) AND ((?1 = 'team' AND a.kind IN ('sw', 'pa') AND w.team_id = ?3) OR (?1 = 'own' AND " \
	"a.worker_id = ?4))) OR (?1 = 'own' AND EXISTS (SELECT 1 FROM family_help f WHERE f.child_id = c.id AND " \
	"f.voided = 0 AND f.lead_worker_id = ?4 AND f.start_date <= ?2 AND (f.end_date IS NULL OR "           \
	"f.end_date > ?2)))) AND (c.restricted = 0 OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = " \
	"c.id AND g.user_id = ?5 AND g.revoked_at IS NULL))"

/* The same condition for lists of children, one form per scope kind so the planner can
 * start from what is small: a worker's allocations (own), a team's workers' allocations
 * (team), or every child (all). The allocation lists are found once (an IN list), not
 * by one correlated lookup per child in the county. Equal in meaning to SCOPE_CONDITION
 * (tests/unit/store/test_web_queries.c compares the two for every scope kind). Bound:
 * ?1 user id, ?2 the as-at date, ?3 the team (team) or worker (own) id; "all" binds ?1
 * only. Parameters after these start at SCOPE_SET_NEXT. */
#define SCOPE_LIVE_ALLOCATION "a.voided = 0 AND a.start_date <= ?2 AND (a.end_date IS NULL OR a.end_date > ?2)"
#define SCOPE_GRANTED                                                                                      \
	"(c.restricted = 0 OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = c.id AND g.user_id = ?1 " \
	"AND g.revoked_at IS NULL))"
#define SCOPE_SET_NEXT 4
static const char *const scope_set_condition[] = {
	/* Nested INs, not a join, so the worker index drives (without statistics SQLite
	 * would scan every allocation for the join). */
	[STORE_SCOPE_TEAM] = "c.voided = 0 AND c.id IN (SELECT a.child_id FROM allocation a WHERE a.worker_id IN "
			     "(SELECT w.id FROM worker w WHERE w.team_id = ?3) AND a.kind IN ('sw', 'pa') AND "
			     SCOPE_LIVE_ALLOCATION ") AND " SCOPE_GRANTED,
	/* Own: allocated to the person, or an open Family Help they lead (a partner). */
	[STORE_SCOPE_OWN] = "c.voided = 0 AND (c.id IN (SELECT a.child_id FROM allocation a WHERE a.worker_id = ?3 AND "
			    SCOPE_LIVE_ALLOCATION ") OR c.id IN (SELECT f.child_id FROM family_help f WHERE "
			    "f.lead_worker_id = ?3 AND f.voided = 0 AND f.start_date <= ?2 AND (f.end_date IS NULL OR "
			    "f.end_date > ?2))) AND " SCOPE_GRANTED,
	/* ?2 and ?3 are bound for every kind; "all" names them so every backend knows them. */
	[STORE_SCOPE_ALL] = "c.voided = 0 AND " SCOPE_GRANTED " AND CAST(?2 AS TEXT) IS NOT NULL AND "
			    "CAST(?3 AS BIGINT) IS NOT NULL",
};

static void bind_scope_set(struct db_stmt *s, const struct store_scope *sc);

const char *store_scope_set_sql(enum store_scope_kind k)
{
	return k == STORE_SCOPE_NONE ? NULL : scope_set_condition[k];
}

void store_scope_set_bind(struct db_stmt *s, const struct store_scope *sc)
{
	bind_scope_set(s, sc);
}

int store_prepare_page(struct store *st, struct buf *sql, struct buf *count_sql, struct db_stmt **s,
		       struct db_stmt **cs, struct hearth_error *err)
{
	int rc = db_prepare(store_db(st), buf_cstr(sql), s, err);
	if (!rc && (rc = db_prepare(store_db(st), buf_cstr(count_sql), cs, err))) {
		db_finalize(*s);
	}
	buf_free(sql);
	buf_free(count_sql);
	return rc;
}

static void bind_scope_set(struct db_stmt *s, const struct store_scope *sc)
{
	char d[DATE_STR_SIZE];
	db_bind_int(s, 1, sc->user_id);
	db_bind_text(s, 2, date_format(sc->as_at, d));
	db_bind_int(s, 3, sc->kind == STORE_SCOPE_TEAM ? sc->team_id : sc->worker_id);
}

static void bind_scope(struct db_stmt *s, const struct store_scope *sc)
{
	static const char *const kinds[] = {"none", "team", "own", "all"};
	char d[DATE_STR_SIZE];
	db_bind_text(s, 1, kinds[sc->kind]);
	db_bind_text(s, 2, date_format(sc->as_at, d));
	db_bind_int(s, 3, sc->team_id);
	db_bind_int(s, 4, sc->worker_id);
	db_bind_int(s, 5, sc->user_id);
}

int store_child_visible(struct store *st, const struct store_scope *sc, int64_t child_id, struct hearth_error *err)
{
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT 1 FROM child c WHERE " SCOPE_CONDITION " AND c.id = ?6", &s, err);
	if (rc) {
		return rc;
	}
	bind_scope(s, sc);
	db_bind_int(s, 6, child_id);
	rc = db_step(s, err);
	db_finalize(s);
	return rc;
}

/* A found child from a row of c.id, c.la_child_id, c.given_name, c.family_name, c.dob,
 * c.expected_dob, c.sex (an unborn child's date is the expected one). */
static void hit_read(struct db_stmt *s, struct arena *a, struct store_child_hit *h)
{
	h->id = db_col_int(s, 0);
	h->la_child_id = arena_strdup(a, db_col_text(s, 1));
	h->given_name = arena_strdup(a, db_col_text(s, 2));
	h->family_name = arena_strdup(a, db_col_text(s, 3));
	h->dob = DATE_NONE;
	if (!db_col_null(s, 4)) {
		date_parse(db_col_text(s, 4), &h->dob);
	} else if (!db_col_null(s, 5)) {
		date_parse(db_col_text(s, 5), &h->dob);
	}
	h->sex = arena_strdup(a, db_col_text(s, 6));
}

int store_children_search(struct store *st, const struct store_scope *sc, const char *query, hdate dob,
			  int64_t limit, int64_t offset, struct arena *a, struct store_child_hit **out, size_t *n_out,
			  int64_t *total, struct hearth_error *err)
{
	*n_out = 0;
	*total = 0;
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	/* The query matches an LA child id exactly, an NHS number exactly (typed with or
	 * without its spaces or hyphens: the record keeps the ten digits), or a name by prefix
	 * of given, family or "given family" (case-insensitive); dob matches the date of birth. */
	static const char *const match = " AND (CAST(?4 AS TEXT) IS NULL OR c.la_child_id = ?4 OR c.nhs_number = "
					 "replace(replace(CAST(?4 AS TEXT), ' ', ''), '-', '') OR lower(c.given_name) "
					 "LIKE ?5 OR lower(c.family_name) LIKE ?5 OR lower(c.given_name || ' ' || "
					 "c.family_name) LIKE ?5) AND (CAST(?6 AS TEXT) IS NULL OR c.dob = ?6)";
	_Static_assert(SCOPE_SET_NEXT == 4, "the search's own parameters follow the scope's");
	struct buf sql = BUF_INIT, count_sql = BUF_INIT;
	buf_printf(&sql,
		   "SELECT c.id, c.la_child_id, c.given_name, c.family_name, c.dob, c.expected_dob, c.sex FROM child c "
		   "WHERE %s%s ORDER BY c.family_name, c.given_name, c.id LIMIT ?7 OFFSET ?8",
		   scope_set_condition[sc->kind], match);
	buf_printf(&count_sql, "SELECT count(*) FROM child c WHERE %s%s", scope_set_condition[sc->kind], match);
	struct db_stmt *s, *cs;
	int rc = store_prepare_page(st, &sql, &count_sql, &s, &cs, err);
	if (rc) {
		return rc;
	}
	char pattern[256], d[DATE_STR_SIZE];
	if (query && *query) {
		size_t k = 0;
		for (const char *p = query; *p && k < sizeof(pattern) - 2; p++) {
			char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
			/* LIKE's own wildcards in the query are matched as themselves. */
			pattern[k++] = ch == '%' || ch == '_' ? '?' : ch;
		}
		pattern[k++] = '%';
		pattern[k] = '\0';
	}
	struct db_stmt *both[2] = {s, cs};
	for (int i = 0; i < 2; i++) {
		bind_scope_set(both[i], sc);
		db_bind_text(both[i], 4, query && *query ? query : NULL);
		db_bind_text(both[i], 5, query && *query ? pattern : NULL);
		db_bind_text(both[i], 6, dob != DATE_NONE ? date_format(dob, d) : NULL);
	}
	db_bind_int(s, 7, limit);
	db_bind_int(s, 8, offset);
	if ((rc = db_step(cs, err)) == 1) {
		*total = db_col_int(cs, 0);
	}
	size_t n = 0;
	/* Room for what this page can hold: a caller may ask for "all" with a huge limit. */
	int64_t room = *total - offset < limit ? *total - offset : limit;
	struct store_child_hit *hits = arena_alloc(a, sizeof(*hits) * (size_t)(room > 0 ? room : 1));
	while (rc >= 0 && (rc = db_step(s, err)) == 1 && n < (size_t)(room > 0 ? room : 0)) {
		struct store_child_hit *h = &hits[n++];
		hit_read(s, a, h);
	}
	db_finalize(s);
	db_finalize(cs);
	if (rc < 0) {
		return rc;
	}
	*out = hits;
	*n_out = n;
	return 0;
}

/* The hits of sql (columns as hit_read reads them), the scope bound and, when param4 is
 * not 0, ?4; in a. */
static int hits_read(struct store *st, const char *sql, const struct store_scope *sc, int64_t param4, struct arena *a,
		     struct store_child_hit **out, size_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	bind_scope_set(s, sc);
	if (param4) {
		db_bind_int(s, 4, param4);
	}
	size_t n = 0, cap = 0;
	struct store_child_hit *hits = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			hits = arena_grow(a, hits, n, cap = cap ? cap * 2 : 32, sizeof(*hits));
		}
		struct store_child_hit *h = &hits[n++];
		hit_read(s, a, h);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = hits;
	*n_out = n;
	return 0;
}

int store_worker_children(struct store *st, const struct store_scope *sc, int64_t worker_id, struct arena *a,
			  struct store_child_hit **out, size_t *n_out, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	_Static_assert(SCOPE_SET_NEXT == 4, "the query's own parameters follow the scope's");
	struct buf sql = BUF_INIT;
	buf_printf(&sql,
		   "SELECT c.id, c.la_child_id, c.given_name, c.family_name, c.dob, c.expected_dob, c.sex FROM child c "
		   "WHERE %s AND c.id IN (SELECT a.child_id FROM allocation a WHERE a.worker_id = ?4 AND " SCOPE_LIVE_ALLOCATION
		   " UNION SELECT t.child_id FROM task t WHERE t.worker_id = ?4 AND t.voided = 0) ORDER BY c.id",
		   scope_set_condition[sc->kind]);
	int rc = hits_read(st, buf_cstr(&sql), sc, worker_id, a, out, n_out, err);
	buf_free(&sql);
	return rc;
}

int store_scope_children(struct store *st, const struct store_scope *sc, struct arena *a, struct store_child_hit **out,
			 size_t *n_out, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	struct buf sql = BUF_INIT;
	buf_printf(&sql,
		   "SELECT c.id, c.la_child_id, c.given_name, c.family_name, c.dob, c.expected_dob, c.sex FROM child c "
		   "WHERE %s ORDER BY c.id",
		   scope_set_condition[sc->kind]);
	int rc = hits_read(st, buf_cstr(&sql), sc, 0, a, out, n_out, err);
	buf_free(&sql);
	return rc;
}

int store_children_duplicates(struct store *st, const struct store_scope *sc, hdate dob, const char *upn,
			      const char *nhs_number, size_t max, struct arena *a, struct store_child_dup **out,
			      size_t *n_out, struct hearth_error *err)
{
	*n_out = 0;
	*out = NULL;
	if (sc->kind == STORE_SCOPE_NONE || max == 0) {
		return 0;
	}
	_Static_assert(SCOPE_SET_NEXT == 4, "the query's own parameters follow the scope's");
	/* The matches are CASEs, not bare comparisons, so both engines read them as 1 or 0. */
	struct buf sql = BUF_INIT;
	buf_printf(&sql,
		   "SELECT c.id, c.la_child_id, c.given_name, c.family_name, c.dob, c.expected_dob, c.sex, "
		   "CASE WHEN c.dob = CAST(?4 AS TEXT) THEN 1 ELSE 0 END, "
		   "CASE WHEN c.upn = CAST(?5 AS TEXT) THEN 1 ELSE 0 END, "
		   "CASE WHEN c.nhs_number = CAST(?6 AS TEXT) THEN 1 ELSE 0 END FROM child c WHERE %s AND "
		   "(c.dob = CAST(?4 AS TEXT) OR c.upn = CAST(?5 AS TEXT) OR c.nhs_number = CAST(?6 AS TEXT)) "
		   "ORDER BY c.id LIMIT ?7",
		   scope_set_condition[sc->kind]);
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), buf_cstr(&sql), &s, err);
	buf_free(&sql);
	if (rc) {
		return rc;
	}
	char d[DATE_STR_SIZE];
	bind_scope_set(s, sc);
	db_bind_text(s, 4, dob != DATE_NONE ? date_format(dob, d) : NULL);
	db_bind_text(s, 5, upn && *upn ? upn : NULL);
	db_bind_text(s, 6, nhs_number && *nhs_number ? nhs_number : NULL);
	db_bind_int(s, 7, (int64_t)max);
	struct store_child_dup *dups = arena_alloc(a, sizeof(*dups) * max);
	size_t n = 0;
	while (n < max && (rc = db_step(s, err)) == 1) {
		struct store_child_dup *x = &dups[n++];
		struct store_child_hit *h = &x->hit;
		hit_read(s, a, h);
		x->same_dob = db_col_int(s, 7) != 0;
		x->same_upn = db_col_int(s, 8) != 0;
		x->same_nhs = db_col_int(s, 9) != 0;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = dups;
	*n_out = n;
	return 0;
}

/* ---- the front door ---- */

int store_front_door_awaiting(struct store *st, const struct store_scope *sc, int64_t limit, struct arena *a,
			      struct store_fd_contact **out, size_t *n_out, int64_t *total, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	*total = 0;
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	_Static_assert(SCOPE_SET_NEXT == 4, "the list's own parameters follow the scope's");
	struct buf sql = BUF_INIT, count_sql = BUF_INIT;
	buf_printf(&sql,
		   "SELECT k.id, c.id, c.la_child_id, c.given_name, c.family_name, k.contact_date, k.source, "
		   "CASE WHEN EXISTS (SELECT 1 FROM referral r WHERE r.child_id = c.id AND r.voided = 0 AND r.nfa = 0 "
		   "AND r.closure_date IS NULL) THEN 1 ELSE 0 END, "
		   "(SELECT count(*) FROM contact p WHERE p.child_id = c.id AND p.voided = 0 AND p.id <> k.id AND "
		   "p.contact_date <= k.contact_date), "
		   "(SELECT max(r.referral_date) FROM referral r WHERE r.child_id = c.id AND r.voided = 0 AND "
		   "r.referral_date <= k.contact_date) "
		   "FROM contact k JOIN child c ON c.id = k.child_id WHERE k.voided = 0 AND k.decision IS NULL AND %s "
		   "ORDER BY k.contact_date, k.id LIMIT ?4",
		   scope_set_condition[sc->kind]);
	buf_printf(&count_sql,
		   "SELECT count(*) FROM contact k JOIN child c ON c.id = k.child_id WHERE k.voided = 0 AND "
		   "k.decision IS NULL AND %s",
		   scope_set_condition[sc->kind]);
	struct db_stmt *s, *cs;
	int rc = store_prepare_page(st, &sql, &count_sql, &s, &cs, err);
	if (rc) {
		return rc;
	}
	bind_scope_set(s, sc);
	bind_scope_set(cs, sc);
	db_bind_int(s, 4, limit);
	if ((rc = db_step(cs, err)) == 1) {
		*total = db_col_int(cs, 0);
	}
	int64_t room = *total < limit ? *total : limit;
	struct store_fd_contact *rows = arena_alloc(a, sizeof(*rows) * (size_t)(room > 0 ? room : 1));
	size_t n = 0;
	while (rc >= 0 && n < (size_t)(room > 0 ? room : 0) && (rc = db_step(s, err)) == 1) {
		struct store_fd_contact *k = &rows[n++];
		k->contact_id = db_col_int(s, 0);
		k->child_id = db_col_int(s, 1);
		k->la_child_id = arena_strdup(a, db_col_text(s, 2));
		k->given_name = arena_strdup(a, db_col_text(s, 3));
		k->family_name = arena_strdup(a, db_col_text(s, 4));
		k->contact_date = DATE_NONE;
		date_parse(db_col_text(s, 5), &k->contact_date);
		k->source = arena_strdup(a, db_col_text(s, 6));
		k->open_case = db_col_int(s, 7) != 0;
		k->previous_contacts = db_col_int(s, 8);
		k->last_referral = DATE_NONE;
		if (!db_col_null(s, 9)) {
			date_parse(db_col_text(s, 9), &k->last_referral);
		}
	}
	db_finalize(s);
	db_finalize(cs);
	if (rc < 0) {
		return rc;
	}
	*out = rows;
	*n_out = n;
	return 0;
}

/* ---- the LADO ---- */

int store_lado_visible(struct store *st, const struct store_scope *sc, int64_t lado_id, struct hearth_error *err)
{
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT 1 FROM child c WHERE " SCOPE_CONDITION " AND c.id IN (SELECT l.child_id FROM lado l "
			    "WHERE l.id = ?6 AND l.voided = 0 UNION SELECT x.linked_child_id FROM lado_involved x JOIN lado l2 ON "
			    "l2.id = x.lado_id WHERE x.lado_id = ?6 AND x.voided = 0 AND l2.voided = 0)",
			    &s, err);
	if (rc) {
		return rc;
	}
	bind_scope(s, sc);
	db_bind_int(s, 6, lado_id);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : rc == 1;
}

static const char *text_or_null(struct arena *a, struct db_stmt *s, int col)
{
	return db_col_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

int store_lado_open_list(struct store *st, int64_t limit, struct arena *a, struct store_lado_open **out,
			 size_t *n_out, int64_t *total, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	*total = 0;
	struct db_stmt *s, *cs;
	int rc = db_prepare(store_db(st),
			    "SELECT l.id, l.reference, l.adult_name, l.employer, l.sector, l.category, l.received_date, "
			    "l.considered_date, (SELECT count(*) FROM lado_involved x WHERE x.lado_id = l.id AND "
			    "x.voided = 0) FROM lado l WHERE l.voided = 0 AND l.resolved_date IS NULL "
			    "ORDER BY l.received_date, l.id LIMIT ?1",
			    &s, err);
	if (rc) {
		return rc;
	}
	if ((rc = db_prepare(store_db(st), "SELECT count(*) FROM lado l WHERE l.voided = 0 AND l.resolved_date IS NULL",
			     &cs, err))) {
		db_finalize(s);
		return rc;
	}
	db_bind_int(s, 1, limit);
	if ((rc = db_step(cs, err)) == 1) {
		*total = db_col_int(cs, 0);
	}
	int64_t room = *total < limit ? *total : limit;
	struct store_lado_open *rows = arena_alloc(a, sizeof(*rows) * (size_t)(room > 0 ? room : 1));
	size_t n = 0;
	while (rc >= 0 && n < (size_t)(room > 0 ? room : 0) && (rc = db_step(s, err)) == 1) {
		struct store_lado_open *l = &rows[n++];
		l->id = db_col_int(s, 0);
		l->reference = text_or_null(a, s, 1);
		l->adult_name = text_or_null(a, s, 2);
		l->employer = text_or_null(a, s, 3);
		l->sector = text_or_null(a, s, 4);
		l->category = text_or_null(a, s, 5);
		l->received = l->considered = DATE_NONE;
		date_parse(db_col_text(s, 6), &l->received);
		if (!db_col_null(s, 7)) {
			date_parse(db_col_text(s, 7), &l->considered);
		}
		l->children = db_col_int(s, 8);
	}
	db_finalize(s);
	db_finalize(cs);
	if (rc < 0) {
		return rc;
	}
	*out = rows;
	*n_out = n;
	return 0;
}
