/* openapi: the API's description, served at /api/openapi.json: docs/openapi.json (the
 * routes, written by hand and compared with the route table by tests/unit/web/
 * test_routes.c) with the schema of every kind of record generated from the one
 * descriptor (model/entities.def.h), so the fields, their types, which are required and
 * the codes each coded field takes cannot drift from what the server accepts:
 *   Kind                 the kinds a child's {kind} may name
 *   Record_<kind>        a row as the API answers it (id and every field)
 *   RecordInput_<kind>   a new row's body (every field but the child, which the path names)
 *   Record, RecordInput  one of those
 * Built once, on first use, and kept for the life of the process (read-only after). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "model/validate.h"
#include "web/api/api.h"
#include "web/api/openapi.h"
#include "web/http/http.h"
#include "work/work.h"

static json_t *field_schema(const struct field *f)
{
	json_t *s = json_object();
	switch (f->type) {
	case FT_BOOL:
		json_object_set_new(s, "type", json_string("boolean"));
		break;
	case FT_INT:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "minimum", json_integer(0));
		break;
	case FT_REF:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "minimum", json_integer(1));
		json_object_set_new(s, "x-references", json_string(f->arg));
		break;
	case FT_REAL:
		json_object_set_new(s, "type", json_string("number"));
		json_object_set_new(s, "minimum", json_integer(0));
		break;
	case FT_DATE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date"));
		break;
	case FT_INSTANT:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date-time"));
		break;
	case FT_CODE: {
		json_object_set_new(s, "type", json_string("string"));
		const struct codelist *l = codelist_find(f->arg);
		json_t *codes = json_array(), *labels = json_array();
		for (size_t i = 0; l && i < l->n; i++) {
			json_array_append_new(codes, json_string(l->codes[i].code));
			json_array_append_new(labels, json_string(l->codes[i].label));
		}
		json_object_set_new(s, "enum", codes);
		json_object_set_new(s, "x-code-list", json_string(f->arg));
		json_object_set_new(s, "x-code-labels", labels);
		break;
	}
	default:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "maxLength", json_integer(f->type == FT_TEXT ? FIELD_TEXT_MAX : FIELD_STR_MAX));
		break;
	}
	const char *about = (f->flags & F_EVENT)	? " Something that has happened: not after today."
			    : (f->flags & F_AUTHOR) ? " Blank: yourself. Only a role that may record for others names "
						      "another worker."
						    : "";
	char description[400];
	snprintf(description, sizeof(description), "%s.%s", f->label, about);
	json_object_set_new(s, "description", json_string(description));
	if (!(f->flags & F_REQUIRED)) {
		json_object_set_new(s, "nullable", json_true());
	}
	return s;
}

/* The schema of e's rows (input: a new row's body, without the child). */
static json_t *kind_schema(const struct entity *e, bool input)
{
	json_t *o = json_object(), *props = json_object(), *req = json_array();
	json_object_set_new(o, "type", json_string("object"));
	json_object_set_new(o, "description", json_string(e->label));
	if (input) {
		json_object_set_new(o, "additionalProperties", json_false());
	} else {
		json_object_set_new(props, "id", json_pack("{s:s}", "type", "integer"));
		json_array_append_new(req, json_string("id"));
	}
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (input && i == e->child_field) {
			continue;
		}
		json_t *fs = field_schema(f);
		/* A form shows the field only when another holds one of some values. */
		const char *values;
		int when = entity_field_shown_when(e, i, &values);
		if (when >= 0) {
			json_t *list = json_array();
			for (const char *p = values; *p;) {
				size_t len = strcspn(p, ",");
				json_array_append_new(list, json_stringn(p, len));
				p += len + (p[len] == ',');
			}
			json_object_set_new(fs, "x-shown-when", json_pack("{s:s, s:o}", "field", e->fields[when].name, "values", list));
		}
		json_object_set_new(props, f->name, fs);
		/* A required field the save fills itself (the author) is not required of input. */
		if ((f->flags & F_REQUIRED) && !(input && (f->flags & F_AUTHOR))) {
			json_array_append_new(req, json_string(f->name));
		}
	}
	/* A linked kind (a person) comes with its link to the child (the relationship), whose
	 * field naming the row the save sets. */
	int lf;
	const struct entity *link = input ? entity_link(e, &lf) : NULL;
	if (link) {
		json_t *ls = kind_schema(link, true);
		json_object_del(json_object_get(ls, "properties"), link->fields[lf].name);
		json_object_set_new(props, link->name, ls);
		json_array_append_new(req, json_string(link->name));
	}
	json_object_set_new(o, "properties", props);
	json_object_set_new(o, "required", req);
	return o;
}

json_t *api_openapi_document(void)
{
	json_t *doc = json_loadb((const char *)web_openapi_json, web_openapi_json_len, 0, NULL);
	json_t *schemas = doc ? json_object_get(json_object_get(doc, "components"), "schemas") : NULL;
	if (!schemas) {
		json_decref(doc);
		return NULL;
	}
	json_t *kinds = json_array(), *any = json_array(), *any_input = json_array();
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (!work_child_kind(e)) {
			continue;
		}
		char name[96];
		json_array_append_new(kinds, json_string(e->name));
		snprintf(name, sizeof(name), "Record_%s", e->name);
		json_object_set_new(schemas, name, kind_schema(e, false));
		json_array_append_new(any, json_pack("{s:s+}", "$ref", "#/components/schemas/", name));
		snprintf(name, sizeof(name), "RecordInput_%s", e->name);
		json_object_set_new(schemas, name, kind_schema(e, true));
		json_array_append_new(any_input, json_pack("{s:s+}", "$ref", "#/components/schemas/", name));
	}
	json_object_set_new(schemas, "Kind", json_pack("{s:s, s:s, s:o}", "type", "string", "description",
						       "A kind of a child's record (hearth record DB kinds)", "enum",
						       kinds));
	json_object_set_new(schemas, "Record", json_pack("{s:o}", "oneOf", any));
	json_object_set_new(schemas, "RecordInput", json_pack("{s:o}", "oneOf", any_input));
	return doc;
}

static char *served;
static size_t served_len;
static pthread_once_t served_once = PTHREAD_ONCE_INIT;

static void make_served(void)
{
	json_t *doc = api_openapi_document();
	served = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	served_len = served ? strlen(served) : 0;
	json_decref(doc);
}

int api_openapi(struct web_request *r)
{
	pthread_once(&served_once, make_served);
	if (!served) {
		return web_fail(r, 500, NULL, "internal", "the API's description could not be built");
	}
	r->raw = served;
	r->raw_len = served_len;
	r->content_type = "application/json; charset=utf-8";
	r->status = 200;
	return 200;
}
