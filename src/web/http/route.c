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

#define ROUTES_MAX 128
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
		} else if (rt->child != (strstr(rt->path, "{id}") != NULL)) {
			bad = "has {id} without .child (or .child without {id})";
		} else if (strstr(rt->path, "{kind}") && !rt->child) {
			bad = "has {kind} outside a child's path";
		} else if (strstr(rt->path, "{rid}") && !strstr(rt->path, "{kind}")) {
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

/* Whether path matches the pattern segment by segment; "{name}" matches one non-empty
 * segment. With want (a parameter's name, "id"), *seg and *seg_len receive that segment
 * (NULL when the pattern has none); without, the first parameter's. */
static bool path_matches(const char *pattern, const char *path, const char *want, const char **seg,
			 size_t *seg_len)
{
	const char *p = pattern, *s = path;
	bool got = false;
	if (seg) {
		*seg = NULL;
		*seg_len = 0;
	}
	while (*p && *s) {
		if (*p == '{') {
			size_t n = strcspn(s, "/");
			const char *close = strchr(p, '}');
			if (n == 0 || !close) {
				return false;
			}
			bool this_one = want ? (size_t)(close - p - 1) == strlen(want) && strncmp(p + 1, want, strlen(want)) == 0
					     : !got;
			if (seg && this_one && !got) {
				*seg = s;
				*seg_len = n;
				got = true;
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

bool web_route_param(const struct web_route *rt, const char *path, const char *name, const char **seg,
		     size_t *seg_len)
{
	return path_matches(rt->path, path, name, seg, seg_len) && *seg != NULL;
}

const struct web_route *web_route_match(enum web_method method, const char *path, bool *path_known,
					const char **id, size_t *id_len)
{
	*path_known = false;
	for (int i = 0; i < web_route_count; i++) {
		const struct web_route *rt = &web_routes[i];
		const char *seg = NULL;
		size_t n = 0;
		if (!path_matches(rt->path, path, NULL, &seg, &n)) {
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
