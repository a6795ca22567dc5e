/* routes: THE table of what the server answers. One row per method and path: the
 * handler, the permission it needs, the largest body it takes, whether its {id} names a
 * child that must be in the caller's scope, and which section of the record a successful
 * answer reads (so the dispatcher audits it). The dispatcher (dispatch.c) applies all of
 * it in one place; handlers never check permission or scope themselves.
 *
 * Deny by default: a row whose permission is PERM_NONE must also say .open = true, and a
 * row that says .open must need PERM_NONE; web_routes_check() refuses any other row, the
 * server will not start with one, and tests/unit/web/test_routes.c walks the table. A
 * zero-initialised (forgotten) permission therefore never means "anyone". */
#ifndef HEARTH_WEB_ROUTES_H
#define HEARTH_WEB_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/roles.h"

enum web_method { WEB_GET, WEB_POST, WEB_DELETE, WEB_PATCH, WEB_METHOD_MAX };

#define WEB_BODY_DEFAULT ((size_t)1 << 20)	/* 1 MiB unless a route says otherwise */
#define WEB_QUERY_MAX 8

struct web_request;
/* A handler fills the request's answer (web_answer / web_fail) and returns the status. */
typedef int (*web_handler_fn)(struct web_request *r);

struct web_route {
	enum web_method method;
	const char *path;		/* "/api/children/{id}/visits": also the log's template */
	web_handler_fn handler;
	enum permission perm;		/* what the caller's role must grant */
	bool open;			/* deliberately open to anyone (perm must be PERM_NONE) */
	bool page;			/* answers HTML for people (not under /api/); forms carry the
					 * CSRF token as csrf_token, errors are pages */
	bool child;			/* {id} is a child: must exist and be in scope, else 404. Under
					 * it, {kind} names a kind of a child's record (else 400;
					 * on a writing route one the role may record, else 403) and
					 * {rid} a row of that kind that is the child's, live or
					 * retracted (else 404): the dispatcher checks all three */
	bool writes;			/* changes the record: refused for read-only roles */
	size_t body_limit;		/* 0: no body accepted (only POST and PATCH take one) */
	bool draft;			/* a form page whose typing may be kept as a draft (POST
					 * /drafts names it by its path); a GET page route */
	const char *audit;		/* section read on success, audited before the answer */
	const char *query[WEB_QUERY_MAX];	/* the query parameters it accepts, NULL-terminated */
	/* Other parameters it accepts, decided per request (a form pre-filled from the query
	 * takes its kind's declared fields): true when name is one. NULL: none. */
	bool (*query_also)(const struct web_request *r, const char *name);
	/* A child's route's first reads, sent ahead with the session and the scope check
	 * (dispatch.c's prefetch; store/web.h's *_send functions), for the {id} child as
	 * written, before anything is checked: the handler's reads then read what was sent
	 * when asked the same. NULL: none. */
	void (*prefetch)(struct web_request *r, int64_t child_id);
};

extern const struct web_route web_routes[];
extern const int web_route_count;

const char *web_method_name(enum web_method m);	/* "GET" */
/* "GET /api/children/{id}": the route as audit rows name it. Static storage. */
const char *web_route_name(const struct web_route *rt);
int web_method_parse(const char *s);			/* -1 when not one we serve */

/* Checks every row (a handler, a path starting "/api/" exactly when it is not a page, the
 * deny-by-default rule, body
 * limits only on POST, no two rows for one method and path). Returns 0, or -1 with why
 * (a line naming the route) written into why. */
int web_routes_check(char *why, size_t why_size);
/* The same checks on any table (the unit test shows a table with a forgotten permission is
 * refused). */
int web_routes_check_table(const struct web_route *table, int n, char *why, size_t why_size);

/* Matches a decoded path against the table. Returns the route for method and path, or
 * NULL; *path_known is set when some route has this path under another method (405), and
 * *id (may be NULL) receives the {id} (or {name}) segment (within path, not copied:
 * *id_len bytes). */
const struct web_route *web_route_match(enum web_method method, const char *path, bool *path_known,
					const char **id, size_t *id_len);

/* The segments a path's slots matched (within the path, not copied). A route's path may
 * have, besides one {id} (or {name}) taking any non-empty segment, a {kind} that only a
 * word matches (lower-case letters, digits, underscores) and a {rid} that only 1 to 18
 * digits match: so "/children/{id}/records/{kind}/new" and ".../{kind}/{rid}" never take
 * each other's paths. Slots a route does not have are NULL with length 0. */
struct web_route_params {
	const char *id, *kind, *rid;
	size_t id_len, kind_len, rid_len;
};
/* web_route_match with every slot's segment. */
const struct web_route *web_route_match_params(enum web_method method, const char *path, bool *path_known,
					       struct web_route_params *params);

#endif
