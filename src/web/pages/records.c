/* pages/records: every kind of a child's record, recorded, corrected and retracted from
 * the browser, and each row's history.
 *
 *   GET  /children/{id}/records/{kind}/new            the form for a new row
 *   POST /children/{id}/records/{kind}                saves it
 *   GET  /children/{id}/records/{kind}/{rid}/edit     the row's values filled in, and a reason
 *   POST /children/{id}/records/{kind}/{rid}          saves the correction (a new revision)
 *   GET  /children/{id}/records/{kind}/{rid}/retract  asks why
 *   POST /children/{id}/records/{kind}/{rid}/retract  retracts: the row stays, voided
 *   GET  /children/{id}/records/{kind}/{rid}/history  every revision: who, when, why, what changed
 *   GET  /children/new, POST /children                a new child (see child_new.c)
 *
 * {kind} is any kind with a child (record_form.c draws its form from the descriptor); the
 * child itself is corrected here too, as kind "child" with {rid} its own id. The route
 * table has checked permission and that the child is in scope; a {rid} that is not a row
 * of that kind in that child's record is 404, as a child out of scope is. A refused save
 * redraws the form with GOV.UK's error summary and what was typed, and writes nothing; a
 * saved one goes back to the child's page, which shows the DfE findings it caused. */
#include <string.h>

#include "returns/returns.h"
#include "web/actions.h"
#include "work/work.h"
#include "web/pages/child.h"
#include "web/pages/pages.h"
#include "web/pages/record_form.h"
#include "web/pages/records.h"

#define REASON_MAX 1000

bool records_kind_has_form(const struct entity *e)
{
	return e && (e->child_field >= 0 || entity_link(e, NULL));
}

bool records_prefill_field(const struct web_request *r, const char *name)
{
	/* Asked while the query is checked, before the dispatcher has found the kind: read it
	 * from the path's {kind} segment. */
	char kind[64];
	if (!r->params.kind || r->params.kind_len >= sizeof(kind)) {
		return false;
	}
	memcpy(kind, r->params.kind, r->params.kind_len);
	kind[r->params.kind_len] = '\0';
	const struct entity *e = entity_find(kind);
	if (!records_kind_has_form(e)) {
		return false;
	}
	for (int i = 0; i < e->n_fields; i++) {
		if (i != e->child_field && strcmp(e->fields[i].name, name) == 0) {
			return true;
		}
	}
	return false;
}

/* ---- who may record what: the one place ---- */

/* The kind named by the path, for a change (add, correct, retract) or a read (history):
 * 0 and *out, or the status answered. The dispatcher has already found the kind (404 for
 * none), checked that {rid} is this child's row of it, and, on a writing route, that the
 * role may record it; a form's GET is not a writing route, so the same rule of who may
 * record what (role_may_record, the one role table) is applied here for it. */
static int kind_for_request(struct web_request *r, bool change, bool child_too, const struct entity **out)
{
	const struct entity *e = r->kind;
	if (!records_kind_has_form(e) && !(child_too && e == &entity_child)) {
		return web_fail(r, 404, "kind", "not_found", "there is no kind of record called %s", e ? e->name : "(none)");
	}
	if (change && !role_may_record(r->role, e)) {
		return web_fail(r, 403, "kind", "permission", "your role (%s) may not record a %s", role_name(r->role),
				e->label);
	}
	*out = e;
	return 0;
}

static bool may_change(const struct web_request *r, const struct entity *e)
{
	return role_can(r->role, PERM_CHILD_WRITE) && !role_read_only(r->role) && role_may_record(r->role, e);
}

/* ---- saving: the one place this file writes ----
 * Every change goes through src/work, as the API's and `hearth record`'s do: the role's
 * right to record the kind, every field's rules, the impossible-record refusal, the DfE
 * findings (handed back as warnings), the revision and its audit row. */

/* out: the row written, its warnings and any authorisation request the save raised. */
static int save_new(struct web_request *r, const struct entity *e, struct hval *vals, struct work_result *out,
		    struct hearth_error *err)
{
	struct work_actor who = web_work_actor(r);
	return work_add(r->st, &who, e, r->child_id, vals, &r->a, out, err);
}

/* A linked kind's row with its link to this child (*id: the link's, which the child's
 * page lists). */
