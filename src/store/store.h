/* store: the record. The one interface to the database; all SQL lives below it.
 *
 * A store is opened on a SQLite file (later also a postgresql:// URL). Every change goes
 * through one write path (store_insert / store_update / store_void) which validates the
 * row against its entity descriptor and the record's rules, writes it, and writes its
 * revision (table, row, before, after, who, when, why) in the same transaction. Nothing is
 * deleted: a retraction is a revision that marks the row voided.
 *
 * Reads hand out rows (struct hval arrays) or whole casefiles, allocated in the caller's
 * arena. A store is used by one thread at a time.
 *
 * Every function returns 0 or a negative HERR_* code and fills err. */
#ifndef HEARTH_STORE_STORE_H
#define HEARTH_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "model/casefile.h"
#include "model/entity.h"

struct store;

enum store_mode {
	STORE_READ,	/* read only; the file must exist and be a Hearth record */
	STORE_WRITE,	/* read and write; the file must exist and be a Hearth record */
	STORE_CREATE,	/* create the file (it must not exist) and migrate it */
};

int store_open(const char *target, enum store_mode mode, struct store **out, struct hearth_error *err);
void store_close(struct store *st);
/* The schema version the record is at (PRAGMA user_version on SQLite). */
int store_schema_version(struct store *st);
/* The schema version this binary brings. */
int store_schema_latest(void);

/* The returns' reference data (store/refdata.c, migrations 011_refdata and
 * 019_provider_sector): not any child's record, so an import replaces a whole table (one
 * transaction), with no revisions. Dates DATE_NONE when not given. A provider's sector is
 * NULL when the register had no Sector column, "" when it had one left blank. Read back in
 * the order written, into a. */
struct store_ref_provider {
	const char *urn, *type, *postcode;
	hdate registered, closed;
	const char *sector;
};
struct store_ref_postcode {
	const char *postcode, *district;
	double lat, lon;
};
int store_ref_providers_replace(struct store *st, const struct store_ref_provider *rows, size_t n,
				struct hearth_error *err);
int store_ref_postcodes_replace(struct store *st, const struct store_ref_postcode *rows, size_t n,
				struct hearth_error *err);
int store_ref_providers(struct store *st, struct arena *a, struct store_ref_provider **out, size_t *n_out,
			struct hearth_error *err);
int store_ref_postcodes(struct store *st, struct arena *a, struct store_ref_postcode **out, size_t *n_out,
			struct hearth_error *err);

/* Batches: many writes in one transaction (the demo generator, imports). Writes outside a
 * batch commit one by one. store_rollback undoes everything since store_begin. */
int store_begin(struct store *st, struct hearth_error *err);
int store_commit(struct store *st, struct hearth_error *err);
void store_rollback(struct store *st);

/* Bulk loading, for filling a record being created (STORE_CREATE) that is thrown away
 * unless the load finishes: hearth demo writes to a temporary file it publishes only when
 * whole (or into an empty PostgreSQL database it says to drop on failure). Every write is
 * still validated and still writes its row, its revision and its audit row. What bulk
 * loading gives up: durability until store_bulk_end (SQLite keeps its rollback journal in
 * memory instead of the write-ahead log and syncs nothing; PostgreSQL commits without
 * waiting for the log flush), and the savepoint around each write inside a batch — a write
 * refused by a rule still writes nothing, but one that fails after it began writing breaks
 * the batch: store_commit then rolls the whole batch back and fails. Both are called
 * outside a batch; store_bulk_end makes everything written durable (SQLite: back to WAL
 * mode with synchronous=FULL, after an fsync). store_close ends a bulk load left open. */
int store_bulk_begin(struct store *st, struct hearth_error *err);
int store_bulk_end(struct store *st, struct hearth_error *err);

/* The write path. vals holds e->n_fields values in field order. actor names who made the
 * change ("cli:alice", "user:12", "demo"). Returns HERR_INVALID (field and rule named) when
 * the row breaks a rule; nothing is written then. */
int store_insert(struct store *st, const char *actor, const struct entity *e, const struct hval *vals,
		 int64_t *id_out, struct hearth_error *err);
/* Replaces the row's values with vals (all fields), recording before and after. reason
 * may be NULL, except where a rule asks for one (reopening a closed plan). */
