/* sqlite: the db interface on SQLite, the embedded default.
 *
 * The record is opened in WAL mode with foreign keys on and synchronous=FULL: a change
 * that was reported done survives a power cut. A busy timeout lets the CLI and a server
 * share the file. A read-only store is opened with SQLITE_OPEN_READONLY, so a read can
 * never write, whatever its SQL. */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"

struct db {
	sqlite3 *h;
};

struct db_stmt {
	sqlite3_stmt *h;
	struct db *db;
};

static int fail(struct db *db, struct hearth_error *err, const char *what)
{
	return herr_set(err, HERR_IO, "", "database", "%s: %s", what, db && db->h ? sqlite3_errmsg(db->h) : "");
}

int db_open(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err)
{
	struct stat sb;
	bool exists = stat(target, &sb) == 0;
	if (mode == DB_CREATE && exists) {
		return herr_set(err, HERR_CONFLICT, "DB", "exists", "%s already exists; Hearth will not overwrite a record",
				target);
	}
	if (mode != DB_CREATE && !exists) {
		return herr_set(err, HERR_NOT_FOUND, "DB", "missing", "%s does not exist (create it with hearth init)",
				target);
	}
	int flags = mode == DB_READ ? SQLITE_OPEN_READONLY
				    : SQLITE_OPEN_READWRITE | (mode == DB_CREATE ? SQLITE_OPEN_CREATE : 0);
	struct db *db = xcalloc(1, sizeof(*db));
	if (sqlite3_open_v2(target, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		int rc = fail(db, err, target);
		db_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	const char *setup = mode == DB_READ ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
					    : "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
	if (db_exec(db, setup, err)) {
		db_close(db);
		return HERR_IO;
	}
	if (mode == DB_CREATE && db_exec(db, "PRAGMA journal_mode=WAL;", err)) {
		db_close(db);
		return HERR_IO;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db) {
		return;
	}
	sqlite3_close_v2(db->h);
	free(db);
}

int db_exec(struct db *db, const char *sql, struct hearth_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = herr_set(err, HERR_IO, "", "database", "%s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	sqlite3_stmt *h;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &h, NULL) != SQLITE_OK) {
		return fail(db, err, "prepare");
	}
	struct db_stmt *s = xmalloc(sizeof(*s));
	s->h = h;
	s->db = db;
	*out = s;
	return 0;
}

void db_finalize(struct db_stmt *s)
{
	if (s) {
		sqlite3_finalize(s->h);
		free(s);
	}
}

void db_reset(struct db_stmt *s)
{
	sqlite3_reset(s->h);
	sqlite3_clear_bindings(s->h);
}

void db_bind_null(struct db_stmt *s, int i)
{
	sqlite3_bind_null(s->h, i);
}

void db_bind_int(struct db_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s->h, i, v);
}

void db_bind_real(struct db_stmt *s, int i, double v)
{
	sqlite3_bind_double(s->h, i, v);
}

void db_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v) {
		sqlite3_bind_text(s->h, i, v, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(s->h, i);
	}
}

int db_step(struct db_stmt *s, struct hearth_error *err)
{
	int rc = sqlite3_step(s->h);
	if (rc == SQLITE_ROW) {
		return 1;
	}
	if (rc == SQLITE_DONE) {
		return 0;
	}
	return fail(s->db, err, "step");
}

bool db_col_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(s->h, i) == SQLITE_NULL;
}

int64_t db_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->h, i);
}

double db_col_real(struct db_stmt *s, int i)
{
	return sqlite3_column_double(s->h, i);
}

const char *db_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->h, i);
}

int db_user_version(struct db *db)
{
	sqlite3_stmt *h;
	int v = -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &h, NULL) == SQLITE_OK) {
		if (sqlite3_step(h) == SQLITE_ROW) {
			v = sqlite3_column_int(h, 0);
		}
		sqlite3_finalize(h);
	}
	return v;
}

int db_set_user_version(struct db *db, int v, struct hearth_error *err)
{
	/* PRAGMA takes no bound parameters; v is an integer from the migration table. */
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v);
	return db_exec(db, sql, err);
}

static int report_rows(struct db *db, const char *sql, bool skip_ok, db_problem_fn report, void *ctx,
		       struct hearth_error *err)
{
	sqlite3_stmt *h;
	int problems = 0;
	if (sqlite3_prepare_v2(db->h, sql, -1, &h, NULL) != SQLITE_OK) {
		return fail(db, err, sql);
	}
	while (sqlite3_step(h) == SQLITE_ROW) {
		char line[512] = "";
		int n = sqlite3_column_count(h);
		for (int i = 0; i < n; i++) {
			const char *t = (const char *)sqlite3_column_text(h, i);
			size_t len = strlen(line);
			snprintf(line + len, sizeof(line) - len, "%s%s", i ? " " : "", t ? t : "NULL");
		}
		if (skip_ok && strcmp(line, "ok") == 0) {
			continue;
		}
		report(ctx, line);
		problems++;
	}
	sqlite3_finalize(h);
	return problems;
}

int db_check(struct db *db, db_problem_fn report, void *ctx, struct hearth_error *err)
{
	int a = report_rows(db, "PRAGMA integrity_check", true, report, ctx, err);
	if (a < 0) {
		return a;
	}
	int b = report_rows(db, "PRAGMA foreign_key_check", false, report, ctx, err);
	if (b < 0) {
		return b;
	}
	return a + b;
}

int db_columns(struct db *db, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
	       struct hearth_error *err)
{
	sqlite3_stmt *h;
	if (sqlite3_prepare_v2(db->h, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &h, NULL) !=
	    SQLITE_OK) {
		return fail(db, err, "table_info");
	}
	sqlite3_bind_text(h, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(h) == SQLITE_ROW) {
		fn(ctx, (const char *)sqlite3_column_text(h, 0));
	}
	sqlite3_finalize(h);
	return 0;
}
