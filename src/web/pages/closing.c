/* closing: closing a child's case, and stepping down to early help or up to social care
 * (issue 15, part 3). Three forms on the child's record, each saved by src/work in one
 * transaction (work_close_case, work_step_up): closing ends every open referral with the
 * CIN census reason (RC1-RC9, offered as "code – words"), every open CIN and CP plan and
 * every live allocation on the date given; a step down does the same and opens an early
 * help episode marked as stepped down (EH1.step_down); a step up ends the open early help
 * episode with the reason step_up (EH1.step_up) and opens a referral (FD2 counts it as a
 * re-referral when there was another within 12 months). Bad input: the error summary,
 * nothing stored. The route table gives closing and stepping down to the role with
 * propose_close, stepping up to the role with close_case. Closing or stepping down by a
 * role that does not authorise that decision (a local setting) is a proposal
 * (work_propose_close): it awaits authorisation on /approvals, nothing ended, and the form
 * shows it awaiting, or returned with the manager's reason.
 *
 * A closing ends the child's allocations, and with them, for a role that sees its team's
 * children, the child's place in the person's scope: so its answer is a confirmation page
 * (GOV.UK's panel) saying what ended, not a redirect to a record that may no longer open.
 * A step up changes no allocation and returns to the record. */
#include <string.h>

#include "model/codes.h"
#include "web/actions.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

static const int close_fields[] = {REFERRAL_CLOSURE_DATE, REFERRAL_CLOSURE_REASON, -1};
static const int step_up_fields[] = {REFERRAL_REFERRAL_DATE, REFERRAL_SOURCE, -1};

enum step { STEP_CLOSE, STEP_DOWN, STEP_UP };

static const struct {
	const char *path, *title, *intro, *button, *done;
	const int *fields;
} steps[] = {
	[STEP_CLOSE] = {"close", "Close the case",
			"Closing ends the child's involvement with children's social care on the date you give: the "
			"open referral closes with the reason, and every open child in need plan, child protection plan "
			"and allocation ends on that date. Nothing is deleted: each ending is a revision of its record.",
			"Close the case", "closed", close_fields},
	[STEP_DOWN] = {"step-down", "Step down to early help",
		       "A step down closes the case as closing does (its plans and allocations end on the date you "
		       "give) and opens an early help episode from that date, recorded as stepped down from social "
		       "care.",
		       "Step down to early help", "stepped_down", close_fields},
	[STEP_UP] = {"step-up", "Step up to social care",
		     "A step up ends the child's open early help episode on the date you give, as stepped up to "
		     "children's social care, and opens a referral from that date.",
		     "Step up to social care", "stepped_up", step_up_fields},
};

/* The child's latest proposal to close or step down, when it awaits authorisation or was
 * returned (with the manager's reason, for the worker to act on). */
static void proposal_html(struct web_request *r, struct html *h)
{
	int64_t *ids;
	struct hval **rows, *x = NULL;
	size_t n;
	if (store_child_rows(r->st, &entity_authorisation, r->child_id, &r->a, &ids, &rows, &n, NULL)) {
		return;
	}
	int64_t best = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rows[i][AUTHORISATION_PROPOSED_DATE].null && ids[i] > best) {
			best = ids[i];
			x = rows[i];
		}
	}
	if (!x || strcmp(x[AUTHORISATION_STATE].s, "authorised") == 0) {
		return;
	}
	bool returned = strcmp(x[AUTHORISATION_STATE].s, "returned") == 0;
	html_f(h, "<div class=\"govuk-notification-banner\" role=\"region\" data-hearth=\"proposal-%s\">"
		  "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\">%s"
		  "</h2></div><div class=\"govuk-notification-banner__content\"><p class=\"govuk-body\">"
		  "A proposal to %s on %s (%s) %s.</p>",
	       x[AUTHORISATION_STATE].s, returned ? "Returned" : "Awaiting authorisation",
	       strcmp(x[AUTHORISATION_POINT].s, "step_down") == 0 ? "step down to early help" : "close the case",
	       page_date(r, (hdate)x[AUTHORISATION_PROPOSED_DATE].i), x[AUTHORISATION_PROPOSED_REASON].s,
	       returned ? "was returned by the manager" : "awaits a manager's authorisation");
	if (returned && !x[AUTHORISATION_REASON].null) {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"returned-reason\">%s</p>", x[AUTHORISATION_REASON].s);
	}
	html_f(h, "</div></div>");
}

