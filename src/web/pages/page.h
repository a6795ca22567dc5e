/* page: what every page for people shares — the layout (GOV.UK Frontend's template),
 * redirects, error pages, and the components pages are built from. Internal to src/web.
 *
 * A page handler writes into r->page through page_begin() ... page_end(), all of it with
 * html_f (escaping by construction, see html.h). Forms are drawn and read from the
 * record's own field descriptors (model/entity.h): a date is GOV.UK's three-part date
 * input, a code is radios (or a select when the list is long), a yes/no is two radios,
 * text is a textarea; what a person typed is read back with value_parse, so a form
 * refuses exactly what the record refuses, with the field's label in the message. */
#ifndef HEARTH_WEB_PAGE_H
#define HEARTH_WEB_PAGE_H

#include "model/codes.h"
#include "model/entity.h"
#include "model/status.h"
#include "web/http/http.h"

/* Starts the page: the document, the header with what this person may reach (nav names
 * the item to mark as current: "caseload", "due", "team", "search", "performance"...),
 * and an open <main>. Returns the writer for the page's content. */
struct html *page_begin(struct web_request *r, const char *title, const char *nav);
/* Closes the page and answers it with status. */
int page_end(struct web_request *r, int status);
/* 303 See Other to location (a path on this server). */
int page_redirect(struct web_request *r, const char *location);
/* For server.c: a page route refused before (or by) its handler without drawing a page:
 * sign-in for 401, otherwise an error page carrying the refusal's message. */
void page_error_render(struct web_request *r);

/* "27 Mar 2026", or "" for DATE_NONE. In r's arena. */
const char *page_date(struct web_request *r, hdate d);
/* A field's value as people read it: a code's label, a date as page_date, yes/no, a
 * worker's name for a worker reference. */
const char *page_value(struct web_request *r, const struct field *f, const struct hval *v);
/* A worker's name ("" when none), looked up once per request. */
const char *page_worker_name(struct web_request *r, int64_t worker_id);
/* Gives the request a worker's name, so page_worker_name need not look it up (a page that
 * has read the workers it names, in one query, hands them all over). */
void page_names_add(struct web_request *r, int64_t worker_id, const char *name);
/* The child's status as a coloured tag. */
void page_status_tag(struct html *h, enum child_status s);
/* The hidden field carrying the session's CSRF token; every page form has one. */
void page_csrf_field(struct web_request *r, struct html *h);
/* "Jane Smith (HC1)", the child's name as headings show it. */
const char *page_child_name(struct web_request *r, const struct hval *child);

/* ---- forms drawn and read from descriptors ---- */

/* A field's choices, when the form offers something other than its whole code list (the
 * codes valid on the record's date, this child's referrals, the team's workers): code is
 * the value sent, label what people read. */
struct page_options {
	const struct code *codes;
	size_t n;
};

#define PAGE_FORM_EXTRA_MAX 4

struct page_form {
	const struct entity *e;
	const int *fields;		/* the fields on the form, in order; -1 ends the list */
	const char **text;		/* per field of e: what was typed (NULL: blank) */
	const char **error;		/* per field of e: the message to show beside it */
	struct page_options *choices;	/* per field of e: its choices (codes NULL: the default) */
	const char *general_error;	/* a refusal that names no field on the form */
	int options_field;		/* a reference field drawn as a choice of options (-1: none) */
	const struct code *options;	/* its options: code = the id, label = what people read */
	size_t n_options;
	size_t n_errors;
	/* inputs that are not fields of e (the reason for a correction): their errors, so the
	 * summary links to them too */
	const char *extra_name[PAGE_FORM_EXTRA_MAX], *extra_error[PAGE_FORM_EXTRA_MAX];
	size_t n_extra;
};

/* A form for e with nothing typed yet (arrays in r's arena). */
void page_form_init(struct web_request *r, struct page_form *f, const struct entity *e, const int *fields);
/* Reads the POSTed fields into f->text and, where they parse, into vals (pre-filled by the
 * caller with blanks). Required fields left blank and values that do not parse get their
 * error. Returns the number of errors. */
size_t page_form_read(struct web_request *r, struct page_form *f, struct hval *vals);
/* Records a refusal from the store (validation or conflict): beside its field when the
 * field is on the form, otherwise as the form's general error. */
