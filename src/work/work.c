/* work: the one way a person's change is saved (see work.h): the checks every change
 * passes before the store's write path, in one order, whoever calls:
 *
 *   1. the role may record this kind (HERR_DENIED, nothing else looked at);
 *   2. every field on its own (the descriptor's validation), the F_EVENT dates not after
 *      today, the row holding together, the F_AUTHOR worker the actor's own (or, for a
 *      role that may, one of their team): all of these are collected, so a refusal names
 *      every field at fault;
 *   3. the row's own date order (the descriptor's);
 *   4. the DfE's rules, asked what the change would newly break: a RULE_IMPOSSIBLE rule
 *      refuses, any other is a warning;
 *   5. the store's write path (references, uniqueness, birth, reopening; the revision and
 *      the audit row in the change's own transaction).
 * The record's dates are judged against date_today() (HEARTH_TODAY in tests). */
#include "work/work.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/validate.h"
#include "work/internal.h"

/* ---- problems ---- */

static void problem_add(struct work_result *out, struct arena *a, const char *field, const char *rule,
			const char *message)
{
	if (out->n_problems < WORK_PROBLEMS_MAX) {
		out->problems[out->n_problems++] = (struct work_problem){arena_strdup(a, field ? field : ""),
									  arena_strdup(a, rule ? rule : ""),
									  arena_strdup(a, message ? message : "")};
	}
}

static void problem_err(struct work_result *out, struct arena *a, const struct hearth_error *e)
{
	problem_add(out, a, e->field, e->rule, e->message);
}

__attribute__((format(printf, 5, 6))) static void problem_f(struct work_result *out, struct arena *a,
							    const char *field, const char *rule, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	problem_add(out, a, field, rule, msg);
}

/* The refusal: err holds the first problem; every one stays listed in out. */
static int refuse(struct work_result *out, struct hearth_error *err)
{
	const struct work_problem *p = &out->problems[0];
	return herr_set(err, HERR_INVALID, p->field, p->rule, "%s", p->message);
}

/* A failure from below: a content refusal is listed as a problem too. */
static int failed(struct work_result *out, struct arena *a, int rc, struct hearth_error *err)
{
	if (rc == HERR_INVALID && out->n_problems == 0) {
		problem_err(out, a, err);
	}
	return rc;
}

static void result_init(struct work_result *out)
{
	memset(out, 0, sizeof(*out));
}

/* ---- 1. the role ---- */

bool work_child_kind(const struct entity *e)
{
	return e && (e->child_field >= 0 || e == &entity_child || entity_link(e, NULL));
}

static int check_role(const struct work_actor *who, const struct entity *e, struct hearth_error *err)
{
	if (!who || !who->actor || !*who->actor) {
		return herr_set(err, HERR_INVALID, "actor", "required", "every change must say who made it");
	}
	if (who->shell || role_may_record(who->role, e)) {
		return 0;
	}
	return herr_set(err, HERR_DENIED, "kind", "permission", "your role (%s) may not record a %s",
			role_name(who->role), e->label);
}

/* ---- 2. the row ---- */

/* Rows that must hold together: when the first field is false, the second must not be
 * true. */
static const struct implies {
	const struct entity *e;
	int when_false, not_true;
	const char *rule, *message;
} implications[] = {
	{&entity_visit, VISIT_SEEN, VISIT_SEEN_ALONE, "seen_alone_needs_seen",
	 "A child who was not seen cannot have been seen alone"},
};

static hdate value_date(const struct field *f, const struct hval *v)
{
	return f->type == FT_DATE ? (hdate)v->i : instant_date(v->i);
}

/* The F_AUTHOR worker w: the actor's own worker, or (for a role that may record for its
 * team) a worker of the actor's team. A worker that does not exist is left to the store's
 * reference check, so the answer is the same as for any other reference. */
static void check_author(struct store *st, const struct work_actor *who, const struct field *f, int64_t w,
			 struct arena *a, struct work_result *out)
{
	if (who->shell || w == who->worker_id) {
		return;
	}
	struct hval *row;
	if (store_get(st, &entity_worker, w, a, &row, NULL)) {
		return;
	}
	if (role_records_for(who->role) == RECORDS_FOR_TEAM && who->team_id && !row[WORKER_TEAM_ID].null &&
	    row[WORKER_TEAM_ID].i == who->team_id) {
		return;
	}
	if (role_records_for(who->role) == RECORDS_FOR_TEAM) {
		problem_f(out, a, f->name, "not_your_team",
			  "%s must be you or a worker of your team: worker %lld is not", f->label, (long long)w);
	} else {
		problem_f(out, a, f->name, "not_yourself",
			  "%s must be you: your role (%s) records only as yourself, not as worker %lld", f->label,
			  role_name(who->role), (long long)w);
	}
}

/* Steps 2 and 3 (and the store's checks of step 5, asked early). before (NULL for a new row) is the row as stored: an author left as it
 * was is not judged again. */
