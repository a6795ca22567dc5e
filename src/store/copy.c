/* copy: a whole record from one store to another (SQLite <-> PostgreSQL), verified.
 *
 * The copy is a replica, not a set of new changes: every row keeps its id, revisions and
 * audit rows are copied as they are (so the audit chain still verifies), and nothing new
 * is written to the revision log. Afterwards each table's row count and a content
 * checksum are computed on both sides by the same code and compared. The destination is
 * created empty and migrated first; the copy runs in one transaction there, so a failure
 * leaves no half-copied record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/secret.h"
#include "store/internal.h"

enum col_type { C_INT, C_REAL, C_TEXT };

struct copy_table {
	const char *name;
	const char *columns[40];	/* NULL-terminated; for entities, filled from the descriptor */
	enum col_type types[40];
	const struct entity *e;
};

/* The tables outside the entity descriptors, in an order that respects references. */
static const struct copy_table extra_tables[] = {
	{"user_account",
	 {"id", "username", "password_hash", "role", "team_id", "worker_id", "disabled", "created_at", "changed_at"},
	 {C_INT, C_TEXT, C_TEXT, C_TEXT, C_INT, C_INT, C_INT, C_TEXT, C_TEXT},
	 NULL},
	/* Forms in progress: not the record, but a person's typing, which a move to another
	 * engine must not lose either. */
	{"draft",
	 {"id", "user_id", "path", "title", "child_id", "fields", "created_at", "updated_at"},
	 {C_INT, C_INT, C_TEXT, C_TEXT, C_INT, C_TEXT, C_INT, C_INT},
	 NULL},
	/* The returns' reference data (011_refdata, 019_provider_sector). */
	{"ref_provider",
	 {"id", "urn", "provider_type", "postcode", "registered", "closed", "sector"},
	 {C_INT, C_TEXT, C_TEXT, C_TEXT, C_INT, C_INT, C_TEXT},
	 NULL},
	{"ref_postcode", {"id", "postcode", "district", "lat", "lon"}, {C_INT, C_TEXT, C_TEXT, C_REAL, C_REAL}, NULL},
	{"access_grant",
	 {"id", "user_id", "child_id", "granted_by", "granted_at", "revoked_at"},
	 {C_INT, C_INT, C_INT, C_TEXT, C_TEXT, C_TEXT},
	 NULL},
	{"revision",
	 {"id", "tbl", "row_id", "action", "before", "after", "reason", "actor", "at"},
	 {C_INT, C_TEXT, C_INT, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_TEXT},
	 NULL},
	{"audit",
	 {"id", "at", "actor", "action", "child_id", "section", "route", "address", "prev_hash", "hash"},
	 {C_INT, C_TEXT, C_TEXT, C_TEXT, C_INT, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_TEXT},
	 NULL},
	/* What the DfE feed delivered (store/feed.h): without it, the record moved to another
	 * engine would send every child again. */
	{"feed_submission",
	 {"id", "started_at", "finished_at", "mode", "target", "actor", "n_new", "n_updated", "n_purged", "n_unchanged",
	  "n_delivered", "outcome", "http_status", "attempts", "message"},
	 {C_INT, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_INT, C_INT, C_INT, C_INT, C_INT, C_TEXT, C_INT, C_INT, C_TEXT},
	 NULL},
	{"feed_item",
	 {"id", "submission_id", "child_id", "la_child_id", "state", "hash", "payload", "response_id"},
	 {C_INT, C_INT, C_INT, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_TEXT},
	 NULL},
};

static void entity_table(const struct entity *e, struct copy_table *t)
{
	memset(t, 0, sizeof(*t));
	t->name = e->name;
	t->e = e;
	t->columns[0] = "id";
	t->types[0] = C_INT;
	int n = 1;
	for (int i = 0; i < e->n_fields && n < 38; i++, n++) {
		const struct field *f = &e->fields[i];
		t->columns[n] = f->name;
		t->types[n] = f->type == FT_REAL ? C_REAL
			      : (f->type == FT_BOOL || f->type == FT_INT || f->type == FT_REF) ? C_INT
											       : C_TEXT;
	}
	t->columns[n] = "voided";
	t->types[n] = C_INT;
}

