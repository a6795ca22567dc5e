/* dispatch: the one place a request is judged, in a fixed order, deny by default:
 *
 *   1. the target decodes cleanly (uri.c) and names a route (404), with a method the
 *      path has (405 with Allow); only the query parameters it declares (400);
 *   2. a body only where the route takes one (400), within its limit (413); a page's
 *      form is application/x-www-form-urlencoded (415), decoded strictly (400), and a
 *      page's POST from another site (its Origin names another host) is refused (403);
 *   3. the caller is signed in unless the route is open (401); a signed-in caller has
 *      requests left in their rate (429 with Retry-After, settings user_requests_per_minute
 *      and user_request_burst);
 *   4. a state-changing request carries the session's CSRF token (403, rule csrf): the
 *      API in the X-CSRF-Token header, a page's form in its csrf_token field;
 *   5. the caller's role grants the route's permission (403, rule permission), and a
 *      read-only role never writes (403, rule read_only);
 *   6. a route's {id} child exists and is in the caller's scope, checked by the store's
 *      scoped query (or, for a read, the caller opened it by break-glass, with a reason,
 *      within break_glass_minutes; never a restricted child); an out-of-scope child is answered exactly as a child that does not
 *      exist (404, same body), so existence does not leak; then its {kind} names a kind
 *      of a child's record (400), one the caller's role may record when the route writes
 *      (403, from the one role table), and its {rid} a row of that kind that is this
 *      child's, live or retracted (404 otherwise);
 *   7. the handler runs;
 *   (from 3 on, the request's database work is capped: setting request_work_limit, or
 *   request_time_limit on PostgreSQL, 503)
 *   8. a successful read of a child's record (the route's .audit section) queues its
 *      audit row here, and so do refusals at 5 and 6 (action "denied"); server.c does not
 *      send the answer until those rows are durable.
 * Handlers never check permissions or scope themselves. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "web/http/http.h"
#include "work/work.h"

int web_answer(struct web_request *r, int status, json_t *body)
{
	if (r->out) {
		json_decref(r->out);
	}
	r->out = body;
	r->status = status;
	return status;
}

int web_fail(struct web_request *r, int status, const char *field, const char *rule, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_t *o = json_object();
	json_t *m = json_string(msg);
	json_object_set_new(o, "error", m ? m : json_string("the request was refused"));
	json_t *f = field && *field ? json_string(field) : NULL;
	json_object_set_new(o, "field", f ? f : json_null());
	json_object_set_new(o, "rule", rule && *rule ? json_string(rule) : json_null());
	return web_answer(r, status, o);
}

int web_fail_err(struct web_request *r, const struct hearth_error *e)
{
	switch (e->code) {
	case HERR_INVALID:
		return web_fail(r, 400, e->field, e->rule, "%s", e->message);
	case HERR_NOT_FOUND:
		return web_fail(r, 404, e->field, "not_found", "%s", e->message);
	case HERR_CONFLICT:
		return web_fail(r, 409, e->field, e->rule[0] ? e->rule : "conflict", "%s", e->message);
	case HERR_DENIED:
		return web_fail(r, 403, e->field, "permission", "%s", e->message);
	default:
		if (strcmp(e->rule, "disk_full") == 0) {
			fprintf(stderr, "hearth: serve: %s\n", e->message);
			r->retry_after = 60;
			return web_fail(r, 503, NULL, "disk_full",
					"the record's disk is full, so nothing could be saved; tell the system's administrator");
		}
		if (strcmp(e->rule, "budget") == 0) {
			fprintf(stderr, "hearth: serve: %s %s\n", r->route_name ? r->route_name : "", e->message);
			return web_fail(r, 503, NULL, "budget",
					"this request needed more work than Hearth allows one request, so it was stopped "
					"and nothing it began was kept; ask for less at once (a shorter list, a narrower "
					"period), or ask the system's administrator about the request_work_limit setting "
					"(request_time_limit on PostgreSQL)");
		}
		/* The database's own words stay in the server's log, not the answer. */
		fprintf(stderr, "hearth: serve: %s\n", e->message);
		return web_fail(r, 500, NULL, "internal", "the record could not be read or written; try again");
	}
}

