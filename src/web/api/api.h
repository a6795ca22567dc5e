/* api: the JSON API's handlers (the .c files beside this one), named in the route table
 * (src/web/routes.c). Each fills the request's answer and returns the status; the dispatcher
 * has already checked permission, scope and the body. */
#ifndef HEARTH_WEB_API_API_H
#define HEARTH_WEB_API_API_H

#include "web/http/http.h"

int api_openapi(struct web_request *r);
int api_users(struct web_request *r);
int api_children_list(struct web_request *r);
int api_child_get(struct web_request *r);
void api_child_get_prefetch(struct web_request *r, int64_t child_id);
int api_child_chronology(struct web_request *r);
int api_child_allocations(struct web_request *r);
int api_child_reallocate(struct web_request *r);
int api_child_visits(struct web_request *r);
int api_child_visit_add(struct web_request *r);
int api_child_notes(struct web_request *r);
int api_child_note_add(struct web_request *r);
int api_child_due(struct web_request *r);
int api_due(struct web_request *r);
/* records.c: every kind of a child's record, and a new child */
int api_child_add(struct web_request *r);
int api_records_list(struct web_request *r);
int api_record_add(struct web_request *r);
int api_record_correct(struct web_request *r);
int api_record_retract(struct web_request *r);
int api_record_history(struct web_request *r);
/* break_glass.c: a child outside one's scope, opened with a reason; the review list */
int api_break_glass_open(struct web_request *r);
int api_break_glass_list(struct web_request *r);
int api_break_glass_review(struct web_request *r);

#endif
