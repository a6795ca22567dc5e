/* approvals: managers' authorisation (issue 15, part 2).
 *
 * /approvals lists the requests awaiting authorisation about children in the manager's
 * scope (their team's) whose decision their role authorises (the local settings,
 * model/authorise.h), oldest first, each with the working days it has waited
 * (base/workdays.h). /approvals/{rid} shows one request with the form that authorises it
 * or returns it to the worker with a reason; work_authorise and work_return save the
 * answer (a revision naming the manager, audited). A request about a child outside the
 * person's scope is not found, as one that does not exist. */
#include <string.h>

#include "base/workdays.h"
#include "model/authorise.h"
#include "model/codes.h"
#include "web/actions.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

#define APPROVALS_MAX 500

static const char *point_label(const char *key)
{
	const struct authorise_point *p = authorise_point_find(key);
	return p ? p->label : key;
}

/* ---- a record's own state ---- */

const char *page_authorisation_state(struct web_request *r, const struct entity *e, int64_t id, const char **reason)
{
	*reason = NULL;
	bool asked = false;
	for (int k = 0; k < authorise_point_count && !asked; k++) {
		asked = authorise_points[k].e == e;
	}
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (!asked || store_child_rows(r->st, &entity_authorisation, r->child_id, &r->a, &ids, &rows, &n, &err)) {
		return NULL;
	}
	const struct hval *last = NULL;
	int64_t best = 0;
	for (size_t i = 0; i < n; i++) {
		if (rows[i][AUTHORISATION_RECORD_ID].i == id && strcmp(rows[i][AUTHORISATION_RECORD_KIND].s, e->name) == 0 &&
		    ids[i] > best) {
			best = ids[i];
			last = rows[i];
		}
	}
	if (!last || strcmp(last[AUTHORISATION_STATE].s, "authorised") == 0) {
		return NULL;
	}
	*reason = last[AUTHORISATION_REASON].null ? NULL : last[AUTHORISATION_REASON].s;
	return last[AUTHORISATION_STATE].s;
}

/* ---- GET /approvals ---- */

size_t page_authorise_points(struct web_request *r, const char **points)
{
	size_t n = 0;
	for (int k = 0; k < authorise_point_count && n < STORE_APPROVAL_POINTS; k++) {
		if (work_may_authorise(r->st, r->role, authorise_points[k].key, &r->a)) {
			points[n++] = authorise_points[k].key;
		}
	}
	return n;
}

