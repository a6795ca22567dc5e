/* children: the casefiles of the children in a scope, for the pages and API answers that
 * look across a caseload, a team or the county (the worklist, a caseload, team drift).
 *
 * The children come from the store's one scoped query (store_scope_children: the scope
 * condition of store_children_search, ordered by id), so what a person sees across
 * children is exactly what they may open one by one. For a caseload or a team (up to
 * CHILDREN_BY_SET children) their casefiles are read as a set, each table a chunk of
 * children at a time (store_casefiles_each), through the casefiles the server thread keeps
 * while the record is unchanged (store_web_casefiles_each); for more, one pass over
 * every casefile (store_casefiles_scan) is cheaper, and the visible set decides which of
 * them reach fn. */
#include <stdint.h>
#include <stdlib.h>

#include "model/settings.h"
#include "store/web.h"
#include "web/children.h"

#define CHILDREN_BY_SET 5000

struct settings_src {
	struct store *st;
	struct arena *a;
};

static const char *get_setting(void *ctx, const char *key)
{
	struct settings_src *s = ctx;
	return store_setting(s->st, key, s->a);
}

void web_settings_load(struct web_request *r, struct settings *s)
{
	struct settings_src src = {r->st, &r->a};
	settings_load(s, get_setting, &src, NULL); /* a bad stored value keeps its default */
}

static int hit_by_id(const void *key, const void *elem)
{
	int64_t k = *(const int64_t *)key, id = ((const struct store_child_hit *)elem)->id;
	return k < id ? -1 : k > id;
}

const struct store_child_hit *web_children_find(const struct web_children *c, int64_t id)
{
	return bsearch(&id, c->visible, c->n_visible, sizeof(*c->visible), hit_by_id);
}

struct each {
	const struct web_children *c;
	web_child_fn fn;
	void *ctx;
};

static int each_child(void *ctx, const struct casefile *cf)
{
	struct each *e = ctx;
	const struct store_child_hit *hit = web_children_find(e->c, cf->child.id);
	return hit ? e->fn(e->ctx, cf, hit) : 0;
}

/* The casefiles of ids through the connection's kept casefiles (store_web_casefiles_each),
 * which are valid only for this request: fn must not keep them. */
static int casefiles_each(struct web_request *r, const int64_t *ids, size_t n, struct each *e, struct hearth_error *err)
{
	return r->sw ? store_web_casefiles_each(r->sw, ids, n, each_child, e, err)
		     : store_casefiles_each(r->st, ids, n, each_child, e, err);
}

int web_children_each_of(struct web_request *r, struct store_child_hit *hits, size_t n, struct web_children *c,
			 web_child_fn fn, void *ctx, struct hearth_error *err)
{
	*c = (struct web_children){hits, n};
	if (n == 0) {
		return 0;
	}
	int64_t *ids = arena_alloc(&r->a, sizeof(*ids) * n);
	for (size_t i = 0; i < n; i++) {
		ids[i] = hits[i].id;
	}
	struct each e = {c, fn, ctx};
	return casefiles_each(r, ids, n, &e, err);
}

int web_children_each(struct web_request *r, const struct store_scope *sc, hdate as_at, struct web_children *c,
		      web_child_fn fn, void *ctx, struct hearth_error *err)
{
	*c = (struct web_children){0};
	if (store_scope_children(r->st, sc, &r->a, &c->visible, &c->n_visible, err)) {
		return err->code ? err->code : HERR_IO;
	}
	if (c->n_visible == 0) {
		return 0;
	}
	struct each e = {c, fn, ctx};
	if (c->n_visible <= CHILDREN_BY_SET) {
		int64_t *ids = arena_alloc(&r->a, sizeof(*ids) * c->n_visible);
		for (size_t i = 0; i < c->n_visible; i++) {
			ids[i] = c->visible[i].id;
		}
		return casefiles_each(r, ids, c->n_visible, &e, err);
	}
	struct store_filter f = {.as_at = as_at};
	if (sc->kind == STORE_SCOPE_TEAM) {
		f.team_id = sc->team_id; /* narrows the scan; the visible set decides */
	}
	return store_casefiles_scan(r->st, &f, each_child, &e, err);
}
