/* store: the record's one write path and its reads; see store.h.
 *
 * Statements are built once per store from the entity descriptors (table and column
 * names are compile-time constants; every value is bound) and cached by entity. Each
 * write validates the row (model/validate), then the rules that need other rows (the
 * child's birth, references, uniqueness, reopening), and only then writes the row, its
 * revision and its audit row, in one transaction. A failed write rolls back, so nothing
 * stored changes. Bulk loading (store_bulk_begin) keeps all of that and drops only the
 * per-write savepoint and the engine's durability until it ends. */
#include "store/store.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "model/codes.h"
#include "model/validate.h"
#include "store/casefile_rows.h"
#include "store/db.h"
#include "store/internal.h"
#include "store/migrations.h"

void store_set_origin(struct store *st, const char *route, const char *address)
{
	snprintf(st->origin_route, sizeof(st->origin_route), "%s", route ? route : "");
	snprintf(st->origin_address, sizeof(st->origin_address), "%s", address ? address : "");
}

void store_set_budget(struct store *st, uint64_t steps, unsigned ms)
{
	st->budgeted = steps || ms;
	db_set_budget(st->db, steps);
	db_set_time_budget(st->db, ms);
}

const char *store_now_text(struct store *st)
{
	hinstant t = instant_now();
	if (t != st->at_time || !st->at_text[0]) {
		instant_format(t, st->at_text);
		st->at_time = t;
	}
	return st->at_text;
}

/* The audit row for a change, written in the change's transaction. */
static int audit_change(struct store *st, const char *actor, const char *action, const struct entity *e,
			int64_t id, const struct hval *row, struct hearth_error *err)
{
	int64_t child = e == &entity_child ? id : e->child_field >= 0 && !row[e->child_field].null ? row[e->child_field].i : 0;
	struct store_audit a = {actor, action, child, e->name, st->origin_route[0] ? st->origin_route : NULL,
				st->origin_address[0] ? st->origin_address : NULL};
	int rc = store_audit_append_locked(st, &a, 1, err);
	/* The change's revision row, sent before (write_revision): its outcome is read now. */
	if (st->revision_sent) {
		st->revision_sent = false;
		int r = rc ? 0 : db_step(st->revision_insert, err);
		db_reset(st->revision_insert);
		if (r < 0) {
			rc = r;
		}
	}
	return rc;
}

static int entity_index(const struct entity *e)
{
	for (int i = 0; i < model_entity_count; i++) {
		if (model_entities[i] == e) {
			return i;
		}
	}
	abort(); /* a descriptor not in model_entities is a programming error */
}

/* The column list "a, b, c" of an entity, after id. */
static void put_columns(struct buf *b, const struct entity *e)
{
	for (int i = 0; i < e->n_fields; i++) {
		buf_printf(b, "%s%s", i ? ", " : "", e->fields[i].name);
	}
}

/* ---- rows known live in this transaction (struct store's live) ---- */

static unsigned live_slot(int ei, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL + (uint64_t)ei * 0xc2b2ae3d27d4eb4fULL;
	return (unsigned)(h >> 32) & (LIVE_SLOTS - 1);
}

static bool live_known(const struct store *st, int ei, int64_t id)
{
	unsigned i = live_slot(ei, id);
	return st->depth > 0 && st->live[i].gen == st->live_gen && st->live[i].entity == ei && st->live[i].id == id;
}

static void live_note(struct store *st, int ei, int64_t id)
{
	if (st->depth > 0) {
		unsigned i = live_slot(ei, id);
		st->live[i].id = id;
		st->live[i].gen = st->live_gen;
		st->live[i].entity = ei;
	}
}

static void live_forget(struct store *st)
{
	st->live_gen++;
}

static struct db_stmt *stmt(struct store *st, const struct entity *e, enum stmt_kind k, struct hearth_error *err)
{
	int ei = entity_index(e);
	if (st->stmts[ei][k]) {
		db_reset(st->stmts[ei][k]);
		return st->stmts[ei][k];
	}
	struct buf b = BUF_INIT;
	switch (k) {
	case S_INSERT:
		buf_printf(&b, "INSERT INTO %s (", e->name);
		put_columns(&b, e);
		buf_puts(&b, ") VALUES (");
		for (int i = 0; i < e->n_fields; i++) {
			buf_puts(&b, i ? ", ?" : "?");
		}
		buf_puts(&b, ")");
		break;
	case S_UPDATE:
		buf_printf(&b, "UPDATE %s SET ", e->name);
		for (int i = 0; i < e->n_fields; i++) {
			buf_printf(&b, "%s%s = ?", i ? ", " : "", e->fields[i].name);
		}
		buf_puts(&b, " WHERE id = ? AND voided = 0");
		break;
	case S_GET:
		buf_puts(&b, "SELECT id, ");
		put_columns(&b, e);
		buf_printf(&b, " FROM %s WHERE id = ? AND voided = 0", e->name);
		break;
	case S_VOID:
		buf_printf(&b, "UPDATE %s SET voided = 1 WHERE id = ? AND voided = 0", e->name);
		break;
	case S_CHILD_ROWS:
		buf_puts(&b, "SELECT id, ");
		put_columns(&b, e);
		buf_printf(&b, " FROM %s WHERE voided = 0 AND child_id = ? ORDER BY id", e->name);
		break;
	case S_ALL_ROWS:
		buf_puts(&b, "SELECT id, ");
		put_columns(&b, e);
		buf_printf(&b, " FROM %s WHERE voided = 0 ORDER BY id", e->name);
		break;
	case S_KIND_MAX:
		break;
	}
	struct db_stmt *s = NULL;
	int rc = k == S_INSERT ? db_prepare_insert(st->db, buf_cstr(&b), &s, err)
			       : db_prepare(st->db, buf_cstr(&b), &s, err);
	if (rc == 0) {
		st->stmts[ei][k] = s;
	}
	buf_free(&b);
	return s;
}

/* ---- values in and out of statements ---- */

/* date_format without printf (a bulk load formats two or three dates a row): YYYY-MM-DD
 * for the years validate_row allows, date_format itself for any other. */
static const char *date_text(hdate d, char out[DATE_STR_SIZE])
{
	int y, m, day;
	if (d == DATE_NONE) {
		return date_format(d, out);
	}
	date_to_ymd(d, &y, &m, &day);
	if (y < 1000 || y > 9999) {
		return date_format(d, out);
	}
	const char t[DATE_STR_SIZE] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
				       (char)('0' + y % 10),   '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
				       (char)('0' + day / 10), (char)('0' + day % 10), '\0'};
	memcpy(out, t, sizeof(t));
	return out;
}