static int check_row(struct store *st, const struct work_actor *who, const struct entity *e, int64_t id,
		     const struct hval *vals, const struct hval *before, struct arena *a, struct work_result *out,
		     struct hearth_error *err)
{
	hdate today = date_today();
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		const struct hval *v = &vals[i];
		struct hearth_error fe = {0};
		if (validate_field(e, i, v, &fe)) {
			problem_err(out, a, &fe);
			continue;
		}
		if (v->null) {
			continue;
		}
		if ((f->flags & F_EVENT) && (f->type == FT_DATE || f->type == FT_INSTANT) && value_date(f, v) > today) {
			char d[DATE_STR_SIZE];
			problem_f(out, a, f->name, "not_in_future",
				  "%s (%s) is in the future: it records something that has already happened", f->label,
				  date_format(value_date(f, v), d));
		}
		if ((f->flags & F_AUTHOR) && f->type == FT_REF && !(before && !before[i].null && before[i].i == v->i)) {
			check_author(st, who, f, v->i, a, out);
		}
	}
	for (size_t k = 0; k < sizeof(implications) / sizeof(implications[0]); k++) {
		const struct implies *im = &implications[k];
		if (im->e == e && !vals[im->when_false].null && !vals[im->when_false].i && !vals[im->not_true].null &&
		    vals[im->not_true].i) {
			problem_add(out, a, e->fields[im->not_true].name, im->rule, im->message);
		}
	}
	if (out->n_problems) {
		return refuse(out, err);
	}
	/* The date order, and the store's own checks against the record (references,
	 * uniqueness, birth), in its words, before the DfE's rules are asked. */
	int rc = store_row_check(st, e, id, vals, err);
	return rc ? failed(out, a, rc, err) : 0;
}

/* ---- 4. the DfE's rules ---- */

static int check_returns(struct store *st, const struct entity *e, int64_t id, const struct hval *vals,
			 struct arena *a, struct work_result *out, struct hearth_error *err)
{
	bool impossible = false;
	int year = returns_year_of(date_today());
	if (year > RETURNS_YEAR_MAX) {
		year = RETURNS_YEAR_MAX;
	}
	int rc = returns_check_change(st, e, id, vals, year, a, &out->warnings, &impossible, err);
	if (rc) {
		return failed(out, a, rc, err);
	}
	for (size_t i = 0; impossible && i < out->warnings.n; i++) {
		const struct returns_rule *r = out->warnings.items[i].rule;
		if (r->flags & RULE_IMPOSSIBLE) {
			problem_f(out, a, "", arena_printf(a, "%s %s", returns_kind_name(r->kind), r->id), "%s (%s rule %s)",
				  r->message, returns_kind_name(r->kind), r->id);
		}
	}
	if (out->n_problems) {
		out->warnings = (struct returns_findings){0};
		return refuse(out, err);
	}
	return 0;
}

/* ---- the row's child ---- */

static int check_child(struct store *st, const struct entity *e, int64_t child_id, int64_t rid, const struct hval *row,
		       struct arena *a, struct hearth_error *err)
{
	if (child_id == 0) {
		return 0;
	}
	if (e->child_field < 0 && entity_link(e, NULL)) {
		return work_linked_to_child(st, e, rid, child_id, a, err);
	}
	bool mine = e == &entity_child ? rid == child_id
					: e->child_field >= 0 && !row[e->child_field].null && row[e->child_field].i == child_id;
	return mine ? 0 : herr_set(err, HERR_NOT_FOUND, "rid", "not_found", "this child has no %s with id %lld", e->label,
				   (long long)rid);
}

