/* web_queries: the server's per-request reads with statements prepared once; see web.h.
 *
 * SQL here is a copy of what access.c runs for the same answers, prepared once per
 * connection instead of once per call. WEB_SCOPE_CONDITION must stay equal to
 * access.c's SCOPE_CONDITION (tests/unit/store/test_web_queries.c compares the answers of
 * store_child_visible and store_web_child_visible over every kind of scope). The status
 * casefile and the child's record read rows through store_child_rows and store_get, whose
 * statements the store already caches, and convert them with casefile.c's own converters
 * (casefile_rows.h). */
#include "store/web.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "store/casefile_rows.h"
#include "store/internal.h"

enum { W_SESSION, W_VISIBLE, W_MERGED, W_WORKERS, W_VERSION, W_REVISIONS, W_REVISION_COUNT, W_MAX };

/* The arrays of the status casefile (store_web_status_casefile). */
#define STATUS_ARRAYS                                                                                         \
	(1ull << CFA_ALLOCATIONS | 1ull << CFA_EPISODES | 1ull << CFA_CP_PLANS | 1ull << CFA_REFERRALS |         \
	 1ull << CFA_EARLY_HELP | 1ull << CFA_LEAVER_CONTACTS)

/* The scopes of the last sessions seen (store_web_scope_guess), a slot by the token hash's
 * first hex digit. */
#define GUESSES 16

/* A statement sent ahead (store_web_*_send) and not yet read: what it was bound to. */
struct sent {
	bool on;
	char hash[65];			/* W_SESSION */
	struct store_scope scope;	/* W_VISIBLE */
	int64_t id;			/* W_VISIBLE, W_MERGED, W_WORKERS: the child */
};

/* The casefiles kept between requests (store_web_casefiles_each): an open-addressed table
 * of child id to casefile (NULL: no such live child), every casefile in the arena. */
struct cf_slot {
	int64_t id;		/* 0: empty */
	const struct casefile *cf;
};

struct cf_cache {
	bool on;		/* SQLite only (see store_web_casefiles_each) */
	bool busy;		/* a call is handing kept casefiles out: a nested call reads its own */
	int64_t version;	/* the record's version the casefiles were read at; -1: none */
	struct arena a;
	struct cf_slot *slots;	/* xcalloc'd, cap a power of two */
	size_t n, cap;
};

/* Past this many bytes the kept casefiles are dropped and read again: a few thousand
 * children's worth (a team's few hundred take a few MB), per connection. */
#define CF_CACHE_BYTES (64u << 20)

struct store_web {
	struct store *st;
	struct db_stmt *s[W_MAX];
	struct sent sent[W_MAX];
	bool reading;
	struct cf_cache cache;
	struct {
		char hash[65];
		struct store_scope scope;
	} guess[GUESSES];
};

#define WEB_USER_COLUMNS "u.id, u.username, u.password_hash, u.role, u.team_id, u.worker_id, u.disabled"

/* Columns of W_SESSION, in order. */
enum { SC_ID, SC_CSRF, SC_CREATED, SC_SEEN, SC_USER_ID, SC_USERNAME, SC_HASH, SC_ROLE, SC_TEAM, SC_WORKER,
       SC_DISABLED };

/* The same condition as access.c's SCOPE_CONDITION, on alias c. Bound: scope kind, as-at
 * date, team id, worker id, user id. */
#define WEB_SCOPE_CONDITION                                                                                  \
	"c.voided = 0 AND (?1 = 'all' OR EXISTS (SELECT 1 FROM allocation a JOIN worker w ON w.id = a.worker_id " \
	"WHERE a.child_id = c.id AND a.voided = 0 AND a.start_date <= ?2 AND (a.end_date IS NULL OR "           \
	"a.end_date > ?2) AND ((?1 = 'team' AND a.kind IN ('sw', 'pa') AND w.team_id = ?3) OR (?1 = 'own' AND " \
	"a.worker_id = ?4))) OR (?1 = 'own' AND EXISTS (SELECT 1 FROM family_help f WHERE f.child_id = c.id AND " \
	"f.voided = 0 AND f.lead_worker_id = ?4 AND f.start_date <= ?2 AND (f.end_date IS NULL OR "           \
	"f.end_date > ?2)))) AND (c.restricted = 0 OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = " \
	"c.id AND g.user_id = ?5 AND g.revoked_at IS NULL))"

