/* sqlite: the db driver for SQLite, the embedded default.
 *
 * The record is opened in WAL mode with foreign keys on and synchronous=FULL: a change
 * that was reported done survives a power cut. A busy timeout lets the CLI and a server
 * share the file. A read-only store is opened with SQLITE_OPEN_READONLY and query_only,
 * so a read can never write, whatever its SQL. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "store/db.h"
#include "store/fault.h"

struct sq_db {
	struct db base;	/* first: a struct db * is a struct sq_db * */
	sqlite3 *h;
	/* The work budget (db_set_budget): steps_used counts the virtual machine steps of
	 * every statement stepped since; past steps_max each step fails. Within one long
	 * statement, budget_tick (every SQ_TICK steps) adds to step_now and stops it. */
	uint64_t steps_used, step_now, steps_max;
};

#define SQ_TICK 1000

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
	struct sq_db *db;
	/* An insert (db_prepare_insert): its one row is the new id, held here. */
	bool returns_id, id_ready;
	int64_t id;
	char id_text[24];
};

#define DB(x) ((struct sq_db *)(x))
#define ST(x) ((struct sq_stmt *)(x))

/* A full disk is told apart (rule disk_full), so that the server can answer 503: the
 * change was not made and the service itself needs attention, not the request. */
static const char *rule_of(sqlite3 *h)
{
	int code = h ? sqlite3_extended_errcode(h) & 0xff : SQLITE_OK;
	return code == SQLITE_FULL ? "disk_full" : code == SQLITE_INTERRUPT ? "budget" : "database";
}

static int over_budget(struct hearth_error *err, const char *what)
{
	return herr_set(err, HERR_IO, "", "budget", "%s: stopped, past the request's work budget", what);
}

static int fail(struct sq_db *db, struct hearth_error *err, const char *what)
{
	sqlite3 *h = db ? db->h : NULL;
	const char *rule = rule_of(h);
	if (strcmp(rule, "disk_full") == 0) {
		return herr_set(err, HERR_IO, "", rule, "%s: the disk holding the record is full", what);
	}
	if (strcmp(rule, "budget") == 0) {
		return over_budget(err, what);
	}
	return herr_set(err, HERR_IO, "", rule, "%s: %s", what, h ? sqlite3_errmsg(h) : "");
}

static int sq_exec(struct db *db, const char *sql, struct hearth_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(DB(db)->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = herr_set(err, HERR_IO, "", rule_of(DB(db)->h), "%s", msg ? msg : sqlite3_errmsg(DB(db)->h));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static void sq_close(struct db *db)
{
	if (db) {
		sqlite3_close_v2(DB(db)->h);
		free(db);
	}
}

/* Set once, before SQLite starts (it refuses harmlessly once started, as when the server
 * has set them already):
 *  - SQLite's allocator keeps global statistics under a mutex by default; nothing here
 *    reads them, and every bound value and row costs an allocation.
 *  - A savepoint's (and a statement's) journal spills to a temporary file past 64 KiB by
 *    default, and once spilled it stays a file for the rest of the transaction, so every
 *    later write in a batch (an import) costs file writes of the pages it touches. One
 *    write's journal is a few pages: keep up to 16 MiB in memory. */
static void sq_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 16 << 20);
	fault_install();
}

void db_sqlite_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_global_init);
}