static int n_columns(const struct copy_table *t)
{
	int n = 0;
	while (n < 40 && t->columns[n]) {
		n++;
	}
	return n;
}

static void select_sql(const struct copy_table *t, struct buf *b)
{
	buf_puts(b, "SELECT ");
	for (int i = 0; i < n_columns(t); i++) {
		buf_printf(b, "%s%s", i ? ", " : "", t->columns[i]);
	}
	buf_printf(b, " FROM %s ORDER BY id", t->name);
}

/* Feeds one row, normalised by column type, into the checksum stream. */
static void digest_row(struct db_stmt *s, const struct copy_table *t, struct buf *stream)
{
	for (int i = 0; i < n_columns(t); i++) {
		if (db_col_null(s, i)) {
			buf_puts(stream, "\x1e");
		} else if (t->types[i] == C_INT) {
			buf_printf(stream, "%lld", (long long)db_col_int(s, i));
		} else if (t->types[i] == C_REAL) {
			buf_printf(stream, "%.17g", db_col_real(s, i));
		} else {
			buf_puts(stream, db_col_text(s, i));
		}
		buf_putc(stream, '\x1f');
	}
	buf_putc(stream, '\n');
}

static int table_digest(struct store *st, const struct copy_table *t, struct store_copy_table *out,
			struct hearth_error *err)
{
	struct buf sql = BUF_INIT, stream = BUF_INIT;
	select_sql(t, &sql);
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), buf_cstr(&sql), &s, err);
	buf_free(&sql);
	if (rc) {
		return rc;
	}
	int64_t rows = 0;
	while ((rc = db_step(s, err)) == 1) {
		digest_row(s, t, &stream);
		rows++;
	}
	db_finalize(s);
	if (rc < 0) {
		buf_free(&stream);
		return rc;
	}
	out->rows = rows;
	secret_sha256_hex(stream.data ? stream.data : "", stream.len, out->checksum);
	buf_free(&stream);
	return 0;
}

/* The INSERT for `rows` rows of a table: one statement with a VALUES list per row. */
static void insert_sql(const struct copy_table *t, int rows, struct buf *b)
{
	int n = n_columns(t);
	buf_printf(b, "INSERT INTO %s (", t->name);
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s%s", i ? ", " : "", t->columns[i]);
	}
	buf_puts(b, ") VALUES ");
	for (int r = 0; r < rows; r++) {
		buf_puts(b, r ? ", (" : "(");
		for (int i = 0; i < n; i++) {
			buf_puts(b, i ? ", ?" : "?");
		}
		buf_putc(b, ')');
	}
}

/* One value read from the source, held until its batch is written. */
struct copy_value {
	bool null;
	int64_t i;
	double r;
	char *text;
};

/* Binds a batch's values, in order, to an INSERT of that many rows, and runs it. */
static int write_batch(struct db_stmt *w, const struct copy_table *t, struct copy_value *vals, int nvals,
		       struct hearth_error *err)
{
	int n = n_columns(t);
	db_reset(w);
	for (int k = 0; k < nvals; k++) {
		enum col_type type = t->types[k % n];
		if (vals[k].null) {
			db_bind_null(w, k + 1);
		} else if (type == C_INT) {
			db_bind_int(w, k + 1, vals[k].i);
		} else if (type == C_REAL) {
			db_bind_real(w, k + 1, vals[k].r);
		} else {
			db_bind_text(w, k + 1, vals[k].text);
		}
	}
	int rc = db_step(w, err);
	for (int k = 0; k < nvals; k++) {
		free(vals[k].text);
		vals[k].text = NULL;
	}
	return rc < 0 ? rc : 0;
}

/* Rows go over in batches of several rows per INSERT: one round trip per batch rather
 * than per row, which is what a database server across a socket costs (on PostgreSQL,
 * about 15 times faster than a statement per row). About 4,000 values per statement keeps
 * well inside both engines' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535). */
#define COPY_BATCH_VALUES 4000

