/* api_children: the child's record over JSON — list and search, the record, its
 * chronology, allocations (and reallocation), visits and notes (read and record).
 *
 * By the time a handler runs the dispatcher has checked sign-in, permission, CSRF and
 * that r->child_id is in the caller's scope; a handler only reads and writes through the
 * store and serialises. Reads are audited by the dispatcher; changes go through the
 * store's write path (store_insert / store_update), which writes each change's revision
 * and audit row in the change's own transaction, with the route and address set as the
 * store's origin by the dispatcher and the actor "user:ID". A refused change writes
 * nothing. */
#include <stdlib.h>
#include <string.h>

#include "model/chronology.h"
#include "model/codes.h"
#include "model/status.h"
#include "web/api/api.h"
#include "web/actions.h"
#include "web/http/http.h"

#define LIST_DEFAULT 50
#define LIST_MAX 500

static json_t *jdate(hdate d)
{
	char b[DATE_STR_SIZE];
	return d == DATE_NONE ? json_null() : json_string(date_format(d, b));
}

static json_t *jstr(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	return j ? j : json_null();
}

static json_t *page_json(int64_t total, int64_t limit, int64_t offset)
{
	return json_pack("{s:I, s:I, s:I}", "total", (json_int_t)total, "limit", (json_int_t)limit, "offset",
			 (json_int_t)offset);
}

/* ---- GET /api/children ---- */

int api_children_list(struct web_request *r)
{
	int64_t limit, offset;
	hdate dob;
	const char *q = web_query(r, "q");
	int rc;
	if ((rc = web_query_page(r, LIST_DEFAULT, LIST_MAX, &limit, &offset)) ||
	    (rc = web_query_date(r, "dob", DATE_NONE, &dob))) {
		return rc;
	}
	if (q && strlen(q) > 200) {
		return web_fail(r, 400, "q", "length", "the search is longer than 200 characters");
	}
	struct store_child_hit *hits = NULL;
	size_t n = 0;
	int64_t total = 0;
	struct hearth_error err = {0};
	if (store_children_search(r->st, &r->scope, q, dob, limit, offset, &r->a, &hits, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(list, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)hits[i].id,
						      "la_child_id", jstr(hits[i].la_child_id), "given_name",
						      jstr(hits[i].given_name), "family_name", jstr(hits[i].family_name),
						      "dob", jdate(hits[i].dob), "sex", jstr(hits[i].sex)));
	}
	json_t *o = page_json(total, limit, offset);
	json_object_set_new(o, "children", list);
	return web_answer(r, 200, o);
}

/* ---- workers, for names beside allocations ---- */

/* A worker's row (NULL: none, or removed) as the API shows one beside an allocation. */
static json_t *worker_row_json(struct web_request *r, int64_t worker_id, const struct hval *w)
{
	if (!worker_id || !w) {
		return json_pack("{s:I, s:n, s:n, s:n}", "worker_id", (json_int_t)worker_id, "staff_id", "name", "team_id");
	}
	const char *name = arena_printf(&r->a, "%s %s", w[WORKER_GIVEN_NAME].s, w[WORKER_FAMILY_NAME].s);
	return json_pack("{s:I, s:o, s:o, s:o}", "worker_id", (json_int_t)worker_id, "staff_id",
			 jstr(w[WORKER_STAFF_ID].s), "name", jstr(name), "team_id",
			 w[WORKER_TEAM_ID].null ? json_null() : json_integer(w[WORKER_TEAM_ID].i));
}

static json_t *worker_json(struct web_request *r, int64_t worker_id)
{
	struct hval *w;
	if (!worker_id || store_get(r->st, &entity_worker, worker_id, &r->a, &w, NULL)) {
		w = NULL;
	}
	return worker_row_json(r, worker_id, w);
}

static const char *alloc_kind_code(enum cf_allocation_kind k)
{
	return k == ALLOC_PERSONAL_ADVISER ? "pa" : k == ALLOC_IRO ? "iro" : "sw";
}

/* ---- GET /api/children/{id} ---- */

/* What the answer reads, sent with the session and the scope check (dispatch.c). */
void api_child_get_prefetch(struct web_request *r, int64_t child_id)
{
	store_web_child_status_send(r->sw, child_id, NULL);
}

