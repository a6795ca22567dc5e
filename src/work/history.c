/* history: a row's revisions as people read them (who, when, why, which fields changed
 * from what to what), and which child a row belongs to even once retracted. Both read the
 * store's revision log, whose before and after are JSON objects of the row's fields in
 * descriptor order (store.c: row_json). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "work/work.h"

static json_t *parse(const char *text)
{
	return text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;
}

int work_linked_to_child(struct store *st, const struct entity *e, int64_t rid, int64_t child_id, struct arena *a,
			 struct hearth_error *err)
{
	int field;
	const struct entity *link = entity_link(e, &field);
	struct hval *row, **rows;
	int64_t *ids;
	size_t n;
	int rc;
	if (!link || link->child_field < 0) {
		rc = HERR_NOT_FOUND;
	} else if ((rc = store_get(st, e, rid, a, &row, err)) ||
		   (rc = store_rows_by(st, link, field, rid, a, &ids, &rows, &n, err))) {
		if (rc != HERR_NOT_FOUND) {
			return rc;
		}
	} else {
		rc = HERR_NOT_FOUND;
		for (size_t i = 0; i < n && rc; i++) {
			if (!rows[i][link->child_field].null && rows[i][link->child_field].i == child_id) {
				rc = 0;
			}
		}
	}
	return rc ? herr_set(err, HERR_NOT_FOUND, "rid", "not_found", "this child has no %s with id %lld", e->label,
			     (long long)rid)
		  : 0;
}

int work_row_child(struct store *st, const struct entity *e, int64_t rid, struct arena *a, int64_t *child_id,
		   bool *retracted, struct hearth_error *err)
{
	struct hval *row;
	*child_id = 0;
	*retracted = false;
	int rc = store_get(st, e, rid, a, &row, err);
	if (rc == 0) {
		*child_id = e == &entity_child ? rid : e->child_field >= 0 && !row[e->child_field].null ? row[e->child_field].i : 0;
		return 0;
	}
	if (rc != HERR_NOT_FOUND) {
		return rc;
	}
	/* Retracted (or never there): its last revision says whose it was. */
	struct store_revision *revs;
	size_t n;
	if ((rc = store_revisions(st, e->name, rid, a, &revs, &n, err))) {
		return rc;
	}
	if (n == 0) {
		return herr_set(err, HERR_NOT_FOUND, "rid", "not_found", "there is no %s with id %lld", e->label,
				(long long)rid);
	}
	*retracted = true;
	if (e == &entity_child) {
		*child_id = rid;
		return 0;
	}
	const struct store_revision *last = &revs[n - 1];
	json_t *o = parse(last->after ? last->after : last->before);
	json_t *c = e->child_field >= 0 ? json_object_get(o, e->fields[e->child_field].name) : NULL;
	*child_id = json_is_integer(c) ? (int64_t)json_integer_value(c) : 0;
	json_decref(o);
	return 0;
}

/* A stored JSON value as people read it: dates and codes as stored, yes/no, numbers. */
static const char *text_of(json_t *j, struct arena *a)
{
	if (!j || json_is_null(j)) {
		return "";
	}
	if (json_is_string(j)) {
		return arena_strdup(a, json_string_value(j));
	}
	if (json_is_boolean(j)) {
		return json_is_true(j) ? "yes" : "no";
	}
	if (json_is_integer(j)) {
		return arena_printf(a, "%lld", (long long)json_integer_value(j));
	}
	if (json_is_real(j)) {
		return arena_printf(a, "%g", json_real_value(j));
	}
	return "";
}

int work_history(struct store *st, const struct entity *e, int64_t rid, struct arena *a,
		 struct work_revision **out, size_t *n_out, struct hearth_error *err)
{
	struct store_revision *revs;
	size_t n;
	int rc = store_revisions(st, e->name, rid, a, &revs, &n, err);
	if (rc) {
		return rc;
	}
	if (n == 0) {
		return herr_set(err, HERR_NOT_FOUND, "rid", "not_found", "there is no %s with id %lld", e->label,
				(long long)rid);
	}
	struct work_revision *h = arena_alloc(a, sizeof(*h) * n);
	for (size_t i = 0; i < n; i++) {
		const struct store_revision *r = &revs[i];
		h[i] = (struct work_revision){.id = r->id, .action = r->action, .actor = r->actor, .at = r->at,
					      .reason = r->reason};
		if (strcmp(r->action, "void") == 0) {
			continue; /* a retraction changes no field: the row is kept as it was */
		}
		json_t *before = parse(r->before), *after = parse(r->after);
		h[i].changes = arena_alloc(a, sizeof(*h[i].changes) * (size_t)e->n_fields);
		for (int k = 0; k < e->n_fields; k++) {
			const struct field *f = &e->fields[k];
			json_t *b = json_object_get(before, f->name), *c = json_object_get(after, f->name);
			bool b_blank = !b || json_is_null(b), c_blank = !c || json_is_null(c);
			if ((b_blank && c_blank) || (b && c && json_equal(b, c))) {
				continue;
			}
			h[i].changes[h[i].n_changes++] = (struct work_change){f, text_of(b, a), text_of(c, a)};
		}
		json_decref(before);
		json_decref(after);
	}
	*out = h;
	*n_out = n;
	return 0;
}
