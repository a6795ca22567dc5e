/* web_queries: the server's per-request reads with statements prepared once; see web.h.
 *
 * SQL here is a copy of what access.c runs for the same answers, prepared once per
 * connection instead of once per call. WEB_SCOPE_CONDITION must stay equal to
 * access.c's SCOPE_CONDITION (tests/unit/store/test_web_queries.c compares the answers of
 * store_child_visible and store_web_child_visible over every kind of scope). The status
 * casefile reads rows through store_child_rows and store_get, whose statements the store
 * already caches, and converts them as casefile.c does. */
#include "store/web.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "store/internal.h"

enum { W_SESSION, W_VISIBLE, W_MAX };

struct store_web {
	struct store *st;
	struct db_stmt *s[W_MAX];
	bool reading;
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
	"a.worker_id = ?4)))) AND (c.restricted = 0 OR EXISTS (SELECT 1 FROM access_grant g WHERE g.child_id = " \
	"c.id AND g.user_id = ?5 AND g.revoked_at IS NULL))"

static const char *const sql[W_MAX] = {
	[W_SESSION] = "SELECT s.id, s.csrf_token, s.created_at, s.seen_at, " WEB_USER_COLUMNS
		      " FROM user_session s JOIN user_account u ON u.id = s.user_id "
		      "WHERE s.token_hash = ? AND s.ended_at IS NULL",
	[W_VISIBLE] = "SELECT 1 FROM child c WHERE " WEB_SCOPE_CONDITION " AND c.id = ?6",
};

void store_web_global_init(void)
{
	/* Fails harmlessly (SQLITE_MISUSE) when SQLite is already initialised. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_web_open(struct store *st, struct store_web **out, struct hearth_error *err)
{
	struct store_web *w = xcalloc(1, sizeof(*w));
	w->st = st;
	for (int i = 0; i < W_MAX; i++) {
		int rc = db_prepare(store_db(st), sql[i], &w->s[i], err);
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
	free(w);
}

int store_web_read_begin(struct store_web *w, struct hearth_error *err)
{
	int rc = db_exec(store_db(w->st), "BEGIN", err);
	w->reading = rc == 0;
	return rc;
}

void store_web_read_end(struct store_web *w)
{
	if (w->reading) {
		/* Nothing was written: COMMIT only releases the snapshot. */
		if (db_exec(store_db(w->st), "COMMIT", NULL)) {
			db_exec(store_db(w->st), "ROLLBACK", NULL);
		}
		w->reading = false;
	}
}

