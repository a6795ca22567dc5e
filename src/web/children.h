/* children: each casefile of the children in a scope (see children.c). Internal to
 * src/web. */
#ifndef HEARTH_WEB_CHILDREN_H
#define HEARTH_WEB_CHILDREN_H

#include "model/settings.h"
#include "web/http/http.h"

struct web_children {
	struct store_child_hit *visible;	/* sorted by id, in r's arena */
	size_t n_visible;
};

/* Called once per visible child with its casefile (valid only during the call for a
 * scan: copy what you keep into r's arena). Non-zero stops the walk and is returned. */
typedef int (*web_child_fn)(void *ctx, const struct casefile *cf, const struct store_child_hit *hit);

/* Finds the children visible under sc, then calls fn with each one's casefile. 0 or a
 * negative HERR_* (err filled). */
int web_children_each(struct web_request *r, const struct store_scope *sc, hdate as_at, struct web_children *c,
		      web_child_fn fn, void *ctx, struct hearth_error *err);
/* The same for the children hits (sorted by id, already known to be visible: from a
 * scoped query such as store_worker_children), which become c's list. */
int web_children_each_of(struct web_request *r, struct store_child_hit *hits, size_t n, struct web_children *c,
			 web_child_fn fn, void *ctx, struct hearth_error *err);
const struct store_child_hit *web_children_find(const struct web_children *c, int64_t id);

/* The worklist (due soon, due, overdue; most urgent first) across the children visible
 * under sc, as `hearth due` shows it. */
struct clock_list;
int web_worklist(struct web_request *r, const struct store_scope *sc, hdate as_at, struct clock_list *out,
		 struct web_children *children, struct hearth_error *err);

/* The local policy settings (visit intervals, thresholds); a bad stored value keeps its
 * default. */
void web_settings_load(struct web_request *r, struct settings *s);

#endif
