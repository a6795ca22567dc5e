/* internal: what the store's own files share; never included outside src/store/. */
#ifndef HEARTH_STORE_INTERNAL_H
#define HEARTH_STORE_INTERNAL_H

#include "base/buf.h"
#include "store/db.h"
#include "store/store.h"

enum stmt_kind { S_INSERT, S_UPDATE, S_GET, S_VOID, S_CHILD_ROWS, S_ALL_ROWS, S_KIND_MAX };

/* While bulk loading, revision and audit rows are held back and written BULK_ROWS to a
 * statement, in their order, within the transaction of the writes they record: before
 * the batch commits, and before anything reads those tables. */
#define BULK_ROWS 64
#define LIVE_SLOTS 4096	/* a power of two */

struct bulk_revision {
	const char *table, *action;	/* the store's own constants */
	const char *before, *after, *reason, *actor;	/* copies */
	int64_t row_id;
	char at[INSTANT_STR_SIZE];
};

struct bulk_audit {
	struct store_audit row;	/* strings copied */
	int64_t id;
	char at[INSTANT_STR_SIZE];
	char prev_hash[65], hash[65];
};

struct store {
	struct db *db;
	enum store_mode mode;
	char *target;		/* what it was opened on (store_readers_open opens it again) */
	int depth;		/* open transaction levels (outermost BEGIN, then savepoints) */
	struct db_stmt *stmts[64][S_KIND_MAX];
	struct db_stmt *revision_insert;
	bool revision_sent;	/* revision_insert sent (db_send), its outcome not read yet */
	struct db_stmt *audit_last, *audit_insert;
	/* The chain's head, valid only inside the transaction that read it: another
	 * connection may append between our transactions. */
	bool audit_head_known;
	int64_t audit_head_id;
	char audit_head_hash[65];
	/* The head above is the last row store_audit_append committed, nothing appended on this
	 * connection since: its next batch may begin from it without reading it (audit.c). */
	bool audit_head_mine;
	char origin_route[128], origin_address[64];
	struct arena scratch;	/* per-write working memory, reset (not freed) after each write */
	/* store_find's statement per entity, and the field it finds by. */
	struct db_stmt *find[64];
	int find_field[64];
	/* Bulk loading (store_bulk_begin): writes inside a batch are not savepoints of their
	 * own; one that fails after it began breaks the batch, whose commit then fails. */
	bool bulk, bulk_broken, bulk_wrote;
	/* The engine ended the batch's transaction by itself after a failed write (SQLite does
	 * on an I/O error or a full disk): every later write in the batch is refused, and so is
	 * its commit, for a savepoint begun now would start a transaction of its own and its
	 * release would commit the rest of the batch without the part already lost. */
	bool tx_lost;
	/* A request's budget is set (store_set_budget): the request's first commit ends it. */
	bool budgeted;
	/* The child the birth rule last read, valid inside the transaction that read it (only
	 * this connection writes then; its own updates and voids of a child forget it). */
	bool birth_known, birth_prebirth;
	int64_t birth_child;
	hdate birth_dob;
	/* Rows known live in the current transaction (written by it, or found live by the
	 * reference rule), so a reference to one needs no query: direct-mapped by entity and
	 * id, and emptied by bumping live_gen when a transaction starts, on any abort or
	 * rollback, and on any void. */
	struct {
		int64_t id;
		uint32_t gen;
		int entity;
	} live[LIVE_SLOTS];
	uint32_t live_gen;
	/* The write's time as text, kept for the second it names. */
	hinstant at_time;
	char at_text[INSTANT_STR_SIZE];
	struct buf text;	/* a write's revision JSON, then its audit row's hashed text; reused */
	struct bulk_revision bulk_rev[BULK_ROWS];
	struct bulk_audit bulk_aud[BULK_ROWS];
	int n_bulk_rev, n_bulk_aud;
	struct arena bulk_rev_mem, bulk_aud_mem;
	struct db_stmt *revision_insert_many, *audit_insert_many;
	/* Audit inserts of 2, 4, ... 32 rows, for the server's batches (audit.c). */
#define AUDIT_POW_MAX 5
	struct db_stmt *audit_insert_pow[AUDIT_POW_MAX];
	/* store_casefile_load's statements (one per loader), prepared on first use and kept:
	 * the server loads casefiles one child at a time, thousands of times. */
	struct db_stmt *casefile_one[64];
	/* What they were sent for and not yet read (store_casefile_send_some): 0, or the child. */
	int64_t casefile_sent_child;
	uint64_t casefile_sent_arrays;
	/* store_casefiles_each's statements (one per loader, for a chunk of children: unused
	 * places bound to NULL), prepared on first use and kept; set_busy while a walk holds
	 * them (a walk inside a walk prepares its own). */
	struct db_stmt *casefile_set[64];
	bool casefile_set_busy;
	/* Packs (store_packs_refresh): the children the open transaction's writes touched,
	 * whose packs are rebuilt before it commits; the statements that write them. */
	int64_t *pack_dirty;
	size_t n_pack_dirty, cap_pack_dirty;
	struct db_stmt *pack_upsert, *pack_delete;
	bool closing;		/* store_close: a bulk load ended by it is abandoned, not finished */
};