void page_form_refused(struct page_form *f, const struct hearth_error *err);
/* GOV.UK's error summary (nothing when there are no errors). */
void page_form_errors(struct web_request *r, struct html *h, const struct page_form *f);
/* One error summary for the n forms one page draws together (a person and their
 * relationship to the child). */
void page_form_errors_of(struct web_request *r, struct html *h, const struct page_form *const *forms, size_t n);
/* One field's input, with label, hint, error and what was typed. */
void page_form_field(struct web_request *r, struct html *h, const struct page_form *f, int field);
/* All of the form's fields. */
void page_form_fields(struct web_request *r, struct html *h, const struct page_form *f);
/* An error on an input that is not a field of the form's entity (id name): counted, and
 * linked from the summary. */
void page_form_extra_error(struct page_form *f, const char *name, const char *msg);
/* The error set on that input, or NULL. */
const char *page_form_extra_error_of(const struct page_form *f, const char *name);
/* Offers, for code field `field`, only the codes of its list valid on the date `on` (the
 * collection year it falls in), each read as "CODE – words"; a code typed that is not
 * among them is kept as an option too, so what was typed is never lost. */
void page_form_codes_on(struct web_request *r, struct page_form *f, int field, hdate on);
/* Whether every POSTed field's name is one this form reads (its fields' inputs, the
 * CSRF token, and the names in extra, NULL-terminated); else the first unknown name. */
const char *page_form_unknown(struct web_request *r, const struct page_form *f, const char *const *extra);
/* Whether name is one of the form's fields' inputs (a date's -day, -month, -year...). */
bool page_form_knows(const struct page_form *f, const char *name);

/* ---- components ---- */

/* A textarea with GOV.UK's character count (maxlength characters), label, hint, error and
 * what was typed. */
void page_textarea(struct html *h, const char *name, const char *label, const char *hint, const char *value,
		   const char *error, int maxlength);
/* GOV.UK's inset text / notification for a success ("done") banner. */
void page_success_banner(struct html *h, const char *message);
/* Opens a GOV.UK table named name (data-hearth) with its head, a column for each of heads
 * (text; NULL ends them): the columns with bit i set in numeric right-aligned, those in
 * hidden read only by screen readers (a column of links). The caller writes the rows and
 * "</tbody></table>". */
void page_table_begin(struct html *h, const char *name, const char *const *heads, unsigned numeric, unsigned hidden);
/* Fills f->text from the request's form fields as they stand, checking nothing (a draft
 * being restored: what was typed, right or wrong, comes back as typed). */
void page_form_typed(struct web_request *r, struct page_form *f);

/* ---- drafts: nothing typed is ever lost (drafts.c) ----
 * A form opts in with its GET route's .draft = true and three calls: page_draft_restore
 * first in its GET handler; page_draft_controls inside its <form> (beside its submit
 * button); page_draft_done in its POST handler once the record is saved. hearth.js then
 * saves the form as a draft as the person types, and the Save draft button does so
 * without JavaScript. */

/* If this person has a draft of the form at r->path, its fields become r's form fields
 * (web_form reads them, as after a post) and, when f is given, f's typed text;
 * page_begin then shows "Restored your draft from <time>" with a Discard button. Returns
 * true when a draft was restored. */
bool page_draft_restore(struct web_request *r, struct page_form *f);
/* Inside the form: the hidden path and title the draft is kept under (path: the form
 * page's own path, as its GET route names it) and the Save draft button. */
void page_draft_controls(struct web_request *r, struct html *h, const char *path, const char *title);
/* The posted form's record is saved: its draft (named by the form's draft_path) goes. */
void page_draft_done(struct web_request *r);
/* page_begin's banner for a restored draft (nothing when none was). */
void page_draft_banner(struct web_request *r, struct html *h);
/* Draws the person's drafts (nothing when none; h NULL only counts). 0 or the status. */
int page_drafts_list(struct web_request *r, struct html *h, size_t *n);
/* text when it is a path on this server a browser may safely be sent back to (one
 * leading "/", a path of letters, digits, "/-_.", a query only when query is set, and
 * naming a page for signed-in people), else NULL: never another site, never a header. */
const char *page_local_path(struct web_request *r, const char *text, bool query);
/* s percent-encoded for a URL's query (in r's arena). */
const char *page_url_encode(struct web_request *r, const char *s);

#endif