static void bind_value(struct db_stmt *s, int i, const struct field *f, const struct hval *v)
{
	if (v->null) {
		db_bind_null(s, i);
		return;
	}
	switch (f->type) {
	case FT_DATE: {
		char d[DATE_STR_SIZE];
		db_bind_text(s, i, date_text((hdate)v->i, d));
		return;
	}
	case FT_INSTANT: {
		char t[INSTANT_STR_SIZE];
		db_bind_text(s, i, instant_format(v->i, t));
		return;
	}
	case FT_BOOL:
	case FT_INT:
	case FT_REF:
		db_bind_int(s, i, v->i);
		return;
	case FT_REAL:
		db_bind_real(s, i, v->r);
		return;
	default:
		db_bind_text(s, i, v->s);
		return;
	}
}

/* Reads column col of the current row into v; text goes into the arena, codes point at
 * the code table's own strings so a county's worth of rows costs no copies for them. */
static void read_value(struct db_stmt *s, int col, const struct field *f, struct arena *a, struct hval *v)
{
	memset(v, 0, sizeof(*v));
	if (db_col_null(s, col)) {
		v->null = true;
		return;
	}
	switch (f->type) {
	case FT_DATE: {
		hdate d;
		if (date_parse(db_col_text(s, col), &d)) {
			v->null = true; /* `hearth check` reports unreadable dates */
		} else {
			v->i = d;
		}
		return;
	}
	case FT_INSTANT: {
		hinstant t;
		if (instant_parse(db_col_text(s, col), &t)) {
			v->null = true;
		} else {
			v->i = t;
		}
		return;
	}
	case FT_BOOL:
	case FT_INT:
	case FT_REF:
		v->i = db_col_int(s, col);
		return;
	case FT_REAL:
		v->r = db_col_real(s, col);
		return;
	case FT_CODE: {
		const char *t = db_col_text(s, col);
		const struct code *c = code_find(codelist_find(f->arg), t);
		v->s = c ? c->code : arena_strdup(a, t);
		return;
	}
	default:
		v->s = arena_strdup(a, db_col_text(s, col));
		return;
	}
}

/* Reads the current row (id first, then the fields) into a new hval array. */
struct hval *store_read_row(struct db_stmt *s, const struct entity *e, struct arena *a, int64_t *id)
{
	struct hval *v = arena_alloc(a, sizeof(*v) * (size_t)e->n_fields);
	*id = db_col_int(s, 0);
	for (int i = 0; i < e->n_fields; i++) {
		read_value(s, i + 1, &e->fields[i], a, &v[i]);
	}
	return v;
}

/* ---- opening and migrating ---- */

int store_schema_latest(void)
{
	return store_migration_count;
}

int store_schema_version(struct store *st)
{
	return db_user_version(st->db);
}

static int packs_build(struct store *st, struct hearth_error *err);

static int migrate(struct store *st, struct hearth_error *err)
{
	int v = db_user_version(st->db);
	for (int i = v; i < store_migration_count; i++) {
		const struct migration *m = &store_migrations[i];
		if (db_begin_write(st->db, err)) {
			return HERR_IO;
		}
		if (db_exec_migration(st->db, m->sql, err) || db_set_user_version(st->db, m->number, err) ||
		    db_exec(st->db, "COMMIT", err)) {
			db_exec(st->db, "ROLLBACK", NULL);
			return herr_set(err, HERR_IO, "", "migration", "migration %s failed: %s", m->name,
					err ? err->message : "");
		}
	}
	return 0;
}

int store_open(const char *target, enum store_mode mode, struct store **out, struct hearth_error *err)
{
	struct db *db;
	enum db_mode dm = mode == STORE_READ ? DB_READ : mode == STORE_WRITE ? DB_WRITE : DB_CREATE;
	int rc = db_open(target, dm, &db, err);
	if (rc) {
		return rc;
	}
	struct store *st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->mode = mode;
	st->target = xstrdup(target);
	int v = db_user_version(db);
	if (mode == STORE_CREATE) {
		rc = migrate(st, err);
	} else if (v <= 0) {
		rc = herr_set(err, HERR_INVALID, "DB", "not_a_record", "%s is not a Hearth record", target);
	} else if (v > store_migration_count) {
		rc = herr_set(err, HERR_INVALID, "DB", "newer_schema",
			      "%s is at schema %d, newer than this hearth (%d): upgrade hearth", target, v,
			      store_migration_count);
	} else if (v < store_migration_count) {
		rc = mode == STORE_WRITE ? migrate(st, err)
					 : herr_set(err, HERR_INVALID, "DB", "old_schema",
						    "%s is at schema %d: open it for writing once to migrate", target, v);
	}
	/* A record with no packs yet (migrated from before 020, or a bulk load that never
	 * finished) or packs of an older format: built before anything reads it. */
	if (!rc && mode != STORE_READ && !store_packs_complete(st)) {
		rc = packs_build(st, err);
	}
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st) {
		return;
	}
	for (int i = 0; i < 64; i++) {
		for (int k = 0; k < S_KIND_MAX; k++) {
			db_finalize(st->stmts[i][k]);
		}
	}
	for (int i = 0; i < 64; i++) {
		db_finalize(st->find[i]);
		db_finalize(st->casefile_one[i]);
		db_finalize(st->casefile_set[i]);
	}
	db_finalize(st->pack_upsert);
	db_finalize(st->pack_delete);
	db_finalize(st->revision_insert);
	db_finalize(st->revision_insert_many);
	db_finalize(st->audit_last);
	db_finalize(st->audit_insert);
	db_finalize(st->audit_insert_many);
	for (int i = 0; i < AUDIT_POW_MAX; i++) {
		db_finalize(st->audit_insert_pow[i]);
	}
	if (st->bulk) {
		st->closing = true; /* abandoned: its packs are left marked incomplete */
		store_rollback(st);
		store_bulk_end(st, NULL);
	}
	free(st->pack_dirty);
	arena_free(&st->scratch);
	arena_free(&st->bulk_rev_mem);
	arena_free(&st->bulk_aud_mem);
	buf_free(&st->text);
	db_close(st->db);
	free(st->target);
	free(st);
}

