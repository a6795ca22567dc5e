/* postgres: the db driver for PostgreSQL (libpq), for councils that run a database server.
 *
 * Statements are prepared on the server once per connection (named hearth_N) and executed
 * with every value sent as a bound parameter, never spliced into SQL. The store's SQL is
 * written in the portable subset of both engines with '?' / '?N' placeholders, which are
 * mapped to $N here. Migrations are written in SQLite's dialect and translated (identity
 * keys, BIGINT, DOUBLE PRECISION). The schema version lives in hearth_meta.
 *
 * Writers take a transaction-scoped advisory lock (db_begin_write), so changes — and the
 * audit chain — are appended in one order, as SQLite's single writer does.
 *
 * When the server goes away, the next call outside a transaction reconnects (PQreset) and
 * statements are prepared again on first use; a transaction in flight fails and is rolled
 * back by the store, so nothing is half written. An idle connection whose server has gone
 * (restarted, failed over) is noticed before it is used, so the first statement after a
 * restart runs on a fresh connection instead of failing.
 *
 * A lock is waited for at most LOCK_TIMEOUT, as SQLite's busy timeout does: a writer queued
 * behind a stuck one fails with a clear error rather than hanging.
 *
 * A request's work budget (db_set_time_budget) is time, as PostgreSQL counts no steps:
 * each statement runs under statement_timeout (the server cancels it, SQLSTATE 57014, and
 * aborts its transaction, which the store rolls back) and none starts once the budget has
 * passed; either way the rule is "budget", as SQLite's step count gives.
 *
 * Round trips. A statement run alone costs a round trip to the server; a request that reads
 * a child's record runs a dozen. So statements travel together in libpq's pipeline mode
 * (libpq >= 14) whenever the caller allows it:
 *   - db_send starts a statement without waiting: statements sent one after another go to
 *     the server together and their results come back in order, read (all of them, once)
 *     by the first db_step that needs one ("settling" the pipeline);
 *   - a read transaction's BEGIN is not waited for: it goes with the transaction's first
 *     statement;
 *   - the COMMIT of a transaction that ran only SELECTs (nothing to make durable) is sent
 *     and its answer read with the connection's next statement;
 *   - a writer's BEGIN and its lock (db_begin_write) go with its first statement, which
 *     the server runs once the lock is had.
 * Every other call first settles what is in flight, so outside these the driver works
 * statement by statement as before. In a pipeline a failed statement makes the server skip
 * the rest of the batch: those statements report the failure that stopped them. A lost
 * connection fails every statement in flight; the next call outside a transaction
 * reconnects as before.
 *
 * HEARTH_PG_TRACE=1 in the environment writes a line to stderr for every round trip (every
 * wait for the server's answer), naming the connection and what travelled: "hearth: pg
 * trip: conn N: WHAT", a batch's statements joined by " | " (and "hearth: pg no wait: ..."
 * for a COMMIT sent ahead whose answer was in before it was read). It is how the round
 * trips of a request are counted (tests/cli/pg_trips.sh). */
#include <libpq-fe.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/mem.h"
#include "store/db.h"

#define WRITE_LOCK_KEY 4827271 /* any constant shared by every Hearth writer */
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define LOCK_KEY_TEXT STRINGIFY(WRITE_LOCK_KEY)
#define LOCK_TIMEOUT "10s" /* as sqlite.c's busy timeout */

/* Every connection's settings, applied again after a reconnect. */
#define SETUP_WRITE "SET client_min_messages = warning; SET lock_timeout = '" LOCK_TIMEOUT "'"
#define SETUP_READ SETUP_WRITE "; SET default_transaction_read_only = on"

struct pg_stmt;

/* What was sent in pipeline mode and is still to be read, in the order sent: a statement
 * (its result goes to it) or a command of the driver's own (s NULL: BEGIN, COMMIT, a
 * prepare), whose result is only checked. */
struct pg_sent {
	struct pg_stmt *s;
	const char *what;
};

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned serial;	/* the connection's number in this process, for the trace */
	unsigned next_name;
	unsigned generation;	/* bumped on every reconnect */
	const char *setup;	/* SETUP_READ or SETUP_WRITE */
	bool configured;	/* setup has run on this connection */
	/* The time budget: statement_timeout wanted and in force on this connection (ms,
	 * 0: none), and when the budget ends (CLOCK_MONOTONIC ms, 0: never). */
	unsigned timeout_ms, timeout_set;
	int64_t deadline;
	/* The pipeline (see the top of the file). */
	bool piped;		/* in pipeline mode */
	bool synced;		/* its end (PQpipelineSync) is sent */
	struct pg_sent *sent;
	size_t n_sent, cap_sent;
	char batch_error[400];	/* the first failure in the batch being read, for those it stopped */
	/* The transaction in progress began with a read BEGIN and has run only SELECTs. */
	bool tx_reading;
	/* What is in flight is only the COMMIT of such a transaction, sent ahead. */
	bool commit_ahead;
};

