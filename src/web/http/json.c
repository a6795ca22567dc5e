/* json: strict JSON in, descriptor-driven JSON out.
 *
 * In: a body must be declared application/json and parse as one JSON object with
 * jansson's strict reader: duplicate keys, NUL characters (raw or \u0000), invalid UTF-8
 * and trailing text are refused; every key must be one the route declares (unknown_field)
 * and every value of the JSON type its field expects (rule "type"). Rows are read by
 * their entity descriptor, so a new field needs no new parsing code.
 * Out: rows are written by their descriptor too (web_json_row). Every refusal is
 * answered here as 400 (415 for the wrong content type) with field and rule. */
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "model/validate.h"
#include "web/http/http.h"

static bool json_content_type(struct web_request *r)
{
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct) {
		return false;
	}
	size_t n = strlen("application/json");
	if (strncasecmp(ct, "application/json", n) != 0) {
		return false;
	}
	const char *rest = ct + n;
	while (*rest == ' ') {
		rest++;
	}
	return *rest == '\0' || (*rest == ';' && strcasestr(rest, "charset=utf-8") != NULL);
}

int web_body_object(struct web_request *r, json_t **out)
{
	*out = NULL;
	if (!json_content_type(r)) {
		return web_fail(r, 415, "Content-Type", "content_type", "the body must be sent as application/json");
	}
	return web_json_object(r, r->body.data, r->body.len, out);
}

int web_json_object(struct web_request *r, const char *data, size_t len, json_t **out)
{
	*out = NULL;
	if (len == 0) {
		return web_fail(r, 400, "body", "required", "the request needs a JSON object as its body");
	}
	json_error_t je;
	json_t *o = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!o) {
		const char *rule = "json";
		switch (json_error_code(&je)) {
		case json_error_invalid_utf8:
			rule = "utf8";
			break;
		case json_error_null_character:
		case json_error_null_byte_in_key:
			rule = "nul";
			break;
		case json_error_duplicate_key:
			rule = "duplicate_field";
			break;
		default:
			break;
		}
		/* jansson's text names the position only, never the body's content. */
		return web_fail(r, 400, "body", rule, "the body is not acceptable JSON: %s (at byte %d)", je.text,
				je.position);
	}
	if (!json_is_object(o)) {
		json_decref(o);
		return web_fail(r, 400, "body", "type", "the body must be a JSON object");
	}
	*out = o;
	return 0;
}

int web_json_allowed(struct web_request *r, json_t *o, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++) {
			ok = strcmp(*a, key) == 0;
		}
		if (!ok) {
			return web_fail(r, 400, key, "unknown_field", "%s is not a field this request takes", key);
		}
	}
	return 0;
}

json_t *web_json_row(const struct entity *e, int64_t id, const struct hval *v, struct arena *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_t *j = NULL;
		if (!v[i].null) {
			char buf[INSTANT_STR_SIZE];
			switch (f->type) {
			case FT_DATE:
				j = json_string(date_format((hdate)v[i].i, buf));
				break;
			case FT_INSTANT:
				j = json_string(instant_format(v[i].i, buf));
				break;
			case FT_BOOL:
				j = json_boolean(v[i].i);
				break;
			case FT_INT:
			case FT_REF:
				j = json_integer(v[i].i);
				break;
			case FT_REAL:
				j = json_real(v[i].r);
				break;
			default:
				j = v[i].s ? json_string(v[i].s) : NULL;
				break;
			}
		}
		json_object_set_new(o, f->name, j ? j : json_null());
	}
	(void)a;
	return o;
}

static const char *type_word(enum field_type t)
{
	switch (t) {
	case FT_BOOL:
		return "true or false";
	case FT_INT:
	case FT_REF:
		return "a whole number";
	case FT_REAL:
		return "a number";
	case FT_DATE:
		return "a date as a string, YYYY-MM-DD";
	case FT_INSTANT:
		return "an instant as a string, YYYY-MM-DDTHH:MM:SSZ";
	default:
		return "a string";
	}
}

int web_json_to_row(struct web_request *r, const struct entity *e, json_t *o, struct hval *vals, bool *given)
{
	const char *key;
	json_t *j;
	json_object_foreach(o, key, j) {
		int i = entity_field_index(e, key);
		if (i < 0 || i == e->child_field) {
			return web_fail(r, 400, key, "unknown_field", "%s is not a field of a %s", key, e->label);
		}
		const struct field *f = &e->fields[i];
		struct hval v = {0};
		bool ok = true;
		if (json_is_null(j)) {
			v.null = true;
		} else {
			switch (f->type) {
			case FT_BOOL:
				ok = json_is_boolean(j);
				v.i = json_is_true(j);
				break;
			case FT_INT:
			case FT_REF:
				ok = json_is_integer(j);
				v.i = ok ? json_integer_value(j) : 0;
				break;
			case FT_REAL:
				ok = json_is_number(j);
				v.r = ok ? json_number_value(j) : 0;
				break;
			default:
				ok = json_is_string(j);
				if (ok) {
					struct hearth_error err = {0};
					if (value_parse(f, json_string_value(j), &r->a, &v, &err)) {
						return web_fail(r, 400, f->name, err.rule[0] ? err.rule : "value", "%s",
								err.message);
					}
				}
				break;
			}
		}
		if (!ok) {
			return web_fail(r, 400, f->name, "type", "%s must be %s", f->name, type_word(f->type));
		}
		vals[i] = v;
		given[i] = true;
	}
	return 0;
}

int web_json_string(struct web_request *r, json_t *o, const char *key, bool required, const char **out)
{
	json_t *j = json_object_get(o, key);
	*out = NULL;
	if (!j || json_is_null(j)) {
		return required ? web_fail(r, 400, key, "required", "%s is required", key) : 0;
	}
	if (!json_is_string(j)) {
		return web_fail(r, 400, key, "type", "%s must be a string", key);
	}
	*out = json_string_value(j);
	return 0;
}
