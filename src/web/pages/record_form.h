/* record_form: the form for one kind of a child's record, built from its descriptor (see
 * record_form.c). Internal to src/web/pages (records.c draws the pages around it). */
#ifndef HEARTH_WEB_PAGES_RECORD_FORM_H
#define HEARTH_WEB_PAGES_RECORD_FORM_H

#include "web/pages/page.h"

/* The input that names another child by LA child id (a relationship's other child): never
 * a typed database id. */
#define RECORD_FORM_OTHER_CHILD "other_child_la_id"

struct record_form {
	const struct entity *e;
	struct page_form f;
	int *fields;			/* on the form, -1 ended: every field but the child's own
					 * and the other child's */
	struct hval *vals;		/* e->n_fields: the row as it will be saved */
	const struct hval *stored;	/* the row being corrected, or NULL for a new one */
	int other_child;		/* the field referring to another child, or -1 */
	const char *other_child_text;	/* its LA child id, as typed */
	struct record_form *link;	/* for a kind that joins the child through a link (a
					 * person: model/entity.h entity_link), the link's own
					 * form (the relationship to this child), drawn, read and
					 * checked with it; else NULL */
	int link_field;			/* the link's field naming the row (set by the save) */
};

/* Builds the form for e (for a linked kind, with its link's form in rf->link): a new row (stored NULL: the first date today, a worker field the
 * caller's own worker), or the correction of stored (its values filled in). Offers
 * references among this child's live rows (r->child_id) or the workers in post, and
 * codes valid on the row's date. 0, or the status of a store failure (answered). */
int record_form_init(struct web_request *r, struct record_form *rf, const struct entity *e,
		     const struct hval *stored);
/* Reads the POSTed form into rf->vals (a correction starts from the stored row): what was
 * typed is kept for redrawing; blanks, values that do not parse, a reference that was not
 * offered, a code not in use on the row's date (unless unchanged), and an unknown other
 * child are errors beside their field. Returns the number of errors. */
size_t record_form_read(struct web_request *r, struct record_form *rf);
/* The form's inputs (no <form> element, no button). */
void record_form_fields(struct web_request *r, struct html *h, const struct record_form *rf);
/* The first POSTed name this form does not read (extra: other names it takes,
 * NULL-terminated), or NULL when there is none. */
const char *record_form_unknown(struct web_request *r, const struct record_form *rf, const char *const *extra);

/* The row's date as the form reads it: its first date (or instant) field, or DATE_NONE. */
hdate record_row_date(const struct entity *e, const struct hval *v);
/* A row in a sentence: "referral of 2 Mar 2026 (1A – Individual)". In r's arena. */
const char *record_row_title(struct web_request *r, const struct entity *e, const struct hval *v);

#endif