/* ---- transactions ----
 * The outermost level is a real transaction that takes the record's write lock at once
 * (db_begin_write), so two writers queue rather than deadlock; inner levels are savepoints, so one
 * refused write inside a batch undoes only itself. While bulk loading, inner levels are
 * only counted: a write refused by a rule has written nothing yet (bulk_wrote is set just
 * before a write's first statement that changes anything), and one that fails after it
 * began writing marks the batch broken, so the batch's commit rolls it back. */

static void tx_abort(struct store *st);

static int tx_begin(struct store *st, struct hearth_error *err)
{
	if (st->depth == 0) {
		st->audit_head_known = false;
		st->birth_known = false;
		st->bulk_broken = false;
		st->tx_lost = false;
		live_forget(st);
	} else if (st->tx_lost) {
		return herr_set(err, HERR_IO, "", "batch_broken",
				"an earlier write in the batch failed and the database ended its transaction: nothing of "
				"the batch was kept");
	} else if (st->bulk) {
		st->bulk_wrote = false;
		st->depth++;
		return 0;
	}
	if (st->depth == 0 ? db_begin_write(st->db, err) : db_exec(st->db, "SAVEPOINT hearth_write", err)) {
		return HERR_IO;
	}
	st->depth++;
	return 0;
}

static int tx_commit(struct store *st, struct hearth_error *err)
{
	if (st->depth <= 0) {
		return 0;
	}
	if (st->depth > 1 && st->bulk) {
		st->depth--;
		return 0;
	}
	if (st->depth == 1 && (st->bulk_broken || st->tx_lost)) {
		tx_abort(st);
		return herr_set(err, HERR_IO, "", "batch_broken",
				"a write in the batch failed after it began writing: the batch was rolled back");
	}
	if (st->depth == 1 && st->n_pack_dirty) {
		size_t n = st->n_pack_dirty;
		st->n_pack_dirty = 0;
		if (store_packs_refresh(st, st->pack_dirty, n, err)) {
			tx_abort(st);
			return HERR_IO;
		}
	}
	if (st->depth == 1 && (store_revisions_flush(st, err) || store_audit_flush(st, err))) {
		tx_abort(st);
		return HERR_IO;
	}
	if (db_exec(st->db, st->depth == 1 ? "COMMIT" : "RELEASE hearth_write", err)) {
		tx_abort(st);
		return HERR_IO;
	}
	if (--st->depth == 0 && st->budgeted) {
		/* The change is kept: from here the request only answers, and a budget that
		 * stopped it now (as the saved row is read back for the answer) would report the
		 * kept change as not made, and the client would make it again. */
		store_set_budget(st, 0, 0);
	}
	return 0;
}

static void tx_abort(struct store *st)
{
	if (st->revision_sent) {
		st->revision_sent = false;
		db_reset(st->revision_insert); /* rolled back with the rest */
	}
	st->audit_head_known = false;
	st->birth_known = false;
	live_forget(st);
	if (st->depth <= 0) {
		return;
	}
	if (st->depth > 1 && st->bulk) {
		st->bulk_broken |= st->bulk_wrote;
		/* As below: if the database ended the batch's transaction itself (a full disk, an
		 * I/O error), the batch's later writes must not run one by one outside it. */
		st->tx_lost |= !db_in_transaction(st->db);
		st->depth--;
		return;
	}
	if (st->depth == 1) {
		store_bulk_discard(st);
		st->n_pack_dirty = 0;
		db_exec(st->db, "ROLLBACK", NULL);
	} else {
		db_exec(st->db, "ROLLBACK TO hearth_write; RELEASE hearth_write", NULL);
		st->tx_lost |= !db_in_transaction(st->db);
	}
	st->depth--;
}

int store_begin(struct store *st, struct hearth_error *err)
{
	return tx_begin(st, err);
}

int store_commit(struct store *st, struct hearth_error *err)
{
	return tx_commit(st, err);
}

void store_rollback(struct store *st)
{
	st->audit_head_known = false;
	st->birth_known = false;
	live_forget(st);
	store_bulk_discard(st);
	st->n_pack_dirty = 0;
	if (st->depth > 0) {
		db_exec(st->db, "ROLLBACK", NULL);
		st->depth = 0;
	}
}

/* Every pack rebuilt from the rows, in a transaction of its own. */
static int packs_build(struct store *st, struct hearth_error *err)
{
	int rc = tx_begin(st, err);
	if (!rc && (rc = store_packs_build_all(st, err))) {
		tx_abort(st);
		return rc;
	}
	return rc ? rc : tx_commit(st, err);
}

int store_bulk_begin(struct store *st, struct hearth_error *err)
{
	if (st->mode != STORE_CREATE) {
		return herr_set(err, HERR_INVALID, "", "bulk_new_record",
				"bulk loading is only for a record being created");
	}
	if (st->depth > 0) {
		return herr_set(err, HERR_INVALID, "", "bulk_in_batch", "bulk loading starts outside a batch");
	}
	if (st->bulk) {
		return 0;
	}
	/* The packs fall behind while the load runs: marked incomplete at once (readers use the
	 * rows), and rebuilt all together at its end. */
	if (db_exec(st->db, "DELETE FROM casefile_pack_state", err) || db_bulk(st->db, true, err)) {
		return HERR_IO;
	}
	st->bulk = true;
	st->bulk_broken = false;
	return 0;
}

int store_bulk_end(struct store *st, struct hearth_error *err)
{
	if (!st->bulk) {
		return 0;
	}
	if (st->depth > 0) {
		return herr_set(err, HERR_INVALID, "", "bulk_in_batch", "bulk loading ends outside a batch");
	}
	st->bulk = false;
	if (db_bulk(st->db, false, err)) {
		return HERR_IO;
	}
	return st->closing ? 0 : packs_build(st, err);
}

/* ---- rules that need other rows ---- */

static int ref_live(struct store *st, const char *table, int64_t id, struct hearth_error *err)
{
	const struct entity *e = entity_find(table);
	int ei = e ? entity_index(e) : -1;
	if (e && live_known(st, ei, id)) {
		return 1;
	}
	struct db_stmt *s = e ? stmt(st, e, S_GET, err) : NULL;
	if (!s) {
		return HERR_IO;
	}
	db_bind_int(s, 1, id);
	int rc = db_step(s, err);
	db_reset(s);
	if (rc == 1) {
		live_note(st, ei, id);
	}
	return rc;
}