static int sq_open(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err)
{
	db_sqlite_init();
	struct stat sb;
	bool exists = stat(target, &sb) == 0;
	if (mode == DB_CREATE && exists) {
		return herr_set(err, HERR_CONFLICT, "DB", "exists",
				"%s already exists; Hearth will not overwrite a record", target);
	}
	if (mode != DB_CREATE && !exists) {
		return herr_set(err, HERR_NOT_FOUND, "DB", "missing", "%s does not exist (create it with hearth init)",
				target);
	}
	int flags = mode == DB_READ ? SQLITE_OPEN_READONLY
				    : SQLITE_OPEN_READWRITE | (mode == DB_CREATE ? SQLITE_OPEN_CREATE : 0);
	struct sq_db *db = xcalloc(1, sizeof(*db));
	db->base.drv = &db_sqlite_driver;
	if (sqlite3_open_v2(target, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		int rc = fail(db, err, target);
		sq_close(&db->base);
		return rc;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	const char *setup = mode == DB_READ ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
					    : "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;";
	if (sq_exec(&db->base, setup, err) ||
	    (mode == DB_CREATE && sq_exec(&db->base, "PRAGMA journal_mode=WAL;", err))) {
		sq_close(&db->base);
		return HERR_IO;
	}
	*out = &db->base;
	return 0;
}

static int sq_begin_write(struct db *db, struct hearth_error *err)
{
	/* IMMEDIATE takes the write lock at once, so two writers queue rather than deadlock. */
	return sq_exec(db, "BEGIN IMMEDIATE", err);
}

static int sq_exec_migration(struct db *db, const char *sql, struct hearth_error *err)
{
	return sq_exec(db, sql, err);
}

static int sq_prepare(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	sqlite3_stmt *h;
	if (sqlite3_prepare_v3(DB(db)->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &h, NULL) != SQLITE_OK) {
		return fail(DB(db), err, "prepare");
	}
	struct sq_stmt *s = xcalloc(1, sizeof(*s));
	s->base.drv = &db_sqlite_driver;
	s->h = h;
	s->db = DB(db);
	*out = &s->base;
	return 0;
}

static int sq_prepare_insert(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	int rc = sq_prepare(db, sql, out, err);
	if (!rc) {
		ST(*out)->returns_id = true;
	}
	return rc;
}

static void sq_finalize(struct db_stmt *s)
{
	sqlite3_finalize(ST(s)->h);
	free(s);
}

static void sq_reset(struct db_stmt *s)
{
	ST(s)->id_ready = false;
	sqlite3_reset(ST(s)->h);
	sqlite3_clear_bindings(ST(s)->h);
}

static void sq_bind_null(struct db_stmt *s, int i)
{
	sqlite3_bind_null(ST(s)->h, i);
}

static void sq_bind_int(struct db_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(ST(s)->h, i, v);
}

static void sq_bind_real(struct db_stmt *s, int i, double v)
{
	sqlite3_bind_double(ST(s)->h, i, v);
}

static void sq_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v) {
		sqlite3_bind_text(ST(s)->h, i, v, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(ST(s)->h, i);
	}
}

static void sq_bind_blob(struct db_stmt *s, int i, const void *v, size_t n)
{
	if (v) {
		sqlite3_bind_blob64(ST(s)->h, i, n ? v : "", n, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(ST(s)->h, i);
	}
}

/* Adds what the statement's last sqlite3_step did to the budget's count. */
static void count_steps(struct sq_stmt *q)
{
	q->db->step_now = 0;
	q->db->steps_used += (uint64_t)sqlite3_stmt_status(q->h, SQLITE_STMTSTATUS_VM_STEP, 1);
}

static int sq_step(struct db_stmt *s, struct hearth_error *err)
{
	struct sq_stmt *q = ST(s);
	struct sq_db *db = q->db;
	if (db->steps_max && db->steps_used > db->steps_max) {
		return over_budget(err, "step");
	}
	if (q->returns_id) {
		if (q->id_ready) {
			q->id_ready = false;
			return 0;
		}
		int done = sqlite3_step(q->h);
		count_steps(q);
		if (done != SQLITE_DONE) {
			return fail(q->db, err, "step");
		}
		q->id = sqlite3_last_insert_rowid(q->db->h);
		q->id_ready = true;
		return 1;
	}
	int rc = sqlite3_step(ST(s)->h);
	count_steps(q);
	if (rc == SQLITE_ROW) {
		return 1;
	}
	if (rc == SQLITE_DONE) {
		return 0;
	}
	return fail(ST(s)->db, err, "step");
}

static bool sq_col_null(struct db_stmt *s, int i)
{
	if (ST(s)->returns_id) {
		return !ST(s)->id_ready || i != 0;
	}
	return sqlite3_column_type(ST(s)->h, i) == SQLITE_NULL;
}

static int64_t sq_col_int(struct db_stmt *s, int i)
{
	if (ST(s)->returns_id) {
		return ST(s)->id_ready && i == 0 ? ST(s)->id : 0;
	}
	return sqlite3_column_int64(ST(s)->h, i);
}

static double sq_col_real(struct db_stmt *s, int i)
{
	if (ST(s)->returns_id) {
		return (double)sq_col_int(s, i);
	}
	return sqlite3_column_double(ST(s)->h, i);
}

static const char *sq_col_text(struct db_stmt *s, int i)
{
	struct sq_stmt *q = ST(s);
	if (q->returns_id) {
		if (!q->id_ready || i != 0) {
			return NULL;
		}
		snprintf(q->id_text, sizeof(q->id_text), "%lld", (long long)q->id);
		return q->id_text;
	}
	return (const char *)sqlite3_column_text(q->h, i);
}

static const void *sq_col_blob(struct db_stmt *s, int i, size_t *n)
{
	struct sq_stmt *q = ST(s);
	if (q->returns_id) {
		*n = 0;
		return NULL;
	}
	const void *p = sqlite3_column_blob(q->h, i);
	*n = p ? (size_t)sqlite3_column_bytes(q->h, i) : 0;
	return p;
}

static int sq_user_version(struct db *db)
{
	sqlite3_stmt *h;
	int v = -1;
	if (sqlite3_prepare_v2(DB(db)->h, "PRAGMA user_version", -1, &h, NULL) == SQLITE_OK) {
		if (sqlite3_step(h) == SQLITE_ROW) {
			v = sqlite3_column_int(h, 0);
		}
		sqlite3_finalize(h);
	}
	return v;
}

static int sq_set_user_version(struct db *db, int v, struct hearth_error *err)
{
	/* PRAGMA takes no bound parameters; v is an integer from the migration table. */
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v);
	return sq_exec(db, sql, err);
}

static int report_rows(struct sq_db *db, const char *sql, bool skip_ok, db_problem_fn report, void *ctx,
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

static int sq_check(struct db *db, db_problem_fn report, void *ctx, struct hearth_error *err)
{
	int a = report_rows(DB(db), "PRAGMA integrity_check", true, report, ctx, err);
	if (a < 0) {
		return a;
	}
	int b = report_rows(DB(db), "PRAGMA foreign_key_check", false, report, ctx, err);
	if (b < 0) {
		return b;
	}
	return a + b;
}

static int sq_columns(struct db *db, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
		      struct hearth_error *err)
{
	sqlite3_stmt *h;
	if (sqlite3_prepare_v2(DB(db)->h, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &h, NULL) !=
	    SQLITE_OK) {
		return fail(DB(db), err, "table_info");
	}
	sqlite3_bind_text(h, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(h) == SQLITE_ROW) {
		fn(ctx, (const char *)sqlite3_column_text(h, 0));
	}
	sqlite3_finalize(h);
	return 0;
}

static int sq_sync_ids(struct db *db, const char *table, struct hearth_error *err)
{
	/* INTEGER PRIMARY KEY takes max(id) + 1 by itself. */
	(void)db;
	(void)table;
	(void)err;
	return 0;
}

/* Bulk loading writes a new file that is thrown away unless the load finishes: the
 * rollback journal (which savepoints and a failed batch still need) is kept in memory
 * instead of the write-ahead log, so each page is written once rather than to the log and
 * again at each checkpoint, and nothing is synced. Turning it off syncs at full strength
 * and returns to WAL mode: switching rewrites the header in a transaction that, with
 * synchronous=FULL, ends with an fsync of the whole file. */
static int sq_bulk(struct db *db, bool on, struct hearth_error *err)
{
	return sq_exec(db,
		       on ? "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;"
			  : "PRAGMA synchronous=FULL; PRAGMA temp_store=DEFAULT; PRAGMA journal_mode=WAL;",
		       err);
}

/* Nonzero stops the statement (SQLITE_INTERRUPT; SQLite then rolls back a write's whole
 * transaction). A step refused before it starts (sq_step) fails as any write's error
 * does, and the store rolls its transaction back: either way a stopped request leaves
 * nothing half-written. */
static int budget_tick(void *ctx)
{
	struct sq_db *db = ctx;
	db->step_now += SQ_TICK;
	return db->steps_used + db->step_now > db->steps_max;
}

static void sq_set_budget(struct db *d, uint64_t steps)
{
	struct sq_db *db = DB(d);
	db->steps_used = db->step_now = 0;
	db->steps_max = steps;
	if (steps) {
		sqlite3_progress_handler(db->h, SQ_TICK, budget_tick, db);
	} else {
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
	}
}

static bool sq_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(DB(db)->h);
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.begin_write = sq_begin_write,
	.exec_migration = sq_exec_migration,
	.prepare = sq_prepare,
	.prepare_insert = sq_prepare_insert,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_null = sq_bind_null,
	.bind_int = sq_bind_int,
	.bind_real = sq_bind_real,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.col_null = sq_col_null,
	.col_int = sq_col_int,
	.col_real = sq_col_real,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.user_version = sq_user_version,
	.set_user_version = sq_set_user_version,
	.check = sq_check,
	.columns = sq_columns,
	.sync_ids = sq_sync_ids,
	.bulk = sq_bulk,
	.in_transaction = sq_in_transaction,
	.set_budget = sq_set_budget,
};
