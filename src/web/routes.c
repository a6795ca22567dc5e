/* routes: the table of every route the server answers, and matching a path against it.
 *
 * Invariants (web_routes_check, run at start-up and by the unit test): every row has a
 * handler; API rows are under /api/ and page rows are not; a PERM_NONE row is marked .open and an .open row needs
 * PERM_NONE; only POST rows take a body; writing rows are POSTs or DELETEs; no method and
 * path appear twice. docs/openapi.json documents exactly these rows (the unit test
 * compares them). */
#include "web/routes.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "web/internal.h"

#define PAGE "limit", "offset"

const struct web_route web_routes[] = {
	/* signing in and out */
	{WEB_POST, "/api/session", api_session_create, PERM_NONE, .open = true, .body_limit = 4096},
	{WEB_GET, "/api/session", api_session_get, PERM_SIGNED_IN, .open = false},
	{WEB_DELETE, "/api/session", api_session_delete, PERM_SIGNED_IN, .open = false},
	/* the API's own description */
	{WEB_GET, "/api/openapi.json", api_openapi, PERM_NONE, .open = true},
	/* people (administrators) */
	{WEB_GET, "/api/users", api_users, PERM_USER_ADMIN, .open = false},
	/* children */
	{WEB_GET, "/api/children", api_children_list, PERM_CHILD_LIST, .audit = "children list",
	 .query = {"q", "dob", PAGE}},
	{WEB_GET, "/api/children/{id}", api_child_get, PERM_CHILD_READ, .child = true, .audit = "record",
	 .query = {"as_at"}},
	{WEB_GET, "/api/children/{id}/chronology", api_child_chronology, PERM_CHILD_READ, .child = true,
	 .audit = "chronology", .query = {PAGE}},
	{WEB_GET, "/api/children/{id}/allocations", api_child_allocations, PERM_CHILD_READ, .child = true,
	 .audit = "allocations"},
	{WEB_POST, "/api/children/{id}/allocations", api_child_reallocate, PERM_ALLOCATE, .child = true,
	 .writes = true, .body_limit = 4096},
	{WEB_GET, "/api/children/{id}/visits", api_child_visits, PERM_CHILD_READ, .child = true, .audit = "visits",
	 .query = {PAGE}},
	{WEB_POST, "/api/children/{id}/visits", api_child_visit_add, PERM_CHILD_WRITE, .child = true, .writes = true,
	 .body_limit = WEB_BODY_DEFAULT},
	{WEB_GET, "/api/children/{id}/notes", api_child_notes, PERM_CHILD_READ, .child = true, .audit = "notes",
	 .query = {PAGE}},
	{WEB_POST, "/api/children/{id}/notes", api_child_note_add, PERM_CHILD_WRITE, .child = true, .writes = true,
	 .body_limit = WEB_BODY_DEFAULT},
	{WEB_GET, "/api/children/{id}/due", api_child_due, PERM_DUE_READ, .child = true, .audit = "due",
	 .query = {"as_at", PAGE}},
	/* the worklist: what is due across the caller's children */
	{WEB_GET, "/api/due", api_due, PERM_DUE_READ, .audit = "due list", .query = {"as_at", PAGE}},

	/* pages for people: the same permissions, scope and audit as the API */
	{WEB_GET, "/assets/{name}", page_asset, PERM_NONE, .open = true, .page = true},
	{WEB_GET, "/", page_home, PERM_SIGNED_IN, .page = true},
	{WEB_GET, "/sign-in", page_sign_in, PERM_NONE, .open = true, .page = true},
	{WEB_POST, "/sign-in", page_sign_in_post, PERM_NONE, .open = true, .page = true, .body_limit = 4096},
	{WEB_POST, "/sign-out", page_sign_out, PERM_SIGNED_IN, .page = true, .body_limit = 4096},
	{WEB_GET, "/caseload", page_caseload, PERM_CHILD_LIST, .page = true, .audit = "caseload",
	 .query = {"as_at"}},
	{WEB_GET, "/due", page_due, PERM_DUE_READ, .page = true, .audit = "due list", .query = {"who", "as_at"}},
	{WEB_GET, "/team", page_team, PERM_ALLOCATE, .page = true, .audit = "team caseloads",
	 .query = {"team", "as_at"}},
	{WEB_GET, "/search", page_search, PERM_CHILD_LIST, .page = true, .audit = "children list",
	 .query = {"q", "dob", PAGE}},
	{WEB_GET, "/children/{id}", page_child, PERM_CHILD_READ, .child = true, .page = true, .audit = "record",
	 .query = {"kind", "done", "new_findings", "as_at"}},
	{WEB_GET, "/children/{id}/visits/new", page_visit_new, PERM_CHILD_WRITE, .child = true, .page = true,
	 .audit = "visit form"},
	{WEB_POST, "/children/{id}/visits", page_visit_post, PERM_CHILD_WRITE, .child = true, .page = true,
	 .writes = true, .body_limit = 65536},
	{WEB_GET, "/children/{id}/notes/new", page_note_new, PERM_CHILD_WRITE, .child = true, .page = true,
	 .audit = "note form"},
	{WEB_POST, "/children/{id}/notes", page_note_post, PERM_CHILD_WRITE, .child = true, .page = true,
	 .writes = true, .body_limit = 65536},
	{WEB_GET, "/children/{id}/reallocate", page_reallocate, PERM_ALLOCATE, .child = true, .page = true,
	 .audit = "allocations"},
	{WEB_POST, "/children/{id}/reallocate", page_reallocate_post, PERM_ALLOCATE, .child = true, .page = true,
	 .writes = true, .body_limit = 8192},
	/* inspection readiness: the measures, Annex A, the DfE's rules across the record */
	{WEB_GET, "/performance", page_performance, PERM_MEASURES_READ, .page = true, .audit = "measures",
	 .query = {"as_at"}},
	{WEB_GET, "/performance/{name}", page_measure, PERM_MEASURES_READ, .page = true, .audit = "measure drill-down",
	 .query = {"as_at", "list"}},
	{WEB_GET, "/inspection", page_inspection, PERM_MEASURES_READ, .page = true, .audit = "measures",
	 .query = {"as_at"}},
	{WEB_GET, "/annex-a.xlsx", page_annex_a, PERM_LISTS_ALL, .page = true, .audit = "annex a",
	 .query = {"as_at"}},
	{WEB_GET, "/findings", page_findings, PERM_MEASURES_READ, .page = true, .audit = "returns findings",
	 .query = {"return", "year", PAGE}},
};

