/* authorise: managers' authorisation (issue 15, part 2; see model/authorise.h for which
 * saves need it, and work.h for work_authorise and work_return).
 *
 * A save (work_add, work_correct) that newly makes one of the decisions, by someone whose
 * role is not the one the local setting names for it, asks for authorisation in the same
 * transaction: an authorisation row, state "awaiting". A decision dated by its
 * authorisation (the end of an assessment) is held back from the record until then, so
 * that the clock, the measures and the returns read it as not yet made. Saving the record
 * again after it was returned resubmits the same request (awaiting again, asked anew).
 * Authorising and returning are revisions of the request naming the manager (and, for a
 * decision dated by its authorisation, a revision of the record writing that date); each
 * is audited by the store's write path. The trusted shell never asks: its saves stand. */
#include <string.h>

#include "model/authorise.h"
#include "model/settings.h"
#include "model/validate.h"
#include "work/internal.h"

static struct hval *blank_row(struct arena *a, int n)
{
	struct hval *row = arena_alloc(a, sizeof(*row) * (size_t)n);
	for (int i = 0; i < n; i++) {
		row[i] = (struct hval){.null = true};
	}
	return row;
}

/* The role that authorises p, ROLE_MAX when none needs to (a stored value that is no
 * role's name counts as its default). */
static int authorising_role(struct store *st, const struct authorise_point *p, struct arena *a)
{
	const char *v = store_setting(st, p->setting, a);
	const struct setting_def *def = settings_find(p->setting);
	if (!v || settings_validate(p->setting, v, NULL)) {
		v = def ? def->default_value : "none";
	}
	int r = strcmp(v, "none") == 0 ? -1 : role_parse(v);
	return r < 0 ? ROLE_MAX : r;
}

bool work_may_authorise(struct store *st, enum role r, const char *point, struct arena *a)
{
	const struct authorise_point *p = authorise_point_find(point);
	return p && authorising_role(st, p, a) == (int)r;
}

/* The latest request about row rid of e for p: its id (0 when none), values in *row. */
static int64_t latest_request(struct store *st, const struct authorise_point *p, int64_t child_id, int64_t rid,
			      struct arena *a, struct hval **row, struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	*row = NULL;
	if (rid == 0 || store_child_rows(st, &entity_authorisation, child_id, a, &ids, &rows, &n, err)) {
		return 0;
	}
	int64_t best = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		if (v[AUTHORISATION_RECORD_ID].i == rid && strcmp(v[AUTHORISATION_POINT].s, p->key) == 0 &&
		    strcmp(v[AUTHORISATION_RECORD_KIND].s, p->e->name) == 0 && ids[i] > best) {
			best = ids[i];
			*row = rows[i];
		}
	}
	return best;
}

int work_asks_plan(struct store *st, const struct work_actor *who, const struct entity *e, int64_t rid,
		   const struct hval *before, struct hval *vals, struct arena *a, struct work_asks *asks,
		   struct hearth_error *err)
{
	memset(asks, 0, sizeof(*asks));
	if (who->shell || e->child_field < 0 || vals[e->child_field].null) {
		return 0;
	}
	int64_t child_id = vals[e->child_field].i;
	for (int k = 0; k < authorise_point_count && asks->n < WORK_ASKS_MAX; k++) {
		const struct authorise_point *p = &authorise_points[k];
		if (p->e != e || !authorise_matches(p, vals)) {
			continue;
		}
		int role = authorising_role(st, p, a);
		if (role == ROLE_MAX) {
			continue; /* needs nobody's authorisation */
		}
		struct hval *req = NULL;
		int64_t req_id = latest_request(st, p, child_id, rid, a, &req, err);
		const char *state = req ? req[AUTHORISATION_STATE].s : NULL;
		if (role == (int)who->role) {
			/* The authorising role's own save stands; one that makes the decision a
			 * request awaits (or was returned) answers it: authorised by this save, on
			 * its date for a decision dated by its authorisation, else today. */
			if (state && strcmp(state, "authorised") != 0) {
				asks->ask[asks->n].existing = req_id;
				asks->ask[asks->n].row = req;
				asks->ask[asks->n].settles = true;
				asks->ask[asks->n++].p = p;
			}
			continue;
		}
		if (state && strcmp(state, "awaiting") == 0) {
			if (p->dated_by_authorisation) {
				vals[p->field] = (struct hval){.null = true}; /* still awaiting */
			}
			continue;
		}
		if (state && strcmp(state, "returned") == 0) {
			asks->ask[asks->n].existing = req_id; /* amended: resubmitted */
			asks->ask[asks->n].row = req;
		} else if (authorise_matches(p, before)) {
			continue; /* the decision was made (and authorised) before this save */
		}
		asks->ask[asks->n++].p = p;
		if (p->dated_by_authorisation) {
			vals[p->field] = (struct hval){.null = true};
		}
	}
	return 0;
}

