/* audit: the hash-chained trail of who read or changed what.
 *
 * Each row's hash is SHA-256 over the previous row's hash and this row's values, joined
 * by a separator no value may contain (0x1f). Rows are appended under the write lock, so
 * the chain has one order; the store's write path appends the row for each change in the
 * change's own transaction, and readers append in batches (store_audit_append), which
 * lets a server commit many requests' rows with one fsync. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/secret.h"
#include "store/internal.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void row_hash(const char *prev, int64_t id, const char *at, const struct store_audit *r, char out[65])
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f", prev, (long long)id, at, r->actor, r->action);
	if (r->child_id) {
		buf_printf(&b, "%lld", (long long)r->child_id);
	}
	buf_printf(&b, "\x1f%s\x1f%s\x1f%s", r->section ? r->section : "", r->route ? r->route : "",
		   r->address ? r->address : "");
	secret_sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

/* Appends rows inside the caller's transaction. */
int store_audit_append_locked(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err)
{
	struct db *db = store_db(st);
	int rc;
	if (!st->audit_last &&
	    (rc = db_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &st->audit_last, err))) {
		return rc;
	}
	if (!st->audit_insert &&
	    (rc = db_prepare(db,
			     "INSERT INTO audit (id, at, actor, action, child_id, section, route, address, prev_hash, "
			     "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     &st->audit_insert, err))) {
		return rc;
	}
	if (!st->audit_head_known) {
		struct db_stmt *last = st->audit_last;
		db_reset(last);
		st->audit_head_id = 0;
		snprintf(st->audit_head_hash, sizeof(st->audit_head_hash), "%s", GENESIS);
		if ((rc = db_step(last, err)) == 1) {
			st->audit_head_id = db_col_int(last, 0);
			snprintf(st->audit_head_hash, sizeof(st->audit_head_hash), "%s", db_col_text(last, 1));
		}
		db_reset(last);
		if (rc < 0) {
			return rc;
		}
		st->audit_head_known = true;
	}
	struct db_stmt *ins = st->audit_insert;
	char at[INSTANT_STR_SIZE];
	instant_format(instant_now(), at);
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct store_audit *r = &rows[i];
		char hash[65];
		int64_t id = st->audit_head_id + 1;
		row_hash(st->audit_head_hash, id, at, r, hash);
		db_reset(ins);
		db_bind_int(ins, 1, id);
		db_bind_text(ins, 2, at);
		db_bind_text(ins, 3, r->actor);
		db_bind_text(ins, 4, r->action);
		if (r->child_id) {
			db_bind_int(ins, 5, r->child_id);
		} else {
			db_bind_null(ins, 5);
		}
		db_bind_text(ins, 6, r->section);
		db_bind_text(ins, 7, r->route);
		db_bind_text(ins, 8, r->address);
		db_bind_text(ins, 9, st->audit_head_hash);
		db_bind_text(ins, 10, hash);
		rc = db_step(ins, err);
		db_reset(ins);
		if (rc >= 0) {
			rc = 0;
			st->audit_head_id = id;
			memcpy(st->audit_head_hash, hash, sizeof(hash));
		}
	}
	if (rc) {
		st->audit_head_known = false; /* the transaction will roll back */
	}
	return rc;
}

int store_audit_append(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	if ((rc = store_audit_append_locked(st, rows, n, err))) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_audit_verify(struct store *st, int64_t *first_bad, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT id, at, actor, action, child_id, section, route, address, prev_hash, hash "
			    "FROM audit ORDER BY id",
			    &s, err);
	if (rc) {
		return rc;
	}
	char prev[65] = GENESIS;
	int64_t expect_id = 0;
	*first_bad = 0;
	while ((rc = db_step(s, err)) == 1) {
		int64_t id = db_col_int(s, 0);
		struct store_audit r = {
			.actor = db_col_text(s, 2),
			.action = db_col_text(s, 3),
			.child_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4),
			.section = db_col_text(s, 5),
			.route = db_col_text(s, 6),
			.address = db_col_text(s, 7),
		};
		char hash[65];
		const char *at = db_col_text(s, 1), *stored_prev = db_col_text(s, 8), *stored = db_col_text(s, 9);
		row_hash(prev, id, at ? at : "", &r, hash);
		/* A removed row shows as a gap in the ids; an edited row as a hash mismatch. */
		if (id != expect_id + 1 || !stored_prev || strcmp(stored_prev, prev) != 0 || !stored ||
		    strcmp(stored, hash) != 0) {
			*first_bad = id != expect_id + 1 ? expect_id + 1 : id;
			break;
		}
		expect_id = id;
		memcpy(prev, hash, sizeof(prev));
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	return *first_bad ? 1 : 0;
}

int store_audit_list(struct store *st, int64_t child_id, const char *actor, struct arena *a,
		     struct store_audit_row **out, size_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT id, at, actor, action, child_id, section, route, address FROM audit "
			    "WHERE (? = 0 OR child_id = ?) AND (CAST(? AS TEXT) IS NULL OR actor = ?) ORDER BY id",
			    &s, err);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, child_id);
	db_bind_int(s, 2, child_id);
	db_bind_text(s, 3, actor);
	db_bind_text(s, 4, actor);
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
		r[n].row.section = arena_strdup(a, db_col_text(s, 5));
		r[n].row.route = arena_strdup(a, db_col_text(s, 6));
		r[n].row.address = arena_strdup(a, db_col_text(s, 7));
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
