/* macpt: multi-agency child protection teams (new s.16EA Children Act 2004; issue 19).
 *
 * /macpts lists the teams; /macpts/{rid} is a team's page: what it covers, when it began
 * and ended, and its members by agency (the code list macpt_agency) and role, each over a
 * span of time. The forms are the descriptor's (record_form: entity_macpt and
 * entity_macpt_member), never hand-written inputs: a new team, its correction (renaming
 * it, or closing it with the day it ended), a new member, and a member's correction (the
 * day they left ends their membership). Who may reach these pages is the route's
 * permission (PERM_MACPT); who may change them, the role table's record kinds; every
 * change goes through src/work, so it is validated, revised and audited as any other. A
 * refusal redraws the form with GOV.UK's error summary and stores nothing. */
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "web/actions.h"
#include "web/children.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"
#include "web/pages/record_form.h"

#define REASON_MAX 1000

static const char *or_blank(const char *s)
{
	return s ? s : "";
}

/* Whether a row with these start and end dates is current today. */
static bool current(const struct hval *start, const struct hval *end)
{
	hdate today = date_today();
	return !start->null && start->i <= today && (end->null || end->i > today);
}

/* ---- GET /macpts ---- */

int page_macpts(struct web_request *r)
{
	int64_t *ids, *mids;
	struct hval **rows, **members;
	size_t n, n_members;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_macpt, &r->a, &ids, &rows, &n, &err) ||
	    store_all_rows(r->st, &entity_macpt_member, &r->a, &mids, &members, &n_members, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Multi-agency child protection teams", "macpts");
	html_f(h, "<h1 class=\"govuk-heading-l\">Multi-agency child protection teams</h1>");
	if (role_may_record(r->role, &entity_macpt)) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/macpts/new\">Set up a team</a></p>");
	}
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"macpts\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%zu %s</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Team</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Area covered</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Began</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Ended</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Members now</th>"
		  "</tr></thead><tbody class=\"govuk-table__body\">",
	       n, n == 1 ? "team" : "teams");
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		size_t now = 0;
		for (size_t k = 0; k < n_members; k++) {
			now += members[k][MACPT_MEMBER_MACPT_ID].i == ids[i] &&
			       current(&members[k][MACPT_MEMBER_START_DATE], &members[k][MACPT_MEMBER_END_DATE]);
		}
		html_f(h, "<tr class=\"govuk-table__row\" data-macpt=\"%lld\"><td class=\"govuk-table__cell\"><a "
			  "class=\"govuk-link\" href=\"/macpts/%lld\">%s</a></td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%zu</td></tr>",
		       (long long)ids[i], (long long)ids[i], v[MACPT_NAME].s, or_blank(v[MACPT_AREA].s),
		       page_date(r, (hdate)v[MACPT_START_DATE].i), v[MACPT_END_DATE].null ? "" : page_date(r, (hdate)v[MACPT_END_DATE].i),
		       now);
	}
	html_f(h, "</tbody></table></div>");
	return page_end(r, 200);
}

/* ---- a team ---- */

/* The team {rid}: 0 and its row, or 404 answered. */
static int macpt_load(struct web_request *r, struct hval **row)
{
	struct hearth_error err = {0};
	int rc = store_get(r->st, &entity_macpt, r->rid, &r->a, row, &err);
	if (rc == HERR_NOT_FOUND) {
		return web_fail(r, 404, "rid", "not_found", "there is no such team");
	}
	return rc ? web_fail_err(r, &err) : 0;
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>",
	       key, value);
}

/* A member's name: their worker's, else the name recorded. */
static const char *member_name(struct web_request *r, const struct hval *m)
{
	struct hval *w;
	if (!m[MACPT_MEMBER_WORKER_ID].null &&
	    store_get(r->st, &entity_worker, m[MACPT_MEMBER_WORKER_ID].i, &r->a, &w, NULL) == 0) {
		return arena_printf(&r->a, "%s %s", w[WORKER_GIVEN_NAME].s, w[WORKER_FAMILY_NAME].s);
	}
	return or_blank(m[MACPT_MEMBER_NAME].s);
}