struct pg_stmt {
	struct db_stmt base;
	struct pg_db *db;
	char *sql;		/* translated to $N placeholders */
	char name[32];
	unsigned generation;	/* the connection generation it was prepared on */
	int nparams;
	char **vals;
	PGresult *res;
	int row, nrows;
	bool executed;
	bool pending;		/* sent in the pipeline, its result not read yet */
	bool checked;		/* res's status has been looked at by pg_step */
	bool select;		/* the statement only reads (SELECT ...) */
	char *abort_reason;	/* skipped in a batch: why */
	unsigned char *blob;	/* the last db_col_blob's bytes (PQunescapeBytea's), until the next step */
};

#define DB(x) ((struct pg_db *)(x))
#define ST(x) ((struct pg_stmt *)(x))

/* The round-trip trace (see the top of the file): -1 not yet asked, 0 off, 1 on. */
static int trace_on = -1;
static unsigned conn_serial;

static bool tracing(void)
{
	if (trace_on < 0) {
		const char *t = getenv("HEARTH_PG_TRACE");
		trace_on = t && t[0] && strcmp(t, "0") != 0;
	}
	return trace_on == 1;
}

/* The head of a statement, for the trace: its first words, on one line. */
static void trace_head(struct buf *b, const char *sql)
{
	size_t n = strcspn(sql, "\n");
	buf_printf(b, "%.*s%s", (int)(n > 60 ? 60 : n), sql, n > 60 ? "..." : "");
}

static void trace_line(struct pg_db *db, bool wait, const char *what, const char *sql)
{
	if (!tracing()) {
		return;
	}
	struct buf b = BUF_INIT;
	buf_printf(&b, "hearth: pg %s: conn %u: %s", wait ? "trip" : "no wait", db->serial, what);
	if (sql) {
		buf_puts(&b, ": ");
		trace_head(&b, sql);
	}
	fprintf(stderr, "%s\n", buf_cstr(&b));
	buf_free(&b);
}

static void trace_trip(struct pg_db *db, const char *what, const char *sql)
{
	trace_line(db, true, what, sql);
}

static int fail_msg(struct hearth_error *err, const char *what, const char *msg)
{
	char clean[400];
	snprintf(clean, sizeof(clean), "%s", msg ? msg : "");
	clean[strcspn(clean, "\n")] = '\0';
	return herr_set(err, HERR_IO, "", "database", "%s: %s", what, clean);
}

/* A failed statement's error: a lock waited for too long and a lost server say so in words
 * a person can act on; anything else is the server's own message. */
static int fail_result(struct hearth_error *err, const char *what, PGresult *r, PGconn *conn, const char *batch_error)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (state && strcmp(state, "55P03") == 0) {
		return herr_set(err, HERR_IO, "", "database",
				"%s: the record is busy: another writer held it for longer than " LOCK_TIMEOUT, what);
	}
	if (state && strcmp(state, "57014") == 0) {
		return herr_set(err, HERR_IO, "", "budget", "%s: stopped, past the request's work budget", what);
	}
	if (state && strcmp(state, "53100") == 0) {
		return herr_set(err, HERR_IO, "", "disk_full", "%s: the disk holding the record is full", what);
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		return fail_msg(err, "the connection to the PostgreSQL server was lost", PQerrorMessage(conn));
	}
	if (state && strcmp(state, "25P02") == 0 && batch_error && batch_error[0]) {
		return fail_msg(err, what, batch_error); /* the command sent ahead that failed */
	}
	return fail_msg(err, what, PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r) : PQerrorMessage(conn));
}