int store_web_session_find(struct store_web *w, const char *token_hash, struct arena *a, struct store_session *out,
			   struct hearth_error *err)
{
	struct db_stmt *s = w->s[W_SESSION];
	db_reset(s);
	db_bind_text(s, 1, token_hash);
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

int store_web_child_visible(struct store_web *w, const struct store_scope *sc, int64_t child_id,
			    struct hearth_error *err)
{
	if (sc->kind == STORE_SCOPE_NONE) {
		return 0;
	}
	static const char *const kinds[] = {"none", "team", "own", "all"};
	char d[DATE_STR_SIZE];
	struct db_stmt *s = w->s[W_VISIBLE];
	db_reset(s);
	db_bind_text(s, 1, kinds[sc->kind]);
	db_bind_text(s, 2, date_format(sc->as_at, d));
	db_bind_int(s, 3, sc->team_id);
	db_bind_int(s, 4, sc->worker_id);
	db_bind_int(s, 5, sc->user_id);
	db_bind_int(s, 6, child_id);
	int rc = db_step(s, err);
	db_reset(s);
	return rc;
}

/* ---- the status casefile ---- */

static hdate D(const struct hval *v)
{
	return v->null ? DATE_NONE : (hdate)v->i;
}

static const char *S(const struct hval *v)
{
	return v->null ? NULL : v->s;
}

static int64_t I(const struct hval *v)
{
	return v->null ? 0 : v->i;
}

/* Sorting by first date, then id, as every casefile array is. */
struct keyed {
	hdate date;
	int64_t id;
	size_t index;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->date != y->date) {
		return x->date < y->date ? -1 : 1;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The child's rows of e in casefile order (by the date field, then id). */
static int rows_sorted(struct store *st, const struct entity *e, int date_field, int64_t child_id, struct arena *a,
		       int64_t **ids_out, struct hval ***rows_out, size_t *n_out, struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_child_rows(st, e, child_id, a, &ids, &rows, &n, err);
	if (rc) {
		return rc;
	}
	struct keyed *k = arena_alloc(a, sizeof(*k) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		k[i] = (struct keyed){D(&rows[i][date_field]), ids[i], i};
	}
	qsort(k, n, sizeof(*k), keyed_cmp);
	int64_t *sid = arena_alloc(a, sizeof(*sid) * (n ? n : 1));
	struct hval **srows = arena_alloc(a, sizeof(*srows) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		sid[i] = ids[k[i].index];
		srows[i] = rows[k[i].index];
	}
	*ids_out = sid;
	*rows_out = srows;
	*n_out = n;
	return 0;
}

#define LOAD(entity, date_field, array, type)                                                            \
	do {                                                                                                 \
		if ((rc = rows_sorted(st, &(entity), (date_field), child_id, a, &ids, &rows, &n, err))) {     \
			return rc;                                                                           \
		}                                                                                            \
		out->array = arena_alloc(a, sizeof(type) * (n ? n : 1));                                     \
		out->n_##array = n;                                                                          \
	} while (0)

int store_web_status_casefile(struct store_web *w, int64_t child_id, struct arena *a, struct casefile *out,
			      struct hearth_error *err)
{
	struct store *st = w->st;
	struct hval *c;
	int rc = store_get(st, &entity_child, child_id, a, &c, err);
	if (rc) {
		return rc;
	}
	memset(out, 0, sizeof(*out));
	out->child = (struct cf_child){child_id,
				       S(&c[CHILD_LA_CHILD_ID]),
				       S(&c[CHILD_UPN]),
				       S(&c[CHILD_GIVEN_NAME]),
				       S(&c[CHILD_FAMILY_NAME]),
				       D(&c[CHILD_DOB]),
				       D(&c[CHILD_EXPECTED_DOB]),
				       D(&c[CHILD_DEATH_DATE]),
				       S(&c[CHILD_SEX]),
				       S(&c[CHILD_ETHNICITY]),
				       I(&c[CHILD_UASC]) != 0,
				       I(&c[CHILD_RESTRICTED]) != 0,
				       S(&c[CHILD_UPN_UNKNOWN]),
				       c[CHILD_MOTHER].null ? NULL : c[CHILD_MOTHER].i ? "1" : "0",
				       D(&c[CHILD_MC_DOB]),
				       S(&c[CHILD_PREV_PERM]),
				       S(&c[CHILD_PREV_PERM_LA]),
				       D(&c[CHILD_PREV_PERM_DATE]),
				       S(&c[CHILD_FORMER_UPN]),
				       D(&c[CHILD_UASC_CEASED])};
	int64_t *ids;
	struct hval **rows;
	size_t n;

	LOAD(entity_allocation, ALLOCATION_START_DATE, allocations, struct cf_allocation);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		const char *kc = S(&v[ALLOCATION_KIND]);
		enum cf_allocation_kind kind = kc && !strcmp(kc, "pa")	  ? ALLOC_PERSONAL_ADVISER
					       : kc && !strcmp(kc, "iro") ? ALLOC_IRO
									  : ALLOC_SOCIAL_WORKER;
		int64_t team = 0;
		struct hval *wk;
		if (I(&v[ALLOCATION_WORKER_ID]) &&
		    store_get(st, &entity_worker, v[ALLOCATION_WORKER_ID].i, a, &wk, NULL) == 0) {
			team = I(&wk[WORKER_TEAM_ID]);
		}
		out->allocations[i] = (struct cf_allocation){ids[i],
							     I(&v[ALLOCATION_WORKER_ID]),
							     team,
							     kind,
							     D(&v[ALLOCATION_START_DATE]),
							     D(&v[ALLOCATION_END_DATE]),
							     S(&v[ALLOCATION_REASON])};
	}

	LOAD(entity_cla_episode, CLA_EPISODE_DECOM, episodes, struct cf_episode);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		out->episodes[i] = (struct cf_episode){ids[i],
						       D(&v[CLA_EPISODE_DECOM]),
						       D(&v[CLA_EPISODE_DEC]),
						       S(&v[CLA_EPISODE_RNE]),
						       S(&v[CLA_EPISODE_LS]),
						       S(&v[CLA_EPISODE_CIN]),
						       S(&v[CLA_EPISODE_PLACE]),
						       S(&v[CLA_EPISODE_PLACE_PROVIDER]),
						       S(&v[CLA_EPISODE_REC]),
						       S(&v[CLA_EPISODE_REASON_PLACE_CHANGE]),
						       I(&v[CLA_EPISODE_LONG_TERM]) != 0,
						       S(&v[CLA_EPISODE_HOME_POST]),
						       S(&v[CLA_EPISODE_PL_POST]),
						       S(&v[CLA_EPISODE_URN])};
	}