int store_update(struct store *st, const char *actor, const struct entity *e, int64_t id,
		 const struct hval *vals, const char *reason, struct hearth_error *err);
/* The checks store_insert (id 0) or store_update (id) make of a row against the record —
 * the descriptor's, references, uniqueness, nothing before the child's birth, a date of
 * birth after no event — without writing: so a caller can refuse with the store's own
 * words before asking further questions (src/work asks the DfE's rules next). */
int store_row_check(struct store *st, const struct entity *e, int64_t id, const struct hval *vals,
		    struct hearth_error *err);
/* Retracts a row (entered in error): it stays, voided, with its revision. */
int store_void(struct store *st, const char *actor, const struct entity *e, int64_t id, const char *reason,
	       struct hearth_error *err);

/* One live row's values (e->n_fields of them, in the arena); HERR_NOT_FOUND when there is
 * no such row or it was voided. */
int store_get(struct store *st, const struct entity *e, int64_t id, struct arena *a, struct hval **vals_out,
	      struct hearth_error *err);
/* All live rows of an entity for one child, ordered by id; ids_out and rows_out in arena. */
int store_child_rows(struct store *st, const struct entity *e, int64_t child_id, struct arena *a,
		     int64_t **ids_out, struct hval ***rows_out, size_t *n_out, struct hearth_error *err);
/* All live rows of an entity without a child (teams, workers, inspections...). */
int store_all_rows(struct store *st, const struct entity *e, struct arena *a, int64_t **ids_out,
		   struct hval ***rows_out, size_t *n_out, struct hearth_error *err);
/* All live rows of e whose reference field `field` is id (an allegation's meetings), by id. */
int store_rows_by(struct store *st, const struct entity *e, int field, int64_t id, struct arena *a,
		  int64_t **ids_out, struct hval ***rows_out, size_t *n_out, struct hearth_error *err);
/* Finds a live row by a unique field's text value (LA child id, staff id, team name). */
int store_find(struct store *st, const struct entity *e, int field, const char *value, int64_t *id_out,
	       struct hearth_error *err);

/* A revision as stored: for `child show --history`, tests and audits. */
struct store_revision {
	int64_t id, row_id;
	const char *table, *action, *before, *after, *reason, *actor, *at;
};
int store_revisions(struct store *st, const char *table, int64_t row_id, struct arena *a,
		    struct store_revision **out, size_t *n_out, struct hearth_error *err);
/* The id of the newest revision (0 when there is none). Every change through the write
 * path writes a revision in its own transaction, so this moves exactly when the record
 * changes: the web server keys what it caches by it. 0 or a negative HERR_*. */
int store_revision_latest(struct store *st, int64_t *out, struct hearth_error *err);

/* Casefiles: one child's whole record as compact arrays (model/casefile.h). */
int store_casefile_load(struct store *st, int64_t child_id, struct arena *a, struct casefile *out,
			struct hearth_error *err);

/* Which children a scan visits. Zero fields do not filter. worker_id / team_id select
 * children with a live social worker (or PA) allocation to that worker / a worker of that
 * team on as_at (which must then be set). */
struct store_filter {
	int64_t child_id;
	int64_t worker_id;
	int64_t team_id;
	hdate as_at;
	int64_t id_from, id_below;	/* only children with id_from <= id < id_below (0: open) */
};

/* Calls fn once per child the filter selects, in child id order, with the child's
 * casefile. The casefile's memory lives until fn returns: copy what you keep. A non-zero
 * return from fn stops the scan and is returned. Loads each table in one pass, so a whole
 * county costs a handful of queries, not one per child. */
typedef int (*store_casefile_fn)(void *ctx, const struct casefile *cf);
/* The casefiles of a set of children (ids sorted ascending, no repeats), in that order,
 * each table read a chunk of children at a time: a team's few hundred children cost a few
 * dozen queries, not a couple of dozen per child. Children that do not exist (or are
 * voided) are passed over. Memory and stopping as for store_casefiles_scan. */
int store_casefiles_each(struct store *st, const int64_t *ids, size_t n, store_casefile_fn fn, void *ctx,
			 struct hearth_error *err);