static int check_refs(struct store *st, const struct entity *e, const struct hval *v, struct hearth_error *err)
{
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (f->type != FT_REF || v[i].null) {
			continue;
		}
		int rc = ref_live(st, f->arg, v[i].i, err);
		if (rc < 0) {
			return rc;
		}
		if (rc == 0) {
			return herr_set(err, HERR_INVALID, f->name, "reference", "there is no %s with id %lld", f->arg,
					(long long)v[i].i);
		}
	}
	return 0;
}

static int check_unique(struct store *st, const struct entity *e, const struct hval *v, int64_t self,
			struct hearth_error *err)
{
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (!(f->flags & F_UNIQUE) || v[i].null) {
			continue;
		}
		int64_t other = 0;
		struct hearth_error e2 = {0};
		int rc = store_find(st, e, i, v[i].s, &other, &e2);
		if (rc == 0 && other != self) {
			return herr_set(err, HERR_INVALID, f->name, "unique", "another %s already has %s '%s'", e->label,
					f->label, v[i].s);
		}
		if (rc && rc != HERR_NOT_FOUND) {
			*err = e2;
			return rc;
		}
	}
	return 0;
}

/* The earliest date in a row that may not precede birth (instants by their UTC date). */
static hdate row_earliest(const struct entity *e, const struct hval *v, bool prebirth_allowed)
{
	hdate min = DATE_NONE;
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (v[i].null || (f->type != FT_DATE && f->type != FT_INSTANT)) {
			continue;
		}
		if (prebirth_allowed && (f->flags & F_PREBIRTH)) {
			continue;
		}
		hdate d = f->type == FT_DATE ? (hdate)v[i].i : instant_date(v[i].i);
		if (min == DATE_NONE || d < min) {
			min = d;
		}
	}
	return min;
}

/* Events in a child's record may not come before the child's birth. Fields marked
 * F_PREBIRTH (a referral about an unborn baby) may, when the child has an expected date
 * of birth on record. */
static int check_birth(struct store *st, const struct entity *e, const struct hval *v, struct arena *a,
		       struct hearth_error *err)
{
	if (e->child_field < 0 || v[e->child_field].null) {
		return 0;
	}
	int64_t child_id = v[e->child_field].i;
	if (!st->birth_known || st->birth_child != child_id) {
		struct hval *child;
		int rc = store_get(st, &entity_child, child_id, a, &child, err);
		if (rc) {
			return rc == HERR_NOT_FOUND ? herr_set(err, HERR_INVALID, "child_id", "reference",
								"there is no child with id %lld", (long long)child_id)
						    : rc;
		}
		st->birth_child = child_id;
		st->birth_dob = child[CHILD_DOB].null ? DATE_NONE : (hdate)child[CHILD_DOB].i;
		st->birth_prebirth = !child[CHILD_EXPECTED_DOB].null;
		st->birth_known = st->depth > 0;
	}
	if (st->birth_dob == DATE_NONE) {
		return 0;
	}
	hdate dob = st->birth_dob;
	bool prebirth = st->birth_prebirth;
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (v[i].null || (f->type != FT_DATE && f->type != FT_INSTANT) || (prebirth && (f->flags & F_PREBIRTH))) {
			continue;
		}
		hdate d = f->type == FT_DATE ? (hdate)v[i].i : instant_date(v[i].i);
		if (d < dob) {
			char b[DATE_STR_SIZE];
			return herr_set(err, HERR_INVALID, f->name, "not_before_birth",
					"%s is before the child's date of birth (%s)", f->label, date_format(dob, b));
		}
	}
	return 0;
}

/* Changing a child's date of birth may not leave earlier events in the record. */
static int check_dob_change(struct store *st, int64_t child_id, const struct hval *v, struct arena *a,
			    struct hearth_error *err)
{
	if (v[CHILD_DOB].null) {
		return 0;
	}
	hdate dob = (hdate)v[CHILD_DOB].i;
	bool prebirth = !v[CHILD_EXPECTED_DOB].null;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field < 0) {
			continue;
		}
		int64_t *ids;
		struct hval **rows;
		size_t n;
		int rc = store_child_rows(st, e, child_id, a, &ids, &rows, &n, err);
		if (rc) {
			return rc;
		}
		for (size_t r = 0; r < n; r++) {
			hdate d = row_earliest(e, rows[r], prebirth);
			if (d != DATE_NONE && d < dob) {
				char b[DATE_STR_SIZE];
				return herr_set(err, HERR_INVALID, "dob", "not_after_events",
						"the date of birth is after a %s dated %s already recorded", e->label,
						date_format(d, b));
			}
		}
	}
	return 0;
}

static int check_reopen(const struct entity *e, const struct hval *before, const struct hval *after,
			const char *reason, struct hearth_error *err)
{
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if ((f->flags & F_CLOSES) && !before[i].null && after[i].null && (!reason || !*reason)) {
			return herr_set(err, HERR_INVALID, f->name, "reopen_needs_reason",
					"reopening a closed %s (clearing %s) needs a reason", e->label, f->label);
		}
	}
	return 0;
}

/* ---- the revision log ---- */

/* A row as a JSON object of its fields in order: byte for byte what jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) gives for the same values (so revisions
 * read the same whoever wrote them), written straight into a buffer without building a
 * tree. Text has passed validate_row (UTF-8, no control characters but newlines and tabs in
 * long text), so it is copied as is but for the escapes JSON requires, as jansson does. */

static void json_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	const char *run = s;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\') {
			continue;
		}
		buf_append(b, run, (size_t)(p - run));
		if (c == 0) {
			break;
		}
		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\b':
			buf_puts(b, "\\b");
			break;
		case '\f':
			buf_puts(b, "\\f");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default: {
			char u[8];
			snprintf(u, sizeof(u), "\\u%04X", c);
			buf_puts(b, u);
		}
		}
		run = p + 1;
	}
	buf_putc(b, '"');
}

static void json_int(struct buf *b, int64_t v)
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

/* jansson's real: %.17g, ".0" added when it would read as an integer, and the exponent
 * without its '+' or leading zeros. */
