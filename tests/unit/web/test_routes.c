/* The route table: every route declares its permission (deny by default: a forgotten one
 * is refused), docs/openapi.json documents exactly the routes the server answers, paths
 * match as intended, and request targets are decoded strictly. */
#include "test.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/http/http.h"
#include "web/api/openapi.h"
#include "web/http/routes.h"
#include "model/codes.h"
#include "work/work.h"

static int dummy(struct web_request *r)
{
	(void)r;
	return 200;
}

static void routes_table_is_sound(void **state)
{
	(void)state;
	char why[256] = "";
	int rc = web_routes_check(why, sizeof(why));
	if (rc) {
		fail_msg("%s", why);
	}
	assert_true(web_route_count > 0);
}

static void every_route_declares_a_permission(void **state)
{
	(void)state;
	for (int i = 0; i < web_route_count; i++) {
		const struct web_route *rt = &web_routes[i];
		if (rt->perm == PERM_NONE && !rt->open) {
			fail_msg("%s %s declares no permission", web_method_name(rt->method), rt->path);
		}
		assert_non_null(rt->handler);
	}
}

static void routes_bad_forgotten_permission_refused(void **state)
{
	(void)state;
	/* A row whose permission was left out (zero: PERM_NONE) is not taken as "anyone". */
	const struct web_route bad[] = {{WEB_GET, "/api/forgotten", dummy, .query = {NULL}}};
	char why[256] = "";
	assert_int_equal(web_routes_check_table(bad, 1, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "declares no permission"));
	const struct web_route open_with_perm[] = {{WEB_GET, "/api/x", dummy, PERM_CHILD_READ, .open = true}};
	assert_int_equal(web_routes_check_table(open_with_perm, 1, why, sizeof(why)), -1);
	const struct web_route get_with_body[] = {{WEB_GET, "/api/x", dummy, PERM_CHILD_READ, .body_limit = 10}};
	assert_int_equal(web_routes_check_table(get_with_body, 1, why, sizeof(why)), -1);
	const struct web_route id_without_child[] = {{WEB_GET, "/api/children/{id}", dummy, PERM_CHILD_READ,
						      .open = false}};
	assert_int_equal(web_routes_check_table(id_without_child, 1, why, sizeof(why)), -1);
	const struct web_route twice[] = {{WEB_GET, "/api/x", dummy, PERM_CHILD_READ, .open = false},
					  {WEB_GET, "/api/x", dummy, PERM_CHILD_READ, .open = false}};
	assert_int_equal(web_routes_check_table(twice, 2, why, sizeof(why)), -1);
	const struct web_route no_handler[] = {{WEB_GET, "/api/x", NULL, PERM_CHILD_READ, .open = false}};
	assert_int_equal(web_routes_check_table(no_handler, 1, why, sizeof(why)), -1);
	/* Drafts belong to form pages: never to a POST, an API route or an open page. */
	const struct web_route draft_post[] = {{WEB_POST, "/x", dummy, PERM_SIGNED_IN, .page = true, .draft = true}};
	assert_int_equal(web_routes_check_table(draft_post, 1, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "keeps drafts"));
	const struct web_route draft_api[] = {{WEB_GET, "/api/x", dummy, PERM_SIGNED_IN, .draft = true}};
	assert_int_equal(web_routes_check_table(draft_api, 1, why, sizeof(why)), -1);
	const struct web_route draft_open[] = {{WEB_GET, "/x", dummy, PERM_NONE, .open = true, .page = true,
						.draft = true}};
	assert_int_equal(web_routes_check_table(draft_open, 1, why, sizeof(why)), -1);
	const struct web_route draft_form[] = {{WEB_GET, "/x/new", dummy, PERM_SIGNED_IN, .page = true, .draft = true}};
	assert_int_equal(web_routes_check_table(draft_form, 1, why, sizeof(why)), 0);
}