static int save_linked(struct web_request *r, struct record_form *rf, int64_t *id, struct returns_findings *warnings,
		       struct hearth_error *err)
{
	struct work_actor who = web_work_actor(r);
	struct work_result out = {0};
	int rc = work_add_linked(r->st, &who, rf->e, r->child_id, rf->vals, rf->link->vals, &r->a, &out, id, err);
	*warnings = out.warnings;
	return rc;
}

static int save_correction(struct web_request *r, const struct entity *e, int64_t id, const struct hval *vals,
			   const char *reason, struct work_result *out, struct hearth_error *err)
{
	struct work_actor who = web_work_actor(r);
	struct hval *copy = arena_alloc(&r->a, sizeof(*copy) * (size_t)e->n_fields);
	memcpy(copy, vals, sizeof(*copy) * (size_t)e->n_fields);
	return work_correct(r->st, &who, e, r->child_id, id, copy, reason, &r->a, out, err);
}

static int save_retraction(struct web_request *r, const struct entity *e, int64_t id, const char *reason,
			   struct hearth_error *err)
{
	struct work_actor who = web_work_actor(r);
	struct work_result out = {0};
	return work_retract(r->st, &who, e, r->child_id, id, reason, &r->a, &out, err);
}

/* ---- the row a path names ---- */

static int no_such_row(struct web_request *r, const struct entity *e)
{
	return web_fail(r, 404, "rid", "not_found", "there is no such %s in this child's record", e->label);
}

/* The live row {rid} of kind e in this child's record: 0 and *vals, or 404 answered. */
static int row_load(struct web_request *r, const struct entity *e, struct hval **vals)
{
	struct hearth_error err = {0};
	if (e == &entity_child && r->rid != r->child_id) {
		return no_such_row(r, e);
	}
	int rc = store_get(r->st, e, r->rid, &r->a, vals, &err);
	if (rc == HERR_NOT_FOUND) {
		return no_such_row(r, e);
	}
	if (rc) {
		return web_fail_err(r, &err);
	}
	if (e != &entity_child && e->child_field < 0 && entity_link(e, NULL)) {
		/* A person is this child's while a live relationship of this child names them. */
		return work_linked_to_child(r->st, e, r->rid, r->child_id, &r->a, &err) ? no_such_row(r, e) : 0;
	}
	if (e != &entity_child && (e->child_field < 0 || (*vals)[e->child_field].null || (*vals)[e->child_field].i != r->child_id)) {
		return no_such_row(r, e);
	}
	return 0;
}

static int child_load(struct web_request *r, struct hval **child)
{
	struct hearth_error err = {0};
	return store_get(r->st, &entity_child, r->child_id, &r->a, child, &err) ? web_fail_err(r, &err) : 0;
}

static const char *row_path(struct web_request *r, const struct entity *e, int64_t rid, const char *tail)
{
	return arena_printf(&r->a, "/children/%lld/records/%s/%lld%s", (long long)r->child_id, e->name, (long long)rid,
			    tail);
}

/* ---- links other pages draw ---- */

static const char *capitalised(struct web_request *r, const char *s)
{
	char *c = arena_strdup(&r->a, s);
	if (c[0] >= 'a' && c[0] <= 'z') {
		c[0] = (char)(c[0] - 32);
	}
	return c;
}