static void json_real(struct buf *b, double v)
{
	if (!isfinite(v)) {
		buf_puts(b, "null");
		return;
	}
	char t[48];
	snprintf(t, sizeof(t), "%.17g", v);
	if (!strchr(t, '.') && !strchr(t, 'e')) {
		size_t n = strlen(t);
		snprintf(t + n, sizeof(t) - n, ".0");
	}
	char *start = strchr(t, 'e');
	if (start) {
		start++;
		char *end = start + 1;
		if (*start == '-') {
			start++;
		}
		while (*end == '0') {
			end++;
		}
		if (end != start) {
			memmove(start, end, strlen(end) + 1);
		}
	}
	buf_puts(b, t);
}

static const char *row_json(struct buf *b, const struct entity *e, const struct hval *v)
{
	buf_reset(b);
	buf_putc(b, '{');
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (i) {
			buf_putc(b, ',');
		}
		json_string(b, f->name);
		buf_putc(b, ':');
		if (v[i].null) {
			buf_puts(b, "null");
			continue;
		}
		switch (f->type) {
		case FT_BOOL:
			buf_puts(b, v[i].i ? "true" : "false");
			break;
		case FT_INT:
		case FT_REF:
			json_int(b, v[i].i);
			break;
		case FT_REAL:
			json_real(b, v[i].r);
			break;
		case FT_DATE: {
			char t[DATE_STR_SIZE];
			buf_putc(b, '"');
			buf_puts(b, date_text((hdate)v[i].i, t));
			buf_putc(b, '"');
			break;
		}
		case FT_INSTANT: {
			char t[INSTANT_STR_SIZE];
			json_string(b, instant_format(v[i].i, t));
			break;
		}
		default:
			json_string(b, v[i].s ? v[i].s : "");
			break;
		}
	}
	buf_putc(b, '}');
	return buf_cstr(b);
}

#define REVISION_INSERT "INSERT INTO revision (tbl, row_id, action, before, after, reason, actor, at) VALUES "
#define REVISION_VALUES "(?, ?, ?, ?, ?, ?, ?, ?)"
enum { REVISION_PARAMS = 8 };

static void bind_revision(struct db_stmt *s, int base, const struct bulk_revision *r)
{
	db_bind_text(s, base + 1, r->table);
	db_bind_int(s, base + 2, r->row_id);
	db_bind_text(s, base + 3, r->action);
	db_bind_text(s, base + 4, r->before);
	db_bind_text(s, base + 5, r->after);
	db_bind_text(s, base + 6, r->reason);
	db_bind_text(s, base + 7, r->actor);
	db_bind_text(s, base + 8, r->at);
}

