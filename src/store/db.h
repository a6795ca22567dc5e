/* db: the thin layer between the store and a database engine.
 *
 * store.c speaks only this interface. db.c picks the driver from the target: a
 * postgresql:// (or postgres://) URL goes to postgres.c, anything else is a SQLite file
 * (sqlite.c). SQL handed to db_prepare is always a compile-time string built from
 * literals and entity descriptors, with '?' or '?N' placeholders (each driver maps them to
 * its own); values are always bound, never spliced. Private to src/store/. */
#ifndef HEARTH_STORE_DB_H
#define HEARTH_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

struct db;
struct db_stmt;

enum db_mode { DB_READ, DB_WRITE, DB_CREATE };

int db_open(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err);
void db_close(struct db *db);

/* Runs SQL with no parameters and no rows (COMMIT, SAVEPOINT...). */
int db_exec(struct db *db, const char *sql, struct hearth_error *err);
/* Starts the outermost write transaction holding the record's write lock, so writers
 * queue one behind another (the audit chain needs one order). */
int db_begin_write(struct db *db, struct hearth_error *err);
/* Runs a migration file's SQL, written in SQLite's dialect; a driver translates what its
 * engine spells differently (PostgreSQL: identity keys, BIGINT, DOUBLE PRECISION). */
int db_exec_migration(struct db *db, const char *sql, struct hearth_error *err);
/* Bulk loading of a new record (store_bulk_begin): on trades durability for speed until
 * it is turned off again, which makes everything written so far durable. Called outside
 * any transaction. */
int db_bulk(struct db *db, bool on, struct hearth_error *err);
/* Whether the connection is inside a transaction. An engine may end one by itself on an
 * I/O error or a full disk (SQLite rolls the whole transaction back), so after a failure
 * inside a batch the store asks, rather than assume its savepoint is still there. */
bool db_in_transaction(struct db *db);
/* A cap on the work the connection's statements may do from now on: past about steps
 * of the engine's work, every statement fails (rule "budget") until the next call; 0 is
 * no cap. SQLite counts its virtual machine steps (a progress handler); an engine
 * without the means (PostgreSQL) ignores it. */
void db_set_budget(struct db *db, uint64_t steps);
/* The same cap in time, for an engine with no step count (PostgreSQL): from now on no
 * statement may run longer than ms, and none starts once ms have passed since this call
 * (rule "budget"); 0 is no cap. SQLite ignores it. */
void db_set_time_budget(struct db *db, unsigned ms);
/* "sqlite" or "postgresql". */
const char *db_engine(struct db *db);
/* After rows were inserted with explicit ids: make the next generated id follow them. */
int db_sync_ids(struct db *db, const char *table, struct hearth_error *err);
/* A prepared statement, owned by the caller: db_finalize it. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err);
/* An INSERT, written without a RETURNING clause: each step that writes the row yields one
 * row whose column 0 is the new row's id, then the next step is done. (SQLite reads the id
 * from the connection, as RETURNING would cost it a temporary table per execution;
 * PostgreSQL appends RETURNING id.) */
int db_prepare_insert(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err);
void db_finalize(struct db_stmt *s);
void db_reset(struct db_stmt *s);	/* clears bindings too */

/* Parameters count from 1. */
void db_bind_null(struct db_stmt *s, int i);
void db_bind_int(struct db_stmt *s, int i, int64_t v);
void db_bind_real(struct db_stmt *s, int i, double v);
void db_bind_text(struct db_stmt *s, int i, const char *v);	/* NULL binds NULL */
/* Bytes (a BLOB on SQLite, a BYTEA on PostgreSQL); NULL binds NULL. */
void db_bind_blob(struct db_stmt *s, int i, const void *v, size_t n);