void records_row_links(struct web_request *r, struct html *h, const struct entity *e, int64_t id)
{
	const char *what = arena_printf(&r->a, " this %s", e->label);
	const char *reason;
	const char *state = page_authorisation_state(r, e, id, &reason);
	html_f(h, "<ul class=\"govuk-summary-list__actions-list hearth-row-links\">");
	if (state && strcmp(state, "returned") == 0) {
		html_f(h, "<li class=\"govuk-summary-list__actions-list-item\" data-hearth=\"authorisation\"><strong "
			  "class=\"govuk-tag govuk-tag--red\">Returned</strong> %s</li>",
		       reason ? reason : "");
	} else if (state) {
		html_f(h, "<li class=\"govuk-summary-list__actions-list-item\" data-hearth=\"authorisation\"><strong "
			  "class=\"govuk-tag govuk-tag--yellow\">Awaiting authorisation</strong></li>");
	}
	if (may_change(r, e)) {
		html_f(h, "<li class=\"govuk-summary-list__actions-list-item\"><a class=\"govuk-link\" href=\"%s\">Correct"
			  "<span class=\"govuk-visually-hidden\">%s</span></a></li>"
			  "<li class=\"govuk-summary-list__actions-list-item\"><a class=\"govuk-link\" href=\"%s\">Retract"
			  "<span class=\"govuk-visually-hidden\">%s</span></a></li>",
		       row_path(r, e, id, "/edit"), what, row_path(r, e, id, "/retract"), what);
		/* A supervision's actions are tasks that name it: each added from here. */
		if (e == &entity_supervision) {
			html_f(h, "<li class=\"govuk-summary-list__actions-list-item\"><a class=\"govuk-link\" "
				  "href=\"/children/%lld/records/task/new?supervision_id=%lld\" data-hearth=\"add-action\">"
				  "Add an action<span class=\"govuk-visually-hidden\"> from this supervision</span></a></li>",
			       (long long)r->child_id, (long long)id);
		}
	}
	html_f(h, "<li class=\"govuk-summary-list__actions-list-item\"><a class=\"govuk-link\" href=\"%s\">History"
		  "<span class=\"govuk-visually-hidden\"> of%s</span></a></li></ul>",
	       row_path(r, e, id, "/history"), what);
}

/* ---- the form's page ---- */

enum form_mode { FORM_NEW, FORM_CORRECT };

struct form_page {
	enum form_mode mode;
	struct record_form rf;
	const char *reason;		/* a correction's reason, as typed */
};

/* "a visit", "an assessment". */
static const char *a_kind(struct web_request *r, const struct entity *e)
{
	return arena_printf(&r->a, "%s %s", strchr("aeiou", e->label[0]) ? "an" : "a", e->label);
}

static int form_page_draw(struct web_request *r, const struct form_page *fp, const struct hval *child, int status)
{
	const struct entity *e = fp->rf.e;
	const char *title = fp->mode == FORM_NEW ? arena_printf(&r->a, "Record %s", a_kind(r, e))
						 : arena_printf(&r->a, "Correct this %s", e->label);
	struct html *h = page_begin(r, title, NULL);
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back to the record</a>", child_home_href(r, r->child_id));
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	const struct page_form *forms[] = {&fp->rf.f, fp->rf.link ? &fp->rf.link->f : NULL};
	page_form_errors_of(r, h, forms, fp->rf.link ? 2 : 1);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>",
	       page_child_name(r, child), title);
	if (fp->mode == FORM_NEW) {
		html_f(h, "<form method=\"post\" action=\"/children/%lld/records/%s\" novalidate data-hearth=\"record-form\">",
		       (long long)r->child_id, e->name);
	} else {
		html_f(h, "<p class=\"govuk-body\">The record keeps what it said before: your correction is saved as a new "
			  "revision, with your reason, and shows in its <a class=\"govuk-link\" href=\"%s\">history</a>.</p>"
			  "<form method=\"post\" action=\"%s\" novalidate data-hearth=\"record-form\">",
		       row_path(r, e, r->rid, "/history"), row_path(r, e, r->rid, ""));
	}
	page_csrf_field(r, h);
	record_form_fields(r, h, &fp->rf);
	if (fp->mode == FORM_CORRECT) {
		page_textarea(h, "reason", "Why are you correcting this record?",
			      "For example, the date was typed wrongly. People reading the history will see this.",
			      fp->reason, page_form_extra_error_of(&fp->rf.f, "reason"), REASON_MAX);
	}
	html_f(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">%s</button></form>",
	       fp->mode == FORM_NEW ? arena_printf(&r->a, "Save the %s", e->label) : "Save the correction");
	html_f(h, "</div></div>");
	return page_end(r, status);
}

/* Refuses a form that carries a field it does not read (400 naming it), as the API does. */
static int refuse_unknown(struct web_request *r, const struct record_form *rf, const char *const *extra)
{
	const char *unknown = record_form_unknown(r, rf, extra);
	if (unknown) {
		return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
	}
	return 0;
}

/* A refusal from the save: beside its field on the form (the store names it), or at the
 * top of the summary. Anything but a refusal (the database failed) is an error page. */