static bool blank_text(const char *s)
{
	return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* ---- the changes ---- */

/* A save that asks for authorisation: the row (new when rid is 0) and the requests in one
 * transaction. */
static int save_asking(struct store *st, const struct work_actor *who, const struct entity *e, int64_t rid,
		       const struct hval *vals, const char *reason, const struct work_asks *asks, struct arena *a,
		       int64_t *id, struct hearth_error *err)
{
	int rc = store_begin(st, err);
	if (rc) {
		return rc;
	}
	if (rid) {
		rc = store_update(st, who->actor, e, rid, vals, reason, err);
		*id = rid;
	} else {
		rc = store_insert(st, who->actor, e, vals, id, err);
	}
	if (rc || (rc = work_asks_write(st, who, e, vals[e->child_field].i, *id, vals, asks, a, err)) ||
	    (rc = store_commit(st, err))) {
		store_rollback(st);
		*id = 0;
	}
	return rc;
}

/* A new referral saved closed (vals as checked, with its closure date and reason) by a role
 * whose closing needs a manager's authorisation goes the one way a close goes
 * (work_propose_close): the referral is saved open, and its closure stands as a proposal
 * pointing at it with the date and reason, in one transaction or neither; nothing ends
 * until it is authorised (work_authorise then closes the case, its plans and allocations,
 * on the proposed date). The DfE's rules judge the referral as saved (open); the proposal
 * is checked as the closing would be made. out->id is the referral's. */
static int add_closing(struct store *st, const struct work_actor *who, struct hval *vals, struct arena *a,
		       struct work_result *out, struct hearth_error *err)
{
	const struct entity *e = &entity_referral;
	hdate date = (hdate)vals[REFERRAL_CLOSURE_DATE].i;
	const char *code = vals[REFERRAL_CLOSURE_REASON].null ? NULL : vals[REFERRAL_CLOSURE_REASON].s;
	vals[REFERRAL_CLOSURE_DATE] = vals[REFERRAL_CLOSURE_REASON] = (struct hval){.null = true};
	int rc = check_returns(st, e, 0, vals, a, out, err);
	if (rc || (rc = store_begin(st, err))) {
		return rc;
	}
	struct returns_findings warnings = out->warnings;
	struct work_closure done;
	int64_t id = 0, request;
	if ((rc = store_insert(st, who->actor, e, vals, &id, err)) ||
	    (rc = work_propose_close_of(st, who, vals[REFERRAL_CHILD_ID].i, id, date, code, false, a, out, &done,
					&request, err)) ||
	    (rc = store_commit(st, err))) {
		store_rollback(st);
		out->id = 0;
		return failed(out, a, rc, err);
	}
	out->id = id;
	out->warnings = warnings;
	out->request = request;
	return 0;
}

int work_add(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
	     struct hval *vals, struct arena *a, struct work_result *out, struct hearth_error *err)
{
	result_init(out);
	int rc = check_role(who, e, err);
	if (rc) {
		return rc;
	}
	if (e->child_field >= 0 && child_id) {
		vals[e->child_field] = (struct hval){.i = child_id};
	}
	for (int i = 0; i < e->n_fields; i++) {
		if ((e->fields[i].flags & F_AUTHOR) && vals[i].null && who->worker_id) {
			vals[i] = (struct hval){.i = who->worker_id};
		}
	}
	if ((rc = check_row(st, who, e, 0, vals, NULL, a, out, err))) {
		return rc;
	}
	if (e == &entity_referral && !vals[REFERRAL_CLOSURE_DATE].null && !vals[REFERRAL_CHILD_ID].null &&
	    work_close_asks(st, who, false, a)) {
		return add_closing(st, who, vals, a, out, err);
	}
	if (e->child_field >= 0 && !vals[e->child_field].null && (rc = check_returns(st, e, 0, vals, a, out, err))) {
		return rc;
	}
	struct work_asks asks;
	if ((rc = work_asks_plan(st, who, e, 0, NULL, vals, a, &asks, err))) {
		return failed(out, a, rc, err);
	}
	if (asks.n == 0) {
		return failed(out, a, store_insert(st, who->actor, e, vals, &out->id, err), err);
	}
	return failed(out, a, save_asking(st, who, e, 0, vals, NULL, &asks, a, &out->id, err), err);
}

int work_add_linked(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		    struct hval *vals, struct hval *link_vals, struct arena *a, struct work_result *out,
		    int64_t *link_id, struct hearth_error *err)
{
	result_init(out);
	*link_id = 0;
	int field = -1;
	const struct entity *link = entity_link(e, &field);
	if (!link || link->child_field < 0 || !child_id) {
		return herr_set(err, HERR_INVALID, "kind", "no_link", "a %s is not recorded from a child's record", e->label);
	}
	int rc = check_role(who, e, err);
	if (rc || (rc = check_role(who, link, err))) {
		return rc;
	}
	link_vals[link->child_field] = (struct hval){.i = child_id};
	link_vals[field] = (struct hval){.null = true}; /* the row's id, once it has one */
	/* Both rows checked, so a refusal names every field at fault in either. */
	int rc_row = check_row(st, who, e, 0, vals, NULL, a, out, err);
	if (rc_row && rc_row != HERR_INVALID) {
		return rc_row;
	}
	if ((rc = check_row(st, who, link, 0, link_vals, NULL, a, out, err)) || (rc = rc_row)) {
		return rc;
	}
	if ((rc = check_returns(st, link, 0, link_vals, a, out, err))) {
		return rc;
	}
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	if ((rc = store_insert(st, who->actor, e, vals, &out->id, err))) {
		goto fail;
	}
	link_vals[field] = (struct hval){.i = out->id};
	if ((rc = store_insert(st, who->actor, link, link_vals, link_id, err)) || (rc = store_commit(st, err))) {
		goto fail;
	}
	return 0;
fail:
	store_rollback(st);
	out->id = 0;
	*link_id = 0;
	return failed(out, a, rc, err);
}

static bool same_value(const struct field *f, const struct hval *x, const struct hval *y)
{
	if (x->null || y->null) {
		return x->null == y->null;
	}
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
	case FT_CODE:
		return x->s && y->s ? strcmp(x->s, y->s) == 0 : x->s == y->s;
	case FT_REAL:
		return x->r == y->r;
	default:
		return x->i == y->i;
	}
}

/* A referral's closure in a correction (the records form, the API) by a role whose closing
 * needs a manager's authorisation goes the one way a close goes (work_propose_close): it
 * stands as a proposal with the date and reason, and nothing ends until it is authorised
 * (work_authorise then closes the case, its plans and allocations, on the proposed date).
 * Whatever else the correction changes in the referral is saved with the proposal, in one
 * transaction. out->id is the referral's. */