void web_audit_row(struct web_request *r, const char *action, int64_t child_id, const char *section)
{
	if (r->n_audit >= WEB_AUDIT_MAX) {
		return;
	}
	r->audit[r->n_audit++] = (struct store_audit){
		.actor = r->actor[0] ? r->actor : "anonymous",
		.action = action,
		.child_id = child_id,
		.section = section,
		.route = r->route_name,
		.address = r->address,
	};
}

static const char *param(const struct web_param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(p[i].name, name) == 0) {
			return p[i].value;
		}
	}
	return NULL;
}

const char *web_query(const struct web_request *r, const char *name)
{
	return param(r->query, r->n_query, name);
}

const char *web_form(const struct web_request *r, const char *name)
{
	return param(r->form, r->n_form, name);
}

/* A page's POST: a form from this server's own pages. The session cookie is SameSite=
 * Strict and the form carries the CSRF token; the Origin check also covers sign-in, which
 * has no session yet. */
static int page_form(struct web_request *r)
{
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *form = "application/x-www-form-urlencoded";
	if (!ct || strncasecmp(ct, form, strlen(form)) != 0 || (ct[strlen(form)] && ct[strlen(form)] != ';')) {
		return web_fail(r, 415, "Content-Type", "content_type", "a form must be sent as %s", form);
	}
	const char *origin = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	const char *site = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") != 0) {
		return web_fail(r, 403, "Origin", "origin", "a form may only be sent from Hearth's own pages");
	}
	/* A browser may send "Origin: null" (privacy settings); its Sec-Fetch-Site, above,
	 * then says where the form came from. */
	if (origin && !(strcmp(origin, "null") == 0 && site)) {
		const char *o = strstr(origin, "://");
		if (!o || !host || strcmp(o + 3, host) != 0) {
			return web_fail(r, 403, "Origin", "origin", "a form may only be sent from Hearth's own pages");
		}
	}
	return web_pairs_parse(r, "form", r->body.data ? r->body.data : "", r->body.len, true, r->form, WEB_FORM_MAX,
			       &r->n_form);
}

/* A whole number of at most 9 digits: 0 and *out, or -1. */
static int parse_count(const char *s, int64_t *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > 9 || strspn(s, "0123456789") != n) {
		return -1;
	}
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int web_query_page(struct web_request *r, int64_t dflt, int64_t max, int64_t *limit, int64_t *offset)
{
	const char *l = web_query(r, "limit"), *o = web_query(r, "offset");
	*limit = dflt;
	*offset = 0;
	if (l && (parse_count(l, limit) || *limit < 1 || *limit > max)) {
		return web_fail(r, 400, "limit", "range", "limit must be a whole number from 1 to %lld", (long long)max);
	}
	if (o && parse_count(o, offset)) {
		return web_fail(r, 400, "offset", "range", "offset must be a whole number from 0");
	}
	return 0;
}

int web_query_page_number(struct web_request *r, int64_t *page)
{
	const char *p = web_query(r, "page");
	*page = 1;
	if (!p) {
		return 0;
	}
	char *end;
	long long n = strtoll(p, &end, 10);
	if (!*p || *end || n < 1 || n > 1000000 || strspn(p, "0123456789") != strlen(p)) {
		return web_fail(r, 400, "page", "range", "page must be a whole number from 1");
	}
	*page = n;
	return 0;
}

int web_query_date(struct web_request *r, const char *name, hdate dflt, hdate *out)
{
	const char *s = web_query(r, name);
	*out = dflt;
	if (s && date_parse(s, out)) {
		return web_fail(r, 400, name, "date", "%s must be a date of the form YYYY-MM-DD that exists", name);
	}
	return 0;
}

/* The methods a path has, for 405's Allow header. */
static const char *allowed_methods(struct web_request *r)
{
	char buf[64] = "";
	for (int m = 0; m < WEB_METHOD_MAX; m++) {
		bool known;
		if (web_route_match((enum web_method)m, r->path, &known, NULL, NULL)) {
			size_t n = strlen(buf);
			snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? ", " : "", web_method_name((enum web_method)m));
		}
	}
	return arena_strdup(&r->a, buf);
}

