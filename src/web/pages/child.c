/* pages/child: a child's record as people read it, and the forms that add to it (a
 * visit, a case note, a reallocation).
 *
 * The record is split into parts on pages of their own (child.h): the overview is the
 * summary (who, status, legal status, placement, worker, what is overdue), what is due and
 * what the DfE's rules find; every part's page has the same top (the child, the actions
 * this person may take, the parts' navigation). The dispatcher has already checked the
 * child is in scope and audits the read. */
#include <stdlib.h>
#include <string.h>

#include "clock/clock.h"
#include "web/pages/due.h"
#include "model/chronology.h"
#include "returns/returns.h"
#include "web/actions.h"
#include "web/children.h"
#include "web/pages/child.h"
#include "web/pages/pages.h"

const struct child_part_def child_parts[PART_MAX] = {
	[PART_OVERVIEW] = {"", "Overview"},
	[PART_CHRONOLOGY] = {"chronology", "Chronology"},
	[PART_VISITS] = {"visits", "Visits and case notes"},
	[PART_PLANS] = {"plans", "Plans and reviews"},
	[PART_CARE] = {"care", "Care"},
	[PART_EDUCATION] = {"education", "Education"},
	[PART_HEALTH] = {"health", "Health"},
	[PART_LEAVING_CARE] = {"leaving-care", "Leaving care"},
	[PART_PEOPLE] = {"people", "People and relationships"},
	[PART_HISTORY] = {"history", "History"},
};

const char *child_part_href(struct web_request *r, enum child_part p)
{
	return p == PART_OVERVIEW ? arena_printf(&r->a, "/children/%lld", (long long)r->child_id)
				  : arena_printf(&r->a, "/children/%lld/%s", (long long)r->child_id, child_parts[p].slug);
}

/* ---- the record, read once ---- */

static int child_load(struct web_request *r, struct child_view *v)
{
	struct hearth_error err = {0};
	int rc = web_query_date(r, "as_at", date_today(), &v->today);
	if (rc) {
		return rc;
	}
	if (store_web_child_record(r->sw, r->child_id, &r->a, &v->rec, &err)) {
		return web_fail_err(r, &err);
	}
	/* The workers the record names, read with it: no lookup per name. */
	const struct store_rows *w = &v->rec.workers;
	for (size_t i = 0; i < w->n; i++) {
		page_names_add(r, w->ids[i],
			       arena_printf(&r->a, "%s %s", w->rows[i][WORKER_GIVEN_NAME].s, w->rows[i][WORKER_FAMILY_NAME].s));
	}
	return 0;
}

/* ---- the top every part shares ---- */

static const struct cf_episode *episode_on(const struct casefile *cf, hdate d)
{
	for (size_t i = 0; i < cf->n_episodes; i++) {
		if (cf_open_on(cf->episodes[i].start, cf->episodes[i].end, d)) {
			return &cf->episodes[i];
		}
	}
	return NULL;
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>",
	       key, value && *value ? value : "Not recorded");
}

static const char *allocated(struct web_request *r, const struct casefile *cf, enum cf_allocation_kind kind, hdate d)
{
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind == kind && cf_open_on(al->start, al->end, d)) {
			return arena_printf(&r->a, "%s, since %s", page_worker_name(r, al->worker_id), page_date(r, al->start));
		}
	}
	return NULL;
}