static const char *const sql[W_MAX] = {
	[W_SESSION] = "SELECT s.id, s.csrf_token, s.created_at, s.seen_at, " WEB_USER_COLUMNS
		      " FROM user_session s JOIN user_account u ON u.id = s.user_id "
		      "WHERE s.token_hash = ? AND s.ended_at IS NULL",
	[W_VISIBLE] = "SELECT 1 FROM child c WHERE " WEB_SCOPE_CONDITION " AND c.id = ?6",
	/* The record's version: every change to a row of the record writes a revision in the
	 * same transaction, and SQLite has one writer at a time, so the newest revision's id
	 * moves whenever anything a casefile holds may have changed. */
	[W_VERSION] = "SELECT coalesce(max(id), 0) FROM revision",
	/* merge.c's merged_away, prepared once */
	[W_MERGED] = "SELECT id, keep_id FROM child_merge WHERE other_id = ? AND undone_at IS NULL",
	/* W_WORKERS: the live workers of the child's live allocations (store_get of each; one
	 * allocated twice comes twice), built in store_web_open from the worker's descriptor */
};

/* The revisions of a child's records: the child's own, then one arm per kind of record a
 * child has, joined through the record's table (voided rows too: a retraction is history).
 * Built from the descriptors: table names only, every value bound (?1 the child). */
static void revisions_sql(struct buf *b)
{
	buf_puts(b, "SELECT r.id, r.tbl, r.row_id, r.action, r.reason, r.actor, r.at FROM revision r "
		    "WHERE r.tbl = 'child' AND r.row_id = ?1");
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field >= 0) {
			buf_printf(b, " UNION ALL SELECT r.id, r.tbl, r.row_id, r.action, r.reason, r.actor, r.at "
				      "FROM revision r JOIN %s t ON t.id = r.row_id WHERE r.tbl = '%s' AND t.%s = ?1",
				   e->name, e->name, e->fields[e->child_field].name);
		}
	}
}

void store_web_global_init(void)
{
	/* Fails harmlessly (SQLITE_MISUSE) when SQLite is already initialised. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_web_open(struct store *st, struct store_web **out, struct hearth_error *err)
{
	struct store_web *w = xcalloc(1, sizeof(*w));
	w->st = st;
	w->cache.on = store_db(st)->drv == &db_sqlite_driver;
	w->cache.version = -1;
	for (int i = 0; i < W_MAX; i++) {
		struct buf b = BUF_INIT;
		if (i == W_REVISIONS) {
			revisions_sql(&b);
			buf_puts(&b, " ORDER BY 1 DESC LIMIT ?2 OFFSET ?3");
		} else if (i == W_REVISION_COUNT) {
			buf_puts(&b, "SELECT count(*) FROM (");
			revisions_sql(&b);
			buf_puts(&b, ") x");
		} else if (i == W_WORKERS) {
			/* A join, not "id IN (...)": PostgreSQL hashed the subquery and scanned
			 * every worker. */
			buf_puts(&b, "SELECT w.id");
			for (int f = 0; f < entity_worker.n_fields; f++) {
				buf_printf(&b, ", w.%s", entity_worker.fields[f].name);
			}
			buf_puts(&b, " FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE a.child_id = ? AND "
				     "a.voided = 0 AND w.voided = 0");
		}
		int rc = db_prepare(store_db(st), b.len ? buf_cstr(&b) : sql[i], &w->s[i], err);
		buf_free(&b);
		if (rc) {
			store_web_close(w);
			return rc;
		}
	}
	*out = w;
	return 0;
}

