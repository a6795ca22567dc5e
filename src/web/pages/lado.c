/* lado: the LADO's allegations (issue 15, part 4).
 *
 * /lado lists the open allegations, oldest first, with the LADO1 timescales the clock sets
 * for each: the initial consideration (1 working day) and resolution within 1, 3 and 12
 * months (CLOCK_LADO_*; clock_deadline, never a date worked out here). /lado/{name} is an
 * allegation's own page: the adult, how and when it came in, the children it involves,
 * the meetings, the investigations, the outcome and the analysis of risk. Who may read it:
 * the LADO any allegation; a case worker only one that involves a child in their scope
 * (store_lado_visible), else 404 as for no allegation at all. Only the LADO records
 * (the role table's record kinds), through src/work, with the revision and the audit. */
#include <stdlib.h>
#include <string.h>

#include "clock/clock.h"
#include "model/codes.h"
#include "web/actions.h"
#include "web/children.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"
#include "web/pages/record_form.h"

#define LADO_LIST_MAX 500
#define REASON_MAX 1000

static const char *or_blank(const char *s)
{
	return s ? s : "";
}

/* ---- GET /lado ---- */

int page_lado(struct web_request *r)
{
	struct store_lado_open *ls;
	size_t n;
	int64_t total;
	struct hearth_error err = {0};
	if (store_lado_open_list(r->st, LADO_LIST_MAX, &r->a, &ls, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	struct settings s;
	web_settings_load(r, &s);
	hdate today = date_today();
	struct html *h = page_begin(r, "LADO allegations", "lado");
	html_f(h, "<h1 class=\"govuk-heading-l\">Allegations against adults who work with children</h1>"
		  "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/lado/new\">Record an allegation</a></p>");
	if (total > (int64_t)n) {
		html_f(h, "<p class=\"govuk-body\">Showing the oldest %zu of %lld.</p>", n, (long long)total);
	}
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"lado\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%lld open</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Allegation</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Received</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Initial consideration</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Resolve by (1, 3 and 12 months)</th>"
		  "</tr></thead><tbody class=\"govuk-table__body\">",
	       (long long)total);
	static const enum clock_kind targets[] = {CLOCK_LADO_RESOLUTION_1M, CLOCK_LADO_RESOLUTION_3M,
						  CLOCK_LADO_RESOLUTION_12M};
	for (size_t i = 0; i < n; i++) {
		const struct store_lado_open *l = &ls[i];
		html_f(h, "<tr class=\"govuk-table__row\" data-lado=\"%lld\"><td class=\"govuk-table__cell\"><a "
			  "class=\"govuk-link\" href=\"/lado/%lld\">%s</a><br><span class=\"govuk-body-s\">%s%s%s · %s · "
			  "%lld %s</span></td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
		       (long long)l->id, (long long)l->id, or_blank(l->reference), or_blank(l->adult_name),
		       l->adult_name && l->employer ? ", " : "", or_blank(l->employer),
		       l->sector ? code_label("lado_sector", l->sector) : "", (long long)l->children,
		       l->children == 1 ? "child" : "children", page_date(r, l->received));
		hdate due = clock_deadline(clock_rule_for(CLOCK_LADO_CONSIDERATION, l->received), l->received, &s);
		if (l->considered != DATE_NONE) {
			html_f(h, "%s%s", page_date(r, l->considered), l->considered > due ? " (late)" : "");
		} else {
			html_f(h, "Due %s%s", page_date(r, due),
			       due < today ? " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>" : "");
		}
		html_f(h, "</td><td class=\"govuk-table__cell\"><ul class=\"govuk-list govuk-body-s\">");
		for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
			hdate d = clock_deadline(clock_rule_for(targets[k], l->received), l->received, &s);
			html_f(h, "<li>%s%s</li>", page_date(r, d), d < today ? " (passed)" : "");
		}
		html_f(h, "</ul></td></tr>");
	}
	html_f(h, "</tbody></table></div>");
	return page_end(r, 200);
}

/* ---- an allegation ---- */

