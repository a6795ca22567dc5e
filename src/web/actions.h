/* actions: the web's side of saving (see actions.c): who the request's person is, as
 * src/work needs it, and thin wrappers the pages call. Every check and every write is
 * src/work's; nothing here decides. Internal to src/web. */
#ifndef HEARTH_WEB_ACTIONS_H
#define HEARTH_WEB_ACTIONS_H

#include "returns/returns.h"
#include "web/http/http.h"
#include "work/work.h"

/* The signed-in person as src/work's actor: "user:ID", their role, worker and team.
 * Points into r (valid for the request). */
struct work_actor web_work_actor(const struct web_request *r);

/* work_add of a row of e for r->child_id, as the request's person. vals has e->n_fields
 * values. worker_field is ignored (kept for callers): work_add fills the e's F_AUTHOR
 * field with the person's own worker when it is blank. New DfE findings are put in
 * warnings (the save goes ahead); a refusal (an impossible record, a future event date,
 * another worker named...) fills err with its first reason and writes nothing. */
int web_child_row_add(struct web_request *r, const struct entity *e, int worker_field, struct hval *vals,
		      int64_t *id, struct returns_findings *warnings, struct hearth_error *err);

/* work_reallocate of r->child_id, as the request's person (see work.h). */
int web_child_reallocate(struct web_request *r, struct hval *vals, int64_t *new_id, int64_t *ended,
			 size_t max_ended, size_t *n_ended, struct returns_findings *warnings, struct hearth_error *err);

#endif