/* The same, each casefile allocated in keep and left there (valid until keep is freed or
 * reset), for a caller that keeps them between calls (store_web_casefiles_each). */
int store_casefiles_each_in(struct store *st, const int64_t *ids, size_t n, struct arena *keep, store_casefile_fn fn,
			    void *ctx, struct hearth_error *err);
int store_casefiles_scan(struct store *st, const struct store_filter *filter, store_casefile_fn fn, void *ctx,
			 struct hearth_error *err);

/* Readers for a scan split between threads (src/measures): n more connections to st's
 * record, opened read-only, each inside a read transaction, begun together with one on
 * st itself (which must not be in a transaction), all on the same state of the record.
 * SQLite has no shared snapshots in the build we link (no SQLITE_ENABLE_SNAPSHOT), so the
 * readers begin one after another and then each reads the newest revision id: every change
 * commits its revision in its own transaction, so equal ids on every connection mean the
 * same committed state. A writer that commits in between makes them differ; they are all
 * ended and begun again (a few tries, then HERR_BUSY). Each reader belongs to one thread.
 * On PostgreSQL no readers are opened (*n_out 0; the caller scans on one connection) but
 * st's own read transaction is begun all the same. store_readers_close ends every read
 * transaction (st's too) and closes the readers. bounds: n + 2 child ids cutting the
 * children's id range into n + 1 parts of about as many visits each (the bulk of the rows a
 * scan reads; of about equal width when the record has few visits), bounds[0] 0 and
 * bounds[n + 1] 0 (open), for store_filter's id_from / id_below. */
int store_readers_open(struct store *st, int n, struct store **readers, int *n_out, int64_t *bounds,
		       struct hearth_error *err);
void store_readers_close(struct store *st, struct store **readers, int n);

/* Chosen arrays of many children, for a return that needs a few arrays of a few children
 * (the SSDA903): each chosen table is read once, only its rows whose dates overlap a
 * window, and sorted by child (then date, then id) in memory; store_arrays_child hands a
 * child's rows out as slices of those arrays, so nothing is read or allocated per child.
 * A window limits an array to rows whose date (its sort date) is in [from, to], or with
 * spans, whose [date, end] overlaps it (a blank end is open); DATE_NONE leaves a side open.
 * in_care_on (DATE_NONE: any) keeps only the rows of children looked after on that day. */
struct store_window {
	hdate from, to;
	bool spans;
	hdate in_care_on;
};
struct store_arrays {
	struct casefile all;		/* every child's rows of each array read */
	int64_t *child_of[CFA_MAX];	/* the child of each element */
	unsigned arrays;		/* bit 1 << CFA_x for each array read */
};
/* Reads the arrays in the bitmask (windows: CFA_MAX of them, or NULL for every row) into
 * out: the arrays are out's (store_arrays_free releases them, also after a failure), their
 * text lives in a. */
int store_arrays_read(struct store *st, unsigned arrays, const struct store_window *windows, struct arena *a,
		      struct store_arrays *out, struct hearth_error *err);
void store_arrays_free(struct store_arrays *s);
/* Points cf's arrays that were read at child's rows (cf->child is left as it is). */
void store_arrays_child(const struct store_arrays *s, int64_t child, struct casefile *cf);
/* Calls fn with the child row of each id (in the order given), skipping voided ones. The
 * row's text lives until fn returns. A non-zero return from fn stops and is returned. */
typedef int (*store_child_fn)(void *ctx, const struct cf_child *c);
int store_children_each(struct store *st, const int64_t *ids, size_t n, store_child_fn fn, void *ctx,
			struct hearth_error *err);
/* One read transaction around several reads, so they see one state of the record (and, on
 * SQLite, take the read lock once instead of once per statement). *began says whether one
 * was begun (not inside a write transaction, which sees one state already); pass it to
 * store_read_end. */
int store_read_begin(struct store *st, bool *began, struct hearth_error *err);
void store_read_end(struct store *st, bool began);

/* Settings: local policy values kept in the record (model/settings.h names them). Returns
 * the stored value in the arena, or NULL when unset (the caller applies the default). */
const char *store_setting(struct store *st, const char *key, struct arena *a);