/* The statement that writes one revision, or BULK_ROWS of them. */
static struct db_stmt *revision_stmt(struct store *st, int rows, struct hearth_error *err)
{
	struct db_stmt **s = rows == 1 ? &st->revision_insert : &st->revision_insert_many;
	if (!*s) {
		struct buf b = BUF_INIT;
		buf_puts(&b, REVISION_INSERT);
		for (int i = 0; i < rows; i++) {
			buf_puts(&b, i ? ", " REVISION_VALUES : REVISION_VALUES);
		}
		int rc = db_prepare(st->db, buf_cstr(&b), s, err);
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

int store_revisions_flush(struct store *st, struct hearth_error *err)
{
	int n = st->n_bulk_rev, rc = 0;
	for (int done = 0; rc == 0 && done < n;) {
		int rows = n - done >= BULK_ROWS ? BULK_ROWS : 1;
		struct db_stmt *s = revision_stmt(st, rows, err);
		if (!s) {
			rc = HERR_IO;
			break;
		}
		for (int i = 0; i < rows; i++) {
			bind_revision(s, i * REVISION_PARAMS, &st->bulk_rev[done + i]);
		}
		rc = db_step(s, err);
		db_reset(s);
		rc = rc < 0 ? rc : 0;
		done += rows;
	}
	st->n_bulk_rev = 0;
	arena_reset(&st->bulk_rev_mem);
	return rc;
}

void store_bulk_discard(struct store *st)
{
	st->n_bulk_rev = st->n_bulk_aud = 0;
	arena_reset(&st->bulk_rev_mem);
	arena_reset(&st->bulk_aud_mem);
}

/* table and action are the store's constants; the rest is copied when held back. */
static int write_revision(struct store *st, const char *table, int64_t row_id, const char *action,
			  const char *before, const char *after, const char *reason, const char *actor,
			  struct hearth_error *err)
{
	struct bulk_revision r = {table, action, before, after, reason && *reason ? reason : NULL, actor, row_id, ""};
	memcpy(r.at, store_now_text(st), sizeof(r.at));
	if (st->bulk) {
		int rc;
		if (st->n_bulk_rev == BULK_ROWS && (rc = store_revisions_flush(st, err))) {
			return rc;
		}
		struct arena *m = &st->bulk_rev_mem;
		r.before = arena_strdup(m, r.before);
		r.after = arena_strdup(m, r.after);
		r.reason = arena_strdup(m, r.reason);
		r.actor = arena_strdup(m, r.actor);
		st->bulk_rev[st->n_bulk_rev++] = r;
		return 0;
	}
	struct db_stmt *s = revision_stmt(st, 1, err);
	if (!s) {
		return HERR_IO;
	}
	bind_revision(s, 0, &r);
	/* Sent, not waited for: on PostgreSQL it travels with the audit row's statements (one
	 * round trip for both; SQLite runs it at the step). audit_change, which every revision
	 * is followed by, reads its outcome; a failure there fails the write, which rolls back. */
	int rc = db_send(s, err);
	if (rc) {
		db_reset(s);
		return rc;
	}
	st->revision_sent = true;
	return 0;
}

/* ---- the write path ---- */

static int check_actor(struct store *st, const char *actor, struct hearth_error *err)
{
	if (st->mode == STORE_READ) {
		return herr_set(err, HERR_DENIED, "", "read_only", "the record was opened read-only");
	}
	if (!actor || !*actor || !validate_text(actor, false)) {
		return herr_set(err, HERR_INVALID, "actor", "required", "every change must say who made it");
	}
	return 0;
}

/* The child a row of e belongs to (the child row itself for e child), whose pack the
 * transaction rebuilds before it commits; a bulk load rebuilds every pack at its end. Only
 * the tables a casefile holds (a note's child keeps its pack). */
static void pack_mark(struct store *st, const struct entity *e, int64_t id, const struct hval *vals)
{
	if (st->bulk || (e != &entity_child && store_cf_array_of(e) < 0)) {
		return;
	}
	int64_t child = e == &entity_child ? id : e->child_field >= 0 && !vals[e->child_field].null ? vals[e->child_field].i : 0;
	if (child <= 0) {
		return;
	}
	if (st->n_pack_dirty && st->pack_dirty[st->n_pack_dirty - 1] == child) {
		return;
	}
	if (st->n_pack_dirty == st->cap_pack_dirty) {
		st->cap_pack_dirty = st->cap_pack_dirty ? st->cap_pack_dirty * 2 : 16;
		st->pack_dirty = xrealloc(st->pack_dirty, st->cap_pack_dirty * sizeof(*st->pack_dirty));
	}
	st->pack_dirty[st->n_pack_dirty++] = child;
}

int store_row_check(struct store *st, const struct entity *e, int64_t id, const struct hval *vals,
		    struct hearth_error *err)
{
	struct arena *a = &st->scratch;
	int rc = validate_row(e, vals, err);
	if (!rc && !(rc = check_refs(st, e, vals, err)) && !(rc = check_unique(st, e, vals, id, err)) &&
	    !(rc = check_birth(st, e, vals, a, err)) && id && e == &entity_child) {
		rc = check_dob_change(st, id, vals, a, err);
	}
	arena_reset(a);
	return rc;
}

int store_insert(struct store *st, const char *actor, const struct entity *e, const struct hval *vals,
		 int64_t *id_out, struct hearth_error *err)
{
	struct arena *a = &st->scratch;
	int64_t id = 0;
	int rc = check_actor(st, actor, err);
	if (!rc) {
		rc = validate_row(e, vals, err);
	}
	if (rc) {
		return rc;
	}
	if ((rc = tx_begin(st, err))) {
		return rc;
	}
	if ((rc = check_refs(st, e, vals, err)) || (rc = check_unique(st, e, vals, 0, err)) ||
	    (rc = check_birth(st, e, vals, a, err))) {
		goto fail;
	}
	struct db_stmt *s = stmt(st, e, S_INSERT, err);
	if (!s) {
		rc = HERR_IO;
		goto fail;
	}
	for (int i = 0; i < e->n_fields; i++) {
		bind_value(s, i + 1, &e->fields[i], &vals[i]);
	}
	st->bulk_wrote = true;
	rc = db_step(s, err);
	if (rc != 1) {
		rc = rc < 0 ? rc : herr_set(err, HERR_IO, "", "database", "insert returned no id");
		db_reset(s);
		goto fail;
	}
	id = db_col_int(s, 0);
	db_step(s, NULL);
	db_reset(s);
	live_note(st, entity_index(e), id);
	pack_mark(st, e, id, vals);
	if ((rc = write_revision(st, e->name, id, "insert", NULL, row_json(&st->text, e, vals), NULL, actor, err)) ||
	    (rc = audit_change(st, actor, "create", e, id, vals, err))) {
		goto fail;
	}
	if ((rc = tx_commit(st, err))) {
		arena_reset(a);
		return rc;
	}
	arena_reset(a);
	if (id_out) {
		*id_out = id;
	}
	return 0;
fail:
	tx_abort(st);
	arena_reset(a);
	return rc;
}

int store_update(struct store *st, const char *actor, const struct entity *e, int64_t id,
		 const struct hval *vals, const char *reason, struct hearth_error *err)
{
	struct arena *a = &st->scratch;
	struct hval *before;
	int rc = check_actor(st, actor, err);
	if (!rc) {
		rc = validate_row(e, vals, err);
	}
	if (rc) {
		return rc;
	}
	if (reason && !validate_text(reason, true)) {
		return herr_set(err, HERR_INVALID, "reason", "text", "the reason must be UTF-8 text");
	}
	if ((rc = tx_begin(st, err))) {
		return rc;
	}
	if ((rc = store_get(st, e, id, a, &before, err)) || (rc = check_reopen(e, before, vals, reason, err)) ||
	    (rc = check_refs(st, e, vals, err)) || (rc = check_unique(st, e, vals, id, err)) ||
	    (rc = check_birth(st, e, vals, a, err))) {
		goto fail;
	}
	if (e == &entity_child && (rc = check_dob_change(st, id, vals, a, err))) {
		goto fail;
	}
	if (e->child_field >= 0 && vals[e->child_field].i != before[e->child_field].i) {
		rc = herr_set(err, HERR_INVALID, "child_id", "immutable",
			      "a record cannot be moved to another child: void it and record it again");
		goto fail;
	}
	struct db_stmt *s = stmt(st, e, S_UPDATE, err);
	if (!s) {
		rc = HERR_IO;
		goto fail;
	}
	for (int i = 0; i < e->n_fields; i++) {
		bind_value(s, i + 1, &e->fields[i], &vals[i]);
	}
	db_bind_int(s, e->n_fields + 1, id);
	if (e == &entity_child) {
		st->birth_known = false;
	}
	st->bulk_wrote = true;
	if ((rc = db_step(s, err)) < 0) {
		db_reset(s);
		goto fail;
	}
	db_reset(s);
	pack_mark(st, e, id, vals);
	const char *before_json = arena_strdup(a, row_json(&st->text, e, before));
	if ((rc = write_revision(st, e->name, id, "update", before_json, row_json(&st->text, e, vals), reason, actor,
				 err)) ||
	    (rc = audit_change(st, actor, "update", e, id, vals, err)) ||
	    (rc = tx_commit(st, err))) {
		goto fail;
	}
	arena_reset(a);
	return 0;
fail:
	tx_abort(st);
	arena_reset(a);
	return rc;
}

int store_void(struct store *st, const char *actor, const struct entity *e, int64_t id, const char *reason,
	       struct hearth_error *err)
{
	struct arena *a = &st->scratch;
	struct hval *before;
	int rc = check_actor(st, actor, err);
	if (rc) {
		return rc;
	}
	if (!reason || !*reason || !validate_text(reason, true)) {
		return herr_set(err, HERR_INVALID, "reason", "required", "retracting a %s needs a reason", e->label);
	}
	if ((rc = tx_begin(st, err))) {
		return rc;
	}
	if ((rc = store_get(st, e, id, a, &before, err))) {
		goto fail;
	}
	struct db_stmt *s = stmt(st, e, S_VOID, err);
	if (!s) {
		rc = HERR_IO;
		goto fail;
	}
	db_bind_int(s, 1, id);
	live_forget(st);
	if (e == &entity_child) {
		st->birth_known = false;
	}
	st->bulk_wrote = true;
	if ((rc = db_step(s, err)) < 0) {
		db_reset(s);
		goto fail;
	}
	db_reset(s);
	pack_mark(st, e, id, before);
	if ((rc = write_revision(st, e->name, id, "void", row_json(&st->text, e, before), NULL, reason, actor, err)) ||
	    (rc = audit_change(st, actor, "void", e, id, before, err)) ||
	    (rc = tx_commit(st, err))) {
		goto fail;
	}
	arena_reset(a);
	return 0;
fail:
	tx_abort(st);
	arena_reset(a);
	return rc;
}

/* ---- merges (store/merge.c): a row moved between two records of one child ---- */

int store_move_row(struct store *st, const char *actor, const struct entity *e, int64_t id, int field,
		   int64_t from, int64_t to, const char *reason, struct hearth_error *err)
{
	struct arena *a = &st->scratch;
	struct hval *before;
	int rc = check_actor(st, actor, err);
	if (rc) {
		return rc;
	}
	if ((rc = tx_begin(st, err))) {
		return rc;
	}
	if ((rc = store_get(st, e, id, a, &before, err))) {
		goto fail;
	}
	if (before[field].null || before[field].i != from) {
		rc = herr_set(err, HERR_CONFLICT, e->fields[field].name, "moved",
			      "%s %lld no longer belongs to child %lld", e->label, (long long)id, (long long)from);
		goto fail;
	}
	/* Every value as it was but the child: the row is the same fact, on the other record.
	 * So none of the checks of a new fact (dates against the birth, references) is made
	 * again: a merge never refuses a row the record already holds. */
	struct hval *vals = arena_alloc(a, sizeof(*vals) * (size_t)e->n_fields);
	memcpy(vals, before, sizeof(*vals) * (size_t)e->n_fields);
	vals[field].i = to;
	struct db_stmt *s = stmt(st, e, S_UPDATE, err);
	if (!s) {
		rc = HERR_IO;
		goto fail;
	}
	for (int i = 0; i < e->n_fields; i++) {
		bind_value(s, i + 1, &e->fields[i], &vals[i]);
	}
	db_bind_int(s, e->n_fields + 1, id);
	st->birth_known = false;
	st->bulk_wrote = true;
	if ((rc = db_step(s, err)) < 0) {
		db_reset(s);
		goto fail;
	}
	db_reset(s);
	/* Both children's packs: the row left one and joined the other (a field other than
	 * the row's own child, a referral's, names the child too: both rebuilt either way). */
	pack_mark(st, e, id, before);
	pack_mark(st, e, id, vals);
	pack_mark(st, &entity_child, from, NULL);
	pack_mark(st, &entity_child, to, NULL);
	const char *before_json = arena_strdup(a, row_json(&st->text, e, before));
	if ((rc = write_revision(st, e->name, id, "update", before_json, row_json(&st->text, e, vals), reason, actor,
				 err)) ||
	    (rc = audit_change(st, actor, "update", e, id, vals, err)) || (rc = tx_commit(st, err))) {
		goto fail;
	}
	arena_reset(a);
	return 0;
fail:
	tx_abort(st);
	arena_reset(a);
	return rc;
}

int store_child_revive(struct store *st, const char *actor, int64_t id, const char *reason,
		       struct hearth_error *err)
{
	int rc = check_actor(st, actor, err);
	if (rc || (rc = tx_begin(st, err))) {
		return rc;
	}
	struct db_stmt *s;
	if ((rc = db_prepare(store_db(st), "UPDATE child SET voided = 0 WHERE id = ? AND voided = 1", &s, err))) {
		tx_abort(st);
		return rc;
	}
	db_bind_int(s, 1, id);
	live_forget(st);
	st->birth_known = false;
	st->bulk_wrote = true;
	rc = db_step(s, err);
	db_finalize(s);
	struct arena *a = &st->scratch;
	struct hval *row;
	if (rc < 0 || (rc = store_get(st, &entity_child, id, a, &row, err))) {
		if (rc == HERR_INVALID || rc == HERR_IO) {
			/* The LA child id taken by another child meanwhile (the unique index). */
			herr_set(err, HERR_CONFLICT, "la_child_id", "unique",
				 "child %lld cannot be restored: its LA child id is now another child's", (long long)id);
			rc = HERR_CONFLICT;
		}
		goto fail;
	}
	/* The revision of a restored row: before and after are its values (a void's revision
	 * has no after; this one's before says it was retracted by the merge). */
	pack_mark(st, &entity_child, id, row);
	const char *json = arena_strdup(a, row_json(&st->text, &entity_child, row));
	if ((rc = write_revision(st, "child", id, "update", NULL, json, reason, actor, err)) ||
	    (rc = audit_change(st, actor, "update", &entity_child, id, row, err)) || (rc = tx_commit(st, err))) {
		goto fail;
	}
	arena_reset(a);
	return 0;
fail:
	tx_abort(st);
	arena_reset(&st->scratch);
	return rc;
}

/* ---- reads ---- */

int store_get(struct store *st, const struct entity *e, int64_t id, struct arena *a, struct hval **vals_out,
	      struct hearth_error *err)
{
	struct db_stmt *s = stmt(st, e, S_GET, err);
	if (!s) {
		return HERR_IO;
	}
	db_bind_int(s, 1, id);
	int rc = db_step(s, err);
	if (rc == 1) {
		int64_t got;
		*vals_out = store_read_row(s, e, a, &got);
		rc = 0;
	} else if (rc == 0) {
		rc = herr_set(err, HERR_NOT_FOUND, "id", "not_found", "there is no %s with id %lld", e->label,
			      (long long)id);
	}
	db_reset(s);
	return rc;
}

static int collect(struct db_stmt *s, const struct entity *e, struct arena *a, int64_t **ids_out,
		   struct hval ***rows_out, size_t *n_out, struct hearth_error *err)
{
	size_t n = 0, cap = 0;
	int64_t *ids = NULL;
	struct hval **rows = NULL;
	int rc;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			ids = arena_grow(a, ids, n, ncap, sizeof(*ids));
			rows = arena_grow(a, rows, n, ncap, sizeof(*rows));
			cap = ncap;
		}
		rows[n] = store_read_row(s, e, a, &ids[n]);
		n++;
	}
	db_reset(s);
	if (rc < 0) {
		return rc;
	}
	*ids_out = ids;
	*rows_out = rows;
	*n_out = n;
	return 0;
}

