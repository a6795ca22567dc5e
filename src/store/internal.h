/* internal: what the store's own files share; never included outside src/store/. */
#ifndef HEARTH_STORE_INTERNAL_H
#define HEARTH_STORE_INTERNAL_H

#include "store/db.h"
#include "store/store.h"

enum stmt_kind { S_INSERT, S_UPDATE, S_GET, S_VOID, S_CHILD_ROWS, S_ALL_ROWS, S_KIND_MAX };

struct store {
	struct db *db;
	enum store_mode mode;
	int depth;		/* open transaction levels (outermost BEGIN, then savepoints) */
	struct db_stmt *stmts[64][S_KIND_MAX];
	struct db_stmt *revision_insert;
	struct db_stmt *audit_last, *audit_insert;
	/* The chain's head, valid only inside the transaction that read it: another
	 * connection may append between our transactions. */
	bool audit_head_known;
	int64_t audit_head_id;
	char audit_head_hash[65];
	char origin_route[128], origin_address[64];
	struct arena scratch;	/* per-write working memory, reset (not freed) after each write */
};

struct db *store_db(struct store *st);
/* Appends audit rows inside the caller's open transaction. */
int store_audit_append_locked(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err);

#endif