int work_asks_write(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		    int64_t rid, const struct hval *vals, const struct work_asks *asks, struct arena *a,
		    struct hearth_error *err)
{
	for (size_t i = 0; i < asks->n; i++) {
		const struct authorise_point *p = asks->ask[i].p;
		if (asks->ask[i].settles) {
			struct hval *row = asks->ask[i].row;
			row[AUTHORISATION_STATE] = (struct hval){.s = "authorised"};
			row[AUTHORISATION_DECIDED_DATE] = p->dated_by_authorisation && !vals[p->field].null
								  ? vals[p->field]
								  : (struct hval){.i = date_today()};
			row[AUTHORISATION_DECIDED_BY] =
				who->worker_id ? (struct hval){.i = who->worker_id} : (struct hval){.null = true};
			row[AUTHORISATION_REASON] = (struct hval){.null = true};
			int rc = store_update(st, who->actor, &entity_authorisation, asks->ask[i].existing, row,
					      "authorised by the manager's own save of the record", err);
			if (rc) {
				return rc;
			}
			continue;
		}
		struct hval *row = asks->ask[i].existing ? asks->ask[i].row : blank_row(a, AUTHORISATION__COUNT);
		row[AUTHORISATION_CHILD_ID] = (struct hval){.i = child_id};
		row[AUTHORISATION_POINT] = (struct hval){.s = p->key};
		row[AUTHORISATION_RECORD_KIND] = (struct hval){.s = e->name};
		row[AUTHORISATION_RECORD_ID] = (struct hval){.i = rid};
		row[AUTHORISATION_ASKED_DATE] = (struct hval){.i = date_today()};
		row[AUTHORISATION_ASKED_BY] = who->worker_id ? (struct hval){.i = who->worker_id} : (struct hval){.null = true};
		row[AUTHORISATION_STATE] = (struct hval){.s = "awaiting"};
		row[AUTHORISATION_DECIDED_DATE] = row[AUTHORISATION_DECIDED_BY] = row[AUTHORISATION_REASON] =
			(struct hval){.null = true};
		int64_t id;
		int rc = asks->ask[i].existing
				 ? store_update(st, who->actor, &entity_authorisation, asks->ask[i].existing, row,
						"amended and resubmitted", err)
				 : store_insert(st, who->actor, &entity_authorisation, row, &id, err);
		if (rc) {
			return rc;
		}
	}
	return 0;
}

/* ---- the manager's answer ---- */

/* The request auth_id, awaiting, and the point it asks about, if who may answer it. */
static int answer_load(struct store *st, const struct work_actor *who, int64_t auth_id, struct arena *a,
		       struct hval **row, const struct authorise_point **p, struct hearth_error *err)
{
	if (!who || !who->actor || !*who->actor) {
		return herr_set(err, HERR_INVALID, "actor", "required", "every change must say who made it");
	}
	int rc = store_get(st, &entity_authorisation, auth_id, a, row, err);
	if (rc) {
		return rc;
	}
	*p = authorise_point_find((*row)[AUTHORISATION_POINT].s);
	if (!*p) {
		return herr_set(err, HERR_INVALID, "point", "unknown_point", "this request names no decision Hearth knows");
	}
	if (!who->shell && (role_read_only(who->role) || authorising_role(st, *p, a) != (int)who->role)) {
		return herr_set(err, HERR_DENIED, "role", "permission", "your role (%s) may not authorise the %s",
				role_name(who->role), (*p)->label);
	}
	if (strcmp((*row)[AUTHORISATION_STATE].s, "awaiting") != 0) {
		return herr_set(err, HERR_CONFLICT, "state", "not_awaiting", "this request is not awaiting authorisation (it is %s)",
				(*row)[AUTHORISATION_STATE].s);
	}
	return 0;
}

