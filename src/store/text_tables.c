/* text_tables: plain text tables written into a schema of a database, for extracts that
 * analysts query in place (the SSD, returns/ssd.c). One transaction: the schema is made if
 * it is missing, each table dropped and made again, its rows inserted with bound values.
 * The names spliced into the SQL come from the caller's static tables and are checked to
 * be lower-case identifiers before they are used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "store/internal.h"

struct store_text_tables {
	struct db *db;
	const char *schema;
	struct db_stmt *insert;
	int n_cols;
};

static bool identifier(const char *s)
{
	if (!s || !*s || strlen(s) > 63) {
		return false;
	}
	for (; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) {
			return false;
		}
	}
	return true;
}

static int bad_name(const char *s, struct hearth_error *err)
{
	return herr_set(err, HERR_INVALID, "name", "not_identifier", "'%s' is not a lower-case identifier",
			s ? s : "");
}

int store_text_tables_open(const char *target, const char *schema, struct store_text_tables **out,
			   struct hearth_error *err)
{
	if (!identifier(schema)) {
		return bad_name(schema, err);
	}
	struct db *db;
	int rc = db_open(target, DB_WRITE, &db, err);
	if (rc) {
		return rc;
	}
	struct buf b = BUF_INIT;
	buf_printf(&b, "CREATE SCHEMA IF NOT EXISTS %s", schema);
	if ((rc = db_exec(db, "BEGIN", err)) || (rc = db_exec(db, buf_cstr(&b), err))) {
		buf_free(&b);
		db_close(db);
		return rc;
	}
	buf_free(&b);
	struct store_text_tables *t = xcalloc(1, sizeof(*t));
	t->db = db;
	t->schema = schema;
	*out = t;
	return 0;
}

int store_text_table(struct store_text_tables *t, const char *name, const char *const *cols, int n_cols,
		     struct hearth_error *err)
{
	if (!identifier(name)) {
		return bad_name(name, err);
	}
	for (int k = 0; k < n_cols; k++) {
		if (!identifier(cols[k])) {
			return bad_name(cols[k], err);
		}
	}
	if (t->insert) {
		db_finalize(t->insert);
		t->insert = NULL;
	}
	struct buf b = BUF_INIT;
	buf_printf(&b, "DROP TABLE IF EXISTS %s.%s", t->schema, name);
	int rc = db_exec(t->db, buf_cstr(&b), err);
	if (!rc) {
		buf_free(&b);
		buf_printf(&b, "CREATE TABLE %s.%s (", t->schema, name);
		for (int k = 0; k < n_cols; k++) {
			buf_printf(&b, "%s%s TEXT", k ? ", " : "", cols[k]);
		}
		buf_puts(&b, ")");
		rc = db_exec(t->db, buf_cstr(&b), err);
	}
	if (!rc) {
		buf_free(&b);
		buf_printf(&b, "INSERT INTO %s.%s VALUES (", t->schema, name);
		for (int k = 0; k < n_cols; k++) {
			buf_puts(&b, k ? ", ?" : "?");
		}
		buf_puts(&b, ")");
		rc = db_prepare(t->db, buf_cstr(&b), &t->insert, err);
		t->n_cols = n_cols;
	}
	buf_free(&b);
	return rc;
}

int store_text_row(struct store_text_tables *t, const char *const *vals, int n, struct hearth_error *err)
{
	if (!t->insert || n != t->n_cols) {
		return herr_set(err, HERR_INVALID, "row", "wrong_width", "a row of %d values for a table of %d columns",
				n, t->n_cols);
	}
	db_reset(t->insert);
	for (int k = 0; k < n; k++) {
		db_bind_text(t->insert, k + 1, vals[k]);
	}
	int rc = db_step(t->insert, err);
	return rc < 0 ? rc : 0;
}

int store_text_tables_close(struct store_text_tables *t, bool commit, struct hearth_error *err)
{
	if (!t) {
		return 0;
	}
	if (t->insert) {
		db_finalize(t->insert);
	}
	int rc = 0;
	if (commit) {
		rc = db_exec(t->db, "COMMIT", err);
	} else {
		db_exec(t->db, "ROLLBACK", NULL);
	}
	db_close(t->db);
	free(t);
	return rc;
}