/* `hearth check`: integrity_check, foreign_key_check and the record's invariants. Calls
 * report once per problem found; returns the number of problems, or a negative error. */
typedef void (*store_problem_fn)(void *ctx, const char *what);
int store_check(struct store *st, store_problem_fn report, void *ctx, struct hearth_error *err);

/* ---- the audit trail ----
 * Every change made through the write path writes its audit row in the same transaction
 * (actor, action create/update/void, child, section = table, and the origin set here).
 * Reads are audited by the caller with store_audit_append. */
struct store_audit {
	const char *actor;	/* "user:12", "cli:alice" */
	const char *action;	/* read, create, update, void, sign_in, sign_out, user_admin, denied */
	int64_t child_id;	/* 0 when no child */
	const char *section;	/* what was read or changed: "chronology", "visit"... */
	const char *route;	/* "GET /api/children/{id}", "cli:child show" */
	const char *address;	/* the client's address, "local" for the shell */
};

struct store_audit_row {
	int64_t id;
	const char *at;
	struct store_audit row;
};

/* Where the next changes come from, for their audit rows (strings copied). */
void store_set_origin(struct store *st, const char *route, const char *address);
/* Caps the work of everything the store does from now on (one web request): past about
 * steps of the engine's work each statement fails with rule "budget" and a write rolls
 * back whole; 0 lifts the cap. SQLite counts steps (its progress handler); PostgreSQL,
 * which has no step count, caps the time instead: ms milliseconds (statement_timeout,
 * and no statement starts after them). The cap ends when a transaction commits: what
 * was kept is not then reported as stopped (the saved row read back for the answer). */
void store_set_budget(struct store *st, uint64_t steps, unsigned ms);
/* Appends audit rows in one transaction (a batch shares one commit). */
int store_audit_append(struct store *st, const struct store_audit *rows, size_t n, struct hearth_error *err);
/* Break-glass (break_glass.c): a person opens a child outside their scope by giving a
 * reason, kept as an audit row (action break_glass). Open: 0, or HERR_NOT_FOUND (rule
 * not_found, the words of a child that does not exist) for a child that is absent or
 * restricted. Active: 1 when actor opened child_id at or after since and the child is
 * still not restricted, 0 when not. To review: the openings no review row answers,
 * newest first (at most limit; total counts them all). Review: appends the review row
 * (action break_glass_reviewed); HERR_NOT_FOUND when audit_id is no opening waiting. */
int store_break_glass_open(struct store *st, const char *actor, int64_t child_id, const char *reason,
			   struct hearth_error *err);
int store_break_glass_active(struct store *st, const char *actor, int64_t child_id, hinstant since,
			     struct hearth_error *err);
int store_break_glass_to_review(struct store *st, int64_t limit, struct arena *a, struct store_audit_row **out,
				size_t *n_out, int64_t *total, struct hearth_error *err);
int store_break_glass_review(struct store *st, const char *actor, int64_t audit_id, struct hearth_error *err);
/* Walks the chain: 0 when whole, 1 when broken (first_bad names the first broken row). */
int store_audit_verify(struct store *st, int64_t *first_bad, struct hearth_error *err);
/* The trail, optionally for one child (child_id != 0) and/or one actor (non-NULL). */
int store_audit_list(struct store *st, int64_t child_id, const char *actor, struct arena *a,
		     struct store_audit_row **out, size_t *n_out, struct hearth_error *err);

/* ---- people who sign in, and what they may see ---- */
struct store_user {
	int64_t id;
	const char *username, *password_hash, *role;
	int64_t team_id, worker_id;
	bool disabled;
};

struct store_session {
	int64_t id;
	const char *csrf;
	hinstant created_at, seen_at;
	struct store_user user;	/* password_hash is NULL here */
};

int store_user_by_name(struct store *st, const char *username, struct arena *a, struct store_user *out,
		       struct hearth_error *err);
int store_user_get(struct store *st, int64_t id, struct arena *a, struct store_user *out, struct hearth_error *err);
int store_users(struct store *st, struct arena *a, struct store_user **out, size_t *n_out, struct hearth_error *err);
/* User changes write an audit row (action user_admin) in the same transaction. The
 * caller has checked the role name and hashed the password. */