/* The allegation {name}: 0, its id and row, or 404 answered (not one, not visible). */
static int lado_load(struct web_request *r, int64_t *id, struct hval **row)
{
	const char *name = arena_strndup(&r->a, r->id_text, r->id_len);
	char *end;
	long long v = strtoll(name, &end, 10);
	struct hearth_error err = {0};
	int rc = 0;
	if (*name < '0' || *name > '9' || *end || v <= 0) {
		rc = HERR_NOT_FOUND;
	} else if (!role_can(r->role, PERM_LADO)) {
		/* Not the LADO: only an allegation about a child of theirs. */
		int vis = store_lado_visible(r->st, &r->scope, v, &err);
		if (vis < 0) {
			return web_fail_err(r, &err);
		}
		rc = vis ? 0 : HERR_NOT_FOUND;
	}
	if (!rc) {
		rc = store_get(r->st, &entity_lado, v, &r->a, row, &err);
	}
	if (rc == HERR_NOT_FOUND) {
		return web_fail(r, 404, "name", "not_found", "there is no such allegation");
	}
	if (rc) {
		return web_fail_err(r, &err);
	}
	*id = v;
	return 0;
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>",
	       key, value);
}

int page_lado_show(struct web_request *r)
{
	int64_t id;
	struct hval *row;
	int rc = lado_load(r, &id, &row);
	if (rc) {
		return rc;
	}
	struct hearth_error err = {0};
	int64_t *ids;
	struct hval **rows;
	size_t n_inv = 0, n_meet = 0;
	int64_t *mids;
	struct hval **meets;
	if (store_rows_by(r->st, &entity_lado_involved, LADO_INVOLVED_LADO_ID, id, &r->a, &ids, &rows, &n_inv, &err) ||
	    store_rows_by(r->st, &entity_lado_meeting, LADO_MEETING_LADO_ID, id, &r->a, &mids, &meets, &n_meet, &err)) {
		return web_fail_err(r, &err);
	}
	bool lado = role_can(r->role, PERM_LADO) && role_may_record(r->role, &entity_lado);
	struct html *h = page_begin(r, "LADO allegation", "lado");
	if (lado) {
		html_f(h, "<a href=\"/lado\" class=\"govuk-back-link\">Back to the allegations</a>");
	}
	const char *done = web_query(r, "done");
	if (done && strcmp(done, "saved") == 0) {
		page_success_banner(h, "Saved");
	}
	html_f(h, "<span class=\"govuk-caption-l\">LADO allegation</span><h1 class=\"govuk-heading-l\">%s</h1>",
	       row[LADO_REFERENCE].s);
	html_f(h, "<dl class=\"govuk-summary-list\" data-hearth=\"lado-allegation\">");
	for (int i = 0; i < entity_lado.n_fields; i++) {
		if (i == LADO_CHILD_ID || i == LADO_REFERENCE) {
			continue;
		}
		summary_row(h, entity_lado.fields[i].label, row[i].null ? "" : page_value(r, &entity_lado.fields[i], &row[i]));
	}
	html_f(h, "</dl>");
	if (lado) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/lado/%lld/edit\">Change the allegation"
			  "</a></p>", (long long)id);
	}
	html_f(h, "<h2 class=\"govuk-heading-m\">Children involved</h2><ul class=\"govuk-list\" data-hearth=\"lado-children\">");
	for (size_t i = 0; i < n_inv; i++) {
		const struct hval *v = rows[i];
		if (!v[LADO_INVOLVED_LINKED_CHILD_ID].null) {
			struct hval *c;
			if (store_get(r->st, &entity_child, v[LADO_INVOLVED_LINKED_CHILD_ID].i, &r->a, &c, &err) == 0) {
				html_f(h, "<li>%s (%s)</li>", page_child_name(r, c), c[CHILD_LA_CHILD_ID].s);
			}
		} else {
			html_f(h, "<li>%s (not known to us)</li>", or_blank(v[LADO_INVOLVED_NAME].s));
		}
	}
	html_f(h, "</ul>");
	if (lado) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/lado/%lld/child\">Add a child</a></p>",
		       (long long)id);
	}
	html_f(h, "<h2 class=\"govuk-heading-m\">Allegation management meetings</h2>");
	for (size_t i = 0; i < n_meet; i++) {
		const struct hval *v = meets[i];
		html_f(h, "<h3 class=\"govuk-heading-s\">%s</h3><dl class=\"govuk-summary-list\">",
		       page_date(r, (hdate)v[LADO_MEETING_MEETING_DATE].i));
		summary_row(h, "Who attended", or_blank(v[LADO_MEETING_ATTENDEES].s));
		summary_row(h, "Actions agreed", or_blank(v[LADO_MEETING_ACTIONS].s));
		html_f(h, "</dl>");
	}
	if (!n_meet) {
		html_f(h, "<p class=\"govuk-body\">No meeting recorded.</p>");
	}
	if (lado) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/lado/%lld/meeting\">Record a meeting</a>"
			  "</p>", (long long)id);
	}
	return page_end(r, 200);
}

/* ---- the LADO's forms: a new allegation, its correction, a child, a meeting ---- */