int api_child_get(struct web_request *r)
{
	hdate as_at;
	int rc = web_query_date(r, "as_at", date_today(), &as_at);
	if (rc) {
		return rc;
	}
	struct casefile cf;
	struct hearth_error err = {0};
	if (store_web_status_casefile(r->sw, r->child_id, &r->a, &cf, &err)) {
		return web_fail_err(r, &err);
	}
	struct store_rows workers;
	if (store_web_child_workers(r->sw, r->child_id, &r->a, &workers, &err)) {
		return web_fail_err(r, &err);
	}
	const struct cf_child *c = &cf.child;
	enum child_status s = status_at(&cf, as_at);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "la_child_id", jstr(c->la_child_id));
	json_object_set_new(o, "given_name", jstr(c->given_name));
	json_object_set_new(o, "family_name", jstr(c->family_name));
	json_object_set_new(o, "dob", jdate(c->dob));
	json_object_set_new(o, "expected_dob", jdate(c->expected_dob));
	json_object_set_new(o, "age", c->dob != DATE_NONE ? json_integer(date_age(c->dob, as_at)) : json_null());
	json_object_set_new(o, "sex", jstr(c->sex));
	json_object_set_new(o, "ethnicity", jstr(c->ethnicity));
	json_object_set_new(o, "upn", jstr(c->upn));
	json_object_set_new(o, "uasc", json_boolean(c->uasc));
	json_object_set_new(o, "death_date", jdate(c->death));
	json_object_set_new(o, "restricted", json_boolean(c->restricted));
	json_object_set_new(o, "as_at", jdate(as_at));
	json_object_set_new(o, "status", json_string(status_code(s)));
	json_object_set_new(o, "status_label", json_string(status_label(s)));
	json_object_set_new(o, "social_workers_12m", json_integer(status_social_workers_12m(&cf, as_at)));
	json_t *now = json_array();
	for (size_t i = 0; i < cf.n_allocations; i++) {
		const struct cf_allocation *al = &cf.allocations[i];
		if (!cf_open_on(al->start, al->end, as_at)) {
			continue;
		}
		const struct hval *row = NULL;
		for (size_t k = 0; k < workers.n && !row; k++) {
			row = workers.ids[k] == al->worker_id ? workers.rows[k] : NULL;
		}
		json_t *w = worker_row_json(r, al->worker_id, row);
		json_object_set_new(w, "kind", json_string(alloc_kind_code(al->kind)));
		json_object_set_new(w, "allocation_id", json_integer(al->id));
		json_object_set_new(w, "start_date", jdate(al->start));
		json_array_append_new(now, w);
	}
	json_object_set_new(o, "allocated", now);
	return web_answer(r, 200, o);
}

/* ---- GET /api/children/{id}/chronology ---- */

int api_child_chronology(struct web_request *r)
{
	int64_t limit, offset;
	int rc = web_query_page(r, 100, 1000, &limit, &offset);
	if (rc) {
		return rc;
	}
	struct hearth_error err = {0};
	struct hval *child;
	struct chronology ch = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err)) {
		return web_fail_err(r, &err);
	}
	chronology_add_row(&ch, &entity_child, r->child_id, child, &r->a);
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		int64_t *ids;
		struct hval **rows;
		size_t n;
		if (e->child_field < 0) {
			continue;
		}
		if (store_child_rows(r->st, e, r->child_id, &r->a, &ids, &rows, &n, &err)) {
			return web_fail_err(r, &err);
		}
		for (size_t i = 0; i < n; i++) {
			chronology_add_row(&ch, e, ids[i], rows[i], &r->a);
		}
	}
	chronology_sort(&ch);
	json_t *events = json_array();
	for (size_t i = (size_t)offset; i < ch.n && i < (size_t)(offset + limit); i++) {
		const struct chron_event *ev = &ch.events[i];
		json_t *det = json_object();
		for (size_t k = 0; k < ev->n_details; k++) {
			json_object_set_new(det, ev->details[k].label, jstr(ev->details[k].value));
		}
		json_array_append_new(events, json_pack("{s:o, s:s, s:I, s:o, s:o}", "date", jdate(ev->date), "record",
							ev->entity, "id", (json_int_t)ev->row_id, "title",
							jstr(ev->title), "details", det));
	}
	json_t *o = page_json((int64_t)ch.n, limit, offset);
	json_object_set_new(o, "child_id", json_integer(r->child_id));
	json_object_set_new(o, "events", events);
	return web_answer(r, 200, o);
}

/* ---- rows of one kind for the child, newest first ---- */

struct dated_row {
	int64_t id;
	hdate date;
	struct hval *v;
};

static int dated_newest_first(const void *a, const void *b)
{
	const struct dated_row *x = a, *y = b;
	if (x->date != y->date) {
		return x->date < y->date ? 1 : -1;
	}
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int dated_oldest_first(const void *a, const void *b)
{
	return dated_newest_first(b, a);
}

/* The child's live rows of e sorted by the date field (newest first unless oldest). */
static int child_rows_by_date(struct web_request *r, const struct entity *e, int date_field, bool oldest,
			      struct dated_row **out, size_t *n_out)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_child_rows(r->st, e, r->child_id, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct dated_row *d = arena_alloc(&r->a, sizeof(*d) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		d[i] = (struct dated_row){ids[i], rows[i][date_field].null ? DATE_NONE : (hdate)rows[i][date_field].i,
					  rows[i]};
	}
	qsort(d, n, sizeof(*d), oldest ? dated_oldest_first : dated_newest_first);
	*out = d;
	*n_out = n;
	return 0;
}

static int list_rows(struct web_request *r, const struct entity *e, int date_field, const char *key)
{
	int64_t limit, offset;
	int rc = web_query_page(r, LIST_DEFAULT, LIST_MAX, &limit, &offset);
	struct dated_row *d;
	size_t n;
	if (rc || (rc = child_rows_by_date(r, e, date_field, false, &d, &n))) {
		return rc;
	}
	json_t *list = json_array();
	for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++) {
		json_array_append_new(list, web_json_row(e, d[i].id, d[i].v, &r->a));
	}
	json_t *o = page_json((int64_t)n, limit, offset);
	json_object_set_new(o, "child_id", json_integer(r->child_id));
	json_object_set_new(o, key, list);
	return web_answer(r, 200, o);
}