int store_user_add(struct store *st, const char *actor, const char *username, const char *password_hash,
		   const char *role, int64_t team_id, int64_t worker_id, int64_t *id_out, struct hearth_error *err);
int store_user_set_password(struct store *st, const char *actor, int64_t id, const char *password_hash,
			    struct hearth_error *err);
int store_user_set_role(struct store *st, const char *actor, int64_t id, const char *role, int64_t team_id,
			struct hearth_error *err);
/* Changing a password or disabling a user ends every session they have and forgets the
 * browsers they signed in from, in the same transaction. */
int store_user_disable(struct store *st, const char *actor, int64_t id, struct hearth_error *err);
/* An explicit grant to one restricted child's record. */
int store_grant_add(struct store *st, const char *actor, int64_t user_id, int64_t child_id, struct hearth_error *err);

/* ---- what the administrator's pages need (admin_queries.c) ---- */
/* When each person last signed in (their newest session's start), one entry per person
 * who ever has. */
struct store_last_sign_in {
	int64_t user_id;
	hinstant at;
};
int store_users_last_sign_in(struct store *st, struct arena *a, struct store_last_sign_in **out, size_t *n_out,
			     struct hearth_error *err);
/* How many allocations to a worker of the team are live on the day (a team holding
 * children cannot close). */
int store_team_open_allocations(struct store *st, int64_t team_id, hdate on, int64_t *n_out,
				struct hearth_error *err);
/* The audit trail, newest first, filtered: actor (NULL: anyone), child (0: any), from and
 * to days inclusive (DATE_NONE: open); total counts every row the filter keeps. */
struct store_audit_filter {
	const char *actor;
	int64_t child_id;
	hdate from, to;
};
int store_audit_page(struct store *st, const struct store_audit_filter *f, int64_t limit, int64_t offset,
		     struct arena *a, struct store_audit_row **out, size_t *n_out, int64_t *total,
		     struct hearth_error *err);

/* Sessions are found by the SHA-256 of their token; the token itself is never stored. */
int store_session_create(struct store *st, int64_t user_id, const char *token_hash, const char *csrf,
			 hinstant now, struct hearth_error *err);
/* HERR_NOT_FOUND when there is no live session with that token hash. */
int store_session_find(struct store *st, const char *token_hash, struct arena *a, struct store_session *out,
		       struct hearth_error *err);
int store_session_touch(struct store *st, int64_t id, hinstant now, struct hearth_error *err);
int store_session_end(struct store *st, int64_t id, hinstant now, struct hearth_error *err);

/* Sign-ins begun at the identity provider (web/http/oidc.c), found by the SHA-256 of
 * their state: kept in the record, so a restart keeps them and any server process can
 * finish one. Putting one sweeps the expired (and keeps at most some thousands). */
#define STORE_OIDC_TOKEN 65	/* a nonce or verifier: 64 hex digits and the NUL */
int store_oidc_pending_put(struct store *st, const char *state_hash, const char *nonce, const char *verifier,
			   hinstant now, hinstant expires_at, struct hearth_error *err);
/* Takes (deletes) the pending sign-in: 0 with its nonce and verifier, or HERR_NOT_FOUND when
 * there is none or it expired before now (it is deleted all the same). */
int store_oidc_pending_take(struct store *st, const char *state_hash, hinstant now,
			    char nonce[STORE_OIDC_TOKEN], char verifier[STORE_OIDC_TOKEN], struct hearth_error *err);

/* ---- drafts: forms in progress, kept per person and form; not part of the record ----
 * A draft is a form's fields as typed (url-encoded name=value pairs), keyed by the person
 * and the form page's path. No revision is written and nothing that reads the record reads
 * drafts; the web layer audits their saving and discarding (without their content). */
struct store_draft {
	int64_t id, user_id;
	const char *path;	/* the form page's path: "/children/123/visits/new" */
	const char *title;	/* the form's title, for the person's list of drafts */
	int64_t child_id;	/* the child the form is about, 0 when none */
	const char *fields;	/* url-encoded pairs */
	hinstant created_at, updated_at;
};
/* Creates or replaces this person's draft of the form at path (created_at is kept). */
int store_draft_save(struct store *st, int64_t user_id, const char *path, const char *title, int64_t child_id,
		     const char *fields, hinstant now, struct hearth_error *err);