static int refused(struct web_request *r, struct form_page *fp, const struct hval *child, const struct hearth_error *err)
{
	if (err->code != HERR_INVALID && err->code != HERR_CONFLICT) {
		return web_fail_err(r, err);
	}
	/* A linked kind's refusal may be its link's (the relationship's kind, say). */
	struct record_form *rf = fp->rf.link && entity_field_index(fp->rf.e, err->field) < 0 &&
					 entity_field_index(fp->rf.link->e, err->field) >= 0
				 ? fp->rf.link
				 : &fp->rf;
	page_form_refused(&rf->f, err);
	if (strcmp(err->field, "reason") == 0) {
		page_form_extra_error(&fp->rf.f, "reason", err->message);
	}
	return form_page_draw(r, fp, child, 400);
}

/* Back to the part of the record that shows rows of e (the overview for the child's own
 * details, or a kind no part lists), at the row saved. */
static const char *done_path(struct web_request *r, const char *done, size_t findings, const struct entity *e,
			     int64_t id)
{
	/* A person is shown beside their relationship: back to the part that lists it. */
	const struct entity *link = e->child_field < 0 ? entity_link(e, NULL) : NULL;
	enum child_part p = child_part_of(link ? link : e);
	if (!role_can(r->role, PERM_CHILD_READ)) {
		/* A partner reads no part of the record: back to the child's page they read. */
		return arena_printf(&r->a, "%s?done=%s#%s-%lld", child_home_href(r, r->child_id), done, e->name, (long long)id);
	}
	return arena_printf(&r->a, "%s?done=%s&new_findings=%zu#%s-%lld",
			    child_part_href(r, p == PART_MAX ? PART_OVERVIEW : p), done, findings, e->name, (long long)id);
}

/* ---- GET /children/{id}/records/{kind}/new, POST /children/{id}/records/{kind} ---- */

int page_record_new(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child;
	int rc = kind_for_request(r, true, false, &e);
	if (rc || (rc = child_load(r, &child))) {
		return rc;
	}
	struct form_page fp = {.mode = FORM_NEW};
	if ((rc = record_form_init(r, &fp.rf, e, NULL))) {
		return rc;
	}
	return form_page_draw(r, &fp, child, 200);
}

int page_record_create(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child;
	int rc = kind_for_request(r, true, false, &e);
	if (rc || (rc = child_load(r, &child))) {
		return rc;
	}
	struct form_page fp = {.mode = FORM_NEW};
	if ((rc = record_form_init(r, &fp.rf, e, NULL)) || (rc = refuse_unknown(r, &fp.rf, NULL))) {
		return rc;
	}
	if (record_form_read(r, &fp.rf)) {
		return form_page_draw(r, &fp, child, 400);
	}
	int64_t id;
	struct returns_findings warnings;
	struct hearth_error err = {0};
	if (fp.rf.link) {
		/* A person and their relationship to this child: both or neither. */
		if (save_linked(r, &fp.rf, &id, &warnings, &err)) {
			return refused(r, &fp, child, &err);
		}
		return page_redirect(r, done_path(r, "recorded", warnings.n, fp.rf.link->e, id));
	}
	struct work_result out;
	if (save_new(r, e, fp.rf.vals, &out, &err)) {
		return refused(r, &fp, child, &err);
	}
	/* A referral saved closed by a worker whose closing needs authorisation: saved open,
	 * its closure awaiting a manager (work.c add_closing); the banner says so. */
	return page_redirect(r, done_path(r, out.request ? "close_proposed" : "recorded", out.warnings.n, e, out.id));
}

/* ---- correcting ---- */

int page_record_edit(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child, *row;
	int rc = kind_for_request(r, true, true, &e);
	if (rc || (rc = child_load(r, &child)) || (rc = row_load(r, e, &row))) {
		return rc;
	}
	struct form_page fp = {.mode = FORM_CORRECT};
	if ((rc = record_form_init(r, &fp.rf, e, row))) {
		return rc;
	}
	return form_page_draw(r, &fp, child, 200);
}