static void summary_html(struct web_request *r, struct html *h, const struct child_view *v, size_t overdue)
{
	const struct casefile *cf = &v->rec.cf;
	const struct hval *c = v->rec.child;
	hdate today = v->today;
	enum child_status st = status_at(cf, today);
	const struct cf_episode *ep = episode_on(cf, today);
	html_f(h, "<dl class=\"govuk-summary-list\" data-hearth=\"summary\">");
	const char *dob = c[CHILD_DOB].null ? (c[CHILD_EXPECTED_DOB].null ? NULL
						 : arena_printf(&r->a, "Unborn, expected %s",
								page_date(r, (hdate)c[CHILD_EXPECTED_DOB].i)))
					    : arena_printf(&r->a, "%s (age %d)", page_date(r, (hdate)c[CHILD_DOB].i),
							   date_age((hdate)c[CHILD_DOB].i, today));
	summary_row(h, "Date of birth", dob);
	if (!c[CHILD_NHS_NUMBER].null && c[CHILD_NHS_NUMBER].s && strlen(c[CHILD_NHS_NUMBER].s) == 10) {
		/* Shown as the NHS prints it, 3-3-4, and whether anyone has traced it. */
		const char *n = c[CHILD_NHS_NUMBER].s;
		summary_row(h, "NHS number",
			    arena_printf(&r->a, "%.3s %.3s %.4s (%s)", n, n + 3, n + 6,
					 c[CHILD_NHS_VERIFIED_DATE].null
						 ? "not verified"
						 : arena_printf(&r->a, "verified %s",
								page_date(r, (hdate)c[CHILD_NHS_VERIFIED_DATE].i))));
	} else {
		summary_row(h, "NHS number", "Not known");
	}
	summary_row(h, "Status", status_label(st));
	if (ep) {
		summary_row(h, "Legal status", code_label("legal_status", ep->ls));
		summary_row(h, "Placement", arena_printf(&r->a, "%s%s%s, since %s", code_label("placement", ep->place),
							 ep->provider ? "; " : "",
							 ep->provider ? code_label("place_provider", ep->provider) : "",
							 page_date(r, ep->start)));
	}
	summary_row(h, "Social worker", allocated(r, cf, ALLOC_SOCIAL_WORKER, today));
	const char *iro = allocated(r, cf, ALLOC_IRO, today), *pa = allocated(r, cf, ALLOC_PERSONAL_ADVISER, today);
	if (iro) {
		summary_row(h, "Independent reviewing officer", iro);
	}
	if (pa) {
		summary_row(h, "Personal adviser", pa);
	}
	int sws = status_social_workers_12m(cf, today);
	summary_row(h, "Social workers in the last 12 months", arena_printf(&r->a, "%d", sws));
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Overdue</dt><dd "
		  "class=\"govuk-summary-list__value%s\" data-hearth=\"overdue\">",
	       overdue ? " hearth-overdue" : "");
	if (overdue) {
		html_f(h, "<a class=\"govuk-link\" href=\"#due\">%zu %s overdue</a>", overdue, overdue == 1 ? "thing" : "things");
	} else {
		html_f(h, "Nothing");
	}
	html_f(h, "</dd></div></dl>");
}

static const struct {
	const char *done, *message;
} done_messages[] = {
	{"visit", "The visit has been recorded"},
	{"note", "The case note has been recorded"},
	{"reallocated", "The child has been reallocated"},
	{"closed", "The case has been closed: its plans and allocations have ended"},
	{"stepped_down", "The case has been stepped down to early help"},
	{"stepped_up", "The child has been stepped up to children's social care"},
	{"recorded", "The record has been saved"},
	{"corrected", "The correction has been saved"},
	{"close_proposed", "The referral has been saved open: its closure has been sent to a manager to authorise"},
	{"correction_close_proposed",
	 "The correction has been saved: the referral's closure has been sent to a manager to authorise"},
	{"retracted", "The record has been retracted"},
	{"added", "The child has been added"},
};

/* What a save asked the page to say: done, and any new DfE findings (a warning: an
 * impossible record is refused; only to a person who reads the record's findings). */
void child_banners_html(struct web_request *r, struct html *h)
{
	const char *done = web_query(r, "done");
	for (size_t i = 0; done && i < sizeof(done_messages) / sizeof(done_messages[0]); i++) {
		if (strcmp(done, done_messages[i].done) == 0) {
			html_f(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
				  "aria-labelledby=\"done-title\" data-module=\"govuk-notification-banner\"><div "
				  "class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" "
				  "id=\"done-title\">Success</h2></div><div class=\"govuk-notification-banner__content\"><p "
				  "class=\"govuk-notification-banner__heading\">%s</p></div></div>",
			       done_messages[i].message);
		}
	}
	const char *nf = web_query(r, "new_findings");
	if (nf && role_can(r->role, PERM_CHILD_READ) && strcmp(nf, "0") != 0 && strspn(nf, "0123456789") == strlen(nf) && strlen(nf) < 6) {
		html_f(h, "<div class=\"govuk-warning-text\" data-hearth=\"new-findings\"><span class=\"govuk-warning-text__icon\" "
			  "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
			  "class=\"govuk-visually-hidden\">Warning</span>Saved, but the DfE's validation rules now find %s "
			  "new %s in this record: see <a class=\"govuk-link\" href=\"/children/%lld#findings\">Data quality</a>."
			  "</strong></div>",
		       nf, strcmp(nf, "1") == 0 ? "thing to fix" : "things to fix", (long long)r->child_id);
	}
}