/* A child id is 1 to 18 digits; anything else names no child. */
static int64_t parse_id(const char *s, size_t n)
{
	if (n == 0 || n > 18) {
		return 0;
	}
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int no_such_child(struct web_request *r)
{
	/* The same words whatever the id, so out of scope and absent read the same. */
	return web_fail(r, 404, "id", "not_found", "there is no child with this id");
}

static void dispatch_checked(struct web_request *r, const char *id, size_t id_len);
static void dispatch_signed(struct web_request *r);

int web_dispatch_route(struct web_request *r)
{
	if (web_uri_parse(r)) {
		return r->status;
	}
	bool known;
	enum web_method m = r->method >= 0 ? (enum web_method)r->method : WEB_METHOD_MAX;
	struct web_route_params params;
	r->route = web_route_match_params(m, r->path, &known, &params);
	if (!r->route) {
		if (known) {
			r->allow = allowed_methods(r);
			return web_fail(r, 405, "method", "method", "this path does not take that method");
		}
		return web_fail(r, 404, "path", "not_found", "there is no such page or resource");
	}
	r->id_text = params.id;
	r->id_len = params.id_len;
	r->params = params;
	/* Outside a child's record, {rid} is simply a row of the route's own kind (a user, a
	 * team: the admin pages); under a child it is checked against {kind} in record_target. */
	if (!r->route->child && params.rid) {
		r->rid = parse_id(params.rid, params.rid_len);
	}
	r->route_name = web_route_name(r->route);
	for (size_t i = 0; i < r->n_query; i++) {
		bool ok = false;
		for (int k = 0; k < WEB_QUERY_MAX && r->route->query[k] && !ok; k++) {
			ok = strcmp(r->route->query[k], r->query[i].name) == 0;
		}
		if (!ok && r->route->query_also) {
			ok = r->route->query_also(r, r->query[i].name);
		}
		if (!ok) {
			return web_fail(r, 400, r->query[i].name, "unknown_field", "%s is not a parameter this request takes",
					r->query[i].name);
		}
	}
	return 0;
}

/* Sends ahead what a read of a child's record asks first, so that on PostgreSQL it all
 * travels in one round trip (store/web.h): the session, whether the {id} child was merged
 * away, whether it is in the scope the session had when last seen on this connection, and
 * what the route's own prefetch names. Nothing sent ahead is acted on: each is read at its
 * step below, in the same order and with the same checks, and read only when asked the
 * same question (the scope check: of the scope the session just read gives); what is not
 * read is dropped with the read transaction. */
static void prefetch(struct web_request *r)
{
	const struct web_route *rt = r->route;
	const char *hash = web_auth_token_hash(r);
	if (!hash || store_web_session_send(r->sw, hash, NULL)) {
		return;
	}
	int64_t child = rt->child ? parse_id(r->id_text, r->id_len) : 0;
	struct store_scope guess;
	if (!child || store_web_child_merged_send(r->sw, child, NULL) || !store_web_scope_guess(r->sw, hash, &guess)) {
		return;
	}
	guess.as_at = date_today(); /* as web_auth_session sets it */
	if (store_web_child_visible_send(r->sw, &guess, child, NULL) == 0 && rt->prefetch) {
		rt->prefetch(r, child);
	}
}

void web_dispatch(struct web_request *r)
{
	const struct web_route *rt = r->route;
	struct hearth_error err = {0};
	if (r->status) {
		return; /* refused while the route was matched */
	}
	if (r->body_bytes > 0 && rt->body_limit == 0) {
		web_fail(r, 400, "body", "no_body", "this request takes no body");
		return;
	}
	if (r->body_over) {
		web_fail(r, 413, "body", "too_large", "the body is larger than this request allows (%zu bytes)",
			 rt->body_limit);
		return;
	}
	if (rt->page && rt->method == WEB_POST && page_form(r)) {
		return;
	}
	if (!(r->st = web_store(r->srv, &r->sw, &err))) {
		web_fail_err(r, &err);
		return;
	}
	store_set_origin(r->st, r->route_name, r->address);
	/* Each request may do so much database work (setting request_work_limit; on
	 * PostgreSQL request_time_limit), sign-in and scope checks included; past it the
	 * store stops and the answer is 503. */
	store_set_budget(r->st, (uint64_t)r->srv->set.request_work_limit, (unsigned)r->srv->set.request_time_limit);
	/* A read sees one snapshot from the session to the last row it serialises. */
	bool reading = rt->method == WEB_GET && store_web_read_begin(r->sw, &err) == 0;
	if (reading) {
		prefetch(r);
	}
	dispatch_signed(r);
	if (reading) {
		store_web_read_end(r->sw);
	}
	web_auth_session_write(r);
}

/* Steps 3 to 8. */
static void dispatch_signed(struct web_request *r)
{
	const struct web_route *rt = r->route;
	if (web_auth_session(r)) {
		return;
	}
	/* Each signed-in person's requests are capped (guard.c); a page's own images, styles
	 * and script are not counted. */
	if (r->signed_in && rt->handler != page_asset) {
		int wait = web_guard_rate(r->user_id);
		if (wait) {
			r->retry_after = wait;
			web_fail(r, 429, NULL, "rate", "too many requests at once; try again in %d second%s", wait,
				 wait == 1 ? "" : "s");
			return;
		}
	}
	if (!rt->open) {
		if (!r->signed_in) {
			web_fail(r, 401, NULL, "sign_in", "sign in first");
			return;
		}
		if (rt->method != WEB_GET && !web_auth_csrf_ok(r)) {
			web_fail(r, 403, rt->page ? "csrf_token" : "X-CSRF-Token", "csrf",
				 rt->page ? "this form has expired or did not come from Hearth; go back and try again"
					  : "a change needs the X-CSRF-Token header from sign-in");
			return;
		}
		/* A partner practitioner reaches a child's {kind} routes by PERM_FAMILY_HELP; record_target
		 * then lets through only the kinds the role may read. */
		bool partner = rt->perm == PERM_CHILD_READ && r->params.kind && role_can(r->role, PERM_FAMILY_HELP);
		if (!role_can(r->role, rt->perm) && !partner) {
			int64_t child = rt->child ? parse_id(r->id_text, r->id_len) : 0;
			web_audit_row(r, "denied", child, rt->audit ? rt->audit : rt->path);
			web_fail(r, 403, NULL, "permission", "your role (%s) may not do this", role_name(r->role));
			return;
		}
		if (rt->writes && role_read_only(r->role)) {
			web_fail(r, 403, NULL, "read_only", "your role (%s) may read but not change the record",
				 role_name(r->role));
			return;
		}
	}
	dispatch_checked(r, r->id_text, r->id_len);
}

/* Step 6 beyond the child: the {kind} and {rid} of a child's record. 0, or the status
 * answered. */
static int record_target(struct web_request *r)
{
	const struct web_route *rt = r->route;
	if (!r->params.kind) {
		return 0;
	}
	const char *name = arena_strndup(&r->a, r->params.kind, r->params.kind_len);
	const struct entity *e = entity_find(name);
	if (!work_child_kind(e)) {
		/* A page for a kind that does not exist is not found; the API names the bad part. */
		return web_fail(r, rt->page ? 404 : 400, "kind", "unknown_kind", "%s is not a kind of a child's record",
				name);
	}
	if (rt->writes && !role_may_record(r->role, e)) {
		web_audit_row(r, "denied", r->child_id, e->name);
		return web_fail(r, 403, "kind", "permission", "your role (%s) may not record a %s", role_name(r->role),
				e->label);
	}
	if ((rt->perm == PERM_CHILD_READ || r->params.rid) && !role_may_read(r->role, e)) {
		web_audit_row(r, "denied", r->child_id, e->name);
		return web_fail(r, 403, "kind", "permission", "your role (%s) may not read a %s", role_name(r->role),
				e->label);
	}
	r->kind = e;
	if (!r->params.rid) {
		return 0;
	}
	int64_t rid = parse_id(r->params.rid, r->params.rid_len), child = 0;
	struct hearth_error err = {0};
	bool retracted = false;
	int rc;
	if (rid && e->child_field < 0 && entity_link(e, NULL)) {
		/* A person is this child's while a live relationship of this child names them (a
		 * retracted one's history stays on the relationship's own history). */
		rc = work_linked_to_child(r->st, e, rid, r->child_id, &r->a, &err);
		child = rc ? 0 : r->child_id;
	} else {
		rc = rid ? work_row_child(r->st, e, rid, &r->a, &child, &retracted, &err) : HERR_NOT_FOUND;
	}
	if (rc && rc != HERR_NOT_FOUND) {
		return web_fail_err(r, &err);
	}
	if (rc || child != r->child_id) {
		/* The same words whether the row is another child's or nobody's. */
		return web_fail(r, 404, "rid", "not_found", "this child has no %s with this id", e->label);
	}
	if (role_reads_own_only(r->role, e)) {
		/* A kind the role reads only the rows of that it wrote: another's row, or a
		 * retracted one, is answered as no row at all. */
		struct hval *row;
		if (retracted || store_get(r->st, e, rid, &r->a, &row, NULL) != 0 ||
		    !role_may_read_row(r->role, e, row, r->session.user.worker_id)) {
			return web_fail(r, 404, "rid", "not_found", "this child has no %s with this id", e->label);
		}
	}
	r->rid = rid;
	r->rid_retracted = retracted;
	return 0;
}

void web_rows_readable(const struct web_request *r, const struct entity *e, int64_t *ids, struct hval **rows,
		       size_t *n)
{
	if (!role_reads_own_only(r->role, e)) {
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (role_may_read_row(r->role, e, rows[i], r->session.user.worker_id)) {
			ids[k] = ids[i];
			rows[k++] = rows[i];
		}
	}
	*n = k;
}

/* Steps 6 to 8: scope, handler, audit of the read. */
static void dispatch_checked(struct web_request *r, const char *id, size_t id_len)
{
	const struct web_route *rt = r->route;
	struct hearth_error err = {0};
	if (rt->child) {
		int64_t child = parse_id(id, id_len);
		if (child == 0) {
			no_such_child(r);
			return;
		}
		/* A record merged into another is the other one now: a page's address moves to
		 * it, the API answers for it (store/merge.c). */
		int64_t keep;
		int merged = store_web_child_merged_into(r->sw, child, &keep, &err);
		if (merged < 0) {
			web_fail_err(r, &err);
			return;
		}
		if (merged && rt->page && r->method == WEB_GET && store_web_child_visible(r->sw, &r->scope, keep, &err) == 1) {
			const char *rest = id + id_len;
			r->location = arena_printf(&r->a, "%.*s%lld%s", (int)(id - r->path), r->path, (long long)keep, rest);
			r->status = 303;
			return;
		}
		if (merged) {
			child = keep;
		}
		int v = store_web_child_visible(r->sw, &r->scope, child, &err);
		if (v < 0) {
			web_fail_err(r, &err);
			return;
		}
		/* Out of scope, a read may go through the person's own break-glass opening of
		 * this child (never a restricted one; store/break_glass.c), while it lasts. */
		if (v == 0 && rt->method == WEB_GET && role_can(r->role, PERM_BREAK_GLASS)) {
			hinstant since = instant_now() - (hinstant)r->srv->set.break_glass_minutes * 60;
			if ((v = store_break_glass_active(r->st, r->actor, child, since, &err)) < 0) {
				web_fail_err(r, &err);
				return;
			}
			r->break_glass = v == 1;
		}
		if (v == 0) {
			web_audit_row(r, "denied", child, rt->audit ? rt->audit : rt->path);
			no_such_child(r);
			return;
		}
		r->child_id = child;
		if (record_target(r)) {
			return;
		}
	}
	int status = rt->handler(r);
	if (status == 200 && rt->audit) {
		/* A read through break-glass is told apart in the trail. */
		web_audit_row(r, r->break_glass ? "break_glass_read" : "read", r->child_id, rt->audit);
	}
}
