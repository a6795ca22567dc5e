/* route: matching a request's method and path against the route table (web_routes, defined
 * in src/web/routes.c with the handlers of the pages and the API), and checking the table's
 * invariants at start-up. Knows no page and no handler. */
#include "web/http/routes.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "web/http/http.h"

static const char *const method_names[WEB_METHOD_MAX] = {"GET", "POST", "DELETE", "PATCH"};

const char *web_method_name(enum web_method m)
{
	return m < WEB_METHOD_MAX ? method_names[m] : "?";
}

#define ROUTES_MAX 256
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
		} else if (rt->body_limit && rt->method != WEB_POST && rt->method != WEB_PATCH) {
			bad = "takes a body but is not a POST or a PATCH";
		} else if (rt->method == WEB_PATCH && (!rt->writes || !rt->body_limit)) {
			bad = "is a PATCH that does not write, or takes no body";
		} else if (rt->writes && rt->method == WEB_GET) {
			bad = "writes but is a GET";
		} else if (i >= ROUTES_MAX) {
			bad = "is one too many for the table (raise ROUTES_MAX)";
		} else if (rt->draft && (!rt->page || rt->method != WEB_GET || rt->open)) {
			bad = "keeps drafts but is not a GET page for signed-in people";
		} else if (rt->child != (strstr(rt->path, "{id}") != NULL)) {
			bad = "has {id} without .child (or .child without {id})";
		} else if (strstr(rt->path, "{kind}") && !rt->child) {
			bad = "has {kind} outside a child's path";
		} else if (strstr(rt->path, "{rid}") && rt->child && !strstr(rt->path, "{kind}")) {
			bad = "has {rid} without the {kind} it is a row of";
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

/* Whether a path segment (n bytes) may fill a pattern's "{...}" slot: {kind} is a word
 * (lower-case letters, digits, underscores), {rid} a row id (1 to 18 digits); any other
 * slot ({id}, {name}) takes any non-empty segment, judged later by its handler. */
static bool slot_accepts(const char *slot, size_t slot_len, const char *seg, size_t n)
{
	if (n == 0) {
		return false;
	}
	if (slot_len == 6 && memcmp(slot, "{kind}", 6) == 0) {
		for (size_t i = 0; i < n; i++) {
			char c = seg[i];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
				return false;
			}
		}
		return true;
	}
	if (slot_len == 5 && memcmp(slot, "{rid}", 5) == 0) {
		return n <= 18 && strspn(seg, "0123456789") >= n;
	}
	return true;
}

/* Whether path matches the pattern segment by segment; each "{...}" slot matches one
 * segment it accepts (slot_accepts), whose position and length go into p. */
static bool path_matches(const char *pattern, const char *path, struct web_route_params *out)
{
	const char *p = pattern, *s = path;
	struct web_route_params got = {0};
	while (*p && *s) {
		if (*p == '{') {
			size_t n = strcspn(s, "/");
			const char *close = strchr(p, '}');
			if (!close || !slot_accepts(p, (size_t)(close - p) + 1, s, n)) {
				return false;
			}
			size_t slot_len = (size_t)(close - p) + 1;
			if (slot_len == 6 && memcmp(p, "{kind}", 6) == 0) {
				got.kind = s;
				got.kind_len = n;
			} else if (slot_len == 5 && memcmp(p, "{rid}", 5) == 0) {
				got.rid = s;
				got.rid_len = n;
			} else {
				got.id = s;
				got.id_len = n;
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
	if (*p != '\0' || *s != '\0') {
		return false;
	}
	if (out) {
		*out = got;
	}
	return true;
}

const struct web_route *web_route_match_params(enum web_method method, const char *path, bool *path_known,
					       struct web_route_params *params)
{
	*path_known = false;
	for (int i = 0; i < web_route_count; i++) {
		const struct web_route *rt = &web_routes[i];
		struct web_route_params got;
		if (!path_matches(rt->path, path, &got)) {
			continue;
		}
		*path_known = true;
		if ((int)rt->method == (int)method) {
			if (params) {
				*params = got;
			}
			return rt;
		}
	}
	return NULL;
}

const struct web_route *web_route_match(enum web_method method, const char *path, bool *path_known,
					const char **id, size_t *id_len)
{
	struct web_route_params got;
	const struct web_route *rt = web_route_match_params(method, path, path_known, &got);
	if (rt && id) {
		*id = got.id;
		*id_len = got.id_len;
	}
	return rt;
}