/* The actions this person may take on the child's record. */
static void actions_html(struct web_request *r, struct html *h)
{
	bool write = role_can(r->role, PERM_CHILD_WRITE) && !role_read_only(r->role);
	bool allocate = role_can(r->role, PERM_ALLOCATE) && !role_read_only(r->role);
	bool close = role_can(r->role, PERM_PROPOSE_CLOSE) && !role_read_only(r->role);
	bool step_up = role_can(r->role, PERM_CLOSE_CASE) && !role_read_only(r->role);
	if (!write && !allocate && !close) {
		return;
	}
	long long id = (long long)r->child_id;
	html_f(h, "<div class=\"govuk-button-group\" data-hearth=\"actions\">");
	if (write) {
		html_f(h, "<a class=\"govuk-button\" href=\"/children/%lld/visits/new\">Record a visit</a><a "
			  "class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/notes/new\">Record a case "
			  "note</a><a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/records/new\">"
			  "Record something else</a>",
		       id, id, id);
	}
	if (allocate) {
		html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/reallocate\">"
			  "Reallocate</a>",
		       id);
	}
	if (close) {
		html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/close\">Close the "
			  "case</a><a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/step-down\">"
			  "Step down to early help</a>",
		       id, id);
	}
	if (step_up) {
		html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/step-up\">Step up "
			  "to social care</a>",
		       id);
	}
	html_f(h, "</div>");
}

/* The parts, as links (GOV.UK's sub-navigation pattern): each is a page of its own. */
static void parts_nav_html(struct web_request *r, struct html *h, const struct child_view *v, enum child_part here)
{
	html_f(h, "<nav class=\"hearth-subnav\" aria-label=\"Parts of the record\" data-hearth=\"parts\"><ul "
		  "class=\"hearth-subnav__list\">");
	for (int p = 0; p < PART_MAX; p++) {
		size_t n = child_part_rows(v, (enum child_part)p);
		bool counted = p != PART_OVERVIEW && p != PART_CHRONOLOGY && p != PART_HISTORY;
		const char *href = child_part_href(r, (enum child_part)p);
		const char *count = counted ? arena_printf(&r->a, " (%zu)", n) : "";
		if (p == (int)here) {
			html_f(h, "<li class=\"hearth-subnav__item hearth-subnav__item--current\"><a class=\"govuk-link "
				  "hearth-subnav__link\" href=\"%s\" aria-current=\"page\">%s%s</a></li>",
			       href, child_parts[p].title, count);
		} else {
			html_f(h, "<li class=\"hearth-subnav__item\"><a class=\"govuk-link hearth-subnav__link\" href=\"%s\">"
				  "%s%s</a></li>",
			       href, child_parts[p].title, count);
		}
	}
	html_f(h, "</ul></nav>");
}

/* The page's start: the child, what a save said, (on the overview) the summary, the
 * actions and the parts. */
static struct html *child_top(struct web_request *r, const struct child_view *v, enum child_part p, size_t overdue)
{
	const struct hval *c = v->rec.child;
	const char *name = page_child_name(r, c);
	struct html *h = page_begin(r, p == PART_OVERVIEW ? name : arena_printf(&r->a, "%s: %s", child_parts[p].title, name),
				    NULL);
	child_banners_html(r, h);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s ", c[CHILD_LA_CHILD_ID].s,
	       name);
	page_status_tag(h, status_at(&v->rec.cf, v->today));
	html_f(h, "</h1>");
	if (p == PART_OVERVIEW) {
		summary_html(r, h, v, overdue);
	}
	actions_html(r, h);
	parts_nav_html(r, h, v, p);
	return h;
}

