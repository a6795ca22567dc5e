/* duplicates (work): see duplicates.h. */
#include "work/duplicates.h"

#include <stdlib.h>
#include <string.h>

#include "model/settings.h"

const char *work_consistent_identifier(struct store *st, struct arena *a)
{
	const char *v = store_setting(st, "consistent_identifier", a);
	if (v && settings_validate("consistent_identifier", v, NULL) == 0) {
		return v;
	}
	return settings_find("consistent_identifier")->default_value;
}

struct judged {
	const int64_t *pairs;
	size_t n;
};

static int by_pair(const void *k, const void *e)
{
	const int64_t *x = k, *y = e;
	if (x[0] != y[0]) {
		return x[0] < y[0] ? -1 : 1;
	}
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static bool judged_apart(void *ctx, int64_t a_id, int64_t b_id)
{
	const struct judged *j = ctx;
	int64_t key[2] = {a_id, b_id};
	return j->n && bsearch(key, j->pairs, j->n, 2 * sizeof(int64_t), by_pair) != NULL;
}

int work_duplicates(struct store *st, const struct store_scope *sc, struct arena *a, struct dup_pair **out,
		    size_t *n_out, struct hearth_error *err)
{
	*out = NULL;
	*n_out = 0;
	const char *identifier = work_consistent_identifier(st, a);
	/* Two reads, not one snapshot: a pair judged between them is at worst offered once
	 * more (the web's GET already reads in one snapshot of its own). */
	struct dup_child *children;
	size_t n;
	int64_t *pairs;
	size_t n_pairs;
	int rc = store_dup_children(st, sc, identifier, a, &children, &n, err);
	if (!rc) {
		rc = store_not_duplicates(st, a, &pairs, &n_pairs, err);
	}
	if (rc) {
		return rc;
	}
	struct judged j = {pairs, n_pairs};
	*n_out = dup_find(children, n, strcmp(identifier, "nhs_number") == 0, judged_apart, &j, a, out);
	return 0;
}
