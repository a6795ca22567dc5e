/* pages/measures: what the measures pages (measures.c) and the DfE findings page
 * (findings.c) share — lists of children chosen by a computation over the whole
 * record rather than by the store's scoped query, shown only as far as the viewer's scope
 * allows. Internal to src/web. */
#ifndef HEARTH_WEB_PAGES_MEASURES_H
#define HEARTH_WEB_PAGES_MEASURES_H

#include "web/pages/page.h"

/* For n child ids (any order, repeats allowed): visible[i] says whether the viewer's
 * scope (r->scope, the same condition the dispatcher checks a record against) shows child
 * ids[i]. *n_hidden (may be NULL) receives the number of distinct children not shown.
 * visible is the caller's (n of them). 0 or a negative HERR_* (err filled). */
int web_children_shown(struct web_request *r, const int64_t *ids, size_t n, bool *visible, size_t *n_hidden,
		       struct hearth_error *err);
/* The names ("Given Family") of n children, into names[i] (the caller's array; strings in
 * r's arena; NULL for a child not found). Ask only about children shown. 0 or a negative
 * HERR_*. */
int web_children_named(struct web_request *r, const int64_t *ids, size_t n, const char **names,
		       struct hearth_error *err);
/* A child, as the content of a table cell: the name (only for a role that may list
 * children), linked to the record only for a role that may read records, and the LA child
 * id. */
void web_child_cell(struct web_request *r, struct html *h, int64_t id, const char *name, const char *la_child_id);
/* The sentence saying how many of a list's children are outside the viewer's scope
 * (nothing when none are). */
void web_hidden_note(struct html *h, size_t n_hidden);

#endif