int store_child_rows(struct store *st, const struct entity *e, int64_t child_id, struct arena *a,
		     int64_t **ids_out, struct hval ***rows_out, size_t *n_out, struct hearth_error *err)
{
	if (e->child_field < 0) {
		return herr_set(err, HERR_INVALID, "entity", "no_child", "a %s does not belong to a child", e->label);
	}
	struct db_stmt *s = stmt(st, e, S_CHILD_ROWS, err);
	if (!s) {
		return HERR_IO;
	}
	db_bind_int(s, 1, child_id);
	return collect(s, e, a, ids_out, rows_out, n_out, err);
}

int store_all_rows(struct store *st, const struct entity *e, struct arena *a, int64_t **ids_out,
		   struct hval ***rows_out, size_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s = stmt(st, e, S_ALL_ROWS, err);
	if (!s) {
		return HERR_IO;
	}
	return collect(s, e, a, ids_out, rows_out, n_out, err);
}

int store_rows_by(struct store *st, const struct entity *e, int field, int64_t id, struct arena *a,
		  int64_t **ids_out, struct hval ***rows_out, size_t *n_out, struct hearth_error *err)
{
	if (field < 0 || field >= e->n_fields || e->fields[field].type != FT_REF) {
		return herr_set(err, HERR_INVALID, "field", "not_a_reference", "a %s is not found by that field", e->label);
	}
	/* Table and column names from the descriptor, never from input; the id is bound. */
	struct buf b = BUF_INIT;
	buf_puts(&b, "SELECT id, ");
	put_columns(&b, e);
	buf_printf(&b, " FROM %s WHERE voided = 0 AND %s = ? ORDER BY id", e->name, e->fields[field].name);
	struct db_stmt *s;
	int rc = db_prepare(st->db, buf_cstr(&b), &s, err);
	buf_free(&b);
	if (rc) {
		return rc;
	}
	db_bind_int(s, 1, id);
	rc = collect(s, e, a, ids_out, rows_out, n_out, err);
	db_finalize(s);
	return rc;
}