static void decided(const struct work_actor *who, struct hval *row, const char *state)
{
	row[AUTHORISATION_STATE] = (struct hval){.s = state};
	row[AUTHORISATION_DECIDED_DATE] = (struct hval){.i = date_today()};
	row[AUTHORISATION_DECIDED_BY] = who->worker_id ? (struct hval){.i = who->worker_id} : (struct hval){.null = true};
}

int work_authorise(struct store *st, const struct work_actor *who, int64_t auth_id, struct arena *a,
		   struct work_result *out, struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	struct hval *row, *rec = NULL;
	const struct authorise_point *p;
	int rc = answer_load(st, who, auth_id, a, &row, &p, err);
	if (rc) {
		return rc;
	}
	if (!row[AUTHORISATION_PROPOSED_DATE].null) {
		/* A proposal to close the case (or step it down): closed now, with the proposed
		 * date and reason, in the transaction that authorises it. */
		decided(who, row, "authorised");
		row[AUTHORISATION_REASON] = (struct hval){.null = true};
		struct work_closure done;
		struct work_close_ask ask = {.id = auth_id, .row = row, .why = "authorised", .settle = true};
		rc = work_close_do(st, who, row[AUTHORISATION_CHILD_ID].i, (hdate)row[AUTHORISATION_PROPOSED_DATE].i,
				   row[AUTHORISATION_PROPOSED_REASON].s, strcmp(p->key, "step_down") == 0, a, out, &done,
				   &ask, err);
		out->id = rc ? 0 : auth_id;
		return rc;
	}
	int64_t rid = row[AUTHORISATION_RECORD_ID].i;
	if ((rc = store_get(st, p->e, rid, a, &rec, err))) {
		return rc == HERR_NOT_FOUND ? herr_set(err, HERR_CONFLICT, "record_id", "record_gone",
						      "the %s asked about was retracted", p->e->label)
					    : rc;
	}
	decided(who, row, "authorised");
	row[AUTHORISATION_REASON] = (struct hval){.null = true};
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	if ((rc = store_update(st, who->actor, &entity_authorisation, auth_id, row, "authorised", err))) {
		goto fail;
	}
	if (p->dated_by_authorisation) {
		/* The decision's date is the authorisation's: the record takes it now. */
		rec[p->field] = (struct hval){.i = date_today()};
		if ((rc = store_update(st, who->actor, p->e, rid, rec, "authorised", err))) {
			goto fail;
		}
	}
	if ((rc = store_commit(st, err))) {
		goto fail;
	}
	out->id = auth_id;
	return 0;
fail:
	store_rollback(st);
	return rc;
}

int work_return(struct store *st, const struct work_actor *who, int64_t auth_id, const char *reason,
		struct arena *a, struct work_result *out, struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	struct hval *row;
	const struct authorise_point *p;
	int rc = answer_load(st, who, auth_id, a, &row, &p, err);
	if (rc) {
		return rc;
	}
	struct hval r = {.s = reason};
	struct hearth_error fe = {0};
	if (!reason || reason[strspn(reason, " \t\r\n")] == '\0') {
		herr_set(err, HERR_INVALID, "reason", "required", "Enter the reason for returning it, for the worker to act on");
	} else if (validate_field(&entity_authorisation, AUTHORISATION_REASON, &r, &fe)) {
		*err = fe;
	} else {
		decided(who, row, "returned");
		row[AUTHORISATION_REASON] = r;
		out->id = auth_id;
		return store_update(st, who->actor, &entity_authorisation, auth_id, row, "returned", err);
	}
	out->problems[0] = (struct work_problem){"reason", arena_strdup(a, err->rule), arena_strdup(a, err->message)};
	out->n_problems = 1;
	return HERR_INVALID;
}

/* ---- a proposal to close a case or step it down ---- */

/* The child's latest proposal to close or step down: its id in *id (0 when none), values
 * in *row. */