static void openapi_documents_exactly_the_routes(void **state)
{
	(void)state;
	json_error_t je;
	json_t *raw = json_loadb((const char *)web_openapi_json, web_openapi_json_len, JSON_REJECT_DUPLICATES, &je);
	if (!raw) {
		fail_msg("docs/openapi.json: %s at line %d", je.text, je.line);
	}
	json_decref(raw);
	json_t *doc = api_openapi_document(); /* as served: with the generated schemas */
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	json_t *paths = json_object_get(doc, "paths");
	assert_non_null(paths);
	int documented = 0;
	const char *path;
	json_t *ops;
	json_object_foreach(paths, path, ops) {
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op) {
			documented++;
			bool found = false;
			for (int i = 0; i < web_route_count && !found; i++) {
				const struct web_route *rt = &web_routes[i];
				if (strcmp(rt->path, path) == 0 && strcasecmp(web_method_name(rt->method), method) == 0) {
					found = true;
					const char *perm = json_string_value(json_object_get(op, "x-permission"));
					if (!perm || strcmp(perm, permission_name(rt->perm)) != 0) {
						fail_msg("%s %s: documented permission %s, route needs %s", method, path,
							 perm ? perm : "(none)", permission_name(rt->perm));
					}
				}
			}
			if (!found) {
				fail_msg("%s %s is documented but not served", method, path);
			}
		}
	}
	int api_routes = 0;
	for (int i = 0; i < web_route_count; i++) {
		const struct web_route *rt = &web_routes[i];
		char m[8];
		if (rt->page) {
			continue; /* pages are for people, not the API's description */
		}
		api_routes++;
		snprintf(m, sizeof(m), "%s", web_method_name(rt->method));
		for (char *p = m; *p; p++) {
			*p = (char)(*p - 'A' + 'a');
		}
		if (!json_object_get(json_object_get(paths, rt->path), m)) {
			fail_msg("%s %s is served but not documented", web_method_name(rt->method), rt->path);
		}
	}
	assert_int_equal(documented, api_routes);
	json_decref(doc);
}

/* Every kind of a child's record is described from the descriptor: each field, its type,
 * whether it is required, and every code of a coded field; and every $ref resolves. */
static void openapi_describes_every_kind_from_the_descriptor(void **state)
{
	(void)state;
	json_t *doc = api_openapi_document();
	assert_non_null(doc);
	json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	json_t *kinds = json_object_get(json_object_get(schemas, "Kind"), "enum");
	int n_kinds = 0;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (!work_child_kind(e)) {
			continue;
		}
		n_kinds++;
		char name[96];
		snprintf(name, sizeof(name), "RecordInput_%s", e->name);
		json_t *in = json_object_get(schemas, name);
		snprintf(name, sizeof(name), "Record_%s", e->name);
		json_t *out = json_object_get(schemas, name);
		if (!in || !out) {
			fail_msg("%s has no generated schema", e->name);
		}
		json_t *props = json_object_get(in, "properties");
		/* A linked kind (a person) also takes its link (the relationship) as one object. */
		assert_int_equal(json_object_size(props),
				 (size_t)(e->n_fields - (e->child_field >= 0) + (entity_link(e, NULL) != NULL)));
		assert_int_equal(json_object_size(json_object_get(out, "properties")), (size_t)e->n_fields + 1);
		for (int i = 0; i < e->n_fields; i++) {
			const struct field *f = &e->fields[i];
			json_t *p = json_object_get(props, f->name);
			if (i == e->child_field) {
				assert_null(p);
				continue;
			}
			if (!p) {
				fail_msg("%s.%s is not described", e->name, f->name);
			}
			bool required = false;
			size_t ri;
			json_t *rv;
			json_array_foreach(json_object_get(in, "required"), ri, rv) {
				required |= strcmp(json_string_value(rv), f->name) == 0;
			}
			assert_int_equal(required, (f->flags & F_REQUIRED) && !(f->flags & F_AUTHOR));
			if (f->type == FT_CODE) {
				const struct codelist *l = codelist_find(f->arg);
				assert_non_null(l);
				assert_int_equal(json_array_size(json_object_get(p, "enum")), l->n);
			}
			if (f->type == FT_DATE) {
				assert_string_equal(json_string_value(json_object_get(p, "format")), "date");
			}
		}
		bool listed = false;
		size_t ki;
		json_t *kv;
		json_array_foreach(kinds, ki, kv) {
			listed |= strcmp(json_string_value(kv), e->name) == 0;
		}
		assert_true(listed);
	}
	assert_int_equal(json_array_size(kinds), (size_t)n_kinds);
	assert_true(n_kinds >= 28);
	assert_null(json_object_get(schemas, "Record_team")); /* not a child's */
	/* Every $ref in the document names a schema it has. */
	char *text = json_dumps(doc, JSON_COMPACT);
	for (const char *p = text; (p = strstr(p, "\"#/components/schemas/")); p++) {
		const char *name = p + strlen("\"#/components/schemas/");
		size_t n = strcspn(name, "\"");
		char ref[128];
		snprintf(ref, sizeof(ref), "%.*s", (int)n, name);
		if (!json_object_get(schemas, ref)) {
			fail_msg("$ref to a schema the document lacks: %s", ref);
		}
	}
	free(text);
	json_decref(doc);
}

