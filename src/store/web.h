/* store/web: the reads the web server makes on every request, with their statements
 * prepared once per connection.
 *
 * The general store API prepares some statements per call (sessions, scope) and loads a
 * whole casefile with a statement per table; at thousands of requests a second the
 * preparing costs more than the reading. A struct store_web belongs to one store
 * connection (one thread) and keeps its statements prepared until store_web_close, which
 * must come before store_close.
 *
 * The answers are exactly those of the general functions they stand for:
 *   store_web_session_find    = store_session_find
 *   store_web_child_visible   = store_child_visible (the same scope condition; the unit
 *                               test tests/unit/store/test_web_queries.c checks they agree
 *                               for every scope kind, allocation kind and grant)
 *   store_web_status_casefile = store_casefile_load, for the parts status_at and
 *                               status_social_workers_12m read (child, allocations with
 *                               their teams, episodes, CP plans, referrals, early help,
 *                               care leaver contacts); every other array is empty.
 *   store_web_child_record    = store_get of the child, store_child_rows of every kind of
 *                               record a child has, and store_casefile_load, from one read
 *                               of each table (the casefile is converted from the same rows
 *                               by casefile.c's converters), with the workers those rows
 *                               name read in one query.
 *   store_web_child_revisions = store_revisions of the child and every row (retracted ones
 *                               too) of every kind of record a child has, newest first.
 *   store_web_child_merged_into = store_child_merged_into
 *   store_web_child_workers   = store_get of each live worker the child's live allocations
 *                               name, a row per allocation, in no order
 * Memory: what they return lives in the caller's arena. Errors: 0 or a negative HERR_*.
 *
 * Sending ahead. On PostgreSQL each statement run alone is a round trip; a request's reads
 * can travel together when they are sent before any is read. The *_send functions bind a
 * statement and send it without reading (SQLite: they only bind); the matching read, asked
 * with the same values, then reads what was sent, and asked with other values drops it and
 * runs afresh, so an answer is always the one to the question asked. What was sent and is
 * not asked for is dropped by store_web_read_end. Sent ahead is only a guess: nothing sent
 * is acted on before its own read, where permissions are checked as before. */
#ifndef HEARTH_STORE_WEB_H
#define HEARTH_STORE_WEB_H

#include "store/store.h"

struct store_web;

/* Process-wide tuning for a server with many connections, to be called once before any
 * store is opened: SQLite's memory statistics (a global lock on every allocation) off. */
void store_web_global_init(void);

int store_web_open(struct store *st, struct store_web **out, struct hearth_error *err);
void store_web_close(struct store_web *w);

/* One read transaction around a request's reads: one consistent snapshot (the scope
 * check and the record read see the same state) and one WAL read lock instead of one per
 * statement. Only for requests that write nothing: the store's write path cannot begin
 * inside it. store_web_read_end is safe to call when no read is open. */
int store_web_read_begin(struct store_web *w, struct hearth_error *err);
void store_web_read_end(struct store_web *w);
/* Whether a read transaction is open (a write must wait for store_web_read_end). */
bool store_web_reading(const struct store_web *w);

int store_web_session_find(struct store_web *w, const char *token_hash, struct arena *a, struct store_session *out,
			   struct hearth_error *err);
int store_web_child_visible(struct store_web *w, const struct store_scope *sc, int64_t child_id,
			    struct hearth_error *err);
int store_web_status_casefile(struct store_web *w, int64_t child_id, struct arena *a, struct casefile *out,
			      struct hearth_error *err);
int store_web_child_merged_into(struct store_web *w, int64_t child_id, int64_t *keep, struct hearth_error *err);

/* Sent ahead (see the top): the session of a token, whether a child is in a scope,
 * whether a child was merged away, and a child's status casefile with the workers of its
 * allocations (store_web_status_casefile and store_web_child_workers). */
int store_web_session_send(struct store_web *w, const char *token_hash, struct hearth_error *err);
int store_web_child_visible_send(struct store_web *w, const struct store_scope *sc, int64_t child_id,
				 struct hearth_error *err);
int store_web_child_merged_send(struct store_web *w, int64_t child_id, struct hearth_error *err);
int store_web_child_status_send(struct store_web *w, int64_t child_id, struct hearth_error *err);

/* The scope a session's token had when last seen on this connection, to send the scope
 * check ahead before the session is read: true and *out (as_at as it was) when known. A
 * guess only: store_web_child_visible reads the answer sent ahead only when asked with the
 * same scope, which the caller takes from the session just read. */
bool store_web_scope_guess(const struct store_web *w, const char *token_hash, struct store_scope *out);
void store_web_scope_remember(struct store_web *w, const char *token_hash, const struct store_scope *sc);

/* store_casefiles_each's answer (the same casefiles, in the same order), from the
 * casefiles this connection kept from earlier calls while the record has not changed
 * since: only the children not kept are read (in one pass), and they are kept in turn.
 * "Not changed" is the newest revision's id, read first, in the caller's snapshot: every
 * change to a row of the record writes a revision in the same transaction, and on SQLite
 * there is one writer at a time, so any change to any casefile moves it and every kept
 * casefile is dropped. On PostgreSQL revision ids are not given in commit order, so
 * nothing is kept there (each call is store_casefiles_each). Kept casefiles stay valid
 * until the next call on this connection; at most CF_CACHE_BYTES are kept. */
int store_web_casefiles_each(struct store_web *w, const int64_t *ids, size_t n, store_casefile_fn fn, void *ctx,
			     struct hearth_error *err);

/* Rows of one entity as the store hands them out (ids and values in the same order). */
struct store_rows {
	int64_t *ids;
	struct hval **rows;
	size_t n;
};

#define STORE_ENTITIES_MAX 64

/* One child's record, read once (see above). */
struct store_child_record {
	struct hval *child;				/* the child's row */
	struct store_rows rows[STORE_ENTITIES_MAX];	/* by index in model_entities, ordered by id;
							 * empty for kinds that are not a child's */
	struct casefile cf;				/* allocations' team ids filled in */
	struct store_rows workers;			/* the workers the rows name, by id (live
							 * ones: a worker since removed is absent) */
};
int store_web_child_record(struct store_web *w, int64_t child_id, struct arena *a, struct store_child_record *out,
			   struct hearth_error *err);
/* The live workers the child's live allocations name (a row per allocation). */
int store_web_child_workers(struct store_web *w, int64_t child_id, struct arena *a, struct store_rows *out,
			    struct hearth_error *err);

/* A page of the revisions of a child's records, newest first (limit of them after
 * offset), and how many there are in all. before and after are not read (NULL). */
int store_web_child_revisions(struct store_web *w, int64_t child_id, int64_t limit, int64_t offset, struct arena *a,
			      struct store_revision **out, size_t *n_out, int64_t *total, struct hearth_error *err);

#endif
