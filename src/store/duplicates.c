/* duplicates: the facts model/duplicates compares, read in two queries (the children in
 * scope, their parents), and the pairs people have judged "not the same child". */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "model/duplicates.h"
#include "store/internal.h"

/* The shell sees every live child, restricted or not; it binds ?1..?3 like a scope. */
static const char *const shell_condition = "c.voided = 0 AND CAST(?1 AS BIGINT) IS NOT NULL AND CAST(?2 AS TEXT) "
					   "IS NOT NULL AND CAST(?3 AS BIGINT) IS NOT NULL";

/* The consistent identifier's column: one of three literals, never the setting's text. */
static const char *identifier_column(const char *identifier)
{
	if (identifier && strcmp(identifier, "upn") == 0) {
		return "c.upn";
	}
	if (identifier && strcmp(identifier, "la_child_id") == 0) {
		return "c.la_child_id";
	}
	return "c.nhs_number";
}

static const char *text_or_null(struct db_stmt *s, int col, struct arena *a)
{
	return db_col_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static hdate date_or_none(struct db_stmt *s, int col)
{
	hdate d = DATE_NONE;
	if (!db_col_null(s, col)) {
		date_parse(db_col_text(s, col), &d);
	}
	return d;
}

static int by_id(const void *k, const void *e)
{
	int64_t id = *(const int64_t *)k, other = ((const struct dup_child *)e)->id;
	return id < other ? -1 : id > other;
}

int store_dup_children(struct store *st, const struct store_scope *sc, const char *identifier, struct arena *a,
		       struct dup_child **out, size_t *n_out, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	struct store_scope shell = {.kind = STORE_SCOPE_ALL, .as_at = date_today()};
	const char *cond = sc ? store_scope_set_sql(sc->kind) : shell_condition;
	if (!cond) {
		return 0;
	}
	if (!sc) {
		sc = &shell;
	}
	struct buf sql = BUF_INIT;
	/* Merged-away records are one child with the record they went into: never a pair. */
	buf_printf(&sql,
		   "SELECT c.id, c.la_child_id, c.given_name, c.family_name, c.upn, c.nhs_number, %s, c.dob, "
		   "c.expected_dob FROM child c WHERE %s AND NOT EXISTS (SELECT 1 FROM child_merge m WHERE "
		   "m.other_id = c.id AND m.undone_at IS NULL) ORDER BY c.id",
		   identifier_column(identifier), cond);
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), buf_cstr(&sql), &s, err);
	buf_free(&sql);
	if (rc) {
		return rc;
	}
	store_scope_set_bind(s, sc);
	size_t n = 0, cap = 0;
	struct dup_child *c = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			size_t grown = cap ? cap * 2 : 1024;
			c = arena_grow(a, c, cap, grown, sizeof(*c));
			cap = grown;
		}
		struct dup_child *x = &c[n++];
		x->id = db_col_int(s, 0);
		x->la_child_id = text_or_null(s, 1, a);
		x->given_name = text_or_null(s, 2, a);
		x->family_name = text_or_null(s, 3, a);
		x->upn = text_or_null(s, 4, a);
		x->nhs_number = text_or_null(s, 5, a);
		x->identifier = text_or_null(s, 6, a);
		x->dob = date_or_none(s, 7);
		x->expected_dob = date_or_none(s, 8);
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	/* Parents: the people recorded as a child's mother or father, in id order. */
	sql = (struct buf)BUF_INIT;
	buf_printf(&sql,
		   "SELECT r.child_id, r.person_id FROM relationship r JOIN child c ON c.id = r.child_id WHERE "
		   "r.voided = 0 AND r.person_id IS NOT NULL AND r.kind IN ('mother', 'father') AND %s "
		   "ORDER BY r.child_id, r.person_id",
		   cond);
	rc = db_prepare(store_db(st), buf_cstr(&sql), &s, err);
	buf_free(&sql);
	if (rc) {
		return rc;
	}
	store_scope_set_bind(s, sc);
	struct dup_child *cur = NULL;
	int64_t *ps = NULL;
	size_t pcap = 0;
	while ((rc = db_step(s, err)) == 1) {
		int64_t child = db_col_int(s, 0), person = db_col_int(s, 1);
		if (!cur || cur->id != child) {
			cur = n ? bsearch(&child, c, n, sizeof(*c), by_id) : NULL;
			ps = NULL;
			pcap = 0;
		}
		if (!cur) {
			continue;
		}
		if (cur->n_parents == pcap) {
			size_t grown = pcap ? pcap * 2 : 2;
			ps = arena_grow(a, ps, pcap, grown, sizeof(*ps));
			pcap = grown;
			cur->parents = ps;
		}
		ps[cur->n_parents++] = person;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = c;
	*n_out = n;
	return 0;
}

