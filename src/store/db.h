/* db: the thin layer between the store and one database engine.
 *
 * store.c speaks only this interface; sqlite.c implements it (and postgres.c will). SQL
 * handed to db_prepare is always a compile-time string built from literals and entity
 * descriptors, with '?' placeholders; values are always bound, never spliced. Private to
 * src/store/. */
#ifndef HEARTH_STORE_DB_H
#define HEARTH_STORE_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"

struct db;
struct db_stmt;

enum db_mode { DB_READ, DB_WRITE, DB_CREATE };

int db_open(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err);
void db_close(struct db *db);

/* Runs SQL with no parameters and no rows (migrations, BEGIN/COMMIT). */
int db_exec(struct db *db, const char *sql, struct hearth_error *err);
/* A prepared statement, owned by the caller: db_finalize it. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err);
void db_finalize(struct db_stmt *s);
void db_reset(struct db_stmt *s);	/* clears bindings too */

/* Parameters count from 1. */
void db_bind_null(struct db_stmt *s, int i);
void db_bind_int(struct db_stmt *s, int i, int64_t v);
void db_bind_real(struct db_stmt *s, int i, double v);
void db_bind_text(struct db_stmt *s, int i, const char *v);	/* NULL binds NULL */

/* 1 when a row is ready, 0 when done, HERR_IO (err filled) on failure. */
int db_step(struct db_stmt *s, struct hearth_error *err);
/* Columns count from 0. Text is valid until the next step or reset. */
bool db_col_null(struct db_stmt *s, int i);
int64_t db_col_int(struct db_stmt *s, int i);
double db_col_real(struct db_stmt *s, int i);
const char *db_col_text(struct db_stmt *s, int i);

int db_user_version(struct db *db);
int db_set_user_version(struct db *db, int v, struct hearth_error *err);
/* Engine-level checks for `hearth check` (integrity, foreign keys). */
typedef void (*db_problem_fn)(void *ctx, const char *what);
int db_check(struct db *db, db_problem_fn report, void *ctx, struct hearth_error *err);
/* The column names of a table, for schema tests; calls fn once per column. */
int db_columns(struct db *db, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
	       struct hearth_error *err);

#endif
