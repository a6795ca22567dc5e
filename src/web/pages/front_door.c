/* front_door: the front door's queue and its decision on a contact (issue 15, part 1).
 *
 * /front-door lists the contacts awaiting a decision about children in the person's scope,
 * oldest first, each with its age in working days against the aim of deciding within one
 * working day (the clock's CLOCK_CONTACT_DECISION; base/workdays.h counts), and what is
 * already known about the child: an open case, earlier contacts, and a referral in the 12
 * months before (a referral now would be a re-referral, FD2). The decision form is the
 * contact's own fields that record a decision (the descriptor's), saved by
 * work_contact_decide, which opens the referral or early help episode in the same save. */
#include <string.h>

#include "base/workdays.h"
#include "model/codes.h"
#include "web/actions.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"
#include "web/pages/record_form.h"

#define FD_LIST_MAX 500

/* ---- GET /front-door ---- */

int page_front_door(struct web_request *r)
{
	struct store_fd_contact *ks;
	size_t n;
	int64_t total;
	struct hearth_error err = {0};
	struct store_scope sc = r->scope;
	hdate today = date_today();
	sc.as_at = today;
	if (store_front_door_awaiting(r->st, &sc, FD_LIST_MAX, &r->a, &ks, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	size_t late = 0;
	for (size_t i = 0; i < n; i++) {
		late += workdays_add(ks[i].contact_date, 1) < today;
	}
	struct html *h = page_begin(r, "Front door", "front-door");
	html_f(h, "<h1 class=\"govuk-heading-l\">Front door</h1>"
		  "<p class=\"govuk-body\">Contacts awaiting a decision, oldest first. The aim is a decision within "
		  "1 working day of the contact.</p>");
	if (late) {
		html_f(h, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!"
			  "</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning"
			  "</span>%zu %s past the 1 working day aim.</strong></div>",
		       late, late == 1 ? "contact is" : "contacts are");
	}
	if (total > (int64_t)n) {
		html_f(h, "<p class=\"govuk-body\">Showing the oldest %zu of %lld.</p>", n, (long long)total);
	}
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"front-door\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%lld awaiting a decision</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Child</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Contact</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Waiting</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Already known</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action</span>"
		  "</th></tr></thead><tbody class=\"govuk-table__body\">",
	       (long long)total);
	for (size_t i = 0; i < n; i++) {
		const struct store_fd_contact *k = &ks[i];
		int waited = workdays_between(k->contact_date, today);
		hdate due = workdays_add(k->contact_date, 1);
		html_f(h, "<tr class=\"govuk-table__row\" data-contact=\"%lld\"><td class=\"govuk-table__cell\">"
			  "<a class=\"govuk-link\" href=\"/children/%lld\">%s %s</a><br><span class=\"govuk-body-s\">%s"
			  "</span></td><td class=\"govuk-table__cell\">%s<br><span class=\"govuk-body-s\">%s</span></td>"
			  "<td class=\"govuk-table__cell%s\">%d working %s",
		       (long long)k->contact_id, (long long)k->child_id, k->given_name, k->family_name, k->la_child_id,
		       page_date(r, k->contact_date), code_label("referral_source", k->source), due < today ? " hearth-overdue" : "",
		       waited, waited == 1 ? "day" : "days");
		if (due < today) {
			html_f(h, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
		} else {
			html_f(h, "<br><span class=\"govuk-body-s\">due by the end of %s</span>", page_date(r, due));
		}
		html_f(h, "</td><td class=\"govuk-table__cell\"><ul class=\"govuk-list govuk-body-s\">");
		if (k->open_case) {
			html_f(h, "<li><strong class=\"govuk-tag govuk-tag--blue\">Open case</strong></li>");
		}
		html_f(h, "<li>%lld earlier %s</li>", (long long)k->previous_contacts,
		       k->previous_contacts == 1 ? "contact" : "contacts");
		if (k->last_referral != DATE_NONE && k->last_referral >= date_add_months(k->contact_date, -12)) {
			html_f(h, "<li>Referred on %s: <strong class=\"govuk-tag govuk-tag--orange\">Re-referral risk</strong>"
				  "</li>", page_date(r, k->last_referral));
		} else if (k->last_referral != DATE_NONE) {
			html_f(h, "<li>Last referred on %s</li>", page_date(r, k->last_referral));
		} else {
			html_f(h, "<li>No referral before</li>");
		}
		html_f(h, "</ul></td><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
			  "href=\"/children/%lld/records/contact/%lld/decide\">Decide<span class=\"govuk-visually-hidden\"> "
			  "the contact about %s %s</span></a></td></tr>",
		       (long long)k->child_id, (long long)k->contact_id, k->given_name, k->family_name);
	}
	html_f(h, "</tbody></table></div>");
	return page_end(r, 200);
}

/* ---- GET and POST /children/{id}/records/contact/{rid}/decide ---- */

/* The contact's fields a decision records, in the order the form asks them. */
static const int decision_fields[] = {
	CONTACT_DECISION,	CONTACT_DECISION_DATE,	CONTACT_DECIDED_BY,	  CONTACT_DECISION_REASON,
	CONTACT_POLICE_DATE,	CONTACT_POLICE_SHARED,	CONTACT_HEALTH_DATE,	  CONTACT_HEALTH_SHARED,
	CONTACT_EDUCATION_DATE, CONTACT_EDUCATION_SHARED, CONTACT_OTHER_DATE,	  CONTACT_OTHER_SHARED,
	CONTACT_FAMILY_TOLD,	CONTACT_CONSENT,	-1};

struct decide {
	struct record_form rf;
	const struct hval *contact, *child;
};

/* 0 and the contact {rid} (undecided, this child's), or the status answered. */
static int decide_load(struct web_request *r, struct decide *d)
{
	if (r->kind != &entity_contact) {
		return web_fail(r, 404, "kind", "not_found", "only a contact is decided at the front door");
	}
	if (!role_can(r->role, PERM_FRONT_DOOR) || !role_may_record(r->role, &entity_contact)) {
		return web_fail(r, 403, "kind", "permission", "your role (%s) may not decide contacts", role_name(r->role));
	}
	struct hval *contact, *child;
	struct hearth_error err = {0};
	int rc = store_get(r->st, &entity_contact, r->rid, &r->a, &contact, &err);
	if (rc == HERR_NOT_FOUND || (!rc && contact[CONTACT_CHILD_ID].i != r->child_id)) {
		return web_fail(r, 404, "rid", "not_found", "there is no such contact in this child's record");
	}
	if (rc || (rc = store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err))) {
		return web_fail_err(r, &err);
	}
	if ((rc = record_form_init(r, &d->rf, &entity_contact, contact))) {
		return rc;
	}
	/* The form asks only the decision's fields (the array is the form's own, n_fields + 1 long). */
	memcpy(d->rf.fields, decision_fields, sizeof(decision_fields));
	d->contact = contact;
	d->child = child;
	return 0;
}

static int decide_draw(struct web_request *r, struct decide *d, int status)
{
	struct html *h = page_begin(r, "Decide on the contact", "front-door");
	html_f(h, "<a href=\"/front-door\" class=\"govuk-back-link\">Back to the front door</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, &d->rf.f);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">Decide on the contact</h1>",
	       page_child_name(r, d->child));
	html_f(h, "<dl class=\"govuk-summary-list\"><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
		  "Contact received</dt><dd class=\"govuk-summary-list__value\">%s</dd></div>"
		  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Source</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>",
	       page_date(r, (hdate)d->contact[CONTACT_CONTACT_DATE].i),
	       code_label("referral_source", d->contact[CONTACT_SOURCE].s));
	if (!d->contact[CONTACT_SUMMARY].null) {
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Summary</dt>"
			  "<dd class=\"govuk-summary-list__value\">%s</dd></div>",
		       d->contact[CONTACT_SUMMARY].s);
	}
	html_f(h, "</dl>");
	if (!d->contact[CONTACT_DECISION].null) {
		html_f(h, "<p class=\"govuk-body\">This contact was decided already: %s on %s.</p>",
		       code_label("contact_decision", d->contact[CONTACT_DECISION].s),
		       d->contact[CONTACT_DECISION_DATE].null ? "an unrecorded date"
							    : page_date(r, (hdate)d->contact[CONTACT_DECISION_DATE].i));
	}
	html_f(h, "<p class=\"govuk-body\">Deciding on a referral opens the referral, and early help opens an early "
		  "help episode, in the same save. A partner check needs its date and what was shared.</p>"
		  "<form method=\"post\" action=\"/children/%lld/records/contact/%lld/decide\" novalidate>",
	       (long long)r->child_id, (long long)r->rid);
	page_csrf_field(r, h);
	record_form_fields(r, h, &d->rf);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save the decision</button>"
		  "</form></div></div>");
	return page_end(r, status);
}