int page_record_update(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child, *row;
	int rc = kind_for_request(r, true, true, &e);
	if (rc || (rc = child_load(r, &child)) || (rc = row_load(r, e, &row))) {
		return rc;
	}
	struct form_page fp = {.mode = FORM_CORRECT};
	static const char *const extra[] = {"reason", NULL};
	if ((rc = record_form_init(r, &fp.rf, e, row)) || (rc = refuse_unknown(r, &fp.rf, extra))) {
		return rc;
	}
	record_form_read(r, &fp.rf);
	fp.reason = web_form(r, "reason");
	if (!fp.reason || !*fp.reason) {
		page_form_extra_error(&fp.rf.f, "reason", "Enter why you are correcting this record");
	} else if (strlen(fp.reason) > REASON_MAX) {
		page_form_extra_error(&fp.rf.f, "reason",
				      arena_printf(&r->a, "The reason must be %d characters or fewer", REASON_MAX));
	}
	if (fp.rf.f.n_errors) {
		return form_page_draw(r, &fp, child, 400);
	}
	struct work_result out;
	struct hearth_error err = {0};
	if (save_correction(r, e, r->rid, fp.rf.vals, fp.reason, &out, &err)) {
		return refused(r, &fp, child, &err);
	}
	if (e == &entity_child) {
		return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=corrected&new_findings=%zu",
						     (long long)r->child_id, out.warnings.n));
	}
	return page_redirect(r, done_path(r, out.request ? "correction_close_proposed" : "corrected", out.warnings.n,
					  e, r->rid));
}

/* ---- retracting ---- */

static void row_summary(struct web_request *r, struct html *h, const struct entity *e, const struct hval *row)
{
	html_f(h, "<dl class=\"govuk-summary-list\" data-hearth=\"row\">");
	for (int i = 0; i < e->n_fields; i++) {
		if (i == e->child_field) {
			continue;
		}
		const char *v = page_value(r, &e->fields[i], &row[i]);
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt><dd "
			  "class=\"govuk-summary-list__value hearth-pre\">%s</dd></div>",
		       e->fields[i].label, *v ? v : "Not recorded");
	}
	html_f(h, "</dl>");
}

static int retract_page(struct web_request *r, const struct entity *e, const struct hval *child,
			const struct hval *row, const char *reason, const char *error, int status)
{
	const char *title = arena_printf(&r->a, "Retract this %s", e->label);
	struct html *h = page_begin(r, title, NULL);
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back to the record</a>", child_home_href(r, r->child_id));
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	if (error) {
		html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 "
			  "class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">"
			  "<ul class=\"govuk-list govuk-error-summary__list\"><li><a href=\"#reason\">%s</a></li></ul></div>"
			  "</div></div>",
		       error);
	}
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>",
	       page_child_name(r, child), title);
	row_summary(r, h, e, row);
	html_f(h, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
		  "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Retract a "
		  "record only when it was entered in error. It stays in the record, marked as retracted, with your reason, "
		  "and no longer counts in the clock, the measures or the returns.</strong></div>");
	html_f(h, "<form method=\"post\" action=\"%s\" novalidate>", row_path(r, e, r->rid, "/retract"));
	page_csrf_field(r, h);
	page_textarea(h, "reason", "Why are you retracting this record?", "For example, it was recorded on the wrong child.",
		      reason, error, REASON_MAX);
	html_f(h, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
		  "Retract the %s</button></form></div></div>",
	       e->label);
	return page_end(r, status);
}

int page_record_retract_form(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child, *row;
	int rc = kind_for_request(r, true, true, &e);
	if (rc || (rc = child_load(r, &child)) || (rc = row_load(r, e, &row))) {
		return rc;
	}
	return retract_page(r, e, child, row, NULL, NULL, 200);
}

int page_record_retract(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child, *row;
	int rc = kind_for_request(r, true, true, &e);
	if (rc || (rc = child_load(r, &child)) || (rc = row_load(r, e, &row))) {
		return rc;
	}
	for (size_t i = 0; i < r->n_form; i++) {
		if (strcmp(r->form[i].name, "csrf_token") != 0 && strcmp(r->form[i].name, "reason") != 0) {
			return web_fail(r, 400, r->form[i].name, "unknown_field", "%s is not a field of this form",
					r->form[i].name);
		}
	}
	const char *reason = web_form(r, "reason");
	if (!reason || !*reason) {
		return retract_page(r, e, child, row, reason, "Enter why you are retracting this record", 400);
	}
	if (strlen(reason) > REASON_MAX) {
		return retract_page(r, e, child, row, reason,
				    arena_printf(&r->a, "The reason must be %d characters or fewer", REASON_MAX), 400);
	}
	struct hearth_error err = {0};
	if (save_retraction(r, e, r->rid, reason, &err)) {
		if (err.code == HERR_CONFLICT) {
			/* A person linked to another child too: the rule, and what to do instead. */
			return retract_page(r, e, child, row, reason, err.message, 409);
		}
		if (err.code != HERR_INVALID) {
			return web_fail_err(r, &err);
		}
		return retract_page(r, e, child, row, reason, err.message, 400);
	}
	if (e == &entity_child) {
		/* The child's own record is gone from every list: back to the start. */
		return page_redirect(r, "/");
	}
	return page_redirect(r, arena_printf(&r->a, "%s?done=retracted", child_home_href(r, r->child_id)));
}