/* ---- the overview ---- */

static void due_html(struct web_request *r, struct html *h, const struct clock_list *l)
{
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"due\" aria-labelledby=\"due-title\"><h2 "
		  "class=\"govuk-heading-m\" id=\"due-title\">What is due</h2>");
	if (!l->n) {
		html_f(h, "<p class=\"govuk-body\">Nothing is due.</p></section>");
		return;
	}
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"child-due\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Due</th><th scope=\"col\" "
		  "class=\"govuk-table__header\">What</th><th scope=\"col\" class=\"govuk-table__header\">State</th></tr>"
		  "</thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < l->n; i++) {
		const struct clock_item *it = &l->items[i];
		const char *href = page_due_href(r, it);
		html_f(h, "<tr class=\"govuk-table__row\" data-rule=\"%s\" data-subject=\"%lld\"><td "
			  "class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s",
		       it->rule->id, (long long)it->subject_id, page_date(r, it->due), page_due_title(r, it));
		if (href) {
			html_f(h, "<br><a class=\"govuk-link govuk-body-s\" href=\"%s\" data-hearth=\"due-do\">%s</a>", href,
			       it->rule->kind == CLOCK_TASK && !it->visit_kind ? "Mark it done" : "Record it");
		}
		html_f(h, "</td><td class=\"govuk-table__cell%s\">", it->status == CLOCK_OVERDUE ? " hearth-overdue" : "");
		page_due_state(h, it);
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table></section>");
}

/* What the DfE's rules find in this child's record for this year's returns. */
static void findings_html(struct web_request *r, struct html *h, const struct child_view *v, const struct settings *s)
{
	int year = returns_year_of(v->today);
	year = year > RETURNS_YEAR_MAX ? RETURNS_YEAR_MAX : year;
	/* The extras (disabilities, assessments' factors, workers' SW ids) from the rows
	 * already read. */
	const struct store_rows *dis = child_rows(v, &entity_child_disability), *ass = child_rows(v, &entity_assessment);
	const struct store_rows *wk = &v->rec.workers;
	struct returns_extras *x = returns_extras_of_rows(dis->ids, dis->rows, dis->n, ass->ids, ass->rows, ass->n,
							  wk->ids, wk->rows, wk->n, &r->a);
	returns_extras_set_macpt_duty_from(x, s->macpt_duty_from);
	struct returns_findings f = {0};
	for (int k = 0; k < RETURN_KIND_MAX; k++) {
		returns_validate_child(&v->rec.cf, x, (enum returns_kind)k, year, &r->a, &f);
	}
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"findings\" aria-labelledby=\"findings-title\"><h2 "
		  "class=\"govuk-heading-m\" id=\"findings-title\">Data quality</h2>");
	if (!f.n) {
		html_f(h, "<p class=\"govuk-body\">The DfE's validation rules find nothing to fix in this record for the "
			  "%d-%02d returns.</p></section>",
		       year - 1, year % 100);
		return;
	}
	html_f(h, "<p class=\"govuk-body\">The DfE's validation rules for the %d-%02d returns find %zu %s here.</p>"
		  "<table class=\"govuk-table\" data-hearth=\"child-findings\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Return</th><th scope=\"col\" "
		  "class=\"govuk-table__header\">Rule</th><th scope=\"col\" class=\"govuk-table__header\">Severity</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">What to fix</th></tr></thead><tbody "
		  "class=\"govuk-table__body\">",
	       year - 1, year % 100, f.n, f.n == 1 ? "thing to fix" : "things to fix");
	for (size_t i = 0; i < f.n; i++) {
		const struct returns_finding *it = &f.items[i];
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td><td "
			  "class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td><td "
			  "class=\"govuk-table__cell\">%s%s%s</td></tr>",
		       returns_kind_name(it->rule->kind), it->rule->id, returns_severity_name(it->rule->severity),
		       it->rule->message, it->detail ? " - " : "", it->detail ? it->detail : "");
	}
	html_f(h, "</tbody></table></section>");
}