enum lado_form { LF_NEW, LF_EDIT, LF_CHILD, LF_MEETING };

struct lado_page {
	enum lado_form kind;
	int64_t id;			/* the allegation (not LF_NEW) */
	struct record_form rf;		/* LF_NEW, LF_EDIT, LF_MEETING */
	struct page_form cf;		/* LF_CHILD: its inputs are not fields */
	const char *reason, *la_id, *name;
};

static const int meeting_fields[] = {LADO_MEETING_MEETING_DATE, LADO_MEETING_ATTENDEES, LADO_MEETING_ACTIONS, -1};

static const char *form_title(enum lado_form k)
{
	static const char *const t[] = {"Record an allegation", "Change the allegation", "Add a child to the allegation",
					"Record an allegation management meeting"};
	return t[k];
}

static int lado_draw(struct web_request *r, struct lado_page *p, int status)
{
	struct html *h = page_begin(r, form_title(p->kind), "lado");
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">",
	       p->kind == LF_NEW ? "/lado" : arena_printf(&r->a, "/lado/%lld", (long long)p->id));
	page_form_errors(r, h, p->kind == LF_CHILD ? &p->cf : &p->rf.f);
	html_f(h, "<h1 class=\"govuk-heading-l\">%s</h1>", form_title(p->kind));
	static const char *const tails[] = {"", "", "/child", "/meeting"};
	html_f(h, "<form method=\"post\" action=\"%s\" novalidate>",
	       p->kind == LF_NEW ? "/lado" : arena_printf(&r->a, "/lado/%lld%s", (long long)p->id, tails[p->kind]));
	page_csrf_field(r, h);
	if (p->kind == LF_CHILD) {
		const char *e1 = page_form_extra_error_of(&p->cf, "la_child_id");
		html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"la_child_id\">The child's LA "
			  "child id</label><div class=\"govuk-hint\">If we know the child: their record is linked</div>",
		       e1 ? " govuk-form-group--error" : "");
		if (e1) {
			html_f(h, "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %s</p>", e1);
		}
		html_f(h, "<input class=\"govuk-input govuk-!-width-one-third\" id=\"la_child_id\" name=\"la_child_id\" "
			  "type=\"text\" value=\"%s\"></div>"
			  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"name\">Or the child's name</label>"
			  "<div class=\"govuk-hint\">When the child is not known to us</div><input class=\"govuk-input\" "
			  "id=\"name\" name=\"name\" type=\"text\" value=\"%s\"></div>",
		       or_blank(p->la_id), or_blank(p->name));
	} else {
		record_form_fields(r, h, &p->rf);
	}
	if (p->kind == LF_EDIT) {
		page_textarea(h, "reason", "Why are you changing this record?",
			      "For example, the outcome is known. People reading the history will see this.", p->reason,
			      page_form_extra_error_of(&p->rf.f, "reason"), REASON_MAX);
	}
	html_f(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save</button></form>"
		  "</div></div>");
	return page_end(r, status);
}

/* Sets up the page for its kind: 0, or the status answered. */
static int lado_setup(struct web_request *r, struct lado_page *p, enum lado_form kind)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	struct hval *row = NULL;
	int rc;
	if (kind != LF_NEW && (rc = lado_load(r, &p->id, &row))) {
		return rc;
	}
	if (kind == LF_CHILD) {
		static const int no_fields[] = {-1}; /* its inputs are not the descriptor's */
		page_form_init(r, &p->cf, &entity_lado_involved, no_fields);
		return 0;
	}
	const struct entity *e = kind == LF_MEETING ? &entity_lado_meeting : &entity_lado;
	if ((rc = record_form_init(r, &p->rf, e, kind == LF_EDIT ? row : NULL))) {
		return rc;
	}
	if (kind == LF_MEETING) {
		memcpy(p->rf.fields, meeting_fields, sizeof(meeting_fields));
	}
	return 0;
}

/* A refusal from src/work beside its field, or the error page for anything else. */
static int lado_refused(struct web_request *r, struct lado_page *p, const struct work_result *out,
			const struct hearth_error *err)
{
	if (err->code != HERR_INVALID && err->code != HERR_CONFLICT) {
		return web_fail_err(r, err);
	}
	struct page_form *f = p->kind == LF_CHILD ? &p->cf : &p->rf.f;
	for (size_t i = 1; i < out->n_problems; i++) {
		struct hearth_error pe = {0};
		herr_set(&pe, HERR_INVALID, out->problems[i].field, out->problems[i].rule, "%s", out->problems[i].message);
		page_form_refused(f, &pe);
	}
	page_form_refused(f, err);
	if (strcmp(err->field, "reason") == 0) {
		page_form_extra_error(f, "reason", err->message);
	}
	return lado_draw(r, p, 400);
}