static int step_page(struct web_request *r, enum step s, struct page_form *f, int status)
{
	struct hval *child;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, steps[s].title, NULL);
	html_f(h, "<a href=\"/children/%lld\" class=\"govuk-back-link\">Back to the record</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">",
	       (long long)r->child_id);
	page_form_errors(r, h, f);
	if (s != STEP_UP) {
		proposal_html(r, h);
	}
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>"
		  "<p class=\"govuk-body\">%s</p><form method=\"post\" action=\"/children/%lld/%s\" novalidate "
		  "data-hearth=\"%s\">",
	       page_child_name(r, child), steps[s].title, steps[s].intro, (long long)r->child_id, steps[s].path,
	       steps[s].path);
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button%s\">%s</button></form></div></div>",
	       s == STEP_UP ? "" : " govuk-button--warning", steps[s].button);
	return page_end(r, status);
}

static void step_form(struct web_request *r, enum step s, struct page_form *f)
{
	page_form_init(r, f, &entity_referral, steps[s].fields);
	int code_field = s == STEP_UP ? REFERRAL_SOURCE : REFERRAL_CLOSURE_REASON;
	page_form_codes_on(r, f, code_field, date_today());
}

static int step_get(struct web_request *r, enum step s)
{
	struct page_form f;
	step_form(r, s, &f);
	char today[DATE_STR_SIZE];
	f.text[steps[s].fields[0]] = arena_strdup(&r->a, date_format(date_today(), today));
	if (s == STEP_DOWN) {
		f.text[REFERRAL_CLOSURE_REASON] = "RC9";
	}
	return step_page(r, s, &f, 200);
}

/* What a closing (or step down) ended, as GOV.UK's confirmation panel. */
static int closed_page(struct web_request *r, enum step s, hdate date, const char *reason,
		       const struct work_closure *done, size_t new_findings)
{
	struct html *h = page_begin(r, s == STEP_DOWN ? "Stepped down to early help" : "Case closed", NULL);
	const char *words = code_label("closure_reason", reason);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
		  "<div class=\"govuk-panel govuk-panel--confirmation\" data-hearth=\"closed\"><h1 "
		  "class=\"govuk-panel__title\">%s</h1><div class=\"govuk-panel__body\">%s: %s</div></div>"
		  "<p class=\"govuk-body\">On %s, %zu %s closed, %zu %s ended and %zu %s ended. Nothing was deleted: "
		  "each ending is a revision of its record.</p>",
	       s == STEP_DOWN ? "Stepped down to early help" : "Case closed", reason, words ? words : "",
	       page_date(r, date), done->n_referrals, done->n_referrals == 1 ? "referral" : "referrals", done->n_plans,
	       done->n_plans == 1 ? "plan" : "plans", done->n_allocations,
	       done->n_allocations == 1 ? "allocation" : "allocations");
	if (done->early_help_id) {
		html_f(h, "<p class=\"govuk-body\">An early help episode opened on %s, recorded as a step down from "
			  "social care.</p>",
		       page_date(r, date));
	}
	if (new_findings) {
		html_f(h, "<p class=\"govuk-body\">The DfE's validation rules now find %zu new %s in this record.</p>",
		       new_findings, new_findings == 1 ? "thing to fix" : "things to fix");
	}
	html_f(h, "<p class=\"govuk-body\">With no allocation, the child's record may leave your caseload. "
		  "<a class=\"govuk-link\" href=\"/caseload\">Go to your caseload</a></p></div></div>");
	return page_end(r, 200);
}

