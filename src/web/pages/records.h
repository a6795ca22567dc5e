/* records: a form for every kind of a child's record, drawn from its descriptor, and the
 * correction, retraction and history of each row (see records.c and record_form.c).
 * Internal to src/web/pages. */
#ifndef HEARTH_WEB_PAGES_RECORDS_H
#define HEARTH_WEB_PAGES_RECORDS_H

#include "web/http/http.h"

/* Draws a row's links for people: "Correct" and "Retract" (when this person's role may
 * change the record) and "History", each naming the record for screen readers. e is the
 * row's kind (a child's record, or the child), id its row, for r->child_id's record. */
void records_row_links(struct web_request *r, struct html *h, const struct entity *e, int64_t id);


/* Whether e has the forms of this module (a child's record: every kind with a child). */
bool records_kind_has_form(const struct entity *e);
/* Whether name is a field the form for r's {kind} may be pre-filled with from the query
 * (?kind=cp: one of its declared fields, not the child's own). */
bool records_prefill_field(const struct web_request *r, const char *name);

#endif