/* ---- history ---- */

/* A revision's stored value of one field (JSON, as store.c writes it) as people read it. */
static const char *json_value(struct web_request *r, const struct field *fd, json_t *j)
{
	struct hval v = {.null = true};
	if (!j || json_is_null(j)) {
		return "";
	}
	switch (fd->type) {
	case FT_BOOL:
		v = (struct hval){.i = json_is_true(j)};
		break;
	case FT_REF: {
		/* A row of this child's record reads as what it is, not its id. */
		const struct entity *target = entity_find(fd->arg);
		struct hval *row;
		v = (struct hval){.i = json_integer_value(j)};
		if (target && target != &entity_worker &&
		    store_get(r->st, target, v.i, &r->a, &row, NULL) == 0) {
			return record_row_title(r, target, row);
		}
		break;
	}
	case FT_INT:
		v = (struct hval){.i = json_integer_value(j)};
		break;
	case FT_REAL:
		v = (struct hval){.r = json_number_value(j)};
		break;
	case FT_DATE: {
		hdate d;
		if (date_parse(json_string_value(j) ? json_string_value(j) : "", &d)) {
			return json_string_value(j) ? json_string_value(j) : "";
		}
		v = (struct hval){.i = d};
		break;
	}
	case FT_INSTANT: {
		hinstant t;
		const char *s = json_string_value(j) ? json_string_value(j) : "";
		return instant_parse(s, &t) ? s : arena_printf(&r->a, "%s at %.5s UTC", page_date(r, instant_date(t)), s + 11);
	}
	default:
		v = (struct hval){.s = json_string_value(j) ? json_string_value(j) : ""};
		break;
	}
	return page_value(r, fd, &v);
}

/* Who made a change, as people read it. */
static const char *actor_name(struct web_request *r, const char *actor)
{
	if (!actor) {
		return "";
	}
	if (strncmp(actor, "user:", 5) == 0) {
		struct store_user u;
		int64_t id = strtoll(actor + 5, NULL, 10);
		if (id > 0 && store_user_get(r->st, id, &r->a, &u, NULL) == 0) {
			const char *worker = u.worker_id ? page_worker_name(r, u.worker_id) : NULL;
			return worker && *worker ? arena_printf(&r->a, "%s (%s)", worker, u.username) : u.username;
		}
	}
	if (strncmp(actor, "cli:", 4) == 0) {
		return arena_printf(&r->a, "%s, on the command line", actor + 4);
	}
	return actor;
}

static const char *when(struct web_request *r, const char *at)
{
	hinstant t;
	if (!at || instant_parse(at, &t)) {
		return at ? at : "";
	}
	return arena_printf(&r->a, "%s at %.5s UTC", page_date(r, instant_date(t)), at + 11);
}

/* The child a row's revisions say it belongs to (a retracted row is not live, so its
 * history is checked from what it last held). */
static bool revisions_belong(const struct web_request *r, const struct entity *e, const struct store_revision *revs,
			     size_t n)
{
	if (e == &entity_child) {
		return r->rid == r->child_id && n > 0;
	}
	if (n > 0 && e->child_field < 0 && entity_link(e, NULL)) {
		/* A person: the dispatcher found this child's live relationship naming them. */
		return work_linked_to_child(r->st, e, r->rid, r->child_id, (struct arena *)&r->a, NULL) == 0;
	}
	if (n == 0 || e->child_field < 0) {
		return false;
	}
	const struct store_revision *last = &revs[n - 1];
	json_t *row = json_loads(last->after ? last->after : last->before ? last->before : "", 0, NULL);
	json_t *c = row ? json_object_get(row, e->fields[e->child_field].name) : NULL;
	bool mine = c && json_is_integer(c) && json_integer_value(c) == r->child_id;
	json_decref(row);
	return mine;
}

