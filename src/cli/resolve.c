/* resolve: see resolve.h. */
#include "cli/resolve.h"

#include <stdlib.h>
#include <string.h>

static bool all_digits(const char *s)
{
	if (!*s) {
		return false;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9') {
			return false;
		}
	}
	return true;
}

int resolve_ref(struct store *st, const char *entity, const char *text, int64_t *id, struct hearth_error *err)
{
	const struct entity *e = entity_find(entity);
	if (!e) {
		return herr_set(err, HERR_INVALID, entity, "entity", "no kind of record called %s", entity);
	}
	int key = e == &entity_child ? CHILD_LA_CHILD_ID
		  : e == &entity_worker ? WORKER_STAFF_ID
		  : e == &entity_team	? TEAM_NAME
					: -1;
	if (key >= 0 && store_find(st, e, key, text, id, NULL) == 0) {
		return 0;
	}
	if (all_digits(text)) {
		struct arena a = ARENA_INIT;
		struct hval *v;
		int rc = store_get(st, e, strtoll(text, NULL, 10), &a, &v, NULL);
		arena_free(&a);
		if (rc == 0) {
			*id = strtoll(text, NULL, 10);
			return 0;
		}
	}
	/* A record merged into another is that other one now (store/merge.c). */
	int64_t keep;
	if (e == &entity_child && all_digits(text) &&
	    store_child_merged_into(st, strtoll(text, NULL, 10), &keep, NULL) == 1) {
		*id = keep;
		return 0;
	}
	return herr_set(err, HERR_NOT_FOUND, entity, "not_found", "there is no %s '%s'", e->label, text);
}