/* GET /children/{id}: the overview. */
int page_child(struct web_request *r)
{
	/* The chronology's filter once lived here: an old link goes to the chronology. */
	const char *kind = web_query(r, "kind");
	if (kind && *kind) {
		const struct entity *e = entity_find(kind);
		if (!e || (e->child_field < 0 && e != &entity_child)) {
			return web_fail(r, 400, "kind", "code", "kind must name a kind of record");
		}
		return page_redirect(r, arena_printf(&r->a, "/children/%lld/chronology?kind=%s", (long long)r->child_id,
						     e->name));
	}
	struct child_view *v = arena_alloc(&r->a, sizeof(*v));
	int rc = child_load(r, v);
	if (rc) {
		return rc;
	}
	struct settings s;
	web_settings_load(r, &s);
	struct clock_list l = CLOCK_LIST_INIT;
	clock_child(&v->rec.cf, v->today, &s, &r->a, &l);
	clock_sort(&l);
	size_t overdue = 0;
	for (size_t i = 0; i < l.n; i++) {
		overdue += l.items[i].status == CLOCK_OVERDUE;
	}
	struct html *h = child_top(r, v, PART_OVERVIEW, overdue);
	due_html(r, h, &l);
	findings_html(r, h, v, &s);
	return page_end(r, 200);
}

/* A part's page: the shared top, then the part. */
static int part_page(struct web_request *r, enum child_part p)
{
	struct child_view *v = arena_alloc(&r->a, sizeof(*v));
	int rc = child_load(r, v);
	if (rc) {
		return rc;
	}
	struct html *h = child_top(r, v, p, 0);
	int status = 200;
	if (p == PART_CHRONOLOGY) {
		status = child_chronology_html(r, h, v);
	} else if (p == PART_HISTORY) {
		status = child_history_html(r, h);
	} else {
		child_sections_html(r, h, v, p);
	}
	/* A refusal that drew no page of its own (a bad page number) is the error page. */
	return r->out ? status : page_end(r, status);
}

int page_child_chronology(struct web_request *r)
{
	return part_page(r, PART_CHRONOLOGY);
}

int page_child_visits(struct web_request *r)
{
	return part_page(r, PART_VISITS);
}

int page_child_plans(struct web_request *r)
{
	return part_page(r, PART_PLANS);
}

int page_child_care(struct web_request *r)
{
	return part_page(r, PART_CARE);
}

int page_child_education(struct web_request *r)
{
	return part_page(r, PART_EDUCATION);
}

int page_child_health(struct web_request *r)
{
	return part_page(r, PART_HEALTH);
}

int page_child_leaving_care(struct web_request *r)
{
	return part_page(r, PART_LEAVING_CARE);
}

int page_child_people(struct web_request *r)
{
	return part_page(r, PART_PEOPLE);
}

int page_child_history(struct web_request *r)
{
	return part_page(r, PART_HISTORY);
}

/* ---- GET /children/{id}/records/new: what may be recorded ---- */

int page_child_records_new(struct web_request *r)
{
	struct hval *child;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Record something", NULL);
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back to the record</a>", child_home_href(r, r->child_id));
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">What do you want to record?"
		  "</h1><ul class=\"govuk-list\" data-hearth=\"record-kinds\">",
	       page_child_name(r, child));
	/* Every kind of record a child has, from the descriptors: a new kind appears here as
	 * soon as it exists. */
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		/* A person has no child field: recorded here with their relationship to the child. */
		if (e->child_field < 0 && !entity_link(e, NULL)) {
			continue;
		}
		/* Only what this role may record (the one role table): a kind it would be refused
		 * is not offered. A person is saved with their link, so the role needs both. */
		const struct entity *link = entity_link(e, NULL);
		if (!role_may_record(r->role, e) || (link && !role_may_record(r->role, link))) {
			continue;
		}
		const char *label = arena_printf(&r->a, "%c%s", e->label[0] >= 'a' && e->label[0] <= 'z' ? e->label[0] - 32
											       : e->label[0],
						 e->label + 1);
		html_f(h, "<li><a class=\"govuk-link\" href=\"/children/%lld/records/%s/new\" data-kind=\"%s\">%s</a></li>",
		       (long long)r->child_id, e->name, e->name, label);
	}
	html_f(h, "</ul>");
	return page_end(r, 200);
}