static int correct_closing(struct store *st, const struct work_actor *who, int64_t rid, const struct hval *before,
			   struct hval *vals, const char *reason, struct arena *a, struct work_result *out,
			   struct hearth_error *err)
{
	const struct entity *e = &entity_referral;
	hdate date = (hdate)vals[REFERRAL_CLOSURE_DATE].i;
	const char *code = vals[REFERRAL_CLOSURE_REASON].null ? NULL : vals[REFERRAL_CLOSURE_REASON].s;
	vals[REFERRAL_CLOSURE_DATE] = before[REFERRAL_CLOSURE_DATE];
	vals[REFERRAL_CLOSURE_REASON] = before[REFERRAL_CLOSURE_REASON];
	bool other = false;
	for (int i = 0; i < e->n_fields && !other; i++) {
		other = !same_value(&e->fields[i], &before[i], &vals[i]);
	}
	int rc;
	if (other && ((rc = check_row(st, who, e, rid, vals, before, a, out, err)) ||
		      (rc = check_returns(st, e, rid, vals, a, out, err)))) {
		return rc;
	}
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	struct work_closure done;
	int64_t request;
	if ((other && (rc = store_update(st, who->actor, e, rid, vals, reason, err))) ||
	    (rc = work_propose_close_of(st, who, before[REFERRAL_CHILD_ID].i, rid, date, code, false, a, out, &done,
					&request, err)) ||
	    (rc = store_commit(st, err))) {
		store_rollback(st);
		return failed(out, a, rc, err);
	}
	out->id = rid;
	out->request = request;
	return 0;
}

int work_correct(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		 int64_t rid, struct hval *vals, const char *reason, struct arena *a, struct work_result *out,
		 struct hearth_error *err)
{
	result_init(out);
	struct hval *before;
	int rc = check_role(who, e, err);
	if (rc || (rc = store_get(st, e, rid, a, &before, err)) || (rc = check_child(st, e, child_id, rid, before, a, err))) {
		return rc;
	}
	if (blank_text(reason)) {
		problem_f(out, a, "reason", "required", "correcting a %s needs a reason", e->label);
		return refuse(out, err);
	}
	if (e->child_field >= 0 && child_id) {
		vals[e->child_field] = before[e->child_field]; /* a row never moves to another child */
	}
	if (e == &entity_referral && !vals[REFERRAL_CLOSURE_DATE].null && before[REFERRAL_CLOSURE_DATE].null &&
	    work_close_asks(st, who, false, a)) {
		return correct_closing(st, who, rid, before, vals, reason, a, out, err);
	}
	if ((rc = check_row(st, who, e, rid, vals, before, a, out, err))) {
		return rc;
	}
	if (e->child_field >= 0 && !vals[e->child_field].null && (rc = check_returns(st, e, rid, vals, a, out, err))) {
		return rc;
	}
	out->id = rid;
	struct work_asks asks;
	if ((rc = work_asks_plan(st, who, e, rid, before, vals, a, &asks, err))) {
		return failed(out, a, rc, err);
	}
	if (asks.n == 0) {
		return failed(out, a, store_update(st, who->actor, e, rid, vals, reason, err), err);
	}
	return failed(out, a, save_asking(st, who, e, rid, vals, reason, &asks, a, &out->id, err), err);
}

/* A linked row (a person) retracted from child_id's record (0, the shell: from the one
 * child its live links name). A person may be linked to several children (siblings share a
 * mother): retracting them from one child's record must leave every other child's record
 * whole, so while another child's live link names them the retraction is refused, naming
 * the rule, and the worker retracts this child's relationship instead (its own row, with
 * its own Retract). Otherwise the person and this child's live links to them are retracted
 * together, so no live relationship is left naming a retracted person; or nothing is. */
static int retract_linked(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
			  int64_t rid, const char *reason, struct arena *a, struct work_result *out,
			  struct hearth_error *err)
{
	int field;
	const struct entity *link = entity_link(e, &field);
	int rc = check_role(who, link, err);
	if (rc) {
		return rc;
	}
	int64_t *ids;
	struct hval **rows;
	size_t n;
	if ((rc = store_rows_by(st, link, field, rid, a, &ids, &rows, &n, err))) {
		return rc;
	}
	int64_t mine = child_id;
	for (size_t i = 0; i < n; i++) {
		int64_t c = rows[i][link->child_field].null ? 0 : rows[i][link->child_field].i;
		if (mine == 0) {
			mine = c;
		}
		if (c != mine) {
			return herr_set(err, HERR_CONFLICT, "rid", "linked_to_other_children",
					"This %s is linked to another child's record too, and retracting them would change "
					"that record: retract this child's %s to them instead",
					e->label, link->label);
		}
	}
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = store_void(st, who->actor, link, ids[i], reason, err))) {
			goto fail;
		}
	}
	if ((rc = store_void(st, who->actor, e, rid, reason, err)) || (rc = store_commit(st, err))) {
		goto fail;
	}
	return 0;
fail:
	store_rollback(st);
	return failed(out, a, rc, err);
}

int work_retract(struct store *st, const struct work_actor *who, const struct entity *e, int64_t child_id,
		 int64_t rid, const char *reason, struct arena *a, struct work_result *out,
		 struct hearth_error *err)
{
	result_init(out);
	struct hval *before;
	int rc = check_role(who, e, err);
	if (rc || (rc = store_get(st, e, rid, a, &before, err)) || (rc = check_child(st, e, child_id, rid, before, a, err))) {
		return rc;
	}
	if (blank_text(reason)) {
		problem_f(out, a, "reason", "required", "retracting a %s needs a reason", e->label);
		return refuse(out, err);
	}
	out->id = rid;
	if (e->child_field < 0 && entity_link(e, NULL)) {
		return retract_linked(st, who, e, child_id, rid, reason, a, out, err);
	}
	return failed(out, a, store_void(st, who->actor, e, rid, reason, err), err);
}

