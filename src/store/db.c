/* db: picks the driver for a target and forwards every call to it; see db.h. */
#include "store/db.h"

#include <string.h>

static const struct db_driver *driver_for(const char *target)
{
	if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0) {
		return &db_postgres_driver;
	}
	return &db_sqlite_driver;
}

int db_open(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err)
{
	return driver_for(target)->open(target, mode, out, err);
}

void db_close(struct db *db)
{
	if (db) {
		db->drv->close(db);
	}
}

const char *db_engine(struct db *db)
{
	return db->drv->name;
}

int db_exec(struct db *db, const char *sql, struct hearth_error *err)
{
	return db->drv->exec(db, sql, err);
}

int db_begin_write(struct db *db, struct hearth_error *err)
{
	return db->drv->begin_write(db, err);
}

int db_exec_migration(struct db *db, const char *sql, struct hearth_error *err)
{
	return db->drv->exec_migration(db, sql, err);
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	return db->drv->prepare(db, sql, out, err);
}

int db_prepare_insert(struct db *db, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	return db->drv->prepare_insert(db, sql, out, err);
}

void db_finalize(struct db_stmt *s)
{
	if (s) {
		s->drv->finalize(s);
	}
}

void db_reset(struct db_stmt *s)
{
	s->drv->reset(s);
}

void db_bind_null(struct db_stmt *s, int i)
{
	s->drv->bind_null(s, i);
}

void db_bind_int(struct db_stmt *s, int i, int64_t v)
{
	s->drv->bind_int(s, i, v);
}

void db_bind_real(struct db_stmt *s, int i, double v)
{
	s->drv->bind_real(s, i, v);
}

void db_bind_text(struct db_stmt *s, int i, const char *v)
{
	s->drv->bind_text(s, i, v);
}

void db_bind_blob(struct db_stmt *s, int i, const void *v, size_t n)
{
	s->drv->bind_blob(s, i, v, n);
}

int db_send(struct db_stmt *s, struct hearth_error *err)
{
	return s->drv->send ? s->drv->send(s, err) : 0;
}

int db_step(struct db_stmt *s, struct hearth_error *err)
{
	return s->drv->step(s, err);
}

bool db_col_null(struct db_stmt *s, int i)
{
	return s->drv->col_null(s, i);
}

int64_t db_col_int(struct db_stmt *s, int i)
{
	return s->drv->col_int(s, i);
}

double db_col_real(struct db_stmt *s, int i)
{
	return s->drv->col_real(s, i);
}

const char *db_col_text(struct db_stmt *s, int i)
{
	return s->drv->col_text(s, i);
}

const void *db_col_blob(struct db_stmt *s, int i, size_t *n)
{
	return s->drv->col_blob(s, i, n);
}

int db_user_version(struct db *db)
{
	return db->drv->user_version(db);
}

int db_set_user_version(struct db *db, int v, struct hearth_error *err)
{
	return db->drv->set_user_version(db, v, err);
}

int db_check(struct db *db, db_problem_fn report, void *ctx, struct hearth_error *err)
{
	return db->drv->check(db, report, ctx, err);
}

int db_columns(struct db *db, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
	       struct hearth_error *err)
{
	return db->drv->columns(db, table, fn, ctx, err);
}

int db_sync_ids(struct db *db, const char *table, struct hearth_error *err)
{
	return db->drv->sync_ids(db, table, err);
}

int db_bulk(struct db *db, bool on, struct hearth_error *err)
{
	return db->drv->bulk(db, on, err);
}

bool db_in_transaction(struct db *db)
{
	return db->drv->in_transaction(db);
}

void db_set_budget(struct db *db, uint64_t steps)
{
	if (db->drv->set_budget) {
		db->drv->set_budget(db, steps);
	}
}

void db_set_time_budget(struct db *db, unsigned ms)
{
	if (db->drv->set_time_budget) {
		db->drv->set_time_budget(db, ms);
	}
}