void store_web_close(struct store_web *w)
{
	if (!w) {
		return;
	}
	for (int i = 0; i < W_MAX; i++) {
		db_finalize(w->s[i]);
	}
	arena_free(&w->cache.a);
	free(w->cache.slots);
	free(w);
}

int store_web_read_begin(struct store_web *w, struct hearth_error *err)
{
	/* PostgreSQL's default (read committed) gives each statement its own snapshot. */
	bool pg = strcmp(db_engine(store_db(w->st)), "postgresql") == 0;
	int rc = db_exec(store_db(w->st), pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN", err);
	w->reading = rc == 0;
	return rc;
}

bool store_web_reading(const struct store_web *w)
{
	return w->reading;
}

/* Drops what was sent ahead and not read (a request refused before its reads). */
static void sent_discard(struct store_web *w)
{
	for (int i = 0; i < W_MAX; i++) {
		if (w->sent[i].on) {
			db_reset(w->s[i]);
			w->sent[i].on = false;
		}
	}
	if (w->st->casefile_sent_child) {
		store_casefile_discard(w->st);
	}
}

void store_web_read_end(struct store_web *w)
{
	sent_discard(w);
	if (w->reading) {
		/* Nothing was written: COMMIT only releases the snapshot. */
		if (db_exec(store_db(w->st), "COMMIT", NULL)) {
			db_exec(store_db(w->st), "ROLLBACK", NULL);
		}
		w->reading = false;
	}
}

/* Whether statement i was sent ahead bound as now asked (then it is only read); if not,
 * anything sent is dropped and the caller binds afresh. Either way nothing is sent after. */
static bool sent_take(struct store_web *w, int i, bool same)
{
	bool was = w->sent[i].on;
	w->sent[i].on = false;
	if (was && same) {
		return true;
	}
	db_reset(w->s[i]);
	return false;
}

static int sent_mark(struct store_web *w, int i, struct hearth_error *err)
{
	int rc = db_send(w->s[i], err);
	w->sent[i].on = rc == 0;
	if (rc) {
		db_reset(w->s[i]);
	}
	return rc;
}

int store_web_session_send(struct store_web *w, const char *token_hash, struct hearth_error *err)
{
	struct db_stmt *s = w->s[W_SESSION];
	db_reset(s);
	db_bind_text(s, 1, token_hash);
	snprintf(w->sent[W_SESSION].hash, sizeof(w->sent[W_SESSION].hash), "%s", token_hash);
	return sent_mark(w, W_SESSION, err);
}

int store_web_session_find(struct store_web *w, const char *token_hash, struct arena *a, struct store_session *out,
			   struct hearth_error *err)
{
	struct db_stmt *s = w->s[W_SESSION];
	if (!sent_take(w, W_SESSION, strcmp(w->sent[W_SESSION].hash, token_hash) == 0)) {
		db_bind_text(s, 1, token_hash);
	}
	int rc = db_step(s, err);
	if (rc == 1) {
		out->id = db_col_int(s, SC_ID);
		out->csrf = arena_strdup(a, db_col_text(s, SC_CSRF));
		out->created_at = db_col_int(s, SC_CREATED);
		out->seen_at = db_col_int(s, SC_SEEN);
		out->user.id = db_col_int(s, SC_USER_ID);
		out->user.username = arena_strdup(a, db_col_text(s, SC_USERNAME));
		out->user.password_hash = NULL; /* never carried with a session */
		out->user.role = arena_strdup(a, db_col_text(s, SC_ROLE));
		out->user.team_id = db_col_null(s, SC_TEAM) ? 0 : db_col_int(s, SC_TEAM);
		out->user.worker_id = db_col_null(s, SC_WORKER) ? 0 : db_col_int(s, SC_WORKER);
		out->user.disabled = db_col_int(s, SC_DISABLED) != 0;
		rc = 0;
	} else if (rc == 0) {
		rc = HERR_NOT_FOUND;
	}
	db_reset(s);
	return rc;
}

static void visible_bind(struct db_stmt *s, const struct store_scope *sc, int64_t child_id)
{
	static const char *const kinds[] = {"none", "team", "own", "all"};
	char d[DATE_STR_SIZE];
	db_bind_text(s, 1, kinds[sc->kind]);
	db_bind_text(s, 2, date_format(sc->as_at, d));
	db_bind_int(s, 3, sc->team_id);
	db_bind_int(s, 4, sc->worker_id);
	db_bind_int(s, 5, sc->user_id);
	db_bind_int(s, 6, child_id);
}

static bool same_scope(const struct store_scope *x, const struct store_scope *y)
{
	return x->kind == y->kind && x->user_id == y->user_id && x->team_id == y->team_id &&
	       x->worker_id == y->worker_id && x->as_at == y->as_at;
}

int store_web_child_visible_send(struct store_web *w, const struct store_scope *sc, int64_t child_id,
				 struct hearth_error *err)
{
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	struct db_stmt *s = w->s[W_VISIBLE];
	db_reset(s);
	visible_bind(s, sc, child_id);
	w->sent[W_VISIBLE].scope = *sc;
	w->sent[W_VISIBLE].id = child_id;
	return sent_mark(w, W_VISIBLE, err);
}

int store_web_child_visible(struct store_web *w, const struct store_scope *sc, int64_t child_id,
			    struct hearth_error *err)
{
	const struct sent *was = &w->sent[W_VISIBLE];
	struct db_stmt *s = w->s[W_VISIBLE];
	if (!sent_take(w, W_VISIBLE, was->id == child_id && same_scope(&was->scope, sc))) {
		if (sc->kind == STORE_SCOPE_NONE) {
			return 0;
		}
		visible_bind(s, sc, child_id);
	}
	int rc = db_step(s, err);
	db_reset(s);
	return rc;
}

bool store_web_scope_guess(const struct store_web *w, const char *token_hash, struct store_scope *out)
{
	const char *hex = "0123456789abcdef", *at = strchr(hex, token_hash[0]);
	size_t slot = at && *at ? (size_t)(at - hex) : 0;
	if (strcmp(w->guess[slot].hash, token_hash) != 0) {
		return false;
	}
	*out = w->guess[slot].scope;
	return true;
}

void store_web_scope_remember(struct store_web *w, const char *token_hash, const struct store_scope *sc)
{
	const char *hex = "0123456789abcdef", *at = strchr(hex, token_hash[0]);
	size_t slot = at && *at ? (size_t)(at - hex) : 0;
	snprintf(w->guess[slot].hash, sizeof(w->guess[slot].hash), "%s", token_hash);
	w->guess[slot].scope = *sc;
}

int store_web_child_merged_send(struct store_web *w, int64_t child_id, struct hearth_error *err)
{
	struct db_stmt *s = w->s[W_MERGED];
	db_reset(s);
	db_bind_int(s, 1, child_id);
	w->sent[W_MERGED].id = child_id;
	return sent_mark(w, W_MERGED, err);
}

int store_web_child_merged_into(struct store_web *w, int64_t child_id, int64_t *keep, struct hearth_error *err)
{
	struct db_stmt *s = w->s[W_MERGED];
	bool sent = sent_take(w, W_MERGED, w->sent[W_MERGED].id == child_id);
	*keep = child_id;
	/* As store_child_merged_into: a chain ends at the record still standing, at most 16 hops. */
	for (int hop = 0; hop < 16; hop++) {
		if (!sent || hop > 0) {
			db_reset(s);
			db_bind_int(s, 1, *keep);
		}
		int rc = db_step(s, err);
		int64_t next = rc == 1 ? db_col_int(s, 1) : 0;
		db_reset(s);
		if (rc < 0) {
			return rc;
		}
		if (rc == 0) {
			return hop > 0;
		}
		*keep = next;
	}
	return 1;
}

/* ---- the status casefile ---- */

/* The arrays status_at and status_social_workers_12m read, loaded as store_casefile_load
 * loads them (all sent at once: on PostgreSQL one round trip). */
int store_web_status_casefile(struct store_web *w, int64_t child_id, struct arena *a, struct casefile *out,
			      struct hearth_error *err)
{
	return store_casefile_load_some(w->st, child_id, STATUS_ARRAYS, a, out, err);
}

int store_web_child_status_send(struct store_web *w, int64_t child_id, struct hearth_error *err)
{
	int rc = store_casefile_send_some(w->st, child_id, STATUS_ARRAYS, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *s = w->s[W_WORKERS];
	db_reset(s);
	db_bind_int(s, 1, child_id);
	w->sent[W_WORKERS].id = child_id;
	return sent_mark(w, W_WORKERS, err);
}

int store_web_child_workers(struct store_web *w, int64_t child_id, struct arena *a, struct store_rows *out,
			    struct hearth_error *err)
{
	struct db_stmt *s = w->s[W_WORKERS];
	if (!sent_take(w, W_WORKERS, w->sent[W_WORKERS].id == child_id)) {
		db_bind_int(s, 1, child_id);
	}
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	int rc;
	while ((rc = db_step(s, err)) == 1) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			out->ids = arena_grow(a, out->ids, out->n, ncap, sizeof(*out->ids));
			out->rows = arena_grow(a, out->rows, out->n, ncap, sizeof(*out->rows));
			cap = ncap;
		}
		out->rows[out->n] = store_read_row(s, &entity_worker, a, &out->ids[out->n]);
		out->n++;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- the child's whole record ---- */

static int id_cmp(const void *p, const void *q)
{
	int64_t x = *(const int64_t *)p, y = *(const int64_t *)q;
	return (x > y) - (x < y);
}

/* The live workers of ids (sorted, no repeats): one statement per WORKERS_CHUNK of them,
 * which for one child's record is one. */
#define WORKERS_CHUNK 256
static int workers_read(struct store *st, const int64_t *ids, size_t n, struct arena *a, struct store_rows *out,
			struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	out->ids = arena_alloc(a, sizeof(*out->ids) * (n ? n : 1));
	out->rows = arena_alloc(a, sizeof(*out->rows) * (n ? n : 1));
	for (size_t at = 0; at < n; at += WORKERS_CHUNK) {
		size_t k = n - at < WORKERS_CHUNK ? n - at : WORKERS_CHUNK;
		struct buf b = BUF_INIT;
		buf_puts(&b, "SELECT id");
		for (int f = 0; f < entity_worker.n_fields; f++) {
			buf_printf(&b, ", %s", entity_worker.fields[f].name);
		}
		buf_puts(&b, " FROM worker WHERE voided = 0 AND id IN (");
		for (size_t i = 0; i < k; i++) {
			buf_puts(&b, i ? ", ?" : "?");
		}
		buf_puts(&b, ") ORDER BY id");
		struct db_stmt *s;
		int rc = db_prepare(store_db(st), buf_cstr(&b), &s, err);
		buf_free(&b);
		if (rc) {
			return rc;
		}
		for (size_t i = 0; i < k; i++) {
			db_bind_int(s, (int)i + 1, ids[at + i]);
		}
		while ((rc = db_step(s, err)) == 1) {
			out->rows[out->n] = store_read_row(s, &entity_worker, a, &out->ids[out->n]);
			out->n++;
		}
		db_finalize(s);
		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

int store_web_child_record(struct store_web *w, int64_t child_id, struct arena *a, struct store_child_record *out,
			   struct hearth_error *err)
{
	struct store *st = w->st;
	memset(out, 0, sizeof(*out));
	int rc = store_get(st, &entity_child, child_id, a, &out->child, err);
	if (rc) {
		return rc;
	}
	store_cf_child(out->child, child_id, &out->cf.child);
	/* Every worker a row names, gathered as the rows are read. */
	size_t n_named = 0, cap = 0;
	int64_t *named = NULL;
	for (int k = 0; k < model_entity_count && k < STORE_ENTITIES_MAX; k++) {
		const struct entity *e = model_entities[k];
		struct store_rows *t = &out->rows[k];
		if (e->child_field < 0) {
			continue;
		}
		if ((rc = store_child_rows(st, e, child_id, a, &t->ids, &t->rows, &t->n, err))) {
			return rc;
		}
		int cfa = store_cf_array_of(e);
		if (cfa >= 0) {
			store_cf_array(cfa, t->ids, t->rows, t->n, a, &out->cf);
		}
		for (int f = 0; f < e->n_fields; f++) {
			if (e->fields[f].type != FT_REF || strcmp(e->fields[f].arg, "worker") != 0) {
				continue;
			}
			for (size_t i = 0; i < t->n; i++) {
				if (t->rows[i][f].null || t->rows[i][f].i <= 0) {
					continue;
				}
				if (n_named == cap) {
					size_t ncap = cap ? cap * 2 : 16;
					named = arena_grow(a, named, n_named, ncap, sizeof(*named));
					cap = ncap;
				}
				named[n_named++] = t->rows[i][f].i;
			}
		}
	}
	if (n_named) {
		qsort(named, n_named, sizeof(*named), id_cmp);
	}
	size_t u = 0;
	for (size_t i = 0; i < n_named; i++) {
		if (!u || named[u - 1] != named[i]) {
			named[u++] = named[i];
		}
	}
	if ((rc = workers_read(st, named, u, a, &out->workers, err))) {
		return rc;
	}
	/* Allocations' teams from the workers just read (a removed worker: no team, as
	 * store_casefile_load gives). */
	for (size_t i = 0; i < out->cf.n_allocations; i++) {
		struct cf_allocation *al = &out->cf.allocations[i];
		const int64_t *hit = bsearch(&al->worker_id, out->workers.ids, out->workers.n, sizeof(int64_t), id_cmp);
		const struct hval *v = hit ? out->workers.rows[hit - out->workers.ids] : NULL;
		al->team_id = v && !v[WORKER_TEAM_ID].null ? v[WORKER_TEAM_ID].i : 0;
	}
	return 0;
}

int store_web_child_revisions(struct store_web *w, int64_t child_id, int64_t limit, int64_t offset, struct arena *a,
			      struct store_revision **out, size_t *n_out, int64_t *total, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	*total = 0;
	/* A bulk load holds revisions back; the server never bulk loads, but the answer
	 * must hold every revision written. */
	int rc = store_revisions_flush(w->st, err);
	if (rc) {
		return rc;
	}
	struct db_stmt *c = w->s[W_REVISION_COUNT];
	db_reset(c);
	db_bind_int(c, 1, child_id);
	rc = db_step(c, err);
	if (rc == 1) {
		*total = db_col_int(c, 0);
	}
	db_reset(c);
	if (rc < 0) {
		return rc;
	}
	struct db_stmt *s = w->s[W_REVISIONS];
	db_reset(s);
	db_bind_int(s, 1, child_id);
	db_bind_int(s, 2, limit);
	db_bind_int(s, 3, offset);
	size_t cap = (size_t)(limit > 0 ? limit : 1);
	struct store_revision *r = arena_alloc(a, sizeof(*r) * cap);
	size_t n = 0;
	while (n < cap && (rc = db_step(s, err)) == 1) {
		const char *reason = db_col_text(s, 4);
		r[n++] = (struct store_revision){db_col_int(s, 0),	      db_col_int(s, 2),
						 arena_strdup(a, db_col_text(s, 1)), arena_strdup(a, db_col_text(s, 3)),
						 NULL,
						 NULL,
						 reason ? arena_strdup(a, reason) : NULL,
						 arena_strdup(a, db_col_text(s, 5)),
						 arena_strdup(a, db_col_text(s, 6))};
	}
	db_reset(s);
	if (rc < 0) {
		return rc;
	}
	*out = r;
	*n_out = n;
	return 0;
}

/* ---- casefiles kept between requests ---- */

static size_t slot_of(const struct cf_cache *c, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (c->cap - 1);
	while (c->slots[i].id && c->slots[i].id != id) {
		i = (i + 1) & (c->cap - 1);
	}
	return i;
}

static struct cf_slot *cache_find(const struct cf_cache *c, int64_t id)
{
	if (!c->cap) {
		return NULL;
	}
	struct cf_slot *s = &c->slots[slot_of(c, id)];
	return s->id ? s : NULL;
}

static void cache_put(struct cf_cache *c, int64_t id, const struct casefile *cf)
{
	if ((c->n + 1) * 2 > c->cap) {
		struct cf_cache bigger = *c;
		bigger.cap = c->cap ? c->cap * 2 : 1024;
		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		bigger.n = 0;
		for (size_t i = 0; i < c->cap; i++) {
			if (c->slots[i].id) {
				bigger.slots[slot_of(&bigger, c->slots[i].id)] = c->slots[i];
				bigger.n++;
			}
		}
		free(c->slots);
		*c = bigger;
	}
	struct cf_slot *s = &c->slots[slot_of(c, id)];
	if (!s->id) {
		c->n++;
	}
	*s = (struct cf_slot){id, cf};
}

static void cache_clear(struct cf_cache *c)
{
	arena_free(&c->a);
	if (c->cap) {
		memset(c->slots, 0, sizeof(*c->slots) * c->cap);
	}
	c->n = 0;
}

static int cache_keep(void *ctx, const struct casefile *cf)
{
	struct cf_cache *c = ctx;
	struct casefile *kept = arena_alloc(&c->a, sizeof(*kept));
	*kept = *cf; /* its arrays and strings are in c->a already */
	cache_put(c, cf->child.id, kept);
	return 0;
}

int store_web_casefiles_each(struct store_web *w, const int64_t *ids, size_t n, store_casefile_fn fn, void *ctx,
			     struct hearth_error *err)
{
	struct cf_cache *c = &w->cache;
	if (!c->on || c->busy) {
		return store_casefiles_each(w->st, ids, n, fn, ctx, err);
	}
	struct db_stmt *v = w->s[W_VERSION];
	db_reset(v);
	int rc = db_step(v, err);
	int64_t version = rc == 1 ? db_col_int(v, 0) : -1;
	db_reset(v);
	if (rc < 0) {
		return rc;
	}
	if (version != c->version || c->a.total > CF_CACHE_BYTES) {
		cache_clear(c);
		c->version = version;
	}
	/* The children not yet kept, read in one pass (ids stay sorted); one that is not
	 * there (voided, gone) is kept as absent, as store_casefiles_each passes it over. */
	int64_t *missing = xmalloc(sizeof(*missing) * (n ? n : 1));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cache_find(c, ids[i])) {
			missing[k++] = ids[i];
		}
	}
	rc = k ? store_casefiles_each_in(w->st, missing, k, &c->a, cache_keep, c, err) : 0;
	for (size_t i = 0; !rc && i < k; i++) {
		if (!cache_find(c, missing[i])) {
			cache_put(c, missing[i], NULL);
		}
	}
	free(missing);
	if (rc) {
		cache_clear(c); /* a read that failed half way keeps nothing */
		c->version = -1;
		return rc;
	}
	c->busy = true;
	for (size_t i = 0; !rc && i < n; i++) {
		const struct cf_slot *s = cache_find(c, ids[i]);
		if (s && s->cf) {
			rc = fn(ctx, s->cf);
		}
	}
	c->busy = false;
	return rc;
}