	LOAD(entity_cp_plan, CP_PLAN_START_DATE, cp_plans, struct cf_plan);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		out->cp_plans[i] = (struct cf_plan){ids[i],
						    I(&v[CP_PLAN_REFERRAL_ID]),
						    D(&v[CP_PLAN_START_DATE]),
						    D(&v[CP_PLAN_END_DATE]),
						    S(&v[CP_PLAN_CATEGORY]),
						    S(&v[CP_PLAN_INITIAL_CATEGORY]),
						    !v[CP_PLAN_PREVIOUS_PLANS].null,
						    (int)I(&v[CP_PLAN_PREVIOUS_PLANS])};
	}

	LOAD(entity_referral, REFERRAL_REFERRAL_DATE, referrals, struct cf_referral);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		out->referrals[i] = (struct cf_referral){ids[i],
							 D(&v[REFERRAL_REFERRAL_DATE]),
							 D(&v[REFERRAL_CLOSURE_DATE]),
							 S(&v[REFERRAL_SOURCE]),
							 S(&v[REFERRAL_PRIMARY_NEED]),
							 S(&v[REFERRAL_CLOSURE_REASON]),
							 I(&v[REFERRAL_NFA]) != 0};
	}

	LOAD(entity_early_help, EARLY_HELP_START_DATE, early_help, struct cf_early_help);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		out->early_help[i] = (struct cf_early_help){ids[i], D(&v[EARLY_HELP_START_DATE]), D(&v[EARLY_HELP_END_DATE]),
							    S(&v[EARLY_HELP_END_REASON]),
							    I(&v[EARLY_HELP_STEP_DOWN]) != 0};
	}

	LOAD(entity_leaver_contact, LEAVER_CONTACT_CONTACT_DATE, leaver_contacts, struct cf_leaver_contact);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		out->leaver_contacts[i] = (struct cf_leaver_contact){ids[i],
								     D(&v[LEAVER_CONTACT_CONTACT_DATE]),
								     S(&v[LEAVER_CONTACT_IN_TOUCH]),
								     S(&v[LEAVER_CONTACT_ACCOMMODATION]),
								     S(&v[LEAVER_CONTACT_ACTIVITY]),
								     I(&v[LEAVER_CONTACT_SUITABLE]) != 0,
								     I(&v[LEAVER_CONTACT_ENTITLEMENTS_EXPLAINED]) != 0};
	}
	return 0;
}