static bool in_transaction(struct pg_db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static void sent_push(struct pg_db *db, struct pg_stmt *s, const char *what)
{
	if (db->n_sent == db->cap_sent) {
		db->cap_sent = db->cap_sent ? db->cap_sent * 2 : 32;
		db->sent = xrealloc(db->sent, db->cap_sent * sizeof(*db->sent));
	}
	db->sent[db->n_sent++] = (struct pg_sent){s, what};
}

static int pipe_open(struct pg_db *db, struct hearth_error *err)
{
	if (!db->piped) {
		if (!PQenterPipelineMode(db->conn)) {
			return fail_msg(err, "pipeline", PQerrorMessage(db->conn));
		}
		db->piped = true;
		db->synced = false;
	}
	return 0;
}

/* In the list of what was sent: the end of a batch (its PQpipelineSync) with more sent
 * after it (after_commit), whose result is PGRES_PIPELINE_SYNC. */
static const char SYNC_MARK[] = "sync";

/* Reads up to the end of a batch: its PGRES_PIPELINE_SYNC. */
static void read_sync(PGconn *c)
{
	for (int k = 0; k < 4; k++) {
		PGresult *r = PQgetResult(c);
		if (!r) {
			if (PQstatus(c) != CONNECTION_OK) {
				break;
			}
			continue;
		}
		ExecStatusType t = PQresultStatus(r);
		PQclear(r);
		if (t == PGRES_PIPELINE_SYNC) {
			break;
		}
	}
}

/* Reads the results of everything in flight, in the order sent, into their statements,
 * and leaves pipeline mode. A statement the server skipped because an earlier one failed
 * keeps that failure's words (abort_reason). With keep_last, the last command's result is
 * handed back instead of checked (pg_exec's own, joined to the batch). */
static void settle_keep(struct pg_db *db, PGresult **keep_last)
{
	if (!db->piped) {
		return;
	}
	PGconn *c = db->conn;
	if (!db->synced) {
		PQpipelineSync(c);
		db->synced = true;
	}
	if (tracing()) {
		/* A COMMIT sent ahead whose answer is already in costs no wait. */
		bool answered = db->commit_ahead && PQconsumeInput(c) && !PQisBusy(c);
		struct buf b = BUF_INIT;
		buf_printf(&b, "batch of %zu: ", db->n_sent);
		for (size_t i = 0; i < db->n_sent; i++) {
			buf_puts(&b, i ? " | " : "");
			if (db->sent[i].s) {
				trace_head(&b, db->sent[i].s->sql);
			} else {
				buf_puts(&b, db->sent[i].what);
			}
		}
		trace_line(db, !answered, buf_cstr(&b), NULL);
		buf_free(&b);
	}
	char first_error[400] = "";
	for (size_t i = 0; i < db->n_sent; i++) {
		if (!db->sent[i].s && db->sent[i].what == SYNC_MARK) {
			read_sync(c); /* a batch ended; the next one has its own failures */
			first_error[0] = '\0';
			continue;
		}
		PGresult *r = PQgetResult(c);
		if (!r) {
			/* No result where one was owed: the connection is gone. */
			r = PQmakeEmptyPGresult(c, PGRES_FATAL_ERROR);
		} else {
			PGresult *extra; /* each statement's results end with a NULL */
			while ((extra = PQgetResult(c)) != NULL) {
				PQclear(extra);
			}
		}
		ExecStatusType t = PQresultStatus(r);
		if (t == PGRES_FATAL_ERROR && !first_error[0]) {
			const char *m = PQresultErrorMessage(r), *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			if (state && strcmp(state, "55P03") == 0) {
				m = "the record is busy: another writer held it for longer than " LOCK_TIMEOUT;
			}
			snprintf(first_error, sizeof(first_error), "%s", m && m[0] ? m : PQerrorMessage(c));
			first_error[strcspn(first_error, "\n")] = '\0';
		}
		struct pg_stmt *s = db->sent[i].s;
		if (s) {
			s->res = r;
			s->pending = false;
			s->checked = false;
			if (t == PGRES_PIPELINE_ABORTED) {
				free(s->abort_reason);
				s->abort_reason = xstrdup(first_error[0] ? first_error : "an earlier statement failed");
			}
		} else if (keep_last && i + 1 == db->n_sent) {
			*keep_last = r;
		} else {
			PQclear(r);
		}
	}
	read_sync(c); /* the end of the (last) batch */
	snprintf(db->batch_error, sizeof(db->batch_error), "%s", first_error);
	PQexitPipelineMode(c); /* fails only on a broken connection, which PQreset resets */
	db->piped = false;
	db->synced = false;
	db->commit_ahead = false;
	db->n_sent = 0;
}

static void settle(struct pg_db *db)
{
	settle_keep(db, NULL);
}

/* An idle connection has nothing to say: anything readable on its socket (the server's
 * "terminating connection" message, or the end of the stream) means the server has gone
 * away or is going. libpq would only find out by failing the next statement. */
static bool idle_connection_lost(PGconn *c)
{
	struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
	return p.fd < 0 || poll(&p, 1, 0) != 0;
}

/* The time budget's statement_timeout, for the connection (outside a transaction only:
 * a transaction's rollback would undo it). */
static int apply_timeout(struct pg_db *db, struct hearth_error *err)
{
	if (db->timeout_set == db->timeout_ms) {
		return 0;
	}
	char sql[64];
	snprintf(sql, sizeof(sql), "SET statement_timeout = %u", db->timeout_ms);
	trace_trip(db, "exec", sql);
	PGresult *r = PQexec(db->conn, sql);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : fail_msg(err, "statement timeout", PQresultErrorMessage(r));
	PQclear(r);
	if (!rc) {
		db->timeout_set = db->timeout_ms;
	}
	return rc;
}

/* Outside a transaction, a lost connection is re-opened before the next call, with the
 * connection's settings applied again (a read-only store stays read-only). */
static int ensure_connected(struct pg_db *db, struct hearth_error *err)
{
	if (PQstatus(db->conn) != CONNECTION_OK || idle_connection_lost(db->conn)) {
		trace_trip(db, "reconnect", NULL);
		PQreset(db->conn);
		if (PQstatus(db->conn) != CONNECTION_OK) {
			return fail_msg(err, "the PostgreSQL server is unreachable", PQerrorMessage(db->conn));
		}
		db->generation++;
		db->configured = false;
		db->timeout_set = 0;
	}
	if (!db->configured) {
		/* Nothing runs on a connection without its settings. */
		trace_trip(db, "exec", db->setup);
		PGresult *r = PQexec(db->conn, db->setup);
		int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : fail_msg(err, "connection settings",
										 PQresultErrorMessage(r));
		PQclear(r);
		if (rc) {
			return rc;
		}
		db->configured = true;
	}
	return apply_timeout(db, err);
}

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* statement_timeout is set at once outside a transaction (a request begins outside one),
 * else before the next statement outside one (ensure_connected). */
static void pg_set_time_budget(struct db *d, unsigned ms)
{
	struct pg_db *db = DB(d);
	db->timeout_ms = ms;
	db->deadline = ms ? now_ms() + ms : 0;
	if (db->timeout_set == ms) {
		return; /* in force already */
	}
	settle(db); /* a COMMIT sent ahead: no PQexec while a pipeline is open */
	if (PQstatus(db->conn) == CONNECTION_OK && !in_transaction(db)) {
		apply_timeout(db, NULL);
	}
}

static int past_budget(struct pg_db *db, struct hearth_error *err)
{
	if (db->deadline && now_ms() > db->deadline) {
		return herr_set(err, HERR_IO, "", "budget", "step: stopped, past the request's work budget");
	}
	return 0;
}

/* The COMMIT of a transaction that ran only SELECTs: nothing waits on it to be durable, so
 * it is sent (with the batch in flight, if any) and its answer read with the connection's
 * next statement. The server has it at once: the snapshot is not held while idle. */
static int commit_later(struct pg_db *db)
{
	db->tx_reading = false;
	if (db->piped && db->synced) {
		settle(db);
	}
	size_t n_before = db->n_sent;
	if (pipe_open(db, NULL) == 0 && PQsendQueryParams(db->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0)) {
		sent_push(db, NULL, "commit");
		PQpipelineSync(db->conn); /* sends the batch */
		db->synced = true;
		db->commit_ahead = n_before == 0;
		return 0;
	}
	/* Not sent: the connection is gone, and a read transaction with it. */
	settle(db);
	return 0;
}

static bool is_begin(const char *sql)
{
	return strncmp(sql, "BEGIN", 5) == 0 && !strchr(sql, ';');
}

/* Before the next transaction's first command, when what is in flight is only a COMMIT
 * sent ahead: an answer already in is read (no wait); one not yet in is not waited for,
 * and the new batch follows it (a new segment of the pipeline, after its sync), read
 * together with it. true: the caller sends into the open batch. Not when the connection's
 * settings are due (a new time budget): those go as ensure_connected sends them. */
static bool after_commit(struct pg_db *db)
{
	if (!(db->piped && db->synced && db->commit_ahead)) {
		return false;
	}
	if (db->timeout_set != db->timeout_ms || !PQconsumeInput(db->conn) || !PQisBusy(db->conn)) {
		settle(db);
		return false;
	}
	sent_push(db, NULL, SYNC_MARK);
	db->synced = false;
	db->commit_ahead = false;
	return true;
}

static int pg_exec(struct db *d, const char *sql, struct hearth_error *err)
{
	struct pg_db *db = DB(d);
	if (db->tx_reading && strcmp(sql, "COMMIT") == 0) {
		return commit_later(db);
	}
	PGresult *r = NULL;
	if (is_begin(sql) && after_commit(db)) {
		if (PQsendQueryParams(db->conn, sql, 0, NULL, NULL, NULL, NULL, 0)) {
			sent_push(db, NULL, "begin");
			db->tx_reading = true;
			return 0;
		}
		settle(db); /* not sent: the connection is in trouble; on as below */
	}
	if (db->piped && !db->synced && !strchr(sql, ';') && !is_begin(sql)) {
		/* A command after a read BEGIN not yet sent (a writer's lock): both go at once. */
		if (PQsendQueryParams(db->conn, sql, 0, NULL, NULL, NULL, NULL, 0)) {
			sent_push(db, NULL, sql); /* read at once: sql outlives it */
			settle_keep(db, &r);
		}
	}
	if (!r) {
		settle(db);
	}
	if (!r && PQstatus(db->conn) != CONNECTION_OK && strncmp(sql, "ROLLBACK", 8) == 0) {
		db->tx_reading = false;
		return 0; /* a transaction dies with its connection: nothing is left to roll back */
	}
	bool begin = is_begin(sql);
	if (!r && !in_transaction(db)) {
		if (ensure_connected(db, err)) {
			return HERR_IO;
		}
		if (begin) {
			/* A transaction's BEGIN goes with its first statement. */
			if (pipe_open(db, err)) {
				return HERR_IO;
			}
			if (PQsendQueryParams(db->conn, sql, 0, NULL, NULL, NULL, NULL, 0)) {
				sent_push(db, NULL, "begin");
				db->tx_reading = true;
				return 0;
			}
			settle(db);
		}
	}
	db->tx_reading = false;
	if (!r) {
		trace_trip(db, "exec", sql);
		r = PQexec(db->conn, sql);
	}
	ExecStatusType t = PQresultStatus(r);
	int rc = 0;
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
		rc = fail_result(err, "exec", r, db->conn, db->batch_error);
	}
	PQclear(r);
	if (strncmp(sql, "ROLLBACK", 8) == 0 || strcmp(sql, "COMMIT") == 0) {
		db->batch_error[0] = '\0'; /* the transaction it explained has ended */
	}
	return rc;
}