static int lado_get(struct web_request *r, enum lado_form kind)
{
	struct lado_page p;
	int rc = lado_setup(r, &p, kind);
	return rc ? rc : lado_draw(r, &p, 200);
}

static int lado_post(struct web_request *r, enum lado_form kind)
{
	struct lado_page p;
	int rc = lado_setup(r, &p, kind);
	if (rc) {
		return rc;
	}
	struct work_actor who = web_work_actor(r);
	struct work_result out;
	struct hearth_error err = {0};
	if (kind == LF_CHILD) {
		static const char *const names[] = {"la_child_id", "name", NULL};
		const char *unknown = page_form_unknown(r, &p.cf, names);
		if (unknown) {
			return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
		}
		p.la_id = web_form(r, "la_child_id");
		p.name = web_form(r, "name");
		bool has_id = p.la_id && *p.la_id, has_name = p.name && *p.name;
		struct hval vals[LADO_INVOLVED__COUNT];
		for (int i = 0; i < LADO_INVOLVED__COUNT; i++) {
			vals[i] = (struct hval){.null = true};
		}
		vals[LADO_INVOLVED_LADO_ID] = (struct hval){.i = p.id};
		if (!has_id && !has_name) {
			page_form_extra_error(&p.cf, "la_child_id", "Enter the child's LA child id, or their name");
		} else if (has_id) {
			/* The LADO links any child of the authority's: it sees no record by it. */
			int64_t cid;
			int frc = store_find(r->st, &entity_child, CHILD_LA_CHILD_ID, p.la_id, &cid, &err);
			if (frc == HERR_NOT_FOUND) {
				page_form_extra_error(&p.cf, "la_child_id", "There is no child with that LA child id");
			} else if (frc) {
				return web_fail_err(r, &err);
			} else {
				vals[LADO_INVOLVED_LINKED_CHILD_ID] = (struct hval){.i = cid};
			}
		} else {
			vals[LADO_INVOLVED_NAME] = (struct hval){.s = p.name};
		}
		if (p.cf.n_errors) {
			return lado_draw(r, &p, 400);
		}
		if (work_add(r->st, &who, &entity_lado_involved, 0, vals, &r->a, &out, &err)) {
			return lado_refused(r, &p, &out, &err);
		}
	} else {
		static const char *const extra[] = {"reason", NULL};
		const char *unknown = record_form_unknown(r, &p.rf, kind == LF_EDIT ? extra : NULL);
		if (unknown) {
			return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
		}
		record_form_read(r, &p.rf);
		if (kind == LF_EDIT) {
			p.reason = web_form(r, "reason");
			if (!p.reason || !*p.reason) {
				page_form_extra_error(&p.rf.f, "reason", "Enter why you are changing this record");
			}
		}
		if (p.rf.f.n_errors) {
			return lado_draw(r, &p, 400);
		}
		if (kind == LF_MEETING) {
			p.rf.vals[LADO_MEETING_LADO_ID] = (struct hval){.i = p.id};
			rc = work_add(r->st, &who, &entity_lado_meeting, 0, p.rf.vals, &r->a, &out, &err);
		} else if (kind == LF_EDIT) {
			rc = work_correct(r->st, &who, &entity_lado, 0, p.id, p.rf.vals, p.reason, &r->a, &out, &err);
		} else {
			rc = work_add(r->st, &who, &entity_lado, 0, p.rf.vals, &r->a, &out, &err);
			p.id = out.id;
		}
		if (rc) {
			return lado_refused(r, &p, &out, &err);
		}
	}
	return page_redirect(r, arena_printf(&r->a, "/lado/%lld?done=saved", (long long)p.id));
}

int page_lado_new(struct web_request *r)
{
	return lado_get(r, LF_NEW);
}
int page_lado_create(struct web_request *r)
{
	return lado_post(r, LF_NEW);
}
int page_lado_edit(struct web_request *r)
{
	return lado_get(r, LF_EDIT);
}
int page_lado_update(struct web_request *r)
{
	return lado_post(r, LF_EDIT);
}
int page_lado_child(struct web_request *r)
{
	return lado_get(r, LF_CHILD);
}
int page_lado_child_post(struct web_request *r)
{
	return lado_post(r, LF_CHILD);
}
int page_lado_meeting(struct web_request *r)
{
	return lado_get(r, LF_MEETING);
}
int page_lado_meeting_post(struct web_request *r)
{
	return lado_post(r, LF_MEETING);
}