int store_not_duplicate_add(struct store *st, const char *actor, int64_t a_id, int64_t b_id, const char *reason,
			    struct hearth_error *err)
{
	if (a_id == b_id) {
		return herr_set(err, HERR_INVALID, "child", "same_child", "a child cannot be a duplicate of itself");
	}
	if (!reason || !*reason) {
		return herr_set(err, HERR_INVALID, "reason", "required", "a reason is required");
	}
	int64_t lo = a_id < b_id ? a_id : b_id, hi = a_id < b_id ? b_id : a_id;
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s;
	/* Both children live; the pair not judged already. */
	if ((rc = db_prepare(store_db(st),
			     "SELECT (SELECT count(*) FROM child WHERE id IN (?1, ?2) AND voided = 0), (SELECT count(*) "
			     "FROM not_duplicate WHERE child_a = ?1 AND child_b = ?2 AND voided = 0)",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_int(s, 1, lo);
	db_bind_int(s, 2, hi);
	rc = db_step(s, err);
	int64_t live = rc == 1 ? db_col_int(s, 0) : 0, judged = rc == 1 ? db_col_int(s, 1) : 0;
	db_finalize(s);
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	if (live != 2) {
		store_rollback(st);
		return herr_set(err, HERR_NOT_FOUND, "child", "not_found", "there is no child with id %lld",
				(long long)(live == 0 ? lo : hi));
	}
	if (judged) {
		store_rollback(st);
		return herr_set(err, HERR_CONFLICT, "child", "already_judged",
				"children %lld and %lld are already marked not the same child", (long long)lo,
				(long long)hi);
	}
	if ((rc = db_prepare(store_db(st),
			     "INSERT INTO not_duplicate (child_a, child_b, reason, decided_by, decided_at) VALUES (?1, ?2, "
			     "?3, ?4, ?5)",
			     &s, err))) {
		store_rollback(st);
		return rc;
	}
	db_bind_int(s, 1, lo);
	db_bind_int(s, 2, hi);
	db_bind_text(s, 3, reason);
	db_bind_text(s, 4, actor);
	db_bind_text(s, 5, store_now_text(st));
	rc = db_step(s, err);
	db_finalize(s);
	/* One audit row for each child: each child's trail shows the judgement. */
	struct store_audit rows[2] = {
		{actor, "not_duplicate", lo, "duplicates", st->origin_route[0] ? st->origin_route : NULL,
		 st->origin_address[0] ? st->origin_address : NULL},
		{actor, "not_duplicate", hi, "duplicates", st->origin_route[0] ? st->origin_route : NULL,
		 st->origin_address[0] ? st->origin_address : NULL},
	};
	if (rc < 0 || (rc = store_audit_append_locked(st, rows, 2, err))) {
		store_rollback(st);
		return rc < 0 ? rc : HERR_IO;
	}
	return store_commit(st, err);
}

int store_not_duplicates(struct store *st, struct arena *a, int64_t **pairs_out, size_t *n_out,
			 struct hearth_error *err)
{
	*pairs_out = NULL;
	*n_out = 0;
	struct db_stmt *s;
	int rc = db_prepare(store_db(st),
			    "SELECT child_a, child_b FROM not_duplicate WHERE voided = 0 ORDER BY child_a, child_b", &s,
			    err);
	if (rc) {
		return rc;
	}
	size_t n = 0, cap = 0;
	int64_t *p = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			size_t grown = cap ? cap * 2 : 64;
			p = arena_grow(a, p, cap * 2, grown * 2, sizeof(*p));
			cap = grown;
		}
		p[2 * n] = db_col_int(s, 0);
		p[2 * n + 1] = db_col_int(s, 1);
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*pairs_out = p;
	*n_out = n;
	return 0;
}
