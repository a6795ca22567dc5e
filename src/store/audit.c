/* audit: the hash-chained trail of who read or changed what.
 *
 * Each row's hash is SHA-256 over the previous row's hash and this row's values, joined
 * by a separator no value may contain (0x1f). Rows are appended under the write lock, so
 * the chain has one order; the store's write path appends the row for each change in the
 * change's own transaction, and readers append in batches (store_audit_append), which
 * lets a server commit many requests' rows with one fsync. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/secret.h"
#include "store/internal.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void put_int(struct buf *b, int64_t v)
{
	char t[24], *p = t + sizeof(t);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0) {
		*--p = '-';
	}
	buf_append(b, p, (size_t)(t + sizeof(t) - p));
}

/* Writes into b (reset first) what a row's hash covers: the previous hash, then the id,
 * time, actor, action, child (empty when none), section, route and address, each after a
 * 0x1f. */
static void row_hash(struct buf *b, const char *prev, int64_t id, const char *at, const struct store_audit *r,
		     char out[65])
{
	buf_reset(b);
	buf_puts(b, prev);
	buf_putc(b, '\x1f');
	put_int(b, id);
	buf_putc(b, '\x1f');
	buf_puts(b, at);
	buf_putc(b, '\x1f');
	buf_puts(b, r->actor ? r->actor : "(null)"); /* as printf's %s did */
	buf_putc(b, '\x1f');
	buf_puts(b, r->action ? r->action : "(null)");
	buf_putc(b, '\x1f');
	if (r->child_id) {
		put_int(b, r->child_id);
	}
	buf_putc(b, '\x1f');
	buf_puts(b, r->section ? r->section : "");
	buf_putc(b, '\x1f');
	buf_puts(b, r->route ? r->route : "");
	buf_putc(b, '\x1f');
	buf_puts(b, r->address ? r->address : "");
	secret_sha256_hex(b->data, b->len, out);
}

#define AUDIT_INSERT                                                                                        \
	"INSERT INTO audit (id, at, actor, action, child_id, section, route, address, prev_hash, hash) VALUES "
#define AUDIT_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
enum { AUDIT_PARAMS = 10 };

static void bind_audit(struct db_stmt *s, int base, const struct bulk_audit *a)
{
	db_bind_int(s, base + 1, a->id);
	db_bind_text(s, base + 2, a->at);
	db_bind_text(s, base + 3, a->row.actor);
	db_bind_text(s, base + 4, a->row.action);
	if (a->row.child_id) {
		db_bind_int(s, base + 5, a->row.child_id);
	} else {
		db_bind_null(s, base + 5);
	}
	db_bind_text(s, base + 6, a->row.section);
	db_bind_text(s, base + 7, a->row.route);
	db_bind_text(s, base + 8, a->row.address);
	db_bind_text(s, base + 9, a->prev_hash);
	db_bind_text(s, base + 10, a->hash);
}

/* The statement that writes one audit row, or BULK_ROWS of them. */
static struct db_stmt *audit_stmt(struct store *st, int rows, struct hearth_error *err)
{
	struct db_stmt **s = rows == 1 ? &st->audit_insert : rows == BULK_ROWS ? &st->audit_insert_many : NULL;
	for (int k = 0; !s && k < AUDIT_POW_MAX; k++) {
		if (rows == 2 << k) {
			s = &st->audit_insert_pow[k];
		}
	}
	if (!*s) {
		struct buf b = BUF_INIT;
		buf_puts(&b, AUDIT_INSERT);
		for (int i = 0; i < rows; i++) {
			buf_puts(&b, i ? ", " AUDIT_VALUES : AUDIT_VALUES);
		}
		int rc = db_prepare(store_db(st), buf_cstr(&b), s, err);
		buf_free(&b);
		if (rc) {
			*s = NULL;
		}
	}
	if (*s) {
		db_reset(*s);
	}
	return *s;
}