int work_child_add(struct store *st, const struct work_actor *who, struct hval *vals, struct arena *a,
		   struct work_result *out, struct hearth_error *err)
{
	result_init(out);
	int rc = check_role(who, &entity_child, err);
	if (rc) {
		return rc;
	}
	/* Defaults a person would expect: sex unknown until recorded, not UASC, not
	 * restricted, and an LA child id allocated when none is given. */
	if (vals[CHILD_SEX].null) {
		vals[CHILD_SEX] = (struct hval){.s = "U"};
	}
	if (vals[CHILD_UASC].null) {
		vals[CHILD_UASC] = (struct hval){.i = 0};
	}
	if (vals[CHILD_RESTRICTED].null) {
		vals[CHILD_RESTRICTED] = (struct hval){.i = 0};
	}
	if (vals[CHILD_DOB].null && vals[CHILD_EXPECTED_DOB].null) {
		problem_add(out, a, "dob", "required", "a child needs a date of birth, or an expected date of birth if unborn");
	}
	if (vals[CHILD_LA_CHILD_ID].null) {
		int64_t n = store_count(st, &entity_child) + 1, other;
		const char *cand;
		do {
			cand = arena_printf(a, "C%06lld", (long long)n++);
		} while (store_find(st, &entity_child, CHILD_LA_CHILD_ID, cand, &other, NULL) == 0);
		vals[CHILD_LA_CHILD_ID] = (struct hval){.s = cand};
	}
	if ((rc = check_row(st, who, &entity_child, 0, vals, NULL, a, out, err))) {
		return rc;
	}
	return failed(out, a, store_insert(st, who->actor, &entity_child, vals, &out->id, err), err);
}

int work_reallocate(struct store *st, const struct work_actor *who, int64_t child_id, struct hval *vals,
		    int64_t *ended, size_t max_ended, size_t *n_ended, struct arena *a, struct work_result *out,
		    struct hearth_error *err)
{
	result_init(out);
	*n_ended = 0;
	int rc = check_role(who, &entity_allocation, err);
	if (rc) {
		return rc;
	}
	if (vals[ALLOCATION_WORKER_ID].null) {
		problem_add(out, a, "worker_id", "required", "Choose the worker to allocate");
		return refuse(out, err);
	}
	if (vals[ALLOCATION_KIND].null) {
		vals[ALLOCATION_KIND] = (struct hval){.s = "sw"};
	}
	if (vals[ALLOCATION_START_DATE].null) {
		vals[ALLOCATION_START_DATE] = (struct hval){.i = date_today()};
	}
	/* The reason belongs to the allocation that ends: it says why the child changed worker. */
	const struct hval reason = vals[ALLOCATION_REASON];
	vals[ALLOCATION_REASON] = (struct hval){.null = true};
	vals[ALLOCATION_CHILD_ID] = (struct hval){.i = child_id};
	if (!reason.null) {
		struct hearth_error fe = {0};
		if (validate_field(&entity_allocation, ALLOCATION_REASON, &reason, &fe)) {
			problem_err(out, a, &fe);
		}
	}
	if ((rc = check_row(st, who, &entity_allocation, 0, vals, NULL, a, out, err)) ||
	    (rc = check_returns(st, &entity_allocation, 0, vals, a, out, err))) {
		return rc;
	}
	hdate start = (hdate)vals[ALLOCATION_START_DATE].i;
	int64_t *ids;
	struct hval **rows;
	size_t n;
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	if ((rc = store_child_rows(st, &entity_allocation, child_id, a, &ids, &rows, &n, err))) {
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		struct hval *v = rows[i];
		if (strcmp(v[ALLOCATION_KIND].s, vals[ALLOCATION_KIND].s) != 0 ||
		    (!v[ALLOCATION_END_DATE].null && v[ALLOCATION_END_DATE].i <= start)) {
			continue;
		}
		if (v[ALLOCATION_WORKER_ID].i == vals[ALLOCATION_WORKER_ID].i) {
			rc = herr_set(err, HERR_CONFLICT, "worker_id", "same_worker",
				      "The child is already allocated to this worker");
			goto fail;
		}
		v[ALLOCATION_END_DATE] = (struct hval){.i = start};
		v[ALLOCATION_REASON] = reason;
		if ((rc = store_update(st, who->actor, &entity_allocation, ids[i], v, NULL, err))) {
			goto fail;
		}
		if (*n_ended < max_ended) {
			ended[(*n_ended)++] = ids[i];
		}
	}
	if ((rc = store_insert(st, who->actor, &entity_allocation, vals, &out->id, err)) ||
	    (rc = store_commit(st, err))) {
		goto fail;
	}
	return 0;
fail:
	store_rollback(st);
	*n_ended = 0;
	out->id = 0;
	return failed(out, a, rc, err);
}

/* ---- the front door's decision ---- */

