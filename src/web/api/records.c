/* api_records: every kind of a child's record over JSON, by its descriptor — list, add,
 * correct (PATCH, with a reason), retract (with a reason) and history — and a new child.
 *
 * The dispatcher has checked the child's scope, that {kind} is a kind of a child's record
 * (r->kind) the role may record when the route writes, and that {rid} is this child's row
 * of that kind (r->rid). Every change goes through src/work, as `hearth record` does: a
 * change it refuses is 422 with every reason, {"error", "field", "rule", "errors": [{field,
 * rule, message}]}, and nothing stored changes; a body that is not what the kind takes (an
 * unknown field, a value of the wrong type) is 400 naming the field.
 *
 * A kind that joins a child through a link (a person, through a relationship: model/entity.h
 * entity_link) is added with its link in the body's object named for the link's kind,
 * {"given_name": ..., "relationship": {"kind": "MOTHER", "parental_responsibility": true}},
 * both saved or neither; the child's rows of it are those its live links name. */
#include <string.h>

#include "web/actions.h"
#include "web/api/api.h"
#include "web/http/http.h"

#define LIST_DEFAULT 50
#define LIST_MAX 500

/* New DfE findings a save caused: [{"return", "rule", "message"}]. */
static json_t *warnings_json(const struct returns_findings *w)
{
	json_t *list = json_array();
	for (size_t i = 0; i < w->n; i++) {
		const struct returns_rule *rule = w->items[i].rule;
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "return", returns_kind_name(rule->kind), "rule",
						      rule->id, "message", rule->message));
	}
	return list;
}

static json_t *jstr(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	return j ? j : json_null();
}

/* A refusal from src/work: 422 with every reason for a content refusal, else the status
 * of the error (403, 404, 409, 500). */
static int refused(struct web_request *r, const struct work_result *res, const struct hearth_error *err)
{
	if (err->code != HERR_INVALID) {
		return web_fail_err(r, err);
	}
	json_t *list = json_array();
	for (size_t i = 0; i < res->n_problems; i++) {
		const struct work_problem *p = &res->problems[i];
		json_array_append_new(list, json_pack("{s:o, s:o, s:o}", "field", *p->field ? jstr(p->field) : json_null(),
						      "rule", jstr(p->rule), "message", jstr(p->message)));
	}
	if (json_array_size(list) == 0) {
		json_array_append_new(list, json_pack("{s:o, s:o, s:o}", "field", err->field[0] ? jstr(err->field) : json_null(),
						      "rule", jstr(err->rule), "message", jstr(err->message)));
	}
	web_fail(r, 422, err->field, err->rule, "%s", err->message);
	json_object_set_new(r->out, "errors", list);
	return 422;
}

static struct hval *blank_row(struct web_request *r, const struct entity *e)
{
	struct hval *v = arena_alloc(&r->a, sizeof(*v) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		v[i] = (struct hval){.null = true};
	}
	return v;
}

/* The body's fields of e read into vals (over what vals holds). 0 or the 400 answered. */
static int body_row(struct web_request *r, json_t *body, const struct entity *e, struct hval *vals)
{
	bool *given = arena_alloc(&r->a, sizeof(*given) * (size_t)e->n_fields);
	memset(given, 0, sizeof(*given) * (size_t)e->n_fields);
	return web_json_to_row(r, e, body, vals, given);
}