/* Starts s with its bound values without waiting for it: statements sent one after another
 * travel to the server together and their results come back in order, so N statements cost
 * one round trip rather than N. Read each with db_step as usual (in any order); a failure
 * to run one is reported by its db_step. Its values are sent as bound: binding again (after
 * a db_reset, which drops a result not yet read) starts afresh. An engine
 * in the same process (SQLite) does nothing here: db_step runs the statement as always, so
 * the rows and their decoding are the same on both. */
int db_send(struct db_stmt *s, struct hearth_error *err);
/* 1 when a row is ready, 0 when done, HERR_IO (err filled) on failure. */
int db_step(struct db_stmt *s, struct hearth_error *err);
/* Columns count from 0. Text is valid until the next step or reset. */
bool db_col_null(struct db_stmt *s, int i);
int64_t db_col_int(struct db_stmt *s, int i);
double db_col_real(struct db_stmt *s, int i);
const char *db_col_text(struct db_stmt *s, int i);
/* A BLOB/BYTEA column's bytes and their count (NULL, 0 for a NULL); valid until the next
 * step or reset. */
const void *db_col_blob(struct db_stmt *s, int i, size_t *n);

int db_user_version(struct db *db);
int db_set_user_version(struct db *db, int v, struct hearth_error *err);
/* Engine-level checks for `hearth check` (integrity, foreign keys). */
typedef void (*db_problem_fn)(void *ctx, const char *what);
int db_check(struct db *db, db_problem_fn report, void *ctx, struct hearth_error *err);
/* The column names of a table, for schema tests; calls fn once per column. */
int db_columns(struct db *db, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
	       struct hearth_error *err);

/* The driver behind the interface above: one table of functions per engine. */
struct db_driver {
	const char *name;
	int (*open)(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct hearth_error *err);
	int (*begin_write)(struct db *db, struct hearth_error *err);
	int (*exec_migration)(struct db *db, const char *sql, struct hearth_error *err);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err);
	int (*prepare_insert)(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err);
	void (*finalize)(struct db_stmt *s);
	void (*reset)(struct db_stmt *s);
	void (*bind_null)(struct db_stmt *s, int i);
	void (*bind_int)(struct db_stmt *s, int i, int64_t v);
	void (*bind_real)(struct db_stmt *s, int i, double v);
	void (*bind_text)(struct db_stmt *s, int i, const char *v);
	void (*bind_blob)(struct db_stmt *s, int i, const void *v, size_t n);
	int (*step)(struct db_stmt *s, struct hearth_error *err);
	int (*send)(struct db_stmt *s, struct hearth_error *err);	/* NULL: db_step runs it */
	bool (*col_null)(struct db_stmt *s, int i);
	int64_t (*col_int)(struct db_stmt *s, int i);
	double (*col_real)(struct db_stmt *s, int i);
	const char *(*col_text)(struct db_stmt *s, int i);
	const void *(*col_blob)(struct db_stmt *s, int i, size_t *n);
	int (*user_version)(struct db *db);
	int (*set_user_version)(struct db *db, int v, struct hearth_error *err);
	int (*check)(struct db *db, db_problem_fn report, void *ctx, struct hearth_error *err);
	int (*columns)(struct db *db, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
		       struct hearth_error *err);
	int (*sync_ids)(struct db *db, const char *table, struct hearth_error *err);
	int (*bulk)(struct db *db, bool on, struct hearth_error *err);
	bool (*in_transaction)(struct db *db);
	void (*set_budget)(struct db *db, uint64_t steps);	/* NULL: not supported */
	void (*set_time_budget)(struct db *db, unsigned ms);	/* NULL: not supported */
};

/* Every connection and statement starts with its driver. */
struct db {
	const struct db_driver *drv;
};

struct db_stmt {
	const struct db_driver *drv;
};

extern const struct db_driver db_sqlite_driver;
/* SQLite's process-wide settings, made once before it opens anything (sqlite.c); whoever
 * opens SQLite directly (backup.c) calls it first. */
void db_sqlite_init(void);
extern const struct db_driver db_postgres_driver;

#endif