int work_contact_decide(struct store *st, const struct work_actor *who, int64_t child_id, int64_t contact_id,
			struct hval *vals, struct arena *a, struct work_result *out, int64_t *opened_id,
			const struct entity **opened, struct hearth_error *err)
{
	result_init(out);
	*opened_id = 0;
	*opened = NULL;
	struct hval *before;
	int rc = check_role(who, &entity_contact, err);
	if (rc || (rc = store_get(st, &entity_contact, contact_id, a, &before, err)) ||
	    (rc = check_child(st, &entity_contact, child_id, contact_id, before, a, err))) {
		return rc;
	}
	if (!before[CONTACT_DECISION].null) {
		return herr_set(err, HERR_CONFLICT, "decision", "already_decided",
				"this contact was decided already: correct the contact to change its decision");
	}
	vals[CONTACT_CHILD_ID] = before[CONTACT_CHILD_ID];
	if (vals[CONTACT_DECIDED_BY].null && who->worker_id) {
		vals[CONTACT_DECIDED_BY] = (struct hval){.i = who->worker_id};
	}
	if (vals[CONTACT_DECISION].null) {
		problem_add(out, a, "decision", "required", "Choose the decision");
	}
	if (vals[CONTACT_DECISION_DATE].null) {
		problem_add(out, a, "decision_date", "required", "Enter the date of the decision");
	}
	if (vals[CONTACT_DECISION_REASON].null || blank_text(vals[CONTACT_DECISION_REASON].s)) {
		problem_add(out, a, "decision_reason", "required", "Enter the reason for the decision");
	}
	/* A partner check is its date and what was shared: one without the other says nothing. */
	static const int checks[][2] = {{CONTACT_POLICE_DATE, CONTACT_POLICE_SHARED},
					{CONTACT_HEALTH_DATE, CONTACT_HEALTH_SHARED},
					{CONTACT_EDUCATION_DATE, CONTACT_EDUCATION_SHARED},
					{CONTACT_OTHER_DATE, CONTACT_OTHER_SHARED}};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		bool dated = !vals[checks[i][0]].null;
		bool said = !vals[checks[i][1]].null && !blank_text(vals[checks[i][1]].s);
		if (dated != said) {
			const struct field *f = &entity_contact.fields[checks[i][dated ? 1 : 0]];
			problem_f(out, a, f->name, "check_incomplete", "%s: a partner check needs its date and what was shared",
				  f->label);
		}
	}
	if (out->n_problems) {
		return refuse(out, err);
	}
	if ((rc = check_row(st, who, &entity_contact, contact_id, vals, before, a, out, err)) ||
	    (rc = check_returns(st, &entity_contact, contact_id, vals, a, out, err))) {
		return rc;
	}
	/* The row the decision opens, checked as its own save would be. */
	const struct entity *e = NULL;
	struct hval *row = NULL;
	const char *decision = vals[CONTACT_DECISION].s;
	if (strcmp(decision, "referral") == 0) {
		e = &entity_referral;
		row = arena_alloc(a, sizeof(*row) * REFERRAL__COUNT);
		for (int i = 0; i < REFERRAL__COUNT; i++) {
			row[i] = (struct hval){.null = true};
		}
		row[REFERRAL_CHILD_ID] = vals[CONTACT_CHILD_ID];
		row[REFERRAL_REFERRAL_DATE] = vals[CONTACT_DECISION_DATE];
		row[REFERRAL_SOURCE] = vals[CONTACT_SOURCE];
		row[REFERRAL_NFA] = (struct hval){.i = 0};
	} else if (strcmp(decision, "early_help") == 0) {
		e = &entity_early_help;
		row = arena_alloc(a, sizeof(*row) * EARLY_HELP__COUNT);
		for (int i = 0; i < EARLY_HELP__COUNT; i++) {
			row[i] = (struct hval){.null = true};
		}
		row[EARLY_HELP_CHILD_ID] = vals[CONTACT_CHILD_ID];
		row[EARLY_HELP_START_DATE] = vals[CONTACT_DECISION_DATE];
		row[EARLY_HELP_STEP_DOWN] = (struct hval){.i = 0};
	}
	if (e && ((rc = check_role(who, e, err)) || (rc = check_row(st, who, e, 0, row, NULL, a, out, err)) ||
		  (rc = check_returns(st, e, 0, row, a, out, err)))) {
		return rc;
	}
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	if ((rc = store_update(st, who->actor, &entity_contact, contact_id, vals, "front door decision", err)) ||
	    (e && (rc = store_insert(st, who->actor, e, row, opened_id, err))) || (rc = store_commit(st, err))) {
		store_rollback(st);
		*opened_id = 0;
		return failed(out, a, rc, err);
	}
	out->id = contact_id;
	*opened = e;
	return 0;
}

/* ---- closing a case, and stepping up and down ---- */

static struct hval *blank_row(struct arena *a, int n)
{
	struct hval *row = arena_alloc(a, sizeof(*row) * (size_t)n);
	for (int i = 0; i < n; i++) {
		row[i] = (struct hval){.null = true};
	}
	return row;
}

/* The date of a closing or a step: given, not in the future. */
static void check_step_date(hdate date, const char *field, const char *what, struct arena *a,
			    struct work_result *out)
{
	char d[DATE_STR_SIZE];
	if (date == DATE_NONE) {
		problem_f(out, a, field, "required", "Enter the date %s", what);
	} else if (date > date_today()) {
		problem_f(out, a, field, "not_in_future", "The date %s (%s) is in the future", what,
			  date_format(date, d));
	}
}

