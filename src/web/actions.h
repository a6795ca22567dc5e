/* actions: the web's changes to a child's record, shared by the API and the pages (see
 * actions.c). Internal to src/web. Each returns 0 or a negative HERR_* with err filled
 * (naming the field and rule); a refused change writes nothing. */
#ifndef HEARTH_WEB_ACTIONS_H
#define HEARTH_WEB_ACTIONS_H

#include "returns/returns.h"
#include "web/http/http.h"

/* Adds a row of e (visit, note...) for r->child_id: vals has e->n_fields values, the child
 * field is set here, and worker_field (-1: none) defaults to the caller's worker. New
 * DfE findings the row would cause are put in warnings (the save goes ahead), unless one
 * is about an impossible record (refused). */
int web_child_row_add(struct web_request *r, const struct entity *e, int worker_field, struct hval *vals,
		      int64_t *id, struct returns_findings *warnings, struct hearth_error *err);

/* Reallocates r->child_id: the live allocation of the same kind (if any) ends on the new
 * one's start date with the reason given (vals[ALLOCATION_REASON]), and the new one
 * begins; both or neither, in one transaction. Kind defaults to "sw" and the start date
 * to today. The ended allocations' ids go in ended (at most max_ended). New DfE findings
 * the new allocation would cause are warnings, or a refusal, as for web_child_row_add. */
int web_child_reallocate(struct web_request *r, struct hval *vals, int64_t *new_id, int64_t *ended,
			 size_t max_ended, size_t *n_ended, struct returns_findings *warnings, struct hearth_error *err);

#endif