static void pg_close(struct db *d)
{
	if (d) {
		PQfinish(DB(d)->conn);
		free(DB(d)->sent);
		free(d);
	}
}

static int query_int(struct pg_db *db, const char *sql, int *out)
{
	settle(db);
	trace_trip(db, "exec", sql);
	PGresult *r = PQexec(db->conn, sql);
	int rc = -1;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		*out = PQgetisnull(r, 0, 0) ? 0 : atoi(PQgetvalue(r, 0, 0));
		rc = 0;
	}
	PQclear(r);
	return rc;
}

static int pg_user_version(struct db *d)
{
	struct pg_db *db = DB(d);
	int exists = 0, v = 0;
	if (query_int(db, "SELECT CASE WHEN to_regclass('hearth_meta') IS NULL THEN 0 ELSE 1 END", &exists)) {
		return -1;
	}
	if (!exists) {
		return 0;
	}
	if (query_int(db, "SELECT CAST(value AS INTEGER) FROM hearth_meta WHERE key = 'schema_version'", &v)) {
		return 0;
	}
	return v;
}

static int pg_open(const char *target, enum db_mode mode, struct db **out, struct hearth_error *err)
{
	struct pg_db *db = xcalloc(1, sizeof(*db));
	db->base.drv = &db_postgres_driver;
	db->serial = __atomic_add_fetch(&conn_serial, 1, __ATOMIC_RELAXED);
	db->conn = PQconnectdb(target);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		/* The URL may hold a password: the message names the problem, never the URL. */
		int rc = fail_msg(err, "cannot connect to the PostgreSQL server", PQerrorMessage(db->conn));
		pg_close(&db->base);
		return rc;
	}
	db->setup = mode == DB_READ ? SETUP_READ : SETUP_WRITE;
	if (ensure_connected(db, err)) {
		pg_close(&db->base);
		return HERR_IO;
	}
	int v = pg_user_version(&db->base);
	if (mode == DB_CREATE) {
		int tables = 0;
		query_int(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
			  &tables);
		if (v != 0 || tables > 0) {
			pg_close(&db->base);
			return herr_set(err, HERR_CONFLICT, "DB", "exists",
					"the database already holds tables; Hearth creates a record only in an empty "
					"database");
		}
	}
	*out = &db->base;
	return 0;
}