int store_find(struct store *st, const struct entity *e, int field, const char *value, int64_t *id_out,
	       struct hearth_error *err)
{
	if (field < 0 || field >= e->n_fields || !(e->fields[field].flags & F_UNIQUE)) {
		return herr_set(err, HERR_INVALID, "field", "not_unique", "%s cannot identify a %s",
				field >= 0 && field < e->n_fields ? e->fields[field].name : "?", e->label);
	}
	int ei = entity_index(e);
	if (st->find[ei] && st->find_field[ei] != field) {
		db_finalize(st->find[ei]);
		st->find[ei] = NULL;
	}
	int rc;
	if (!st->find[ei]) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "SELECT id FROM %s WHERE %s = ? AND voided = 0", e->name, e->fields[field].name);
		rc = db_prepare(st->db, buf_cstr(&b), &st->find[ei], err);
		buf_free(&b);
		if (rc) {
			st->find[ei] = NULL;
			return rc;
		}
		st->find_field[ei] = field;
	}
	struct db_stmt *s = st->find[ei];
	db_reset(s);
	db_bind_text(s, 1, value);
	rc = db_step(s, err);
	if (rc == 1) {
		*id_out = db_col_int(s, 0);
		rc = 0;
	} else if (rc == 0) {
		rc = herr_set(err, HERR_NOT_FOUND, e->fields[field].name, "not_found", "there is no %s with %s '%s'",
			      e->label, e->fields[field].label, value);
	}
	db_reset(s);
	return rc;
}

int store_revisions(struct store *st, const char *table, int64_t row_id, struct arena *a,
		    struct store_revision **out, size_t *n_out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = store_revisions_flush(st, err);
	if (rc) {
		return rc;
	}
	rc = db_prepare(st->db,
			"SELECT id, row_id, tbl, action, before, after, reason, actor, at FROM revision "
			"WHERE tbl = ? AND row_id = ? ORDER BY id",
			&s, err);
	if (rc) {
		return rc;
	}
	db_bind_text(s, 1, table);
	db_bind_int(s, 2, row_id);
	size_t n = 0, cap = 0;
	struct store_revision *r = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			r = arena_grow(a, r, n, cap = cap ? cap * 2 : 8, sizeof(*r));
		}
		r[n].id = db_col_int(s, 0);
		r[n].row_id = db_col_int(s, 1);
		r[n].table = arena_strdup(a, db_col_text(s, 2));
		r[n].action = arena_strdup(a, db_col_text(s, 3));
		r[n].before = arena_strdup(a, db_col_text(s, 4));
		r[n].after = arena_strdup(a, db_col_text(s, 5));
		r[n].reason = arena_strdup(a, db_col_text(s, 6));
		r[n].actor = arena_strdup(a, db_col_text(s, 7));
		r[n].at = arena_strdup(a, db_col_text(s, 8));
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

int store_revision_latest(struct store *st, int64_t *out, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(st->db, "SELECT coalesce(max(id), 0) FROM revision", &s, err);
	if (rc) {
		return rc;
	}
	rc = db_step(s, err);
	*out = rc == 1 ? db_col_int(s, 0) : 0;
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

const char *store_setting(struct store *st, const char *key, struct arena *a)
{
	int64_t id;
	struct hval *v;
	if (store_find(st, &entity_setting, SETTING_KEY, key, &id, NULL) ||
	    store_get(st, &entity_setting, id, a, &v, NULL)) {
		return NULL;
	}
	return v[SETTING_VALUE].s;
}

int64_t store_count(struct store *st, const struct entity *e)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "SELECT count(*) FROM %s WHERE voided = 0", e->name);
	struct db_stmt *s;
	int64_t n = -1;
	if (db_prepare(st->db, buf_cstr(&b), &s, NULL) == 0) {
		if (db_step(s, NULL) == 1) {
			n = db_col_int(s, 0);
		}
		db_finalize(s);
	}
	buf_free(&b);
	return n;
}

struct db *store_db(struct store *st)
{
	return st->db;
}

int store_columns(struct store *st, const char *table, void (*fn)(void *, const char *), void *ctx,
		  struct hearth_error *err)
{
	return db_columns(st->db, table, fn, ctx, err);
}

const char *store_engine(struct store *st)
{
	return db_engine(st->db);
}