int page_contact_decide(struct web_request *r)
{
	struct decide d;
	int rc = decide_load(r, &d);
	return rc ? rc : decide_draw(r, &d, 200);
}

int page_contact_decide_post(struct web_request *r)
{
	struct decide d;
	int rc = decide_load(r, &d);
	if (rc) {
		return rc;
	}
	const char *unknown = record_form_unknown(r, &d.rf, NULL);
	if (unknown) {
		return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
	}
	if (record_form_read(r, &d.rf)) {
		return decide_draw(r, &d, 400);
	}
	struct work_actor who = web_work_actor(r);
	struct work_result out;
	struct hearth_error err = {0};
	int64_t opened_id;
	const struct entity *opened;
	if (work_contact_decide(r->st, &who, r->child_id, r->rid, d.rf.vals, &r->a, &out, &opened_id, &opened, &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		/* Every reason beside its field (the first is err's own). */
		for (size_t i = 1; i < out.n_problems; i++) {
			struct hearth_error pe = {0};
			herr_set(&pe, HERR_INVALID, out.problems[i].field, out.problems[i].rule, "%s", out.problems[i].message);
			page_form_refused(&d.rf.f, &pe);
		}
		page_form_refused(&d.rf.f, &err);
		return decide_draw(r, &d, 400);
	}
	return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=decided&new_findings=%zu#%s-%lld",
					     (long long)r->child_id, out.warnings.n, opened ? opened->name : "contact",
					     (long long)(opened ? opened_id : r->rid)));
}
