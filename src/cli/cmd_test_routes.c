/* cmd_test_routes: hidden `hearth test-routes`, the route table (src/web/routes.c) and the
 * role table (src/model/roles.c) as JSON, read from this binary. tests/http/roles.test.mjs
 * walks it, so every route, pages included, is tried with every role, and a route added
 * to the table is covered without anyone writing a test row for it. Needs no record. */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"
#include "model/entity.h"
#include "model/roles.h"
#include "web/http/routes.h"

static const char *scope_name(enum role_scope s)
{
	switch (s) {
	case SCOPE_TEAM:
		return "team";
	case SCOPE_OWN:
		return "own";
	case SCOPE_ALL:
		return "all";
	default:
		return "none";
	}
}

int cmd_test_routes(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: hearth test-routes\n");
		return EXIT_USAGE;
	}
	json_t *routes = json_array();
	for (int i = 0; i < web_route_count; i++) {
		const struct web_route *rt = &web_routes[i];
		json_array_append_new(routes,
				      json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b}", "method",
						web_method_name(rt->method), "path", rt->path, "permission",
						permission_name(rt->perm), "open", rt->open, "page", rt->page, "child",
						rt->child, "writes", rt->writes, "body", rt->body_limit > 0));
	}
	json_t *roles = json_array();
	for (int r = 0; r < ROLE_MAX; r++) {
		json_t *perms = json_array();
		for (int p = 0; p < PERM_MAX; p++) {
			if (role_can((enum role)r, (enum permission)p)) {
				json_array_append_new(perms, json_string(permission_name((enum permission)p)));
			}
		}
		/* The kinds of a child's record it may add, correct or retract (role_may_record). */
		json_t *records = json_array();
		for (int k = 0; k < model_entity_count; k++) {
			if (role_may_record((enum role)r, model_entities[k])) {
				json_array_append_new(records, json_string(model_entities[k]->name));
			}
		}
		/* The kinds it may read through a child's {kind} routes (role_may_read). */
		json_t *reads = json_array();
		for (int k = 0; k < model_entity_count; k++) {
			if (role_may_read((enum role)r, model_entities[k])) {
				json_array_append_new(reads, json_string(model_entities[k]->name));
			}
		}
		/* Of those, the kinds it reads only the rows it wrote of (role_reads_own_only). */
		json_t *reads_own = json_array();
		for (int k = 0; k < model_entity_count; k++) {
			if (role_reads_own_only((enum role)r, model_entities[k])) {
				json_array_append_new(reads_own, json_string(model_entities[k]->name));
			}
		}
		json_array_append_new(roles, json_pack("{s:s, s:s, s:b, s:o, s:o, s:o, s:o}", "role", role_name((enum role)r),
						       "scope", scope_name(role_scope((enum role)r)), "read_only",
						       role_read_only((enum role)r), "permissions", perms, "records",
						       records, "reads", reads, "reads_own", reads_own));
	}
	json_t *doc = json_pack("{s:o, s:o}", "routes", routes, "roles", roles);
	int rc = doc && json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? EXIT_OK : EXIT_FAIL;
	putchar('\n');
	json_decref(doc);
	return rc;
}