/* {"record": the row as stored, "warnings": [...] when there are any}. */
static int answer_row(struct web_request *r, int status, const char *key, const struct entity *e, int64_t id,
		      const struct work_result *res)
{
	struct hval *row;
	struct hearth_error err = {0};
	if (store_get(r->st, e, id, &r->a, &row, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(e->name));
	json_object_set_new(o, key, web_json_row(e, id, row, &r->a));
	if (res->warnings.n) {
		json_object_set_new(o, "warnings", warnings_json(&res->warnings));
	}
	if (res->request) {
		/* A referral's closure the role may only propose: saved open, the closure awaits
		 * a manager (GET /api/approvals lists the request). */
		json_object_set_new(o, "authorisation_request", json_integer(res->request));
	}
	return web_answer(r, status, o);
}

/* ---- POST /api/children ---- */

int api_child_add(struct web_request *r)
{
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	struct hval *vals = blank_row(r, &entity_child);
	rc = body_row(r, body, &entity_child, vals);
	json_decref(body);
	if (rc) {
		return rc;
	}
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	struct hearth_error err = {0};
	if (work_child_add(r->st, &who, vals, &r->a, &res, &err)) {
		return refused(r, &res, &err);
	}
	return answer_row(r, 201, "child", &entity_child, res.id, &res);
}

/* The rows of linked kind e this child's live links name, each once. 0 or the status. */
static int linked_rows(struct web_request *r, const struct entity *e, int64_t **ids, struct hval ***rows, size_t *n)
{
	int field;
	const struct entity *link = entity_link(e, &field);
	int64_t *link_ids;
	struct hval **links;
	size_t n_links;
	struct hearth_error err = {0};
	if (store_child_rows(r->st, link, r->child_id, &r->a, &link_ids, &links, &n_links, &err)) {
		return web_fail_err(r, &err);
	}
	*ids = arena_alloc(&r->a, sizeof(**ids) * (n_links + 1));
	*rows = arena_alloc(&r->a, sizeof(**rows) * (n_links + 1));
	*n = 0;
	for (size_t i = 0; i < n_links; i++) {
		if (links[i][field].null) {
			continue;
		}
		int64_t id = links[i][field].i;
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++) {
			seen = (*ids)[k] == id;
		}
		int rc = seen ? 0 : store_get(r->st, e, id, &r->a, &(*rows)[*n], &err);
		if (rc == HERR_NOT_FOUND) {
			continue; /* retracted */
		}
		if (rc) {
			return web_fail_err(r, &err);
		}
		if (!seen) {
			(*ids)[(*n)++] = id;
		}
	}
	return 0;
}

/* POST of a linked kind: the row and, in the body's object named for the link's kind, its
 * link to this child. */
static int record_add_linked(struct web_request *r, const struct entity *e, json_t *body)
{
	int field;
	const struct entity *link = entity_link(e, &field);
	json_t *lj = json_incref(json_object_get(body, link->name));
	json_object_del(body, link->name);
	struct hval *vals = blank_row(r, e), *link_vals = blank_row(r, link);
	int rc = 0;
	if (lj && !json_is_object(lj)) {
		rc = web_fail(r, 400, link->name, "type", "%s must be an object: the %s's fields", link->name, link->label);
	} else if (lj && json_object_get(lj, link->fields[field].name)) {
		rc = web_fail(r, 400, link->fields[field].name, "unknown_field", "%s is set by the save: leave it out",
			      link->fields[field].name);
	}
	if (!rc) {
		rc = body_row(r, body, e, vals);
	}
	if (!rc && lj) {
		rc = body_row(r, lj, link, link_vals);
	}
	json_decref(lj);
	json_decref(body);
	if (rc) {
		return rc;
	}
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	struct hearth_error err = {0};
	int64_t link_id;
	if (work_add_linked(r->st, &who, e, r->child_id, vals, link_vals, &r->a, &res, &link_id, &err)) {
		return refused(r, &res, &err);
	}
	struct hval *row, *lrow;
	if (store_get(r->st, e, res.id, &r->a, &row, &err) || store_get(r->st, link, link_id, &r->a, &lrow, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(e->name));
	json_object_set_new(o, "record", web_json_row(e, res.id, row, &r->a));
	json_object_set_new(o, link->name, web_json_row(link, link_id, lrow, &r->a));
	if (res.warnings.n) {
		json_object_set_new(o, "warnings", warnings_json(&res.warnings));
	}
	return web_answer(r, 201, o);
}

/* ---- GET /api/children/{id}/records/{kind} ---- */

int api_records_list(struct web_request *r)
{
	const struct entity *e = r->kind;
	int64_t limit, offset;
	int rc = web_query_page(r, LIST_DEFAULT, LIST_MAX, &limit, &offset);
	if (rc) {
		return rc;
	}
	int64_t *ids, one = r->child_id;
	struct hval **rows, *child;
	size_t n;
	struct hearth_error err = {0};
	if (e == &entity_child) {
		if (store_get(r->st, e, r->child_id, &r->a, &child, &err)) {
			return web_fail_err(r, &err);
		}
		ids = &one;
		rows = &child;
		n = 1;
	} else if (entity_link(e, NULL)) {
		if ((rc = linked_rows(r, e, &ids, &rows, &n))) {
			return rc;
		}
	} else if (store_child_rows(r->st, e, r->child_id, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	web_rows_readable(r, e, ids, rows, &n);
	json_t *list = json_array();
	for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++) {
		json_array_append_new(list, web_json_row(e, ids[i], rows[i], &r->a));
	}
	json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:o}", "child_id", (json_int_t)r->child_id, "kind", e->name,
			      "total", (json_int_t)n, "limit", (json_int_t)limit, "offset", (json_int_t)offset, "records",
			      list);
	return web_answer(r, 200, o);
}