/* ---- forms: a visit, a case note ---- */

static const int visit_fields[] = {VISIT_VISIT_DATE, VISIT_KIND,      VISIT_SEEN, VISIT_SEEN_ALONE,
				   VISIT_CHILD_SAID, VISIT_SUMMARY, -1};
static const int note_fields[] = {NOTE_NOTE_DATE, NOTE_KIND, NOTE_CHILD_VOICE, NOTE_BODY, -1};

static const struct row_form {
	const struct entity *e;
	const int *fields;
	int worker_field;
	const char *title, *action, *button, *done;
} row_forms[] = {
	{&entity_visit, visit_fields, VISIT_WORKER_ID, "Record a visit", "visits", "Save the visit", "visit"},
	{&entity_note, note_fields, NOTE_WORKER_ID, "Record a case note", "notes", "Save the note", "note"},
};

static int row_form_page(struct web_request *r, const struct row_form *rf, const struct page_form *f,
			 const struct hval *child, int status)
{
	struct html *h = page_begin(r, rf->title, NULL);
	html_f(h, "<a href=\"%s\" class=\"govuk-back-link\">Back to the record</a>", child_home_href(r, r->child_id));
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, f);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>"
		  "<form method=\"post\" action=\"/children/%lld/%s\" novalidate>",
	       page_child_name(r, child), rf->title, (long long)r->child_id, rf->action);
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	html_f(h, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
		  "data-module=\"govuk-button\">%s</button>",
	       rf->button);
	page_draft_controls(r, h, arena_printf(&r->a, "/children/%lld/%s/new", (long long)r->child_id, rf->action),
			    rf->title);
	html_f(h, "</div></form></div></div>");
	return page_end(r, status);
}

static int row_form_get(struct web_request *r, const struct row_form *rf)
{
	struct hval *child;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err)) {
		return web_fail_err(r, &err);
	}
	struct page_form f;
	page_form_init(r, &f, rf->e, rf->fields);
	char today[DATE_STR_SIZE];
	f.text[rf->fields[0]] = arena_strdup(&r->a, date_format(date_today(), today)); /* the date: today */
	page_draft_restore(r, &f); /* or what this person typed before, as they typed it */
	return row_form_page(r, rf, &f, child, 200);
}

static int row_form_post(struct web_request *r, const struct row_form *rf)
{
	struct hval *child;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err)) {
		return web_fail_err(r, &err);
	}
	const struct entity *e = rf->e;
	struct hval *vals = arena_alloc(&r->a, sizeof(*vals) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		vals[i] = (struct hval){.null = true};
	}
	struct page_form f;
	page_form_init(r, &f, e, rf->fields);
	if (page_form_read(r, &f, vals)) {
		return row_form_page(r, rf, &f, child, 400);
	}
	int64_t id;
	struct returns_findings warnings;
	if (web_child_row_add(r, e, rf->worker_field, vals, &id, &warnings, &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&f, &err);
		return row_form_page(r, rf, &f, child, 400);
	}
	page_draft_done(r);
	if (!role_can(r->role, PERM_CHILD_READ)) {
		/* A partner reads no chronology: back to the child's page they read (family_help.c). */
		return page_redirect(r, arena_printf(&r->a, "%s?done=%s", child_home_href(r, r->child_id), rf->done));
	}
	return page_redirect(r, arena_printf(&r->a, "/children/%lld/chronology?done=%s&new_findings=%zu",
					     (long long)r->child_id, rf->done, warnings.n));
}

int page_visit_new(struct web_request *r)
{
	return row_form_get(r, &row_forms[0]);
}

int page_visit_post(struct web_request *r)
{
	return row_form_post(r, &row_forms[0]);
}

int page_note_new(struct web_request *r)
{
	return row_form_get(r, &row_forms[1]);
}

int page_note_post(struct web_request *r)
{
	return row_form_post(r, &row_forms[1]);
}