/* HERR_NOT_FOUND when the person has no draft of that form. */
int store_draft_get(struct store *st, int64_t user_id, const char *path, struct arena *a, struct store_draft *out,
		    struct hearth_error *err);
/* Removes it (0 also when there was none): drafts are working copies, not history. */
int store_draft_delete(struct store *st, int64_t user_id, const char *path, struct hearth_error *err);
/* The person's drafts, the most recently saved first. */
int store_drafts_list(struct store *st, int64_t user_id, struct arena *a, struct store_draft **out, size_t *n_out,
		      struct hearth_error *err);

/* The sign-in throttle (web/http/auth.c decides; this keeps its state in the record so a
 * restart forgets nothing). A key is what failed: "p:USERNAME|ADDRESS", "d:DEVICE-ID" or
 * "a:ADDRESS"; username and address are kept beside it for an admin's unlock. */
struct store_throttle_key {
	const char *key, *username, *address;	/* username/address may be NULL */
};
/* The instant before which no try from key is checked (0 when nothing holds it back). */
int store_throttle_until(struct store *st, const char *key, hinstant *until, struct hearth_error *err);
/* Counts a failure against k in one statement; a key quiet since before forget_before
 * starts again from one. *failures is the count after this one. */
int store_throttle_fail(struct store *st, const struct store_throttle_key *k, hinstant now, hinstant forget_before,
			int64_t *failures, struct hearth_error *err);
int store_throttle_set_until(struct store *st, const char *key, hinstant until, struct hearth_error *err);
/* A success: key's failures are forgotten, and every row quiet since forget_before. */
int store_throttle_clear(struct store *st, const char *key, hinstant forget_before, struct hearth_error *err);
/* An admin's unlock: forgets every failure of username (from any address or browser)
 * and/or of address (for any account), with an audit row (user_admin); *cleared rows. */
int store_throttle_unlock(struct store *st, const char *actor, const char *username, const char *address,
			  int64_t *cleared, struct hearth_error *err);
/* Browsers that signed in, by the SHA-256 of their hearth_device cookie. */
int store_device_find(struct store *st, const char *token_hash, int64_t *device_id, int64_t *user_id,
		      hinstant *created_at, struct hearth_error *err);
/* Adds one, forgetting those created before forget_before. */
int store_device_add(struct store *st, int64_t user_id, const char *token_hash, hinstant now, hinstant forget_before,
		     struct hearth_error *err);

/* Which children a person sees (from model/roles' scope): applied inside the queries. */
enum store_scope_kind { STORE_SCOPE_NONE, STORE_SCOPE_TEAM, STORE_SCOPE_OWN, STORE_SCOPE_ALL };

struct store_scope {
	enum store_scope_kind kind;
	int64_t user_id, team_id, worker_id;
	hdate as_at;		/* allocations live on this day count */
};

struct store_child_hit {
	int64_t id;
	const char *la_child_id, *given_name, *family_name, *sex;
	hdate dob;		/* or the expected date for an unborn child */
};

/* A contact awaiting the front door's decision (live, no decision), with what is already
 * known about its child. */
struct store_fd_contact {
	int64_t contact_id, child_id;
	const char *la_child_id, *given_name, *family_name, *source;
	hdate contact_date;
	bool open_case;			/* a referral not closed and not NFA */
	int64_t previous_contacts;	/* other live contacts about the child on or before this one */
	hdate last_referral;		/* the latest referral on or before the contact, or DATE_NONE */
};
/* Contacts awaiting a decision about children in scope, oldest first (at most limit, in a);
 * *total counts them all. */
int store_front_door_awaiting(struct store *st, const struct store_scope *sc, int64_t limit, struct arena *a,
			      struct store_fd_contact **out, size_t *n_out, int64_t *total, struct hearth_error *err);

/* A request for a manager's authorisation (the authorisation table, model/authorise.h),
 * with its child and who asked. */