static int pg_begin_write(struct db *d, struct hearth_error *err)
{
	struct pg_db *db = DB(d);
	if (pg_exec(d, "BEGIN", err)) {
		return HERR_IO;
	}
	if (db->piped && !db->synced &&
	    PQsendQueryParams(db->conn, "SELECT pg_advisory_xact_lock(" LOCK_KEY_TEXT ")", 0, NULL, NULL, NULL, NULL, 0)) {
		/* The BEGIN waits to be sent: the lock joins it, and both go with the transaction's
		 * first statement, which the server runs once the lock is had. A lock not had in
		 * time fails that statement, with the lock's words. */
		sent_push(db, NULL, "lock");
		db->tx_reading = false;
		return 0;
	}
	if (pg_exec(d, "SELECT pg_advisory_xact_lock(" LOCK_KEY_TEXT ")", err)) {
		pg_exec(d, "ROLLBACK", NULL);
		return HERR_IO;
	}
	return 0;
}

/* Replaces every occurrence of from with to (whole words only where the next character
 * is not a letter, digit or underscore). */
static void replace_all(struct buf *b, const char *from, const char *to)
{
	struct buf out = BUF_INIT;
	const char *s = buf_cstr(b);
	size_t n = strlen(from);
	while (*s) {
		if (strncmp(s, from, n) == 0 && !(s[n] == '_' || (s[n] >= 'A' && s[n] <= 'Z') ||
						  (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9'))) {
			buf_puts(&out, to);
			s += n;
		} else {
			buf_putc(&out, *s++);
		}
	}
	buf_free(b);
	*b = out;
}

static int pg_exec_migration(struct db *d, const char *sql, struct hearth_error *err)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, sql);
	replace_all(&b, "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
	replace_all(&b, " INTEGER", " BIGINT");
	replace_all(&b, " REAL", " DOUBLE PRECISION");
	replace_all(&b, " BLOB", " BYTEA");
	int rc = pg_exec(d, buf_cstr(&b), err);
	buf_free(&b);
	return rc;
}

/* '?' and '?N' placeholders to $N, outside quoted strings. */
static char *translate(const char *sql, int *nparams)
{
	struct buf b = BUF_INIT;
	int seq = 0, max = 0;
	bool quoted = false;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'') {
			quoted = !quoted;
		}
		if (*p != '?' || quoted) {
			buf_putc(&b, *p);
			continue;
		}
		int n = 0;
		if (p[1] >= '0' && p[1] <= '9') {
			while (p[1] >= '0' && p[1] <= '9') {
				n = n * 10 + (*++p - '0');
			}
		} else {
			n = ++seq;
		}
		if (n > max) {
			max = n;
		}
		buf_printf(&b, "$%d", n);
	}
	*nparams = max;
	return buf_take(&b);
}