/* A proposal awaiting authorisation: nothing has ended yet. */
static int proposed_page(struct web_request *r, enum step s, hdate date, const char *reason)
{
	struct html *h = page_begin(r, "Awaiting authorisation", NULL);
	const char *words = code_label("closure_reason", reason);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
		  "<div class=\"govuk-panel govuk-panel--confirmation\" data-hearth=\"proposed\"><h1 "
		  "class=\"govuk-panel__title\">Awaiting authorisation</h1><div class=\"govuk-panel__body\">%s on %s, "
		  "%s: %s</div></div><p class=\"govuk-body\">A manager authorises the decision. Until then the case "
		  "stays open: no referral, plan or allocation has ended. If it is returned, you will see why on your "
		  "home page and on this form.</p><p class=\"govuk-body\"><a class=\"govuk-link\" "
		  "href=\"/children/%lld\">Back to the record</a></p></div></div>",
	       s == STEP_DOWN ? "Step down to early help" : "Close the case", page_date(r, date), reason,
	       words ? words : "", (long long)r->child_id);
	return page_end(r, 200);
}

static int step_post(struct web_request *r, enum step s)
{
	struct page_form f;
	step_form(r, s, &f);
	const char *unknown = page_form_unknown(r, &f, NULL);
	if (unknown) {
		return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
	}
	struct hval vals[REFERRAL__COUNT];
	for (int i = 0; i < REFERRAL__COUNT; i++) {
		vals[i] = (struct hval){.null = true};
	}
	page_form_read(r, &f, vals);
	int date_field = steps[s].fields[0], code_field = steps[s].fields[1];
	if (!f.error[date_field] && vals[date_field].null) {
		f.error[date_field] = s == STEP_UP ? "Enter the date of the step up" : "Enter the date the case closed";
		f.n_errors++;
	}
	if (!f.error[code_field] && vals[code_field].null) {
		f.error[code_field] = s == STEP_UP ? "Choose the source of the referral" : "Choose the reason the case closed";
		f.n_errors++;
	}
	if (f.n_errors) {
		return step_page(r, s, &f, 400);
	}
	struct work_actor who = web_work_actor(r);
	struct work_result out;
	struct work_closure done;
	struct hearth_error err = {0};
	int64_t eh_id;
	hdate date = (hdate)vals[date_field].i;
	int64_t request = 0;
	int rc = s == STEP_UP ? work_step_up(r->st, &who, r->child_id, date, vals[code_field].s, &r->a, &out, &eh_id, &err)
			      : work_propose_close(r->st, &who, r->child_id, date, vals[code_field].s, s == STEP_DOWN,
						   &r->a, &out, &done, &request, &err);
	if (rc) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		for (size_t i = 1; i < out.n_problems; i++) {
			struct hearth_error pe = {0};
			herr_set(&pe, HERR_INVALID, out.problems[i].field, out.problems[i].rule, "%s", out.problems[i].message);
			page_form_refused(&f, &pe);
		}
		page_form_refused(&f, &err);
		return step_page(r, s, &f, 400);
	}
	if (request) {
		return proposed_page(r, s, date, vals[code_field].s);
	}
	if (s != STEP_UP) {
		return closed_page(r, s, date, vals[code_field].s, &done, out.warnings.n);
	}
	return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=%s&new_findings=%zu", (long long)r->child_id,
					     steps[s].done, out.warnings.n));
}

int page_close_case(struct web_request *r)
{
	return step_get(r, STEP_CLOSE);
}

int page_close_case_post(struct web_request *r)
{
	return step_post(r, STEP_CLOSE);
}

int page_step_down(struct web_request *r)
{
	return step_get(r, STEP_DOWN);
}

int page_step_down_post(struct web_request *r)
{
	return step_post(r, STEP_DOWN);
}

int page_step_up(struct web_request *r)
{
	return step_get(r, STEP_UP);
}

int page_step_up_post(struct web_request *r)
{
	return step_post(r, STEP_UP);
}