int api_child_visits(struct web_request *r)
{
	return list_rows(r, &entity_visit, VISIT_VISIT_DATE, "visits");
}

int api_child_notes(struct web_request *r)
{
	return list_rows(r, &entity_note, NOTE_NOTE_DATE, "notes");
}

/* ---- POST visits and notes: a row by its descriptor ---- */

/* New DfE findings a save causes, for the answer: [{"return", "rule", "message"}]. */
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

static int add_row(struct web_request *r, const struct entity *e, int worker_field, const char *key)
{
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	struct hval *vals = arena_alloc(&r->a, sizeof(*vals) * (size_t)e->n_fields);
	bool *given = arena_alloc(&r->a, sizeof(*given) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		vals[i] = (struct hval){.null = true};
	}
	rc = web_json_to_row(r, e, body, vals, given);
	json_decref(body);
	if (rc) {
		return rc;
	}
	int64_t id;
	struct returns_findings warnings;
	struct hearth_error err = {0};
	struct hval *row;
	if (web_child_row_add(r, e, worker_field, vals, &id, &warnings, &err) ||
	    store_get(r->st, e, id, &r->a, &row, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *o = json_object();
	json_object_set_new(o, key, web_json_row(e, id, row, &r->a));
	if (warnings.n) {
		json_object_set_new(o, "warnings", warnings_json(&warnings));
	}
	return web_answer(r, 201, o);
}

int api_child_visit_add(struct web_request *r)
{
	return add_row(r, &entity_visit, VISIT_WORKER_ID, "visit");
}

int api_child_note_add(struct web_request *r)
{
	return add_row(r, &entity_note, NOTE_WORKER_ID, "note");
}

/* ---- allocations ---- */

static json_t *allocation_json(struct web_request *r, int64_t id, const struct hval *v, hdate today)
{
	json_t *o = web_json_row(&entity_allocation, id, v, &r->a);
	json_t *w = worker_json(r, v[ALLOCATION_WORKER_ID].i);
	json_object_set(o, "staff_id", json_object_get(w, "staff_id"));
	json_object_set(o, "worker_name", json_object_get(w, "name"));
	json_object_set(o, "team_id", json_object_get(w, "team_id"));
	json_decref(w);
	hdate start = v[ALLOCATION_START_DATE].null ? DATE_NONE : (hdate)v[ALLOCATION_START_DATE].i;
	hdate end = v[ALLOCATION_END_DATE].null ? DATE_NONE : (hdate)v[ALLOCATION_END_DATE].i;
	json_object_set_new(o, "current", json_boolean(cf_open_on(start, end, today)));
	return o;
}

int api_child_allocations(struct web_request *r)
{
	struct dated_row *d;
	size_t n;
	int rc = child_rows_by_date(r, &entity_allocation, ALLOCATION_START_DATE, true, &d, &n);
	if (rc) {
		return rc;
	}
	hdate today = date_today();
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(list, allocation_json(r, d[i].id, d[i].v, today));
	}
	json_t *o = json_pack("{s:I, s:o}", "child_id", (json_int_t)r->child_id, "allocations", list);
	return web_answer(r, 200, o);
}

/* Reallocation (actions.c): the live allocation of the same kind ends, with the reason,
 * and the new one begins, in one transaction. */
int api_child_reallocate(struct web_request *r)
{
	static const char *const fields[] = {"worker_id", "kind", "start_date", "reason", NULL};
	json_t *body;
	int rc = web_body_object(r, &body);
	if (rc) {
		return rc;
	}
	struct hval vals[ALLOCATION__COUNT];
	bool given[ALLOCATION__COUNT] = {0};
	for (int i = 0; i < ALLOCATION__COUNT; i++) {
		vals[i] = (struct hval){.null = true};
	}
	if ((rc = web_json_allowed(r, body, fields)) ||
	    (rc = web_json_to_row(r, &entity_allocation, body, vals, given))) {
		json_decref(body);
		return rc;
	}
	json_decref(body);
	struct hearth_error err = {0};
	int64_t new_id, ended_ids[16];
	size_t n_ended;
	struct hval *row;
	struct returns_findings warnings;
	if (web_child_reallocate(r, vals, &new_id, ended_ids, 16, &n_ended, &warnings, &err) ||
	    store_get(r->st, &entity_allocation, new_id, &r->a, &row, &err)) {
		return web_fail_err(r, &err);
	}
	json_t *ended = json_array();
	for (size_t i = 0; i < n_ended; i++) {
		json_array_append_new(ended, json_integer(ended_ids[i]));
	}
	json_t *o = json_pack("{s:o, s:o}", "allocation", allocation_json(r, new_id, row, date_today()), "ended", ended);
	if (warnings.n) {
		json_object_set_new(o, "warnings", warnings_json(&warnings));
	}
	return web_answer(r, 201, o);
}