int page_macpt(struct web_request *r)
{
	struct hval *row;
	int rc = macpt_load(r, &row);
	if (rc) {
		return rc;
	}
	int64_t *ids;
	struct hval **members;
	size_t n = 0;
	struct hearth_error err = {0};
	if (store_rows_by(r->st, &entity_macpt_member, MACPT_MEMBER_MACPT_ID, r->rid, &r->a, &ids, &members, &n, &err)) {
		return web_fail_err(r, &err);
	}
	bool may = role_may_record(r->role, &entity_macpt), may_m = role_may_record(r->role, &entity_macpt_member);
	struct html *h = page_begin(r, row[MACPT_NAME].s, "macpts");
	html_f(h, "<a href=\"/macpts\" class=\"govuk-back-link\">Back to the teams</a>");
	const char *done = web_query(r, "done");
	if (done && strcmp(done, "saved") == 0) {
		page_success_banner(h, "Saved");
	}
	html_f(h, "<span class=\"govuk-caption-l\">Multi-agency child protection team</span>"
		  "<h1 class=\"govuk-heading-l\">%s</h1><dl class=\"govuk-summary-list\" data-hearth=\"macpt\">",
	       row[MACPT_NAME].s);
	for (int i = 0; i < entity_macpt.n_fields; i++) {
		summary_row(h, entity_macpt.fields[i].label,
			    row[i].null ? "" : page_value(r, &entity_macpt.fields[i], &row[i]));
	}
	html_f(h, "</dl>");
	if (may) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/macpts/%lld/edit\">Rename or close the "
			  "team</a></p>", (long long)r->rid);
	}
	html_f(h, "<h2 class=\"govuk-heading-m\">Members</h2>");
	page_table_begin(h, "macpt-members",
			 (const char *const[]){"Name", "Agency", "Role in the team", "Joined", "Left", "Change", NULL}, 0,
			 1u << 5);
	for (size_t i = 0; i < n; i++) {
		const struct hval *m = members[i];
		html_f(h, "<tr class=\"govuk-table__row\" data-member=\"%lld\"%s><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">",
		       (long long)ids[i],
		       current(&m[MACPT_MEMBER_START_DATE], &m[MACPT_MEMBER_END_DATE]) ? " data-current" : "",
		       member_name(r, m), code_label("macpt_agency", m[MACPT_MEMBER_AGENCY].s), m[MACPT_MEMBER_ROLE].s,
		       page_date(r, (hdate)m[MACPT_MEMBER_START_DATE].i),
		       m[MACPT_MEMBER_END_DATE].null ? "" : page_date(r, (hdate)m[MACPT_MEMBER_END_DATE].i));
		if (may_m) {
			html_f(h, "<a class=\"govuk-link\" href=\"/macpts/members/%lld/edit\">Change or end<span "
				  "class=\"govuk-visually-hidden\"> %s's membership</span></a>",
			       (long long)ids[i], member_name(r, m));
		}
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table>");
	if (!n) {
		html_f(h, "<p class=\"govuk-body\">No members yet.</p>");
	}
	if (may_m) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
			  "href=\"/macpts/%lld/members/new\">Add a member</a></p>",
		       (long long)r->rid);
	}
	return page_end(r, 200);
}

/* ---- the forms: a new team, its correction, a new member, a member's correction ---- */

enum macpt_form { MF_NEW, MF_EDIT, MF_MEMBER, MF_MEMBER_EDIT };

struct macpt_page {
	enum macpt_form kind;
	int64_t team;			/* the team (not MF_NEW) */
	int64_t member;			/* MF_MEMBER_EDIT: the member row */
	struct record_form rf;
	const char *reason;
};

static const char *form_title(enum macpt_form k)
{
	static const char *const t[] = {"Set up a multi-agency child protection team", "Rename or close the team",
					"Add a member", "Change or end a membership"};
	return t[k];
}

static const char *form_action(struct web_request *r, const struct macpt_page *p)
{
	switch (p->kind) {
	case MF_NEW:
		return "/macpts";
	case MF_EDIT:
		return arena_printf(&r->a, "/macpts/%lld", (long long)p->team);
	case MF_MEMBER:
		return arena_printf(&r->a, "/macpts/%lld/members", (long long)p->team);
	default:
		return arena_printf(&r->a, "/macpts/members/%lld", (long long)p->member);
	}
}

static int macpt_draw(struct web_request *r, struct macpt_page *p, int status)
{
	struct html *h = page_begin(r, form_title(p->kind), "macpts");
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">",
	       p->kind == MF_NEW ? "/macpts" : arena_printf(&r->a, "/macpts/%lld", (long long)p->team));
	page_form_errors(r, h, &p->rf.f);
	html_f(h, "<h1 class=\"govuk-heading-l\">%s</h1><form method=\"post\" action=\"%s\" novalidate>",
	       form_title(p->kind), form_action(r, p));
	page_csrf_field(r, h);
	record_form_fields(r, h, &p->rf);
	if (p->kind == MF_EDIT || p->kind == MF_MEMBER_EDIT) {
		page_textarea(h, "reason", "Why are you changing this?",
			      "For example, the team was renamed, or the member left. People reading the history will see this.",
			      p->reason, page_form_extra_error_of(&p->rf.f, "reason"), REASON_MAX);
	}
	html_f(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save</button></form>"
		  "</div></div>");
	return page_end(r, status);
}