static int copy_rows(struct store *src, struct store *dst, const struct copy_table *t, int64_t *copied,
		     struct hearth_error *err)
{
	int n = n_columns(t);
	int batch = COPY_BATCH_VALUES / n;
	struct buf sel = BUF_INIT, ins = BUF_INIT;
	select_sql(t, &sel);
	insert_sql(t, batch, &ins);
	struct db_stmt *s = NULL, *w = NULL;
	int rc = db_prepare(store_db(src), buf_cstr(&sel), &s, err);
	if (!rc) {
		rc = db_prepare(store_db(dst), buf_cstr(&ins), &w, err);
	}
	buf_free(&sel);
	buf_free(&ins);
	struct copy_value *vals = xcalloc((size_t)batch * (size_t)n, sizeof(*vals));
	int held = 0; /* rows in vals */
	*copied = 0;
	while (!rc && (rc = db_step(s, err)) == 1) {
		struct copy_value *v = vals + (size_t)held * (size_t)n;
		for (int i = 0; i < n; i++) {
			v[i].null = db_col_null(s, i);
			if (v[i].null) {
				continue;
			}
			if (t->types[i] == C_INT) {
				v[i].i = db_col_int(s, i);
			} else if (t->types[i] == C_REAL) {
				v[i].r = db_col_real(s, i);
			} else {
				v[i].text = xstrdup(db_col_text(s, i));
			}
		}
		(*copied)++;
		rc = 0;
		if (++held == batch) {
			rc = write_batch(w, t, vals, held * n, err);
			held = 0;
		}
	}
	if (rc == 0 && held > 0) {
		/* The last, shorter batch has a statement of its own. */
		struct db_stmt *last = NULL;
		insert_sql(t, held, &ins);
		rc = db_prepare(store_db(dst), buf_cstr(&ins), &last, err);
		buf_free(&ins);
		if (!rc) {
			rc = write_batch(last, t, vals, held * n, err);
		}
		db_finalize(last);
	}
	for (size_t k = 0; k < (size_t)batch * (size_t)n; k++) {
		free(vals[k].text);
	}
	free(vals);
	db_finalize(s);
	db_finalize(w);
	if (rc < 0) {
		return rc;
	}
	return db_sync_ids(store_db(dst), t->name, err);
}

static int all_tables(struct copy_table *out)
{
	int n = 0;
	for (int k = 0; k < model_entity_count; k++) {
		entity_table(model_entities[k], &out[n++]);
	}
	for (size_t i = 0; i < sizeof(extra_tables) / sizeof(extra_tables[0]); i++) {
		out[n++] = extra_tables[i];
	}
	return n;
}

int store_copy(struct store *src, struct store *dst, store_copy_fn report, void *ctx, struct hearth_error *err)
{
	struct copy_table tables[64];
	int n = all_tables(tables);
	int rc = store_begin(dst, err);
	if (rc) {
		return rc;
	}
	/* Tables go in descriptor order, which puts every table after those it refers to. */
	for (int i = 0; i < n; i++) {
		int64_t copied;
		if ((rc = copy_rows(src, dst, &tables[i], &copied, err))) {
			store_rollback(dst);
			char why[sizeof(err->message)];
			snprintf(why, sizeof(why), "%s", err ? err->message : "");
			return herr_set(err, rc, tables[i].name, "copy", "copying %s failed: %s", tables[i].name, why);
		}
	}
	/* The packs are derived, not copied: built from the rows just copied (so the copy
	 * holds them exactly as its own rows give them, whatever the source held). */
	if ((rc = store_packs_build_all(dst, err))) {
		store_rollback(dst);
		return rc;
	}
	if ((rc = store_commit(dst, err))) {
		return rc;
	}
	int mismatches = 0;
	for (int i = 0; i < n; i++) {
		struct store_copy_table a = {tables[i].name, 0, ""}, b = {tables[i].name, 0, ""};
		if ((rc = table_digest(src, &tables[i], &a, err)) || (rc = table_digest(dst, &tables[i], &b, err))) {
			return rc;
		}
		bool same = a.rows == b.rows && strcmp(a.checksum, b.checksum) == 0;
		mismatches += !same;
		if (report) {
			report(ctx, &a, &b, same);
		}
	}
	return mismatches;
}