static int audit_write(struct store *st, const struct bulk_audit *a, int rows, struct hearth_error *err)
{
	struct db_stmt *s = audit_stmt(st, rows, err);
	if (!s) {
		return HERR_IO;
	}
	for (int i = 0; i < rows; i++) {
		bind_audit(s, i * AUDIT_PARAMS, &a[i]);
	}
	int rc = db_step(s, err);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The statements of audit_write_all's last round, sent and not yet read. */
struct audit_pending {
	struct db_stmt *s[AUDIT_POW_MAX + 2];
	int n;
};

/* Reads what audit_write_all left sent (p->n statements): 0 or the first failure. */
static int audit_read_pending(struct audit_pending *p, int rc, struct hearth_error *err)
{
	for (int i = 0; i < p->n; i++) {
		int r = rc ? 0 : db_step(p->s[i], err);
		if (r < 0) {
			rc = r;
		}
		db_reset(p->s[i]);
	}
	p->n = 0;
	return rc;
}

/* Writes n rows in as few statements as fit, all sent before any is read: BULK_ROWS a
 * statement, the rest in statements of 32, 16, ... 1 rows (n's binary digits), each
 * statement used once per round, so on PostgreSQL up to 2 * BULK_ROWS - 1 rows are one
 * round trip. The rows keep their order (ids ascending). With pending, the last round is
 * left sent and unread there (audit_read_pending reads it), so that more can go with it. */
static int audit_write_all(struct store *st, const struct bulk_audit *a, size_t n, struct audit_pending *pending,
			   struct hearth_error *err)
{
	int rc = 0;
	while (rc == 0 && n > 0) {
		struct db_stmt *sent[AUDIT_POW_MAX + 2];
		int n_sent = 0;
		size_t take = n >= BULK_ROWS ? BULK_ROWS : 0;
		for (int size = BULK_ROWS; rc == 0 && size >= 1; size /= 2) {
			int rows = size == BULK_ROWS ? (int)take : (int)(n & (size_t)size);
			if (rows == 0) {
				continue;
			}
			struct db_stmt *s = audit_stmt(st, rows, err);
			if (!s) {
				rc = HERR_IO;
				break;
			}
			for (int i = 0; i < rows; i++) {
				bind_audit(s, i * AUDIT_PARAMS, &a[i]);
			}
			rc = db_send(s, err);
			sent[n_sent++] = s;
			a += rows;
			n -= (size_t)rows;
		}
		if (pending && n == 0 && rc == 0) {
			memcpy(pending->s, sent, sizeof(*sent) * (size_t)n_sent);
			pending->n = n_sent;
			break;
		}
		for (int i = 0; i < n_sent; i++) {
			int r = rc ? 0 : db_step(sent[i], err);
			if (r < 0) {
				rc = r;
			}
			db_reset(sent[i]);
		}
	}
	return rc;
}

int store_audit_flush(struct store *st, struct hearth_error *err)
{
	int n = st->n_bulk_aud, rc = 0;
	for (int done = 0; rc == 0 && done < n;) {
		int rows = n - done >= BULK_ROWS ? BULK_ROWS : 1;
		rc = audit_write(st, &st->bulk_aud[done], rows, err);
		done += rows;
	}
	st->n_bulk_aud = 0;
	arena_reset(&st->bulk_aud_mem);
	return rc;
}

static int append_locked(struct store *st, const struct store_audit *rows, size_t n, struct audit_pending *pending,
			 struct hearth_error *err);

/* Appends rows inside the caller's transaction (held back while bulk loading; see
 * BULK_ROWS): each row's id and hash are fixed here, in the chain's order. */
int store_audit_append_locked(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err)
{
	return append_locked(st, rows, n, NULL, err);
}

static int append_locked(struct store *st, const struct store_audit *rows, size_t n, struct audit_pending *pending,
			 struct hearth_error *err)
{
	int rc;
	st->audit_head_mine = false; /* the head moves (or, rolled back, is not the table's) */
	if (!st->audit_last &&
	    (rc = db_prepare(store_db(st), "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &st->audit_last,
			     err))) {
		return rc;
	}
	if (!st->audit_head_known) {
		struct db_stmt *last = st->audit_last;
		if ((rc = store_audit_flush(st, err))) {
			return rc;
		}
		db_reset(last);
		st->audit_head_id = 0;
		snprintf(st->audit_head_hash, sizeof(st->audit_head_hash), "%s", GENESIS);
		if ((rc = db_step(last, err)) == 1) {
			st->audit_head_id = db_col_int(last, 0);
			snprintf(st->audit_head_hash, sizeof(st->audit_head_hash), "%s", db_col_text(last, 1));
		}
		db_reset(last);
		if (rc < 0) {
			return rc;
		}
		st->audit_head_known = true;
	}
	const char *at = store_now_text(st);
	rc = 0;
	if (!st->bulk && (n > 1 || pending)) {
		/* A batch (the server's reads): every row chained here, then written together. */
		struct bulk_audit *all = xmalloc(sizeof(*all) * n);
		for (size_t i = 0; i < n; i++) {
			struct bulk_audit *x = &all[i];
			*x = (struct bulk_audit){rows[i], st->audit_head_id + 1 + (int64_t)i, "", "", ""};
			memcpy(x->at, at, sizeof(x->at));
			memcpy(x->prev_hash, i ? all[i - 1].hash : st->audit_head_hash, sizeof(x->prev_hash));
			row_hash(&st->text, x->prev_hash, x->id, x->at, &x->row, x->hash);
		}
		rc = audit_write_all(st, all, n, pending, err);
		if (rc == 0) {
			st->audit_head_id = all[n - 1].id;
			memcpy(st->audit_head_hash, all[n - 1].hash, sizeof(all[n - 1].hash));
		} else {
			st->audit_head_known = false; /* the transaction will roll back */
		}
		free(all);
		return rc;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct bulk_audit a = {rows[i], st->audit_head_id + 1, "", "", ""};
		memcpy(a.at, at, sizeof(a.at));
		memcpy(a.prev_hash, st->audit_head_hash, sizeof(a.prev_hash));
		row_hash(&st->text, a.prev_hash, a.id, a.at, &a.row, a.hash);
		if (st->bulk) {
			if (st->n_bulk_aud == BULK_ROWS && (rc = store_audit_flush(st, err))) {
				break;
			}
			struct arena *m = &st->bulk_aud_mem;
			a.row.actor = arena_strdup(m, a.row.actor);
			a.row.action = arena_strdup(m, a.row.action);
			a.row.section = arena_strdup(m, a.row.section);
			a.row.route = arena_strdup(m, a.row.route);
			a.row.address = arena_strdup(m, a.row.address);
			st->bulk_aud[st->n_bulk_aud++] = a;
		} else if ((rc = audit_write(st, &a, 1, err))) {
			break;
		}
		st->audit_head_id = a.id;
		memcpy(st->audit_head_hash, a.hash, sizeof(a.hash));
	}
	if (rc) {
		st->audit_head_known = false; /* the transaction will roll back */
	}
	return rc;
}

/* On PostgreSQL a batch of rows is one round trip: the transaction's BEGIN and lock, the
 * rows and the COMMIT travel together, and the head of the chain is not read when this
 * connection wrote it last (audit_head_mine). That is a guess, checked by the table itself:
 * a row appended since by anyone else holds the id the batch's first row would take, so
 * the batch fails (a unique key) and is tried once more, reading the head. On SQLite a
 * statement runs when read, so the rows are read before the COMMIT, as everywhere. */
int store_audit_append(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err)
{
	bool pg = strcmp(db_engine(store_db(st)), "postgresql") == 0;
	for (int attempt = 0;; attempt++) {
		bool guess = pg && attempt == 0 && st->audit_head_mine;
		int rc = store_begin(st, err);
		if (rc) {
			return rc;
		}
		if (guess) {
			st->audit_head_known = true;
		}
		struct audit_pending p = {.n = 0};
		if ((rc = append_locked(st, rows, n, pg ? &p : NULL, err))) {
			audit_read_pending(&p, rc, err);
			store_rollback(st);
			return rc;
		}
		struct hearth_error commit_err = {0};
		int commit_rc = store_commit(st, &commit_err);
		rc = audit_read_pending(&p, 0, err); /* the rows' own failure says more than the commit's */
		if (!rc && commit_rc) {
			*err = commit_err;
			rc = commit_rc;
		}
		if (rc) {
			if (commit_rc == 0) {
				store_rollback(st); /* not committed: a row failed */
			}
			if (guess && rc == HERR_CONFLICT) {
				continue; /* the head had moved: again, reading it */
			}
			return rc;
		}
		st->audit_head_mine = true;
		return 0;
	}
}

int store_audit_verify(struct store *st, int64_t *first_bad, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = store_audit_flush(st, err);
	if (rc || (rc = db_prepare(store_db(st),
				   "SELECT id, at, actor, action, child_id, section, route, address, prev_hash, hash "
				   "FROM audit ORDER BY id",
				   &s, err))) {
		return rc;
	}
	char prev[65] = GENESIS;
	struct buf b = BUF_INIT;
	int64_t expect_id = 0;
	*first_bad = 0;
	while ((rc = db_step(s, err)) == 1) {
		int64_t id = db_col_int(s, 0);
		struct store_audit r = {
			.actor = db_col_text(s, 2),
			.action = db_col_text(s, 3),
			.child_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4),
			.section = db_col_text(s, 5),
			.route = db_col_text(s, 6),
			.address = db_col_text(s, 7),
		};
		char hash[65];
		const char *at = db_col_text(s, 1), *stored_prev = db_col_text(s, 8), *stored = db_col_text(s, 9);
		row_hash(&b, prev, id, at ? at : "", &r, hash);
		/* A removed row shows as a gap in the ids; an edited row as a hash mismatch. */
		if (id != expect_id + 1 || !stored_prev || strcmp(stored_prev, prev) != 0 || !stored ||
		    strcmp(stored, hash) != 0) {
			*first_bad = id != expect_id + 1 ? expect_id + 1 : id;
			break;
		}
		expect_id = id;
		memcpy(prev, hash, sizeof(prev));
	}
	db_finalize(s);
	buf_free(&b);
	if (rc < 0) {
		return rc;
	}
	return *first_bad ? 1 : 0;
}