/* Sets up the page for its kind: 0, or the status answered. */
static int macpt_setup(struct web_request *r, struct macpt_page *p, enum macpt_form kind)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	struct hval *row = NULL;
	struct hearth_error err = {0};
	int rc;
	if (kind == MF_MEMBER_EDIT) {
		rc = store_get(r->st, &entity_macpt_member, r->rid, &r->a, &row, &err);
		if (rc == HERR_NOT_FOUND) {
			return web_fail(r, 404, "rid", "not_found", "there is no such member");
		}
		if (rc) {
			return web_fail_err(r, &err);
		}
		p->member = r->rid;
		p->team = row[MACPT_MEMBER_MACPT_ID].i;
	} else if (kind != MF_NEW) {
		if ((rc = macpt_load(r, kind == MF_EDIT ? &row : &(struct hval *){NULL}))) {
			return rc;
		}
		p->team = r->rid;
	}
	const struct entity *e = kind == MF_NEW || kind == MF_EDIT ? &entity_macpt : &entity_macpt_member;
	if ((rc = record_form_init(r, &p->rf, e, kind == MF_EDIT || kind == MF_MEMBER_EDIT ? row : NULL))) {
		return rc;
	}
	if (e == &entity_macpt_member) {
		/* The team is the page's, not a choice. */
		int k = 0;
		for (const int *f = p->rf.fields; *f >= 0; f++) {
			if (*f != MACPT_MEMBER_MACPT_ID) {
				p->rf.fields[k++] = *f;
			}
		}
		p->rf.fields[k] = -1;
	}
	return 0;
}

/* A refusal from src/work beside its field, or the error page for anything else. */
static int macpt_refused(struct web_request *r, struct macpt_page *p, const struct work_result *out,
			 const struct hearth_error *err)
{
	if (err->code != HERR_INVALID && err->code != HERR_CONFLICT) {
		return web_fail_err(r, err);
	}
	for (size_t i = 1; i < out->n_problems; i++) {
		struct hearth_error pe = {0};
		herr_set(&pe, HERR_INVALID, out->problems[i].field, out->problems[i].rule, "%s", out->problems[i].message);
		page_form_refused(&p->rf.f, &pe);
	}
	page_form_refused(&p->rf.f, err);
	return macpt_draw(r, p, 400);
}

static int macpt_get(struct web_request *r, enum macpt_form kind)
{
	struct macpt_page p;
	int rc = macpt_setup(r, &p, kind);
	return rc ? rc : macpt_draw(r, &p, 200);
}

static int macpt_post(struct web_request *r, enum macpt_form kind)
{
	struct macpt_page p;
	int rc = macpt_setup(r, &p, kind);
	if (rc) {
		return rc;
	}
	bool edit = kind == MF_EDIT || kind == MF_MEMBER_EDIT;
	static const char *const extra[] = {"reason", NULL};
	const char *unknown = record_form_unknown(r, &p.rf, edit ? extra : NULL);
	if (unknown) {
		return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
	}
	record_form_read(r, &p.rf);
	if (edit) {
		p.reason = web_form(r, "reason");
		if (!p.reason || !*p.reason) {
			page_form_extra_error(&p.rf.f, "reason", "Enter why you are changing this");
		}
	}
	bool member = kind == MF_MEMBER || kind == MF_MEMBER_EDIT;
	if (member && p.rf.vals[MACPT_MEMBER_WORKER_ID].null && p.rf.vals[MACPT_MEMBER_NAME].null &&
	    !p.rf.f.error[MACPT_MEMBER_NAME] && !p.rf.f.error[MACPT_MEMBER_WORKER_ID]) {
		p.rf.f.error[MACPT_MEMBER_NAME] = "Select the worker, or enter the member's name";
		p.rf.f.n_errors++;
	}
	if (p.rf.f.n_errors) {
		return macpt_draw(r, &p, 400);
	}
	struct work_actor who = web_work_actor(r);
	struct work_result out;
	struct hearth_error err = {0};
	const struct entity *e = member ? &entity_macpt_member : &entity_macpt;
	if (member) {
		p.rf.vals[MACPT_MEMBER_MACPT_ID] = (struct hval){.i = p.team};
	}
	if (edit) {
		rc = work_correct(r->st, &who, e, 0, kind == MF_EDIT ? p.team : p.member, p.rf.vals, p.reason, &r->a, &out,
				  &err);
	} else {
		rc = work_add(r->st, &who, e, 0, p.rf.vals, &r->a, &out, &err);
	}
	if (rc) {
		return macpt_refused(r, &p, &out, &err);
	}
	return page_redirect(r, arena_printf(&r->a, "/macpts/%lld?done=saved", (long long)(kind == MF_NEW ? out.id : p.team)));
}

int page_macpt_new(struct web_request *r)
{
	return macpt_get(r, MF_NEW);
}
int page_macpt_create(struct web_request *r)
{
	return macpt_post(r, MF_NEW);
}
int page_macpt_edit(struct web_request *r)
{
	return macpt_get(r, MF_EDIT);
}
int page_macpt_update(struct web_request *r)
{
	return macpt_post(r, MF_EDIT);
}
int page_macpt_member_new(struct web_request *r)
{
	return macpt_get(r, MF_MEMBER);
}
int page_macpt_member_create(struct web_request *r)
{
	return macpt_post(r, MF_MEMBER);
}
int page_macpt_member_edit(struct web_request *r)
{
	return macpt_get(r, MF_MEMBER_EDIT);
}
int page_macpt_member_update(struct web_request *r)
{
	return macpt_post(r, MF_MEMBER_EDIT);
}