int page_approvals(struct web_request *r)
{
	const char *points[STORE_APPROVAL_POINTS];
	size_t n_points = page_authorise_points(r, points);
	struct store_approval *xs;
	size_t n;
	int64_t total;
	struct hearth_error err = {0};
	struct store_scope sc = r->scope;
	hdate today = date_today();
	sc.as_at = today;
	if (store_approvals_awaiting(r->st, &sc, points, n_points, APPROVALS_MAX, &r->a, &xs, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Approvals", "approvals");
	const char *done = web_query(r, "done");
	if (done && strcmp(done, "authorised") == 0) {
		page_success_banner(h, "Authorised");
	} else if (done && strcmp(done, "returned") == 0) {
		page_success_banner(h, "Returned to the worker with your reason");
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">Approvals</h1>"
		  "<p class=\"govuk-body\">Decisions awaiting your authorisation, oldest first.</p>");
	if (n_points == 0) {
		html_f(h, "<p class=\"govuk-body\">Your role (%s) authorises none of the decisions that need a manager "
			  "(the local settings say who does).</p>",
		       role_name(r->role));
	}
	if (total > (int64_t)n) {
		html_f(h, "<p class=\"govuk-body\">Showing the oldest %zu of %lld.</p>", n, (long long)total);
	}
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"approvals\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%lld awaiting authorisation</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Child</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Decision</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Asked by</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Waiting</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action</span>"
		  "</th></tr></thead><tbody class=\"govuk-table__body\">",
	       (long long)total);
	for (size_t i = 0; i < n; i++) {
		const struct store_approval *x = &xs[i];
		int waited = workdays_between(x->asked_date, today);
		html_f(h, "<tr class=\"govuk-table__row\" data-approval=\"%lld\"><td class=\"govuk-table__cell\">"
			  "<a class=\"govuk-link\" href=\"/children/%lld\">%s %s</a><br><span class=\"govuk-body-s\">%s"
			  "</span></td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s<br>"
			  "<span class=\"govuk-body-s\">on %s</span></td><td class=\"govuk-table__cell\" "
			  "data-hearth=\"waiting\">%d working %s</td><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
			  "href=\"/approvals/%lld\">Decide<span class=\"govuk-visually-hidden\"> on the %s for %s %s</span>"
			  "</a></td></tr>",
		       (long long)x->id, (long long)x->child_id, x->given_name, x->family_name, x->la_child_id,
		       point_label(x->point), x->asked_by_name ? x->asked_by_name : "Not recorded",
		       page_date(r, x->asked_date), waited, waited == 1 ? "day" : "days", (long long)x->id,
		       point_label(x->point), x->given_name, x->family_name);
	}
	html_f(h, "</tbody></table></div>");
	return page_end(r, 200);
}

/* ---- GET and POST /approvals/{rid} ---- */

static const int answer_fields[] = {AUTHORISATION_REASON, -1};

struct answer {
	struct page_form f;
	struct hval *row, *child;
	const struct authorise_point *p;
};

/* 0 and the request {rid} (of a child in scope), or the status answered. */
static int answer_load(struct web_request *r, struct answer *x)
{
	struct hearth_error err = {0};
	struct store_scope sc = r->scope;
	sc.as_at = date_today();
	int rc = store_get(r->st, &entity_authorisation, r->rid, &r->a, &x->row, &err);
	int visible = rc ? 0 : store_child_visible(r->st, &sc, x->row[AUTHORISATION_CHILD_ID].i, &err);
	if (rc == HERR_NOT_FOUND || (!rc && visible == 0)) {
		return web_fail(r, 404, "rid", "not_found", "there is no such request for authorisation");
	}
	if (rc || visible < 0 || (rc = store_get(r->st, &entity_child, x->row[AUTHORISATION_CHILD_ID].i, &r->a, &x->child, &err))) {
		return web_fail_err(r, &err);
	}
	r->child_id = x->row[AUTHORISATION_CHILD_ID].i; /* the page's read is audited as of this child */
	x->p = authorise_point_find(x->row[AUTHORISATION_POINT].s);
	page_form_init(r, &x->f, &entity_authorisation, answer_fields);
	return 0;
}

static int answer_draw(struct web_request *r, struct answer *x, int status)
{
	const struct hval *v = x->row;
	struct html *h = page_begin(r, "Authorise or return", "approvals");
	html_f(h, "<a href=\"/approvals\" class=\"govuk-back-link\">Back to approvals</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, &x->f);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>",
	       page_child_name(r, x->child), point_label(v[AUTHORISATION_POINT].s));
	html_f(h, "<dl class=\"govuk-summary-list\"><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		  "Asked on</dt><dd class=\"govuk-summary-list__value\">%s</dd></div><div class=\"govuk-summary-list__row\">"
		  "<dt class=\"govuk-summary-list__key\">State</dt><dd class=\"govuk-summary-list__value\" "
		  "data-hearth=\"approval-state\">%s</dd></div><div class=\"govuk-summary-list__row\"><dt "
		  "class=\"govuk-summary-list__key\">Record</dt><dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" "
		  "href=\"/children/%lld/records/%s/%lld/history\">The %s and its history</a></dd></div></dl>",
	       page_date(r, (hdate)v[AUTHORISATION_ASKED_DATE].i), v[AUTHORISATION_STATE].s,
	       (long long)v[AUTHORISATION_CHILD_ID].i, v[AUTHORISATION_RECORD_KIND].s,
	       (long long)v[AUTHORISATION_RECORD_ID].i,
	       x->p && strcmp(x->p->e->name, v[AUTHORISATION_RECORD_KIND].s) == 0 ? x->p->e->label
										   : v[AUTHORISATION_RECORD_KIND].s);
	if (!v[AUTHORISATION_PROPOSED_DATE].null) {
		/* A proposal to close or step down (work_propose_close): what authorising does. */
		const char *words = code_label("closure_reason", v[AUTHORISATION_PROPOSED_REASON].s);
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"proposal\">Proposed: closing on %s, %s: %s. Authorising "
			  "closes the case on that date: the open referral closes with the reason, and every open plan "
			  "and allocation ends%s.</p>",
		       page_date(r, (hdate)v[AUTHORISATION_PROPOSED_DATE].i), v[AUTHORISATION_PROPOSED_REASON].s,
		       words ? words : "",
		       strcmp(v[AUTHORISATION_POINT].s, "step_down") == 0 ? "; an early help episode opens from it" : "");
	}
	if (strcmp(v[AUTHORISATION_STATE].s, "awaiting") != 0) {
		html_f(h, "<p class=\"govuk-body\">This request is not awaiting authorisation.</p></div></div>");
		return page_end(r, status);
	}
	const char *decision = web_form(r, "decision");
	const char *derr = page_form_extra_error_of(&x->f, "decision");
	html_f(h, "<form method=\"post\" action=\"/approvals/%lld\" novalidate>", (long long)r->rid);
	page_csrf_field(r, h);
	html_f(h, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
		  "govuk-fieldset__legend--m\">Your decision</legend>",
	       derr ? " govuk-form-group--error" : "");
	if (derr) {
		html_f(h, "<p id=\"decision-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:"
			  "</span> %s</p>",
		       derr);
	}
	html_f(h, "<div class=\"govuk-radios\"><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "
		  "id=\"decision\" name=\"decision\" type=\"radio\" value=\"authorise\"%s><label class=\"govuk-label "
		  "govuk-radios__label\" for=\"decision\">Authorise</label></div><div class=\"govuk-radios__item\"><input "
		  "class=\"govuk-radios__input\" id=\"decision-return\" name=\"decision\" type=\"radio\" value=\"return\"%s>"
		  "<label class=\"govuk-label govuk-radios__label\" for=\"decision-return\">Return to the worker</label></div>"
		  "</div></fieldset></div>",
	       decision && strcmp(decision, "authorise") == 0 ? " checked" : "",
	       decision && strcmp(decision, "return") == 0 ? " checked" : "");
	page_textarea(h, "reason", "Reason for returning it", "Required when you return it: what the worker is to change",
		      x->f.text[AUTHORISATION_REASON], x->f.error[AUTHORISATION_REASON], 2000);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save your decision</button>"
		  "</form></div></div>");
	return page_end(r, status);
}