static int latest_proposal(struct store *st, int64_t child_id, struct arena *a, int64_t *id, struct hval **row,
			   struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	*id = 0;
	*row = NULL;
	int rc = store_child_rows(st, &entity_authorisation, child_id, a, &ids, &rows, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!rows[i][AUTHORISATION_PROPOSED_DATE].null && ids[i] > *id) {
			*id = ids[i];
			*row = rows[i];
		}
	}
	return rc;
}

bool work_close_asks(struct store *st, const struct work_actor *who, bool step_down, struct arena *a)
{
	int role = authorising_role(st, authorise_point_find(step_down ? "step_down" : "case_close"), a);
	return !who->shell && role != ROLE_MAX && role != (int)who->role;
}

int work_propose_close(struct store *st, const struct work_actor *who, int64_t child_id, hdate date,
		       const char *reason, bool step_down, struct arena *a, struct work_result *out,
		       struct work_closure *done, int64_t *request_id, struct hearth_error *err)
{
	return work_propose_close_of(st, who, child_id, 0, date, reason, step_down, a, out, done, request_id, err);
}

int work_propose_close_of(struct store *st, const struct work_actor *who, int64_t child_id, int64_t record_id,
			  hdate date, const char *reason, bool step_down, struct arena *a, struct work_result *out,
			  struct work_closure *done, int64_t *request_id, struct hearth_error *err)
{
	*request_id = 0;
	const struct authorise_point *p = authorise_point_find(step_down ? "step_down" : "case_close");
	struct hval *prev;
	int64_t prev_id;
	int rc = latest_proposal(st, child_id, a, &prev_id, &prev, err);
	if (rc) {
		memset(out, 0, sizeof(*out));
		memset(done, 0, sizeof(*done));
		return rc;
	}
	bool awaiting = prev && strcmp(prev[AUTHORISATION_STATE].s, "awaiting") == 0;
	if (!work_close_asks(st, who, step_down, a)) {
		/* Takes effect at once; a proposal awaiting is answered by it (the request
		 * records what was decided). */
		if (!awaiting) {
			return work_close_do(st, who, child_id, date, reason, step_down, a, out, done, NULL, err);
		}
		decided(who, prev, "authorised");
		prev[AUTHORISATION_POINT] = (struct hval){.s = p->key};
		prev[AUTHORISATION_REASON] = (struct hval){.null = true};
		struct work_close_ask ask = {.id = prev_id, .row = prev, .why = "authorised by the manager's own closing",
					     .settle = true};
		return work_close_do(st, who, child_id, date, reason, step_down, a, out, done, &ask, err);
	}
	if (awaiting) {
		memset(out, 0, sizeof(*out));
		memset(done, 0, sizeof(*done));
		return herr_set(err, HERR_CONFLICT, "case", "already_awaiting",
				"A proposal to close this case is already awaiting authorisation");
	}
	/* Awaiting authorisation: a returned proposal is amended and resubmitted, else a new one. */
	bool resubmit = prev && strcmp(prev[AUTHORISATION_STATE].s, "returned") == 0;
	struct hval *q = resubmit ? prev : blank_row(a, AUTHORISATION__COUNT);
	q[AUTHORISATION_CHILD_ID] = (struct hval){.i = child_id};
	q[AUTHORISATION_POINT] = (struct hval){.s = p->key};
	q[AUTHORISATION_ASKED_DATE] = (struct hval){.i = date_today()};
	q[AUTHORISATION_ASKED_BY] = who->worker_id ? (struct hval){.i = who->worker_id} : (struct hval){.null = true};
	q[AUTHORISATION_STATE] = (struct hval){.s = "awaiting"};
	q[AUTHORISATION_DECIDED_DATE] = q[AUTHORISATION_DECIDED_BY] = q[AUTHORISATION_REASON] =
		(struct hval){.null = true};
	struct work_close_ask ask = {
		.id = resubmit ? prev_id : 0, .row = q, .why = "amended and resubmitted", .record_id = record_id};
	rc = work_close_do(st, who, child_id, date, reason, step_down, a, out, done, &ask, err);
	if (!rc) {
		*request_id = ask.id;
	}
	return rc;
}