int store_audit_list(struct store *st, int64_t child_id, const char *actor, struct arena *a,
		     struct store_audit_row **out, size_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = store_audit_flush(st, err);
	if (rc || (rc = db_prepare(store_db(st),
				   "SELECT id, at, actor, action, child_id, section, route, address FROM audit "
				   "WHERE (? = 0 OR child_id = ?) AND (CAST(? AS TEXT) IS NULL OR actor = ?) ORDER BY id",
				   &s, err))) {
		return rc;
	}
	db_bind_int(s, 1, child_id);
	db_bind_int(s, 2, child_id);
	db_bind_text(s, 3, actor);
	db_bind_text(s, 4, actor);
	size_t n = 0, cap = 0;
	struct store_audit_row *r = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			r = arena_grow(a, r, n, cap = cap ? cap * 2 : 64, sizeof(*r));
		}
		r[n].id = db_col_int(s, 0);
		r[n].at = arena_strdup(a, db_col_text(s, 1));
		r[n].row.actor = arena_strdup(a, db_col_text(s, 2));
		r[n].row.action = arena_strdup(a, db_col_text(s, 3));
		r[n].row.child_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
		r[n].row.section = arena_strdup(a, db_col_text(s, 5));
		r[n].row.route = arena_strdup(a, db_col_text(s, 6));
		r[n].row.address = arena_strdup(a, db_col_text(s, 7));
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	*out = r;
	*n_out = n;
	return 0;
}