/* A code from list field f of e, required: problems when missing or not on the list. */
static void check_code(const struct entity *e, int field, const char *code, const char *missing, struct arena *a,
		       struct work_result *out)
{
	if (blank_text(code)) {
		problem_add(out, a, e->fields[field].name, "required", missing);
		return;
	}
	struct hearth_error fe = {0};
	const struct hval v = {.s = code};
	if (validate_field(e, field, &v, &fe)) {
		problem_err(out, a, &fe);
	}
}

/* The rows of kind e of the child still open (their closing field blank). */
static int open_rows(struct store *st, const struct entity *e, int64_t child_id, int end_field, struct arena *a,
		     int64_t **ids, struct hval ***rows, size_t *n, struct hearth_error *err)
{
	int rc = store_child_rows(st, e, child_id, a, ids, rows, n, err);
	if (rc) {
		return rc;
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if ((*rows)[i][end_field].null) {
			(*ids)[k] = (*ids)[i];
			(*rows)[k++] = (*rows)[i];
		}
	}
	*n = k;
	return 0;
}

int work_close_case(struct store *st, const struct work_actor *who, int64_t child_id, hdate date,
		    const char *reason, bool step_down, struct arena *a, struct work_result *out,
		    struct work_closure *done, struct hearth_error *err)
{
	return work_close_do(st, who, child_id, date, reason, step_down, a, out, done, NULL, err);
}

int work_close_do(struct store *st, const struct work_actor *who, int64_t child_id, hdate date, const char *reason,
		  bool step_down, struct arena *a, struct work_result *out, struct work_closure *done,
		  struct work_close_ask *ask, struct hearth_error *err)
{
	result_init(out);
	memset(done, 0, sizeof(*done));
	bool propose = ask && !ask->settle; /* checked as if closing; only the request is written */
	int rc = check_role(who, &entity_referral, err);
	if (rc || (step_down && (rc = check_role(who, &entity_early_help, err)))) {
		return rc;
	}
	check_step_date(date, "closure_date", "the case closed", a, out);
	check_code(&entity_referral, REFERRAL_CLOSURE_REASON, reason, "Choose the reason the case closed", a, out);
	/* What stands open: the referrals (CIN episodes), the plans and the allocations. */
	static const struct {
		const struct entity *e;
		int end;
	} kinds[] = {{&entity_referral, REFERRAL_CLOSURE_DATE},
		     {&entity_cin_plan, CIN_PLAN_END_DATE},
		     {&entity_cp_plan, CP_PLAN_END_DATE},
		     {&entity_allocation, ALLOCATION_END_DATE}};
	enum { N_KINDS = sizeof(kinds) / sizeof(kinds[0]) };
	int64_t *ids[N_KINDS];
	struct hval **rows[N_KINDS];
	size_t n[N_KINDS];
	for (size_t k = 0; k < N_KINDS; k++) {
		if ((rc = open_rows(st, kinds[k].e, child_id, kinds[k].end, a, &ids[k], &rows[k], &n[k], err))) {
			return rc;
		}
		if (n[k] > WORK_CLOSE_MAX) {
			return herr_set(err, HERR_CONFLICT, "case", "too_many", "the child has more than %d open %s rows",
					WORK_CLOSE_MAX, kinds[k].e->label);
		}
		if (n[k] && k > 0 && !propose && (rc = check_role(who, kinds[k].e, err))) {
			return rc;
		}
	}
	if (n[0] == 0) {
		problem_add(out, a, "case", "no_open_case", "The child has no open case to close");
	}
	if (step_down) {
		int64_t *eh_ids;
		struct hval **eh_rows;
		size_t n_eh;
		if ((rc = open_rows(st, &entity_early_help, child_id, EARLY_HELP_END_DATE, a, &eh_ids, &eh_rows, &n_eh, err))) {
			return rc;
		}
		if (n_eh) {
			problem_add(out, a, "case", "early_help_open",
				    "The child already has an open early help episode: close the case instead of stepping it down");
		}
	}
	if (out->n_problems) {
		return refuse(out, err);
	}
	/* Each row as it will stand, checked as its own save would be. */
	for (size_t k = 0; k < N_KINDS; k++) {
		for (size_t i = 0; i < n[k]; i++) {
			struct hval *v = rows[k][i];
			struct hval *before = arena_alloc(a, sizeof(*v) * (size_t)kinds[k].e->n_fields);
			memcpy(before, v, sizeof(*v) * (size_t)kinds[k].e->n_fields);
			v[kinds[k].end] = (struct hval){.i = date};
			if (k == 0) {
				v[REFERRAL_CLOSURE_REASON] = (struct hval){.s = reason};
			}
			if ((rc = check_row(st, who, kinds[k].e, ids[k][i], v, before, a, out, err)) ||
			    (k == 0 && (rc = check_returns(st, kinds[k].e, ids[k][i], v, a, out, err)))) {
				return rc;
			}
		}
	}
	struct hval *eh = NULL;
	if (step_down) {
		eh = blank_row(a, EARLY_HELP__COUNT);
		eh[EARLY_HELP_CHILD_ID] = (struct hval){.i = child_id};
		eh[EARLY_HELP_START_DATE] = (struct hval){.i = date};
		eh[EARLY_HELP_STEP_DOWN] = (struct hval){.i = 1};
		if ((rc = check_row(st, who, &entity_early_help, 0, eh, NULL, a, out, err))) {
			return rc;
		}
	}
	const char *why = arena_printf(a, "case closed: %s%s%s", reason, step_down ? ", stepped down to early help" : "",
				       ask ? (propose ? ", proposed" : ", authorised") : "");
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	if (ask) {
		/* The request: a proposal (new, or a returned one resubmitted) pointing at the open
		 * referral with its date and reason, or the manager's answer to it. */
		struct hval *q = ask->row;
		if (propose) {
			q[AUTHORISATION_RECORD_KIND] = (struct hval){.s = entity_referral.name};
			q[AUTHORISATION_RECORD_ID] = (struct hval){.i = ask->record_id ? ask->record_id : ids[0][0]};
		}
		q[AUTHORISATION_PROPOSED_DATE] = (struct hval){.i = date};
		q[AUTHORISATION_PROPOSED_REASON] = (struct hval){.s = reason};
		rc = ask->id ? store_update(st, who->actor, &entity_authorisation, ask->id, q, ask->why, err)
			     : store_insert(st, who->actor, &entity_authorisation, q, &ask->id, err);
		if (rc) {
			goto fail;
		}
		if (propose) {
			if ((rc = store_commit(st, err))) {
				goto fail;
			}
			out->id = ask->id;
			return 0;
		}
	}
	for (size_t k = 0; k < N_KINDS; k++) {
		for (size_t i = 0; i < n[k]; i++) {
			if ((rc = store_update(st, who->actor, kinds[k].e, ids[k][i], rows[k][i], why, err))) {
				goto fail;
			}
			if (k == 0) {
				done->referrals[done->n_referrals++] = ids[k][i];
			} else if (k == N_KINDS - 1) {
				done->allocations[done->n_allocations++] = ids[k][i];
			} else if (done->n_plans < WORK_CLOSE_MAX) {
				done->plan_kinds[done->n_plans] = kinds[k].e;
				done->plans[done->n_plans++] = ids[k][i];
			}
		}
	}
	if ((eh && (rc = store_insert(st, who->actor, &entity_early_help, eh, &done->early_help_id, err))) ||
	    (rc = store_commit(st, err))) {
		goto fail;
	}
	out->id = done->referrals[0];
	return 0;
fail:
	store_rollback(st);
	memset(done, 0, sizeof(*done));
	return failed(out, a, rc, err);
}