static void revision_html(struct web_request *r, struct html *h, const struct entity *e,
			  const struct store_revision *rev)
{
	bool insert = strcmp(rev->action, "insert") == 0, retract = strcmp(rev->action, "void") == 0;
	const char *title = insert ? "Recorded" : retract ? "Retracted" : "Corrected";
	html_f(h, "<div class=\"govuk-summary-card\" data-hearth=\"revision\" data-action=\"%s\"><div "
		  "class=\"govuk-summary-card__title-wrapper\"><h2 class=\"govuk-summary-card__title\">%s on %s by %s</h2>"
		  "</div><div class=\"govuk-summary-card__content\">",
	       rev->action, title, when(r, rev->at), actor_name(r, rev->actor));
	if (!insert) {
		html_f(h, "<p class=\"govuk-body\"><strong>Why:</strong> <span class=\"hearth-pre\" data-hearth=\"reason\">%s"
			  "</span></p>",
		       rev->reason && *rev->reason ? rev->reason : "No reason was given");
	}
	if (retract) {
		html_f(h, "</div></div>");
		return;
	}
	json_t *before = rev->before ? json_loads(rev->before, 0, NULL) : NULL;
	json_t *after = rev->after ? json_loads(rev->after, 0, NULL) : NULL;
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"changes\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Field</th>");
	if (!insert) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">Was</th>");
	}
	html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">%s</th></tr></thead><tbody class=\"govuk-table__body\">",
	       insert ? "Value" : "Now");
	size_t shown = 0;
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *fd = &e->fields[i];
		json_t *b = before ? json_object_get(before, fd->name) : NULL;
		json_t *a = after ? json_object_get(after, fd->name) : NULL;
		if (i == e->child_field || (insert && (!a || json_is_null(a))) ||
		    (!insert && (b ? (a && json_equal(a, b)) : (!a || json_is_null(a))))) {
			continue;
		}
		shown++;
		if (insert) {
			html_f(h, "<tr class=\"govuk-table__row\" data-field=\"%s\"><th scope=\"row\" class=\"govuk-table__header\">"
				  "%s</th><td class=\"govuk-table__cell hearth-pre\">%s</td></tr>",
			       fd->name, fd->label, json_value(r, fd, a));
		} else {
			const char *was = json_value(r, fd, b), *now = json_value(r, fd, a);
			html_f(h, "<tr class=\"govuk-table__row\" data-field=\"%s\"><th scope=\"row\" class=\"govuk-table__header\">"
				  "%s</th><td class=\"govuk-table__cell hearth-pre\" data-hearth=\"was\">%s</td><td "
				  "class=\"govuk-table__cell hearth-pre\" data-hearth=\"now\">%s</td></tr>",
			       fd->name, fd->label, *was ? was : "(blank)", *now ? now : "(blank)");
		}
	}
	if (!shown) {
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" colspan=\"3\">No field changed</td>"
			  "</tr>");
	}
	html_f(h, "</tbody></table></div></div>");
	json_decref(before);
	json_decref(after);
}

int page_record_history(struct web_request *r)
{
	const struct entity *e = NULL;
	struct hval *child;
	int rc = kind_for_request(r, false, true, &e);
	if (rc || (rc = child_load(r, &child))) {
		return rc;
	}
	struct store_revision *revs;
	size_t n;
	struct hearth_error err = {0};
	if (store_revisions(r->st, e->name, r->rid, &r->a, &revs, &n, &err)) {
		return web_fail_err(r, &err);
	}
	if (!revisions_belong(r, e, revs, n)) {
		return no_such_row(r, e);
	}
	const char *title = arena_printf(&r->a, "History of this %s", e->label);
	struct html *h = page_begin(r, title, NULL);
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back to the record</a>", child_home_href(r, r->child_id));
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>",
	       page_child_name(r, child), capitalised(r, title));
	bool live = strcmp(revs[n - 1].action, "void") != 0;
	html_f(h, "<p class=\"govuk-body\">%zu %s, oldest first.%s</p>", n, n == 1 ? "revision" : "revisions",
	       live ? "" : " This record has been retracted: it stays in the record, marked as retracted.");
	for (size_t i = 0; i < n; i++) {
		revision_html(r, h, e, &revs[i]);
	}
	return page_end(r, 200);
}