static void match_paths(void **state)
{
	(void)state;
	bool known;
	const char *id = NULL;
	size_t n = 0;
	const struct web_route *rt = web_route_match(WEB_GET, "/api/children/12/visits", &known, &id, &n);
	assert_non_null(rt);
	assert_string_equal(rt->path, "/api/children/{id}/visits");
	assert_int_equal(n, 2);
	assert_memory_equal(id, "12", 2);
	assert_null(web_route_match(WEB_GET, "/api/children/", &known, &id, &n));
	assert_false(known);
	assert_null(web_route_match(WEB_GET, "/api/children/12/visits/", &known, &id, &n));
	assert_null(web_route_match(WEB_DELETE, "/api/children/12", &known, &id, &n));
	assert_true(known); /* 405, not 404 */
	assert_null(web_route_match(WEB_METHOD_MAX, "/api/session", &known, &id, &n));
	assert_true(known);
	/* {kind} and {rid}: the child's {id} is the one web_route_match gives; the others by slot. */
	const char *path = "/api/children/12/records/visit/345/history";
	rt = web_route_match(WEB_GET, path, &known, &id, &n);
	assert_non_null(rt);
	assert_string_equal(rt->path, "/api/children/{id}/records/{kind}/{rid}/history");
	assert_memory_equal(id, "12", 2);
	struct web_route_params p;
	assert_non_null(web_route_match_params(WEB_GET, path, &known, &p));
	assert_int_equal(p.kind_len, 5);
	assert_memory_equal(p.kind, "visit", 5);
	assert_int_equal(p.rid_len, 3);
	assert_memory_equal(p.rid, "345", 3);
	rt = web_route_match(WEB_PATCH, "/api/children/12/records/note/7", &known, &id, &n);
	assert_non_null(rt);
	assert_int_equal(rt->method, WEB_PATCH);
	assert_string_equal(web_method_name(WEB_PATCH), "PATCH");
	assert_int_equal(web_method_parse("PATCH"), WEB_PATCH);
	assert_null(web_route_match(WEB_DELETE, "/api/children/12/records/note/7", &known, &id, &n));
	assert_true(known);
	assert_null(web_route_match(WEB_GET, "/api/children/12/records//7/history", &known, &id, &n));
}

static void routes_bad_kind_and_rid_rows_refused(void **state)
{
	(void)state;
	char why[256] = "";
	const struct web_route kind_no_child[] = {{WEB_GET, "/api/x/{kind}", dummy, PERM_CHILD_READ, .open = false}};
	assert_int_equal(web_routes_check_table(kind_no_child, 1, why, sizeof(why)), -1);
	const struct web_route rid_no_kind[] = {{WEB_GET, "/api/children/{id}/{rid}", dummy, PERM_CHILD_READ,
						 .child = true}};
	assert_int_equal(web_routes_check_table(rid_no_kind, 1, why, sizeof(why)), -1);
	const struct web_route patch_no_write[] = {{WEB_PATCH, "/api/x", dummy, PERM_CHILD_READ, .body_limit = 10}};
	assert_int_equal(web_routes_check_table(patch_no_write, 1, why, sizeof(why)), -1);
	const struct web_route delete_body[] = {{WEB_DELETE, "/api/x", dummy, PERM_CHILD_READ, .writes = true,
						 .body_limit = 10}};
	assert_int_equal(web_routes_check_table(delete_body, 1, why, sizeof(why)), -1);
}

/* {kind} takes only a word and {rid} only digits, so the record pages' paths never take
 * each other's: ".../visit/new" is the new form, ".../visit/12" a row, and a POST to
 * ".../visit/new" is 405, not a row called "new". */