static int server_prepare(struct pg_stmt *s, struct hearth_error *err)
{
	struct pg_db *db = s->db;
	snprintf(s->name, sizeof(s->name), "hearth_%u", db->next_name++);
	trace_trip(db, "prepare", s->sql);
	PGresult *r = PQprepare(db->conn, s->name, s->sql, s->nparams, NULL);
	int rc = 0;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = fail_result(err, "prepare", r, db->conn, NULL);
	}
	PQclear(r);
	s->generation = db->generation;
	return rc;
}

static void pg_finalize(struct db_stmt *st);

static int pg_prepare(struct db *d, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	struct pg_db *db = DB(d);
	settle(db);
	if (!in_transaction(db) && ensure_connected(db, err)) {
		return HERR_IO;
	}
	struct pg_stmt *s = xcalloc(1, sizeof(*s));
	s->base.drv = &db_postgres_driver;
	s->db = db;
	s->sql = translate(sql, &s->nparams);
	s->select = strncmp(sql, "SELECT", 6) == 0;
	s->vals = xcalloc((size_t)(s->nparams ? s->nparams : 1), sizeof(char *));
	s->row = -1;
	int rc = server_prepare(s, err);
	if (rc) {
		pg_finalize(&s->base);
		return rc;
	}
	*out = &s->base;
	return 0;
}

static int pg_prepare_insert(struct db *d, const char *sql, struct db_stmt **out, struct hearth_error *err)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s RETURNING id", sql);
	int rc = pg_prepare(d, buf_cstr(&b), out, err);
	buf_free(&b);
	return rc;
}

static void clear_blob(struct pg_stmt *s)
{
	if (s->blob) {
		PQfreemem(s->blob);
		s->blob = NULL;
	}
}

static void clear_result(struct pg_stmt *s)
{
	clear_blob(s);
	if (s->pending) {
		settle(s->db); /* its result is on the way: read it, to be dropped */
	}
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
	s->executed = false;
	s->checked = false;
	free(s->abort_reason);
	s->abort_reason = NULL;
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	clear_result(s);
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
	}
}

static void pg_finalize(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	pg_reset(st);
	settle(s->db);
	if (s->name[0] && s->generation == s->db->generation && PQstatus(s->db->conn) == CONNECTION_OK &&
	    PQtransactionStatus(s->db->conn) == PQTRANS_IDLE) {
		char sql[64];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
		trace_trip(s->db, "exec", sql);
		PQclear(PQexec(s->db->conn, sql));
	}
	free(s->vals);
	free(s->sql);
	free(s);
}

static void set_param(struct pg_stmt *s, int i, char *v)
{
	if (i < 1 || i > s->nparams) {
		free(v);
		return;
	}
	free(s->vals[i - 1]);
	s->vals[i - 1] = v;
}

static void pg_bind_null(struct db_stmt *s, int i)
{
	set_param(ST(s), i, NULL);
}

static void pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
	char t[32];
	snprintf(t, sizeof(t), "%lld", (long long)v);
	set_param(ST(s), i, xstrdup(t));
}

static void pg_bind_real(struct db_stmt *s, int i, double v)
{
	char t[40];
	snprintf(t, sizeof(t), "%.17g", v);
	set_param(ST(s), i, xstrdup(t));
}

static void pg_bind_text(struct db_stmt *s, int i, const char *v)
{
	set_param(ST(s), i, v ? xstrdup(v) : NULL);
}

