/* api/break_glass: opening a child outside one's scope with a reason, and the list of
 * openings an auditor has yet to review (store/break_glass.c keeps both in the audit
 * trail). The dispatcher lets a read through an opening while it lasts (dispatch.c). */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "web/api/api.h"
#include "web/http/http.h"

#define REASON_MIN 10
#define REASON_MAX 500

/* POST /api/break-glass {"child_id": N, "reason": "..."}: not a scoped route (the child
 * is out of scope by design); an absent or restricted child is answered as one that does
 * not exist. */
int api_break_glass_open(struct web_request *r)
{
	static const char *const fields[] = {"child_id", "reason", NULL};
	json_t *body;
	const char *reason;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	if ((rc = web_json_allowed(r, body, fields))) {
		json_decref(body);
		return rc;
	}
	json_t *id = json_object_get(body, "child_id");
	int64_t child = json_is_integer(id) ? (int64_t)json_integer_value(id) : 0;
	if (child <= 0) {
		json_decref(body);
		return web_fail(r, 400, "child_id", "required", "child_id must be the child's id, a whole number");
	}
	if ((rc = web_json_string(r, body, "reason", true, &reason))) {
		json_decref(body);
		return rc;
	}
	size_t b = 0, e = strlen(reason);
	while (b < e && isspace((unsigned char)reason[b])) {
		b++;
	}
	while (e > b && isspace((unsigned char)reason[e - 1])) {
		e--;
	}
	if (e - b < REASON_MIN || e - b > REASON_MAX) {
		json_decref(body);
		return web_fail(r, 400, "reason", "reason",
				"give the reason you need this child's record now, in %d to %d characters", REASON_MIN,
				REASON_MAX);
	}
	const char *why = arena_strndup(&r->a, reason + b, e - b);
	json_decref(body);
	struct hearth_error err = {0};
	int v = store_web_child_visible(r->sw, &r->scope, child, &err);
	if (v < 0) {
		return web_fail_err(r, &err);
	}
	if (v == 1) {
		return web_fail(r, 409, "child_id", "in_scope", "this child is already yours to read: open the record");
	}
	if (store_break_glass_open(r->st, r->actor, child, why, &err)) {
		return web_fail_err(r, &err);
	}
	char until[INSTANT_STR_SIZE];
	instant_format(instant_now() + (hinstant)r->srv->set.break_glass_minutes * 60, until);
	json_t *o = json_object();
	json_object_set_new(o, "child_id", json_integer(child));
	json_object_set_new(o, "reason", json_string(why));
	json_object_set_new(o, "until", json_string(until));
	return web_answer(r, 201, o);
}

/* GET /api/break-glass: the openings not yet reviewed, newest first. */
int api_break_glass_list(struct web_request *r)
{
	struct store_audit_row *rows;
	size_t n;
	int64_t total;
	struct hearth_error err = {0};
	if (store_break_glass_to_review(r->st, 500, &r->a, &rows, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(rows[i].id));
		json_object_set_new(o, "at", json_string(rows[i].at));
		json_object_set_new(o, "actor", json_string(rows[i].row.actor));
		json_object_set_new(o, "child_id", json_integer(rows[i].row.child_id));
		json_object_set_new(o, "reason", json_string(rows[i].row.section));
		json_object_set_new(o, "address", json_string(rows[i].row.address));
		json_array_append_new(list, o);
	}
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "openings", list);
	return web_answer(r, 200, o);
}

/* POST /api/break-glass/review {"id": N}: the opening (its audit row id) was looked at. */
int api_break_glass_review(struct web_request *r)
{
	static const char *const fields[] = {"id", NULL};
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	if ((rc = web_json_allowed(r, body, fields))) {
		json_decref(body);
		return rc;
	}
	json_t *id = json_object_get(body, "id");
	json_int_t n = json_is_integer(id) ? json_integer_value(id) : 0;
	json_decref(body);
	if (n <= 0) {
		return web_fail(r, 400, "id", "required", "id must be the opening's row number, a whole number");
	}
	struct hearth_error err = {0};
	if (store_break_glass_review(r->st, r->actor, (int64_t)n, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *o = json_object();
	json_object_set_new(o, "reviewed", json_integer(n));
	return web_answer(r, 200, o);
}