struct store_approval {
	int64_t id, child_id, record_id, asked_by;
	const char *la_child_id, *given_name, *family_name, *point, *record_kind, *state;
	const char *asked_by_name, *reason;	/* NULL when blank */
	hdate asked_date, decided_date;
	bool proposal;		/* a proposal to close or step down (work_propose_close) */
};
#define STORE_APPROVAL_POINTS 8
/* Requests awaiting authorisation about children in scope whose decision is one of points
 * (at most STORE_APPROVAL_POINTS; NULL entries ignored), oldest asked first (at most
 * limit, in a); *total counts them all. */
int store_approvals_awaiting(struct store *st, const struct store_scope *sc, const char *const *points,
			     size_t n_points, int64_t limit, struct arena *a, struct store_approval **out,
			     size_t *n_out, int64_t *total, struct hearth_error *err);
/* The requests worker_id asked for that are in state (returned or awaiting), oldest first
 * (at most limit). */
int store_approvals_asked_by(struct store *st, int64_t worker_id, const char *state, int64_t limit,
			     struct arena *a, struct store_approval **out, size_t *n_out, struct hearth_error *err);

/* Whether the LADO allegation lado_id may be read in scope sc: 1 when it involves (as its
 * own child or through lado_involved) a live child in scope, 0 when not or when there is no
 * such allegation (the same answer, so existence does not leak). The LADO's own role sees
 * every allegation and does not ask. */
int store_lado_visible(struct store *st, const struct store_scope *sc, int64_t lado_id, struct hearth_error *err);

/* An open LADO allegation (live, not resolved), for the LADO's list. */
struct store_lado_open {
	int64_t id;
	const char *reference, *adult_name, *employer, *sector, *category;	/* NULL when blank */
	hdate received, considered;	/* considered DATE_NONE when not yet */
	int64_t children;		/* children it involves */
};
/* Open allegations, oldest received first (at most limit, in a); *total counts them all. */
int store_lado_open_list(struct store *st, int64_t limit, struct arena *a, struct store_lado_open **out,
			 size_t *n_out, int64_t *total, struct hearth_error *err);

/* 1 when the child exists and is in scope, 0 when not (the same answer either way, so
 * existence does not leak), or a negative error. */
int store_child_visible(struct store *st, const struct store_scope *sc, int64_t child_id, struct hearth_error *err);
/* Children in scope matching query (LA child id, or a name prefix) and dob (DATE_NONE:
 * any), ordered by family name; total is the count of all matches. */
int store_children_search(struct store *st, const struct store_scope *sc, const char *query, hdate dob,
			  int64_t limit, int64_t offset, struct arena *a, struct store_child_hit **out, size_t *n_out,
			  int64_t *total, struct hearth_error *err);

/* Every child visible under sc, ordered by id, in a: store_children_search's children with
 * no query, in one statement and without the count and the sort by name. */
int store_scope_children(struct store *st, const struct store_scope *sc, struct arena *a, struct store_child_hit **out,
			 size_t *n_out, struct hearth_error *err);
/* The children visible under sc who may hold an item of the clock for worker_id on
 * sc->as_at (the in-tray's narrowing, src/web/pages/due.c): those with an allocation of
 * any kind to the worker live on that day (start <= as_at < end), and those with a task set
 * for the worker (done or not). Ordered by id; in a. */
int store_worker_children(struct store *st, const struct store_scope *sc, int64_t worker_id, struct arena *a,
			  struct store_child_hit **out, size_t *n_out, struct hearth_error *err);

/* Possible duplicates of a child about to be recorded: children in scope born on dob (not
 * DATE_NONE), or with the same UPN or NHS number (NULL or "": not compared), at most max
 * of them, by id. The caller judges names (model/similar.h); same_upn and same_nhs say
 * which identifier matched. */
struct store_child_dup {
	struct store_child_hit hit;
	bool same_dob, same_upn, same_nhs;
};
int store_children_duplicates(struct store *st, const struct store_scope *sc, hdate dob, const char *upn,
			      const char *nhs_number, size_t max, struct arena *a, struct store_child_dup **out,
			      size_t *n_out, struct hearth_error *err);

/* Possible duplicates (model/duplicates.h does the judging). The children in scope (sc
 * NULL: every live child, for the trusted shell), with the value of the consistent
 * identifier (the setting's column name: nhs_number, upn or la_child_id) and the people
 * recorded as their mother or father; children merged into another are left out. */