/* Bytes are sent as text too: bytea's hex input, a backslash, x, then two digits a byte. */
static void pg_bind_blob(struct db_stmt *s, int i, const void *v, size_t n)
{
	if (!v) {
		set_param(ST(s), i, NULL);
		return;
	}
	static const char hex[] = "0123456789abcdef";
	char *t = xmalloc(2 * n + 3);
	const unsigned char *b = v;
	t[0] = '\\';
	t[1] = 'x';
	for (size_t k = 0; k < n; k++) {
		t[2 + 2 * k] = hex[b[k] >> 4];
		t[3 + 2 * k] = hex[b[k] & 15];
	}
	t[2 * n + 2] = '\0';
	set_param(ST(s), i, t);
}

/* Sends s with its bound values into the pipeline, without waiting (see the top of the
 * file); its result is read by the first step that needs one. */
static int send_stmt(struct pg_stmt *s, struct hearth_error *err)
{
	struct pg_db *db = s->db;
	if (past_budget(db, err)) {
		return HERR_IO;
	}
	clear_result(s);
	if (db->piped && db->synced) {
		settle(db); /* a batch already closed (a COMMIT sent ahead): read it first */
	}
	if (!db->piped) {
		if (!in_transaction(db) && ensure_connected(db, err)) {
			return HERR_IO;
		}
		if (s->generation != db->generation && server_prepare(s, err)) {
			return HERR_IO;
		}
		if (pipe_open(db, err)) {
			return HERR_IO;
		}
	} else if (s->generation != db->generation) {
		/* Prepared on a connection since replaced: prepared again, in the batch. */
		snprintf(s->name, sizeof(s->name), "hearth_%u", db->next_name++);
		if (!PQsendPrepare(db->conn, s->name, s->sql, s->nparams, NULL)) {
			return fail_msg(err, "prepare", PQerrorMessage(db->conn));
		}
		sent_push(db, NULL, "prepare");
		s->generation = db->generation;
	}
	if (!PQsendQueryPrepared(db->conn, s->name, s->nparams, (const char *const *)s->vals, NULL, NULL, 0)) {
		int rc = fail_msg(err, "send", PQerrorMessage(db->conn));
		settle(db);
		return rc;
	}
	sent_push(db, s, "statement");
	s->executed = true;
	s->pending = true;
	if (!s->select) {
		db->tx_reading = false;
	}
	return 0;
}

static int pg_send(struct db_stmt *st, struct hearth_error *err)
{
	return send_stmt(ST(st), err);
}

static int pg_step(struct db_stmt *st, struct hearth_error *err)
{
	struct pg_stmt *s = ST(st);
	struct pg_db *db = s->db;
	if (!s->executed) {
		if (db->piped && !db->synced) {
			/* A batch is open (a BEGIN sent ahead, or statements sent): this one joins it. */
			if (send_stmt(s, err)) {
				return HERR_IO;
			}
		} else {
			settle(db);
			if (past_budget(db, err) || (!in_transaction(db) && ensure_connected(db, err))) {
				return HERR_IO;
			}
			if (s->generation != db->generation && server_prepare(s, err)) {
				return HERR_IO;
			}
			trace_trip(db, "statement", s->sql);
			s->res = PQexecPrepared(db->conn, s->name, s->nparams, (const char *const *)s->vals, NULL, NULL,
						0);
			s->executed = true;
			if (!s->select) {
				db->tx_reading = false;
			}
		}
	}
	if (s->pending) {
		settle(db);
	}
	if (!s->checked) {
		s->checked = true;
		ExecStatusType t = PQresultStatus(s->res);
		if (t == PGRES_TUPLES_OK) {
			s->nrows = PQntuples(s->res);
		} else if (t == PGRES_COMMAND_OK) {
			s->nrows = 0;
		} else {
			int rc;
			if (t == PGRES_PIPELINE_ABORTED) {
				rc = fail_msg(err, "not run", s->abort_reason);
				if (PQstatus(db->conn) != CONNECTION_OK) {
					rc = fail_msg(err, "the connection to the PostgreSQL server was lost",
						      PQerrorMessage(db->conn));
				}
			} else {
				const char *state = PQresultErrorField(s->res, PG_DIAG_SQLSTATE);
				rc = fail_result(err, "step", s->res, db->conn, db->batch_error);
				if (state && strcmp(state, "23505") == 0 && err) {
					err->code = HERR_CONFLICT; /* a unique constraint: someone else wrote first */
					rc = HERR_CONFLICT;
				}
			}
			clear_result(s);
			s->executed = true;
			s->checked = true;
			return rc;
		}
	}
	if (s->row + 1 < s->nrows) {
		s->row++;
		return 1;
	}
	return 0;
}

static bool pg_col_null(struct db_stmt *s, int i)
{
	return !ST(s)->res || PQgetisnull(ST(s)->res, ST(s)->row, i);
}

static const char *pg_col_text(struct db_stmt *s, int i)
{
	return pg_col_null(s, i) ? NULL : PQgetvalue(ST(s)->res, ST(s)->row, i);
}