/* The row at s's cursor, whose columns are id then e's fields in descriptor order (as
 * store_get's statement selects them): its values in a, its id in *id. */
struct hval *store_read_row(struct db_stmt *s, const struct entity *e, struct arena *a, int64_t *id);

/* The time of a change, as stored in revision.at and audit.at (valid until the next call). */
const char *store_now_text(struct store *st);

struct db *store_db(struct store *st);
/* Write the revision / audit rows a bulk load holds back (none outside one). On failure
 * the rows are dropped and the caller's transaction must roll back. */
int store_revisions_flush(struct store *st, struct hearth_error *err);
int store_audit_flush(struct store *st, struct hearth_error *err);
/* Drops what a bulk load holds back, with the transaction that rolls back. */
void store_bulk_discard(struct store *st);
/* Appends audit rows inside the caller's open transaction. */
int store_audit_append_locked(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err);

/* The scope condition for lists of children on alias c (access.c), NULL for
 * STORE_SCOPE_NONE; it binds ?1..?3 (store_scope_set_bind), the query's own parameters
 * following from ?4. */
const char *store_scope_set_sql(enum store_scope_kind k);
void store_scope_set_bind(struct db_stmt *s, const struct store_scope *sc);
/* A page of a list and its count: sql prepared into *s, count_sql into *cs, and both
 * buffers freed. On failure neither statement stands. */
int store_prepare_page(struct store *st, struct buf *sql, struct buf *count_sql, struct db_stmt **s,
		       struct db_stmt **cs, struct hearth_error *err);

/* For merges (store.c, used by merge.c). store_move_row: live row id of e, whose field
 * names child from, now names child to; a revision (with reason) and an audit row, in the
 * caller's transaction if any; HERR_CONFLICT (rule moved) when the field no longer names
 * from. store_child_revive: a retracted child made live again (its revision an update),
 * HERR_CONFLICT (rule unique) when its LA child id is taken meanwhile. */
int store_move_row(struct store *st, const char *actor, const struct entity *e, int64_t id, int field,
		   int64_t from, int64_t to, const char *reason, struct hearth_error *err);
int store_child_revive(struct store *st, const char *actor, int64_t id, const char *reason,
		       struct hearth_error *err);

/* Casefile packs (casefile.c, store/pack.h). store_packs_complete: every live child has a
 * current pack (casefile_pack_state). store_packs_refresh: the packs of these children
 * (sorted here) rebuilt from their rows, a retracted child's removed. store_packs_build_all:
 * every pack rebuilt and the packs marked complete. Both inside the caller's transaction.
 * store_packs_verify: each pack compared with its rows' (a problem line each), or 0 when
 * packs are not complete. */
bool store_packs_complete(struct store *st);
/* store_casefiles_scan from the rows whatever the packs (hearth check's own reading). */
int store_casefiles_scan_rows(struct store *st, const struct store_filter *filter, store_casefile_fn fn, void *ctx,
			      struct hearth_error *err);
int store_packs_refresh(struct store *st, int64_t *ids, size_t n, struct hearth_error *err);
int store_packs_build_all(struct store *st, struct hearth_error *err);
int store_packs_verify(struct store *st, store_problem_fn report, void *ctx, struct hearth_error *err);

#endif