int work_step_up(struct store *st, const struct work_actor *who, int64_t child_id, hdate date, const char *source,
		 struct arena *a, struct work_result *out, int64_t *early_help_id, struct hearth_error *err)
{
	result_init(out);
	*early_help_id = 0;
	int rc = check_role(who, &entity_early_help, err);
	if (rc || (rc = check_role(who, &entity_referral, err))) {
		return rc;
	}
	check_step_date(date, "referral_date", "of the step up", a, out);
	check_code(&entity_referral, REFERRAL_SOURCE, source, "Choose the source of the referral", a, out);
	int64_t *eh_ids, *ref_ids;
	struct hval **eh_rows, **ref_rows;
	size_t n_eh, n_ref;
	if ((rc = open_rows(st, &entity_early_help, child_id, EARLY_HELP_END_DATE, a, &eh_ids, &eh_rows, &n_eh, err)) ||
	    (rc = open_rows(st, &entity_referral, child_id, REFERRAL_CLOSURE_DATE, a, &ref_ids, &ref_rows, &n_ref,
			    err))) {
		return rc;
	}
	if (n_eh == 0) {
		problem_add(out, a, "case", "no_open_early_help", "The child has no open early help episode to step up from");
	}
	if (n_ref) {
		problem_add(out, a, "case", "case_open", "The child already has an open case in children's social care");
	}
	if (out->n_problems) {
		return refuse(out, err);
	}
	struct hval *before = arena_alloc(a, sizeof(**eh_rows) * EARLY_HELP__COUNT);
	memcpy(before, eh_rows[0], sizeof(**eh_rows) * EARLY_HELP__COUNT);
	struct hval *eh = eh_rows[0];
	eh[EARLY_HELP_END_DATE] = (struct hval){.i = date};
	eh[EARLY_HELP_END_REASON] = (struct hval){.s = "step_up"};
	struct hval *ref = blank_row(a, REFERRAL__COUNT);
	ref[REFERRAL_CHILD_ID] = (struct hval){.i = child_id};
	ref[REFERRAL_REFERRAL_DATE] = (struct hval){.i = date};
	ref[REFERRAL_SOURCE] = (struct hval){.s = source};
	ref[REFERRAL_NFA] = (struct hval){.i = 0};
	if ((rc = check_row(st, who, &entity_early_help, eh_ids[0], eh, before, a, out, err)) ||
	    (rc = check_row(st, who, &entity_referral, 0, ref, NULL, a, out, err)) ||
	    (rc = check_returns(st, &entity_referral, 0, ref, a, out, err))) {
		return rc;
	}
	if ((rc = store_begin(st, err))) {
		return rc;
	}
	if ((rc = store_update(st, who->actor, &entity_early_help, eh_ids[0], eh, "stepped up to social care", err)) ||
	    (rc = store_insert(st, who->actor, &entity_referral, ref, &out->id, err)) || (rc = store_commit(st, err))) {
		store_rollback(st);
		out->id = 0;
		return failed(out, a, rc, err);
	}
	*early_help_id = eh_ids[0];
	return 0;
}