int page_approval(struct web_request *r)
{
	struct answer x;
	int rc = answer_load(r, &x);
	return rc ? rc : answer_draw(r, &x, 200);
}

int page_approval_post(struct web_request *r)
{
	static const char *const extra[] = {"decision", NULL};
	const char *decision = web_form(r, "decision");
	const char *reason = web_form(r, "reason");
	bool authorise = decision && strcmp(decision, "authorise") == 0;
	bool give_back = decision && strcmp(decision, "return") == 0;
	struct answer x;
	int rc = answer_load(r, &x);
	if (rc) {
		return rc;
	}
	const char *unknown = page_form_unknown(r, &x.f, extra);
	if (unknown) {
		return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
	}
	x.f.text[AUTHORISATION_REASON] = reason && *reason ? reason : NULL;
	if (!authorise && !give_back) {
		page_form_extra_error(&x.f, "decision", "Choose whether to authorise it or return it to the worker");
		return answer_draw(r, &x, 400);
	}
	struct work_actor who = web_work_actor(r);
	struct work_result out;
	struct hearth_error err = {0};
	rc = authorise ? work_authorise(r->st, &who, r->rid, &r->a, &out, &err)
		       : work_return(r->st, &who, r->rid, reason, &r->a, &out, &err);
	if (rc == HERR_INVALID || rc == HERR_CONFLICT) {
		page_form_refused(&x.f, &err);
		return answer_draw(r, &x, 400);
	}
	if (rc) {
		return web_fail_err(r, &err);
	}
	return page_redirect(r, authorise ? "/approvals?done=authorised" : "/approvals?done=returned");
}