const int web_route_count = (int)(sizeof(web_routes) / sizeof(web_routes[0]));

static const char *const method_names[WEB_METHOD_MAX] = {"GET", "POST", "DELETE"};

const char *web_method_name(enum web_method m)
{
	return m < WEB_METHOD_MAX ? method_names[m] : "?";
}

#define ROUTES_MAX 64
static char route_names[ROUTES_MAX][96];
static pthread_once_t route_names_once = PTHREAD_ONCE_INIT;

static void make_route_names(void)
{
	for (int i = 0; i < web_route_count && i < ROUTES_MAX; i++) {
		snprintf(route_names[i], sizeof(route_names[i]), "%s %s", web_method_name(web_routes[i].method),
			 web_routes[i].path);
	}
}

const char *web_route_name(const struct web_route *rt)
{
	pthread_once(&route_names_once, make_route_names);
	long i = rt - web_routes;
	return i >= 0 && i < web_route_count && i < ROUTES_MAX ? route_names[i] : rt->path;
}

int web_method_parse(const char *s)
{
	for (int i = 0; i < WEB_METHOD_MAX; i++) {
		if (s && strcmp(s, method_names[i]) == 0) {
			return i;
		}
	}
	return -1;
}

int web_routes_check(char *why, size_t why_size)
{
	return web_routes_check_table(web_routes, web_route_count, why, why_size);
}

int web_routes_check_table(const struct web_route *table, int n, char *why, size_t why_size)
{
	for (int i = 0; i < n; i++) {
		const struct web_route *rt = &table[i];
		const char *bad = NULL;
		if (!rt->handler) {
			bad = "has no handler";
		} else if (!rt->path || rt->path[0] != '/') {
			bad = "has no path";
		} else if (!rt->page && strncmp(rt->path, "/api/", 5) != 0) {
			bad = "is not under /api/ (and is not a page)";
		} else if (rt->page && strncmp(rt->path, "/api/", 5) == 0) {
			bad = "is a page under /api/";
		} else if (rt->perm == PERM_NONE && !rt->open) {
			bad = "declares no permission (a route open to anyone must say .open = true)";
		} else if (rt->open && rt->perm != PERM_NONE) {
			bad = "is marked open but needs a permission";
		} else if (rt->perm >= PERM_MAX) {
			bad = "names no known permission";
		} else if (rt->body_limit && rt->method != WEB_POST) {
			bad = "takes a body but is not a POST";
		} else if (rt->writes && rt->method == WEB_GET) {
			bad = "writes but is a GET";
		} else if (i >= ROUTES_MAX) {
			bad = "is one too many for the table (raise ROUTES_MAX)";
		} else if (rt->child != (strstr(rt->path, "{id}") != NULL)) {
			bad = "has {id} without .child (or .child without {id})";
		}
		for (int k = 0; !bad && k < i; k++) {
			if (table[k].method == rt->method && strcmp(table[k].path, rt->path) == 0) {
				bad = "appears twice";
			}
		}
		if (bad) {
			snprintf(why, why_size, "route %s %s %s", web_method_name(rt->method), rt->path ? rt->path : "(none)",
				 bad);
			return -1;
		}
	}
	return 0;
}

/* Whether path matches the pattern segment by segment; "{id}" (or "{name}") matches one
 * non-empty segment, whose position and length are returned. */
static bool path_matches(const char *pattern, const char *path, const char **id, size_t *id_len)
{
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			size_t n = strcspn(s, "/");
			const char *close = strchr(p, '}');
			if (n == 0 || !close) {
				return false;
			}
			if (id) {
				*id = s;
				*id_len = n;
			}
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s) {
			return false;
		}
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

const struct web_route *web_route_match(enum web_method method, const char *path, bool *path_known,
					const char **id, size_t *id_len)
{
	*path_known = false;
	for (int i = 0; i < web_route_count; i++) {
		const struct web_route *rt = &web_routes[i];
		const char *seg = NULL;
		size_t n = 0;
		if (!path_matches(rt->path, path, &seg, &n)) {
			continue;
		}
		*path_known = true;
		if ((int)rt->method == (int)method) {
			if (id) {
				*id = seg;
				*id_len = n;
			}
			return rt;
		}
	}
	return NULL;
}