struct dup_child;
int store_dup_children(struct store *st, const struct store_scope *sc, const char *identifier, struct arena *a,
		       struct dup_child **out, size_t *n_out, struct hearth_error *err);
/* Marks two live children "not the same child" (reason required), remembered so the list
 * stops offering them; audited on both children. HERR_CONFLICT (rule already_judged) when
 * the pair is marked already, HERR_NOT_FOUND when either is not a live child. */
int store_not_duplicate_add(struct store *st, const char *actor, int64_t a_id, int64_t b_id, const char *reason,
			    struct hearth_error *err);
/* The pairs marked so: pairs_out[2k] < pairs_out[2k+1], sorted. */
int store_not_duplicates(struct store *st, struct arena *a, int64_t **pairs_out, size_t *n_out,
			 struct hearth_error *err);

/* Merges (store/merge.c says how): every live row of child other moves to child keep, each
 * move a revision with the reason; other is kept, retracted and marked merged into keep.
 * Both must be live children; the reason is required. The merge's id and the rows moved
 * come back. Audited on both children. */
int store_merge(struct store *st, const char *actor, int64_t keep, int64_t other, const char *reason,
		int64_t *merge_id_out, size_t *moved_out, struct hearth_error *err);
/* Undoes merge merge_id: exactly the rows it moved go back, the other child is live again.
 * HERR_CONFLICT when it was undone already (rule undone), when the kept child has been
 * merged away since (later_merge), or when a moved row has changed child or been
 * retracted since (changed_since); then nothing changes. */
int store_merge_undo(struct store *st, const char *actor, int64_t merge_id, const char *reason,
		     size_t *moved_out, struct hearth_error *err);
struct store_merge_info {
	int64_t id, keep_id, other_id, rows;
	const char *reason, *merged_by, *merged_at;
	const char *undone_by, *undone_at;	/* NULL while the merge stands */
};
int store_merge_get(struct store *st, int64_t merge_id, struct arena *a, struct store_merge_info *out,
		    struct hearth_error *err);
/* Where child id stands now: *keep is the record it was merged into (following a chain),
 * or id itself. Returns 1 when it was merged away, 0 when not, or a negative error. */
int store_child_merged_into(struct store *st, int64_t id, int64_t *keep, struct hearth_error *err);

/* Copies the whole record from src to dst (an empty target opened with STORE_CREATE),
 * keeping ids, revisions and the audit trail as they are; then compares each table's row
 * count and content checksum on both sides and calls report for each. Returns the number
 * of tables that differ (0: a faithful copy), or a negative error (dst rolled back). */
struct store_copy_table {
	const char *table;
	int64_t rows;
	char checksum[65];
};
typedef void (*store_copy_fn)(void *ctx, const struct store_copy_table *src, const struct store_copy_table *dst,
			      bool same);
int store_copy(struct store *src, struct store *dst, store_copy_fn report, void *ctx, struct hearth_error *err);
/* "sqlite" or "postgresql". */
const char *store_engine(struct store *st);

/* The columns the database holds for a table, in order (schema tests). */
int store_columns(struct store *st, const char *table, void (*fn)(void *ctx, const char *col), void *ctx,
		  struct hearth_error *err);

/* Row counts per table, for summaries. */
int64_t store_count(struct store *st, const struct entity *e);

/* Text tables written into a schema of another database (the SSD for analysts): the
 * schema and each table are dropped and made again, every column text, all in one
 * transaction that close commits (or rolls back when commit is false). Schema, table and
 * column names come from the caller's static tables and must be lower-case identifiers
 * ([a-z0-9_]); values are bound. */
struct store_text_tables;
int store_text_tables_open(const char *target, const char *schema, struct store_text_tables **out,
			   struct hearth_error *err);
int store_text_table(struct store_text_tables *t, const char *name, const char *const *cols, int n_cols,
		     struct hearth_error *err);
int store_text_row(struct store_text_tables *t, const char *const *vals, int n, struct hearth_error *err);
/* Frees t; 0, or HERR_IO when the commit failed. */
int store_text_tables_close(struct store_text_tables *t, bool commit, struct hearth_error *err);

#endif
