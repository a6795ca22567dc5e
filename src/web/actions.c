/* actions: the changes people make through the web — a row for a child (a visit, a case
 * note) and a reallocation — shared by the JSON API and the pages, so both refuse and
 * record exactly the same way. Handlers parse (JSON or a form) into values, call these,
 * and draw the answer.
 *
 * Every change goes through the store's write path (revision and audit row in the
 * change's own transaction). Before it is written, the DfE's rules are asked what the
 * change would newly break (returns_check_change): a finding from a rule about an
 * impossible record refuses the save (nothing is written); any other new finding is
 * handed back as a warning for the answer to show. */
#include <string.h>

#include "returns/returns.h"
#include "web/actions.h"

static int check_returns(struct web_request *r, const struct entity *e, int64_t id, const struct hval *vals,
			 struct returns_findings *warnings, struct hearth_error *err)
{
	bool refuse = false;
	*warnings = (struct returns_findings){0};
	int year = returns_year_of(date_today());
	if (year > RETURNS_YEAR_MAX) {
		year = RETURNS_YEAR_MAX;
	}
	int rc = returns_check_change(r->st, e, id, vals, year, &r->a, warnings, &refuse, err);
	if (rc) {
		return rc;
	}
	for (size_t i = 0; refuse && i < warnings->n; i++) {
		const struct returns_finding *f = &warnings->items[i];
		if (f->rule->flags & RULE_IMPOSSIBLE) {
			return herr_set(err, HERR_INVALID, "", arena_printf(&r->a, "%s %s", returns_kind_name(f->rule->kind),
									       f->rule->id),
					"%s (%s rule %s)", f->rule->message, returns_kind_name(f->rule->kind), f->rule->id);
		}
	}
	return 0;
}

int web_child_row_add(struct web_request *r, const struct entity *e, int worker_field, struct hval *vals,
		      int64_t *id, struct returns_findings *warnings, struct hearth_error *err)
{
	vals[e->child_field] = (struct hval){.i = r->child_id};
	if (worker_field >= 0 && vals[worker_field].null && r->session.user.worker_id) {
		vals[worker_field] = (struct hval){.i = r->session.user.worker_id};
	}
	int rc = check_returns(r, e, 0, vals, warnings, err);
	return rc ? rc : store_insert(r->st, r->actor, e, vals, id, err);
}

int web_child_reallocate(struct web_request *r, struct hval *vals, int64_t *new_id, int64_t *ended,
			 size_t max_ended, size_t *n_ended, struct returns_findings *warnings, struct hearth_error *err)
{
	*n_ended = 0;
	*warnings = (struct returns_findings){0};
	if (vals[ALLOCATION_WORKER_ID].null) {
		return herr_set(err, HERR_INVALID, "worker_id", "required", "Choose the worker to allocate");
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
	vals[ALLOCATION_CHILD_ID] = (struct hval){.i = r->child_id};
	hdate start = (hdate)vals[ALLOCATION_START_DATE].i;
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = check_returns(r, &entity_allocation, 0, vals, warnings, err);
	if (rc || (rc = store_begin(r->st, err))) {
		return rc;
	}
	if ((rc = store_child_rows(r->st, &entity_allocation, r->child_id, &r->a, &ids, &rows, &n, err))) {
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
		if ((rc = store_update(r->st, r->actor, &entity_allocation, ids[i], v, NULL, err))) {
			goto fail;
		}
		if (*n_ended < max_ended) {
			ended[(*n_ended)++] = ids[i];
		}
	}
	if ((rc = store_insert(r->st, r->actor, &entity_allocation, vals, new_id, err)) ||
	    (rc = store_commit(r->st, err))) {
		goto fail;
	}
	return 0;
fail:
	store_rollback(r->st);
	*n_ended = 0;
	return rc;
}