/* ---- POST /api/children/{id}/records/{kind} ---- */

int api_record_add(struct web_request *r)
{
	const struct entity *e = r->kind;
	if (e == &entity_child) {
		return web_fail(r, 400, "kind", "unknown_kind", "a new child is added with POST /api/children");
	}
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	if (entity_link(e, NULL)) {
		return record_add_linked(r, e, body);
	}
	struct hval *vals = blank_row(r, e);
	rc = body_row(r, body, e, vals);
	json_decref(body);
	if (rc) {
		return rc;
	}
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	struct hearth_error err = {0};
	if (work_add(r->st, &who, e, r->child_id, vals, &r->a, &res, &err)) {
		return refused(r, &res, &err);
	}
	return answer_row(r, 201, "record", e, res.id, &res);
}

/* The body's "reason" (taken out of it, so the rest are the row's fields): 0, or the 400. */
static int take_reason(struct web_request *r, json_t *body, const char **reason)
{
	int rc = web_json_string(r, body, "reason", false, reason);
	if (rc == 0 && *reason) {
		*reason = arena_strdup(&r->a, *reason);
	}
	json_object_del(body, "reason");
	return rc;
}

/* ---- PATCH /api/children/{id}/records/{kind}/{rid} ---- */

int api_record_correct(struct web_request *r)
{
	const struct entity *e = r->kind;
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	struct hval *vals;
	const char *reason = NULL;
	struct hearth_error err = {0};
	if ((rc = take_reason(r, body, &reason))) {
		json_decref(body);
		return rc;
	}
	if (store_get(r->st, e, r->rid, &r->a, &vals, &err)) {
		json_decref(body);
		return web_fail_err(r, &err); /* retracted: nothing left to correct */
	}
	rc = body_row(r, body, e, vals);
	json_decref(body);
	if (rc) {
		return rc;
	}
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	if (work_correct(r->st, &who, e, r->child_id, r->rid, vals, reason, &r->a, &res, &err)) {
		return refused(r, &res, &err);
	}
	return answer_row(r, 200, "record", e, r->rid, &res);
}

/* ---- POST /api/children/{id}/records/{kind}/{rid}/retract ---- */

int api_record_retract(struct web_request *r)
{
	static const char *const fields[] = {"reason", NULL};
	const struct entity *e = r->kind;
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	const char *reason = NULL;
	if ((rc = web_json_allowed(r, body, fields)) || (rc = take_reason(r, body, &reason))) {
		json_decref(body);
		return rc;
	}
	json_decref(body);
	struct work_actor who = web_work_actor(r);
	struct work_result res;
	struct hearth_error err = {0};
	if (work_retract(r->st, &who, e, r->child_id, r->rid, reason, &r->a, &res, &err)) {
		return refused(r, &res, &err);
	}
	return web_answer(r, 200, json_pack("{s:s, s:I, s:b, s:s}", "kind", e->name, "id", (json_int_t)r->rid,
					    "retracted", 1, "reason", reason));
}

/* ---- GET /api/children/{id}/records/{kind}/{rid}/history ---- */

int api_record_history(struct web_request *r)
{
	const struct entity *e = r->kind;
	struct work_revision *h;
	size_t n;
	struct hearth_error err = {0};
	if (work_history(r->st, e, r->rid, &r->a, &h, &n, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *revs = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *changes = json_array();
		for (size_t k = 0; k < h[i].n_changes; k++) {
			const struct work_change *c = &h[i].changes[k];
			json_array_append_new(changes, json_pack("{s:s, s:s, s:s, s:s}", "field", c->field->name, "label",
								 c->field->label, "from", c->from, "to", c->to));
		}
		json_array_append_new(revs, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)h[i].id, "action",
						      h[i].action, "by", jstr(h[i].actor), "at", jstr(h[i].at), "reason",
						      jstr(h[i].reason), "changes", changes));
	}
	return web_answer(r, 200, json_pack("{s:I, s:s, s:I, s:b, s:o}", "child_id", (json_int_t)r->child_id, "kind",
					    e->name, "id", (json_int_t)r->rid, "retracted", r->rid_retracted,
					    "revisions", revs));
}