/* ---- reallocation ---- */

static const int reallocate_fields[] = {ALLOCATION_WORKER_ID, ALLOCATION_KIND, ALLOCATION_START_DATE,
					ALLOCATION_REASON, -1};

/* The workers a child may be allocated to: case holders in post today, by team. */
static int worker_options(struct web_request *r, struct page_form *f)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_worker, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	hdate today = date_today();
	struct code *opts = arena_alloc(&r->a, sizeof(*opts) * (n ? n : 1));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		if (!v[WORKER_CASE_HOLDER].i || v[WORKER_START_DATE].i > today ||
		    (!v[WORKER_END_DATE].null && v[WORKER_END_DATE].i <= today)) {
			continue;
		}
		struct hval *team = NULL;
		if (!v[WORKER_TEAM_ID].null) {
			store_get(r->st, &entity_team, v[WORKER_TEAM_ID].i, &r->a, &team, NULL);
		}
		opts[k++] = (struct code){arena_printf(&r->a, "%lld", (long long)ids[i]),
					  arena_printf(&r->a, "%s %s (%s)", v[WORKER_GIVEN_NAME].s, v[WORKER_FAMILY_NAME].s,
						       team ? team[TEAM_NAME].s : "no team"),
					  0, 0};
	}
	f->options_field = ALLOCATION_WORKER_ID;
	f->options = opts;
	f->n_options = k;
	return 0;
}

static int reallocate_page(struct web_request *r, struct page_form *f, int status)
{
	struct casefile cf;
	struct hval *child;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err) ||
	    store_web_status_casefile(r->sw, r->child_id, &r->a, &cf, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Reallocate", NULL);
	html_f(h, "<a href=\"/children/%lld\" class=\"govuk-back-link\">Back to the record</a>", (long long)r->child_id);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, f);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">Reallocate</h1>",
	       page_child_name(r, child));
	html_f(h, "<p class=\"govuk-body\">Allocated now: %s. The current allocation of the same kind ends on the "
		  "new one's start date, with the reason you give.</p>",
	       allocated(r, &cf, ALLOC_SOCIAL_WORKER, date_today()) ? allocated(r, &cf, ALLOC_SOCIAL_WORKER, date_today())
								     : "no social worker");
	html_f(h, "<form method=\"post\" action=\"/children/%lld/reallocate\" novalidate>", (long long)r->child_id);
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Reallocate</button></form></div></div>");
	return page_end(r, status);
}

int page_reallocate(struct web_request *r)
{
	struct page_form f;
	page_form_init(r, &f, &entity_allocation, reallocate_fields);
	char today[DATE_STR_SIZE];
	f.text[ALLOCATION_START_DATE] = arena_strdup(&r->a, date_format(date_today(), today));
	f.text[ALLOCATION_KIND] = "sw";
	int rc = worker_options(r, &f);
	return rc ? rc : reallocate_page(r, &f, 200);
}

int page_reallocate_post(struct web_request *r)
{
	struct page_form f;
	page_form_init(r, &f, &entity_allocation, reallocate_fields);
	int rc = worker_options(r, &f);
	if (rc) {
		return rc;
	}
	struct hval vals[ALLOCATION__COUNT];
	for (int i = 0; i < ALLOCATION__COUNT; i++) {
		vals[i] = (struct hval){.null = true};
	}
	if (page_form_read(r, &f, vals) == 0 && vals[ALLOCATION_REASON].null) {
		/* The SSDA903 SWEpisodes return needs the reason a child changed worker. */
		f.error[ALLOCATION_REASON] = "Select the reason for the change";
		f.n_errors++;
	}
	if (f.n_errors) {
		return reallocate_page(r, &f, 400);
	}
	struct hearth_error err = {0};
	int64_t new_id, ended[16];
	size_t n_ended;
	struct returns_findings warnings;
	if (web_child_reallocate(r, vals, &new_id, ended, 16, &n_ended, &warnings, &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&f, &err);
		return reallocate_page(r, &f, 400);
	}
	return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=reallocated&new_findings=%zu",
					     (long long)r->child_id, warnings.n));
}