static void match_kind_and_rid(void **state)
{
	(void)state;
	bool known;
	struct web_route_params p;
	const struct web_route *rt = web_route_match_params(WEB_GET, "/children/7/records/cla_episode/new", &known, &p);
	assert_non_null(rt);
	assert_string_equal(rt->path, "/children/{id}/records/{kind}/new");
	assert_int_equal(p.id_len, 1);
	assert_memory_equal(p.id, "7", 1);
	assert_int_equal(p.kind_len, 11);
	assert_memory_equal(p.kind, "cla_episode", 11);
	assert_null(p.rid);
	rt = web_route_match_params(WEB_POST, "/children/7/records/visit/123", &known, &p);
	assert_non_null(rt);
	assert_string_equal(rt->path, "/children/{id}/records/{kind}/{rid}");
	assert_int_equal(p.rid_len, 3);
	assert_memory_equal(p.rid, "123", 3);
	rt = web_route_match_params(WEB_GET, "/children/7/records/visit/123/history", &known, &p);
	assert_non_null(rt);
	assert_string_equal(rt->path, "/children/{id}/records/{kind}/{rid}/history");
	/* A row id is digits only; a kind is a word only. */
	assert_null(web_route_match_params(WEB_POST, "/children/7/records/visit/new", &known, &p));
	assert_true(known); /* the GET form's path: 405 */
	assert_null(web_route_match_params(WEB_GET, "/children/7/records/visit/12a/edit", &known, &p));
	assert_false(known);
	assert_null(web_route_match_params(WEB_GET, "/children/7/records/Visit/new", &known, &p));
	assert_null(web_route_match_params(WEB_GET, "/children/7/records/vi-sit/new", &known, &p));
	assert_null(web_route_match_params(WEB_GET, "/children/7/records/visit/1234567890123456789/edit", &known, &p));
	assert_false(known);
	/* "/children/new" is the new-child form, not a child called "new". */
	rt = web_route_match_params(WEB_GET, "/children/new", &known, &p);
	assert_non_null(rt);
	assert_string_equal(rt->path, "/children/new");
}

/* Decodes target as the server would; returns the rule of the refusal, or NULL. */
static const char *refusal(const char *target, struct web_request *r)
{
	memset(r, 0, sizeof(*r));
	r->raw_uri = (char *)target;
	if (web_uri_parse(r) == 0) {
		return NULL;
	}
	json_t *rule = json_object_get(r->out, "rule");
	return rule ? json_string_value(rule) : "?";
}

static void uri_decoding(void **state)
{
	(void)state;
	struct web_request r;
	assert_null(refusal("/api/children?q=Amy%20Smith&limit=5", &r));
	assert_string_equal(r.path, "/api/children");
	assert_int_equal(r.n_query, 2);
	assert_string_equal(r.query[0].value, "Amy Smith");
	json_decref(r.out);
	arena_free(&r.a);
	assert_null(refusal("/api/children?q=J%C3%B3", &r));
	assert_string_equal(r.query[0].value, "J\xc3\xb3");
	arena_free(&r.a);
}

static void uri_bad_targets(void **state)
{
	(void)state;
	struct web_request r;
	const struct {
		const char *target, *rule;
	} cases[] = {
		{"/api/children/1%00", "nul"},
		{"/api/children?q=a%00b", "nul"},
		{"/api/children?q=%ff", "utf8"},
		{"/api/children/%c3", "utf8"},
		{"/api/children?q=%0a", "control"},
		{"/api/children?q=%zz", "escape"},
		{"/api/children?q=%4", "escape"},
		{"/api/../etc/passwd", "path_traversal"},
		{"/api/children/%2e%2e/1", "path_traversal"},
		{"/api/./children", "path_traversal"},
		{"/api/children?q=a&q=b", "repeated"},
		{"http://example.org/api/children", "path"},
		{"", "path"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *rule = refusal(cases[i].target, &r);
		if (!rule || strcmp(rule, cases[i].rule) != 0) {
			fail_msg("%s: wanted rule %s, got %s", cases[i].target, cases[i].rule, rule ? rule : "(accepted)");
		}
		assert_int_equal(r.status, 400);
		json_decref(r.out);
		arena_free(&r.a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_table_is_sound),
		cmocka_unit_test(every_route_declares_a_permission),
		cmocka_unit_test(routes_bad_forgotten_permission_refused),
		cmocka_unit_test(openapi_documents_exactly_the_routes),
		cmocka_unit_test(openapi_describes_every_kind_from_the_descriptor),
		cmocka_unit_test(match_paths),
		cmocka_unit_test(routes_bad_kind_and_rid_rows_refused),
		cmocka_unit_test(match_kind_and_rid),
		cmocka_unit_test(uri_decoding),
		cmocka_unit_test(uri_bad_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
