/* oidc_pending: sign-ins begun at the identity provider and not yet back (migration
 * oidc_pending; the web side is web/http/oidc.c). Each change is its own transaction. */
#include <stdio.h>
#include <string.h>

#include "store/internal.h"

/* At most this many are kept: past it the oldest give way (a flood of begun sign-ins
 * cannot grow the record without end; each row is some 250 bytes). */
#define OIDC_PENDING_KEEP 10000

static int run(struct store *st, const char *sql, int64_t v, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), sql, &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, v);
	rc = db_step(s, err);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_oidc_pending_put(struct store *st, const char *state_hash, const char *nonce, const char *verifier,
			   hinstant now, hinstant expires_at, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s = NULL;
	if ((rc = run(st, "DELETE FROM oidc_pending WHERE expires_at < ?", now, err)) ||
	    (rc = db_prepare(store_db(st),
			     "INSERT INTO oidc_pending (state_hash, nonce, verifier, created_at, expires_at) "
			     "VALUES (?, ?, ?, ?, ?)",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_text(s, 1, state_hash);
	db_bind_text(s, 2, nonce);
	db_bind_text(s, 3, verifier);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, expires_at);
	rc = db_step(s, err);
	db_finalize(s);
	if (rc < 0 || (rc = run(st,
				"DELETE FROM oidc_pending WHERE id <= (SELECT max(id) FROM oidc_pending) - ?",
				OIDC_PENDING_KEEP, err))) {
		store_rollback(st);
		return rc < 0 ? rc : HERR_IO;
	}
	return store_commit(st, err);
}

int store_oidc_pending_take(struct store *st, const char *state_hash, hinstant now,
			    char nonce[STORE_OIDC_TOKEN], char verifier[STORE_OIDC_TOKEN], struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st),
			     "SELECT id, nonce, verifier, expires_at FROM oidc_pending WHERE state_hash = ?", &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_text(s, 1, state_hash);
	rc = db_step(s, err);
	int64_t id = 0;
	bool live = false;
	if (rc == 1) {
		id = db_col_int(s, 0);
		snprintf(nonce, STORE_OIDC_TOKEN, "%s", db_col_text(s, 1));
		snprintf(verifier, STORE_OIDC_TOKEN, "%s", db_col_text(s, 2));
		live = db_col_int(s, 3) >= now;
	}
	db_finalize(s);
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	/* Taken whether live or not: a state is good once, an expired one never. */
	if (id && (rc = run(st, "DELETE FROM oidc_pending WHERE id = ?", id, err))) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st, err))) {
		return rc;
	}
	return live ? 0 : herr_set(err, HERR_NOT_FOUND, "state", "not_found", "no such sign-in, or it has expired");
}