/* A bytea column comes as text (bytea_output hex, or escape from an older setting), which
 * PQunescapeBytea reads either way. */
static const void *pg_col_blob(struct db_stmt *s, int i, size_t *n)
{
	struct pg_stmt *q = ST(s);
	const char *t = pg_col_text(s, i);
	clear_blob(q);
	*n = 0;
	if (!t) {
		return NULL;
	}
	q->blob = PQunescapeBytea((const unsigned char *)t, n);
	return q->blob;
}

static int64_t pg_col_int(struct db_stmt *s, int i)
{
	const char *t = pg_col_text(s, i);
	return t ? strtoll(t, NULL, 10) : 0;
}

static double pg_col_real(struct db_stmt *s, int i)
{
	const char *t = pg_col_text(s, i);
	return t ? strtod(t, NULL) : 0.0;
}

static int pg_set_user_version(struct db *d, int v, struct hearth_error *err)
{
	settle(DB(d));
	if (pg_exec(d, "CREATE TABLE IF NOT EXISTS hearth_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)", err)) {
		return HERR_IO;
	}
	char value[16];
	snprintf(value, sizeof(value), "%d", v);
	const char *params[1] = {value};
	trace_trip(DB(d), "exec", "(the driver's own query)");
	PGresult *r = PQexecParams(DB(d)->conn,
				   "INSERT INTO hearth_meta (key, value) VALUES ('schema_version', $1) "
				   "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
				   1, NULL, params, NULL, NULL, 0);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : fail_msg(err, "schema version", PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

static int pg_check(struct db *d, db_problem_fn report, void *ctx, struct hearth_error *err)
{
	/* PostgreSQL checks its own pages and enforces foreign keys on every write; what is
	 * left to ask is whether the server answers and every foreign key is validated. */
	(void)report;
	(void)ctx;
	int invalid = 0;
	if (query_int(DB(d),
		      "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated AND "
		      "connamespace = current_schema()::regnamespace",
		      &invalid)) {
		return fail_msg(err, "check", PQerrorMessage(DB(d)->conn));
	}
	if (invalid > 0) {
		report(ctx, "foreign keys not validated");
		return 1;
	}
	return 0;
}

static int pg_columns(struct db *d, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
		      struct hearth_error *err)
{
	settle(DB(d));
	const char *params[1] = {table};
	trace_trip(DB(d), "exec", "(the driver's own query)");
	PGresult *r = PQexecParams(DB(d)->conn,
				   "SELECT column_name FROM information_schema.columns WHERE table_schema = "
				   "current_schema() AND table_name = $1 ORDER BY ordinal_position",
				   1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		int rc = fail_msg(err, "columns", PQresultErrorMessage(r));
		PQclear(r);
		return rc;
	}
	for (int i = 0; i < PQntuples(r); i++) {
		fn(ctx, PQgetvalue(r, i, 0));
	}
	PQclear(r);
	return 0;
}

static int pg_sync_ids(struct db *d, const char *table, struct hearth_error *err)
{
	settle(DB(d));
	/* Identity columns keep their own counter: move it past the copied ids. The table
	 * name comes from the store's own table list, and is passed as a bound value. */
	const char *params[1] = {table};
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM %s), false)",
		   table);
	trace_trip(DB(d), "exec", "(the driver's own query)");
	trace_trip(DB(d), "exec", buf_cstr(&sql));
	PGresult *r = PQexecParams(DB(d)->conn, buf_cstr(&sql), 1, NULL, params, NULL, NULL, 0);
	buf_free(&sql);
	int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : fail_msg(err, "sync ids", PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

static int pg_bulk(struct db *d, bool on, struct hearth_error *err)
{
	/* A commit returns before its log record is flushed: a crash loses the last commits
	 * but never leaves a half-written one. Turning it back on makes the next commit wait
	 * for the log up to itself, and so for everything before it. */
	return pg_exec(d, on ? "SET synchronous_commit = off" : "RESET synchronous_commit", err);
}

static bool pg_in_transaction(struct db *db)
{
	settle(DB(db));
	PGTransactionStatusType t = PQtransactionStatus(DB(db)->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

const struct db_driver db_postgres_driver = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin_write = pg_begin_write,
	.exec_migration = pg_exec_migration,
	.prepare = pg_prepare,
	.prepare_insert = pg_prepare_insert,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_null = pg_bind_null,
	.bind_int = pg_bind_int,
	.bind_real = pg_bind_real,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.send = pg_send,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_real = pg_col_real,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.user_version = pg_user_version,
	.set_user_version = pg_set_user_version,
	.check = pg_check,
	.columns = pg_columns,
	.sync_ids = pg_sync_ids,
	.bulk = pg_bulk,
	.in_transaction = pg_in_transaction,
	.set_time_budget = pg_set_time_budget,
};
