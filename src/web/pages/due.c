/* pages/due: what is due, and where each item is done.
 *
 *   GET /due   the worklist across the children the caller sees: filtered (team, worker,
 *              kind of item, overdue only, due within N working days), counted per team
 *              and per worker above the list (so a manager sees where the drift is before
 *              reading it), and paged (DUE_PAGE items a page). A GET form: works without
 *              script, and every view is a link that can be shared.
 *
 * An item is "for" a worker: a task, the worker it was set for; anything else, the child's
 * allocated social worker (else personal adviser), as `hearth due` attributes it. A team's
 * items are those for its workers. Every date comes from the clock (clock/); this file
 * only selects, counts and draws.
 *
 * Each item links to the form that does it (due_forms below: which record, new or a
 * correction of the row the clock hangs from, pre-filled how): data, not a chain of ifs.
 * Saving that record stops the clock, because the clock is worked out again from the record
 * on every request. The child's page and the home page use the same links (page_due_href). */
#include <stdlib.h>
#include <string.h>

#include "base/workdays.h"
#include "clock/clock.h"
#include "model/status.h"
#include "web/children.h"
#include "web/pages/due.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

#define DUE_PAGE 50
#define WITHIN_MAX 260

/* ---- where an item is done ---- */

enum due_form_mode {
	DUE_NEW,	/* a new record, pre-filled */
	DUE_EDIT,	/* a correction of the row the item hangs from (e.g. the decision date) */
};

static const struct due_form {
	enum clock_kind kind;
	const char *subject_kind;	/* the item's subject_kind, or NULL: any */
	const char *record;		/* the kind of record that does it */
	enum due_form_mode mode;
	const char *prefill;		/* a new record's fields, as a query ("kind=cp"), or NULL */
	const char *subject_field;	/* a new record names the subject in this field, or NULL */
} due_forms[] = {
	{CLOCK_CONTACT_DECISION, NULL, "contact", DUE_EDIT, NULL, NULL},
	{CLOCK_ASSESSMENT, "referral", "assessment", DUE_NEW, NULL, "referral_id"},
	{CLOCK_ASSESSMENT, "assessment", "assessment", DUE_EDIT, NULL, NULL},
	{CLOCK_ICPC, NULL, "s47", DUE_EDIT, NULL, NULL},
	{CLOCK_CORE_GROUP, NULL, "core_group", DUE_NEW, NULL, "cp_plan_id"},
	{CLOCK_CP_REVIEW_FIRST, NULL, "cp_review", DUE_NEW, NULL, "cp_plan_id"},
	{CLOCK_CP_REVIEW, NULL, "cp_review", DUE_NEW, NULL, "cp_plan_id"},
	{CLOCK_CP_VISIT, NULL, "visit", DUE_NEW, "kind=cp&seen=yes", NULL},
	{CLOCK_CIN_VISIT, NULL, "visit", DUE_NEW, "kind=cin&seen=yes", NULL},
	{CLOCK_CLA_VISIT_PLACEMENT, NULL, "visit", DUE_NEW, "kind=cla&seen=yes", NULL},
	{CLOCK_CLA_VISIT_YEAR1, NULL, "visit", DUE_NEW, "kind=cla&seen=yes", NULL},
	{CLOCK_CLA_VISIT_LONG_TERM, NULL, "visit", DUE_NEW, "kind=cla&seen=yes", NULL},
	{CLOCK_CLA_VISIT_OTHER, NULL, "visit", DUE_NEW, "kind=cla&seen=yes", NULL},
	{CLOCK_CLA_REVIEW_FIRST, NULL, "cla_review", DUE_NEW, NULL, NULL},
	{CLOCK_CLA_REVIEW_SECOND, NULL, "cla_review", DUE_NEW, NULL, NULL},
	{CLOCK_CLA_REVIEW, NULL, "cla_review", DUE_NEW, NULL, NULL},
	{CLOCK_PEP_INITIAL, NULL, "pep", DUE_NEW, NULL, NULL},
	{CLOCK_PEP_TERM, NULL, "pep", DUE_NEW, NULL, NULL},
	{CLOCK_HEALTH_INITIAL, NULL, "health", DUE_NEW, "kind=initial", NULL},
	{CLOCK_HEALTH_REVIEW_UNDER5, NULL, "health", DUE_NEW, "kind=review", NULL},
	{CLOCK_HEALTH_REVIEW, NULL, "health", DUE_NEW, "kind=review", NULL},
	{CLOCK_DENTAL, NULL, "health", DUE_NEW, "kind=dental", NULL},
	{CLOCK_RETURN_INTERVIEW, NULL, "missing", DUE_EDIT, NULL, NULL},
	{CLOCK_PROCEEDINGS, NULL, "proceedings", DUE_EDIT, NULL, NULL},
	{CLOCK_PRE_PROCEEDINGS, NULL, "pre_proceedings", DUE_EDIT, NULL, NULL},
	{CLOCK_PATHWAY_PLAN, NULL, "pathway_plan", DUE_NEW, NULL, NULL},
	{CLOCK_TASK, NULL, "task", DUE_EDIT, NULL, NULL},
};

const char *page_due_href(struct web_request *r, const struct clock_item *it)
{
	if (!it->child_id || !role_can(r->role, PERM_CHILD_WRITE) || role_read_only(r->role)) {
		return NULL;
	}
	/* A task a visit does is done by recording that visit (its done date stays for the
	 * rest): the visit form, with the kind chosen. */
	if (it->rule->kind == CLOCK_TASK && it->visit_kind) {
		return arena_printf(&r->a, "/children/%lld/records/visit/new?kind=%s&seen=yes", (long long)it->child_id,
				    page_url_encode(r, it->visit_kind));
	}
	for (size_t i = 0; i < sizeof(due_forms) / sizeof(due_forms[0]); i++) {
		const struct due_form *f = &due_forms[i];
		if (f->kind != it->rule->kind ||
		    (f->subject_kind && (!it->subject_kind || strcmp(f->subject_kind, it->subject_kind) != 0))) {
			continue;
		}
		if (f->mode == DUE_EDIT) {
			return arena_printf(&r->a, "/children/%lld/records/%s/%lld/edit", (long long)it->child_id, f->record,
					    (long long)it->subject_id);
		}
		const char *q = f->prefill ? f->prefill : "";
		if (f->subject_field) {
			q = arena_printf(&r->a, "%s%s%s=%lld", q, *q ? "&" : "", f->subject_field,
					 (long long)it->subject_id);
		}
		return arena_printf(&r->a, "/children/%lld/records/%s/new%s%s", (long long)it->child_id, f->record,
				    *q ? "?" : "", q);
	}
	return NULL;
}

const char *page_due_title(struct web_request *r, const struct clock_item *it)
{
	return it->what ? arena_printf(&r->a, "Task: %s", it->what) : it->rule->title;
}

void page_due_state(struct html *h, const struct clock_item *it)
{
	if (it->status == CLOCK_OVERDUE) {
		html_f(h, "%d %s overdue", it->days_overdue, it->days_overdue == 1 ? "day" : "days");
	} else {
		html_f(h, "%s", it->status == CLOCK_DUE		? "Due today"
				: it->status == CLOCK_DUE_SOON ? "Due soon"
							       : "Upcoming");
	}
}

/* ---- the scan ---- */

/* The allocated social worker on d, or else the personal adviser; 0 when neither. */
static int64_t allocated_worker(const struct casefile *cf, hdate d)
{
	int64_t w = status_social_worker(cf, d);
	for (size_t i = 0; !w && i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind == ALLOC_PERSONAL_ADVISER && cf_open_on(al->start, al->end, d)) {
			w = al->worker_id;
		}
	}
	return w;
}

static int scan_child(void *ctx, const struct casefile *cf, const struct store_child_hit *hit)
{
	struct due_scan *s = ctx;
	struct web_request *r = s->r;
	(void)hit;
	struct clock_list l = CLOCK_LIST_INIT;
	clock_child(cf, s->as_at, &s->settings, &r->a, &l);
	int64_t allocated = allocated_worker(cf, s->as_at);
	for (size_t i = 0; i < l.n; i++) {
		const struct clock_item *it = &l.items[i];
		bool keep = s->within >= 0 ? it->due <= s->within_until : it->status != CLOCK_UPCOMING;
		if (!keep || (s->overdue_only && it->status != CLOCK_OVERDUE) ||
		    (s->kind >= 0 && (int)it->rule->kind != s->kind)) {
			continue;
		}
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 64;
			s->rows = arena_grow(&r->a, s->rows, s->n, cap, sizeof(*s->rows));
			s->cap = cap;
		}
		s->rows[s->n++] = (struct due_row){*it, it->owner_id ? it->owner_id : allocated};
	}
	/* New allocations to the worker the scan is for (the home page's in-tray). */
	for (size_t i = 0; s->new_since != DATE_NONE && i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->worker_id == s->new_for && al->start >= s->new_since && al->start <= s->as_at &&
		    cf_open_on(al->start, al->end, s->as_at)) {
			if (s->n_new == s->cap_new) {
				size_t cap = s->cap_new ? s->cap_new * 2 : 8;
				s->new_allocs = arena_grow(&r->a, s->new_allocs, s->n_new, cap, sizeof(*s->new_allocs));
				s->cap_new = cap;
			}
			s->new_allocs[s->n_new++] = (struct due_new){cf->child.id, al->start};
		}
	}
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct clock_item *x = &((const struct due_row *)a)->it, *y = &((const struct due_row *)b)->it;
	if (x->days_overdue != y->days_overdue) {
		return x->days_overdue > y->days_overdue ? -1 : 1;
	}
	if (x->child_id != y->child_id) {
		return x->child_id < y->child_id ? -1 : 1;
	}
	if (x->rule->kind != y->rule->kind) {
		return x->rule->kind < y->rule->kind ? -1 : 1;
	}
	return x->subject_id < y->subject_id ? -1 : x->subject_id > y->subject_id;
}

int page_due_scan(struct web_request *r, const struct store_scope *sc, struct due_scan *s)
{
	web_settings_load(r, &s->settings);
	s->within_until = s->within >= 0 ? workdays_add(s->as_at, s->within) : DATE_NONE;
	struct hearth_error err = {0};
	if (s->only_worker) {
		/* An item is for a worker when it is their task or the child is allocated to them
		 * (scan_child): no other child can hold one, so no other casefile is read. */
		struct store_child_hit *hits;
		size_t n_hits;
		if (store_worker_children(r->st, sc, s->only_worker, &r->a, &hits, &n_hits, &err) ||
		    web_children_each_of(r, hits, n_hits, &s->children, scan_child, s, &err)) {
			return web_fail_err(r, &err);
		}
	} else if (web_children_each(r, sc, s->as_at, &s->children, scan_child, s, &err)) {
		return web_fail_err(r, &err);
	}
	if (s->n > 1) {
		qsort(s->rows, s->n, sizeof(*s->rows), row_cmp);
	}
	return 0;
}

/* ---- GET /due ---- */

struct tally {
	int64_t id;
	size_t items, overdue;
};

static void tally_add(struct web_request *r, struct tally **t, size_t *n, size_t *cap, int64_t id, bool overdue)
{
	for (size_t i = 0; i < *n; i++) {
		if ((*t)[i].id == id) {
			(*t)[i].items++;
			(*t)[i].overdue += overdue;
			return;
		}
	}
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		*t = arena_grow(&r->a, *t, *n, c, sizeof(**t));
		*cap = c;
	}
	(*t)[(*n)++] = (struct tally){id, 1, overdue};
}

/* Most overdue first: where the drift is. */
static int tally_cmp(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	if (x->overdue != y->overdue) {
		return x->overdue > y->overdue ? -1 : 1;
	}
	if (x->items != y->items) {
		return x->items > y->items ? -1 : 1;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The LADO's items are about adults, not the children this page lists. */
static bool lado_kind(int k)
{
	return k >= CLOCK_LADO_CONSIDERATION && k <= CLOCK_LADO_RESOLUTION_12M;
}

struct filters {
	int64_t team, worker;
	const char *kind_id;		/* the rule id chosen, or NULL */
	bool overdue, team_view;
	int within;			/* -1: the worklist's own window */
	long page;
	const char *as_at;		/* as given, or NULL */
};

/* The link to this view with one thing changed (page 0: the first page). */
static const char *due_link(struct web_request *r, const struct filters *f, int64_t team, int64_t worker, long page)
{
	const char *q = "";
	if (f->team_view && !team && !worker) {
		q = arena_printf(&r->a, "%s&who=team", q);
	}
	if (team) {
		q = arena_printf(&r->a, "%s&team=%lld", q, (long long)team);
	}
	if (worker) {
		q = arena_printf(&r->a, "%s&worker=%lld", q, (long long)worker);
	}
	if (f->kind_id) {
		q = arena_printf(&r->a, "%s&kind=%s", q, f->kind_id);
	}
	if (f->overdue) {
		q = arena_printf(&r->a, "%s&overdue=1", q);
	}
	if (f->within >= 0) {
		q = arena_printf(&r->a, "%s&within=%d", q, f->within);
	}
	if (f->as_at) {
		q = arena_printf(&r->a, "%s&as_at=%s", q, page_url_encode(r, f->as_at));
	}
	if (page > 1) {
		q = arena_printf(&r->a, "%s&page=%ld", q, page);
	}
	return *q ? arena_printf(&r->a, "/due?%s", q + 1) : "/due";
}

static int query_id(struct web_request *r, const char *name, int64_t *out)
{
	const char *v = web_query(r, name);
	*out = 0;
	if (!v || !*v) {
		return 0;
	}
	char *end;
	long long n = strtoll(v, &end, 10);
	if (*end || n <= 0) {
		return web_fail(r, 400, name, "id", "%s must be an id from the list", name);
	}
	*out = n;
	return 0;
}

static int filters_read(struct web_request *r, struct filters *f, int *kind)
{
	int rc;
	*f = (struct filters){.within = -1, .page = 1, .as_at = web_query(r, "as_at")};
	*kind = -1;
	if ((rc = query_id(r, "team", &f->team)) || (rc = query_id(r, "worker", &f->worker))) {
		return rc;
	}
	const char *who = web_query(r, "who");
	if (who && *who && strcmp(who, "team") != 0 && strcmp(who, "me") != 0) {
		return web_fail(r, 400, "who", "code", "who must be me or team");
	}
	f->team_view = who && strcmp(who, "team") == 0;
	/* Mine by default when I hold cases, unless I asked for the team or chose a team or
	 * worker. */
	if (!f->team && !f->worker && !f->team_view && r->session.user.worker_id) {
		f->worker = r->session.user.worker_id;
	}
	const char *k = web_query(r, "kind");
	if (k && *k) {
		const struct clock_rule *rule = clock_rule_find(k);
		if (!rule || lado_kind(rule->kind)) {
			return web_fail(r, 400, "kind", "code", "kind must be one of the kinds of item in the list");
		}
		f->kind_id = rule->id;
		*kind = (int)rule->kind;
	}
	const char *o = web_query(r, "overdue");
	if (o && *o && strcmp(o, "1") != 0) {
		return web_fail(r, 400, "overdue", "code", "overdue must be 1 (only overdue items) or left out");
	}
	f->overdue = o && *o;
	const char *w = web_query(r, "within");
	if (w && *w) {
		char *end;
		long n = strtol(w, &end, 10);
		if (*end || n < 0 || n > WITHIN_MAX) {
			return web_fail(r, 400, "within", "range", "within must be a whole number of working days from 0 to %d",
					WITHIN_MAX);
		}
		f->within = (int)n;
	}
	const char *p = web_query(r, "page");
	if (p && *p) {
		char *end;
		long n = strtol(p, &end, 10);
		if (*end || n < 1 || n > 1000000) {
			return web_fail(r, 400, "page", "range", "page must be a page number from 1");
		}
		f->page = n;
	}
	return 0;
}

struct names {
	int64_t *ids;
	struct hval **rows;
	size_t n;
};

static const struct hval *row_of(const struct names *n, int64_t id)
{
	for (size_t i = 0; id && i < n->n; i++) {
		if (n->ids[i] == id) {
			return n->rows[i];
		}
	}
	return NULL;
}

static int64_t team_of(const struct names *workers, int64_t worker)
{
	const struct hval *w = row_of(workers, worker);
	return w && !w[WORKER_TEAM_ID].null ? w[WORKER_TEAM_ID].i : 0;
}

static const char *team_name(const struct names *teams, int64_t id)
{
	const struct hval *t = row_of(teams, id);
	return t ? t[TEAM_NAME].s : "No team";
}

static void select_open(struct html *h, const char *name, const char *label)
{
	html_f(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"%s\">%s</label>"
		  "<select class=\"govuk-select\" id=\"%s\" name=\"%s\">",
	       name, label, name, name);
}

static void filter_form(struct web_request *r, struct html *h, const struct filters *f, const struct names *teams,
			const struct tally *workers, size_t n_workers)
{
	html_f(h, "<form method=\"get\" action=\"/due\" novalidate data-hearth=\"due-filters\" class=\"hearth-filters\">"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">");
	if (f->as_at) {
		html_f(h, "<input type=\"hidden\" name=\"as_at\" value=\"%s\">", f->as_at);
	}
	select_open(h, "team", "Team");
	html_f(h, "<option value=\"\">Any team</option>");
	for (size_t i = 0; i < teams->n; i++) {
		if (teams->rows[i][TEAM_CLOSED].null || teams->ids[i] == f->team) {
			html_f(h, "<option value=\"%lld\"%s>%s</option>", (long long)teams->ids[i],
			       teams->ids[i] == f->team ? " selected" : "", teams->rows[i][TEAM_NAME].s);
		}
	}
	html_f(h, "</select></div>");
	select_open(h, "worker", "Worker");
	html_f(h, "<option value=\"\">Anyone</option>");
	bool chosen_listed = false;
	for (size_t i = 0; i < n_workers; i++) {
		if (!workers[i].id) {
			continue;
		}
		chosen_listed |= workers[i].id == f->worker;
		html_f(h, "<option value=\"%lld\"%s>%s</option>", (long long)workers[i].id,
		       workers[i].id == f->worker ? " selected" : "", page_worker_name(r, workers[i].id));
	}
	if (f->worker && !chosen_listed) {
		html_f(h, "<option value=\"%lld\" selected>%s</option>", (long long)f->worker, page_worker_name(r, f->worker));
	}
	html_f(h, "</select></div></div><div class=\"govuk-grid-column-one-third\">");
	select_open(h, "kind", "Kind of item");
	html_f(h, "<option value=\"\">Any kind</option>");
	for (int k = 0; k < CLOCK_KIND_MAX; k++) {
		const struct clock_rule *rule = clock_rule_for((enum clock_kind)k, DATE_NONE);
		if (rule && !lado_kind(k)) {
			html_f(h, "<option value=\"%s\"%s>%s</option>", rule->id,
			       f->kind_id && strcmp(f->kind_id, rule->id) == 0 ? " selected" : "",
			       k == CLOCK_TASK ? "Tasks set by a manager" : rule->title);
		}
	}
	html_f(h, "</select></div>"
		  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"within\">Due within (working days)"
		  "</label><div class=\"govuk-hint\" id=\"within-hint\">Leave blank for what is overdue, due today or "
		  "due soon</div><input class=\"govuk-input govuk-input--width-3\" id=\"within\" name=\"within\" "
		  "type=\"text\" inputmode=\"numeric\" aria-describedby=\"within-hint\" value=\"%s\"></div></div>"
		  "<div class=\"govuk-grid-column-one-third\"><div class=\"govuk-form-group\"><div class=\"govuk-checkboxes "
		  "govuk-checkboxes--small\"><div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "
		  "id=\"overdue\" name=\"overdue\" type=\"checkbox\" value=\"1\"%s><label class=\"govuk-label "
		  "govuk-checkboxes__label\" for=\"overdue\">Overdue only</label></div></div></div>"
		  "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
		  "Show</button> <a class=\"govuk-link govuk-body\" href=\"/due?who=team\">Clear</a></div></div></form>",
	       f->within >= 0 ? arena_printf(&r->a, "%d", f->within) : "", f->overdue ? " checked" : "");
}

static void tally_table(struct web_request *r, struct html *h, const struct filters *f, const char *what,
			const struct tally *t, size_t n, bool teams, const struct names *team_rows)
{
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"due-by-%s\"><caption class=\"govuk-table__caption "
		  "govuk-table__caption--s\">By %s</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">%s</th>"
		  "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Items</th>"
		  "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Overdue</th></tr></thead>"
		  "<tbody class=\"govuk-table__body\">",
	       teams ? "team" : "worker", what, teams ? "Team" : "Worker");
	for (size_t i = 0; i < n; i++) {
		const char *name = teams ? team_name(team_rows, t[i].id)
					 : t[i].id ? page_worker_name(r, t[i].id) : "Not allocated";
		html_f(h, "<tr class=\"govuk-table__row\" data-id=\"%lld\" data-items=\"%zu\" data-overdue=\"%zu\">"
			  "<td class=\"govuk-table__cell\">",
		       (long long)t[i].id, t[i].items, t[i].overdue);
		if (t[i].id) {
			html_f(h, "<a class=\"govuk-link\" href=\"%s\">%s</a>",
			       due_link(r, f, teams ? t[i].id : 0, teams ? 0 : t[i].id, 0), name);
		} else {
			html_f(h, "%s", name);
		}
		html_f(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%zu</td>"
			  "<td class=\"govuk-table__cell govuk-table__cell--numeric%s\">%zu</td></tr>",
		       t[i].items, t[i].overdue ? " hearth-overdue" : "", t[i].overdue);
	}
	html_f(h, "</tbody></table>");
}

static void pagination(struct web_request *r, struct html *h, const struct filters *f, long page, long pages)
{
	if (pages <= 1) {
		return;
	}
	html_f(h, "<nav class=\"govuk-pagination\" aria-label=\"Pages of what is due\" data-hearth=\"due-pages\">");
	if (page > 1) {
		html_f(h, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"%s\" "
			  "rel=\"prev\"><span class=\"govuk-pagination__link-title\">Previous</span></a></div>",
		       due_link(r, f, f->team, f->worker, page - 1));
	}
	html_f(h, "<p class=\"govuk-body govuk-pagination__item\">Page %ld of %ld</p>", page, pages);
	if (page < pages) {
		html_f(h, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"%s\" "
			  "rel=\"next\"><span class=\"govuk-pagination__link-title\">Next</span></a></div>",
		       due_link(r, f, f->team, f->worker, page + 1));
	}
	html_f(h, "</nav>");
}

void page_due_table(struct web_request *r, struct html *h, const struct due_scan *s, const struct due_row *const *rows,
		    size_t n, bool show_worker)
{
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"due\">"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Due</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Child</th>");
	if (show_worker) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">For</th>");
	}
	html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">State</th></tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct clock_item *it = &rows[i]->it;
		const struct store_child_hit *hit = web_children_find(&s->children, it->child_id);
		const char *href = page_due_href(r, it);
		html_f(h, "<tr class=\"govuk-table__row\" data-rule=\"%s\" data-subject=\"%lld\" data-child=\"%lld\">"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s",
		       it->rule->id, (long long)it->subject_id, (long long)it->child_id, page_date(r, it->due),
		       page_due_title(r, it));
		if (href) {
			html_f(h, "<br><a class=\"govuk-link govuk-body-s\" href=\"%s\" data-hearth=\"due-do\">%s"
				  "<span class=\"govuk-visually-hidden\">: %s</span></a>",
			       href, it->rule->kind == CLOCK_TASK && !it->visit_kind ? "Mark it done" : "Record it",
			       page_due_title(r, it));
		}
		html_f(h, "</td><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/children/%lld\">%s %s</a></td>",
		       (long long)it->child_id, hit ? hit->given_name : "", hit ? hit->family_name : "");
		if (show_worker) {
			html_f(h, "<td class=\"govuk-table__cell\">%s</td>",
			       rows[i]->worker_id ? page_worker_name(r, rows[i]->worker_id) : "Not allocated");
		}
		html_f(h, "<td class=\"govuk-table__cell%s\">", it->status == CLOCK_OVERDUE ? " hearth-overdue" : "");
		page_due_state(h, it);
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table></div>");
}

int page_due(struct web_request *r)
{
	struct filters f;
	int kind, rc;
	hdate as_at;
	if ((rc = web_query_date(r, "as_at", date_today(), &as_at)) || (rc = filters_read(r, &f, &kind))) {
		return rc;
	}
	struct store_scope sc = r->scope;
	sc.as_at = as_at;
	struct due_scan s = {.r = r, .as_at = as_at, .within = f.within, .overdue_only = f.overdue, .kind = kind,
			     .new_since = DATE_NONE};
	struct names teams, workers;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_team, &r->a, &teams.ids, &teams.rows, &teams.n, &err) ||
	    store_all_rows(r->st, &entity_worker, &r->a, &workers.ids, &workers.rows, &workers.n, &err)) {
		return web_fail_err(r, &err);
	}
	if ((rc = page_due_scan(r, &sc, &s))) {
		return rc;
	}
	/* Counts over everything the other filters keep, before the team and worker are
	 * chosen: the drift across teams and workers, then the list for the one chosen. */
	struct tally *by_team = NULL, *by_worker = NULL;
	size_t n_team = 0, cap_team = 0, n_worker = 0, cap_worker = 0, overdue = 0;
	const struct due_row **shown = arena_alloc(&r->a, sizeof(*shown) * (s.n ? s.n : 1));
	size_t n_shown = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct due_row *row = &s.rows[i];
		bool late = row->it.status == CLOCK_OVERDUE;
		int64_t team = team_of(&workers, row->worker_id);
		tally_add(r, &by_team, &n_team, &cap_team, team, late);
		if (!f.team || team == f.team) {
			tally_add(r, &by_worker, &n_worker, &cap_worker, row->worker_id, late);
		}
		if ((!f.team || team == f.team) && (!f.worker || row->worker_id == f.worker)) {
			shown[n_shown++] = row;
			overdue += late;
		}
	}
	qsort(by_team, n_team, sizeof(*by_team), tally_cmp);
	qsort(by_worker, n_worker, sizeof(*by_worker), tally_cmp);
	long pages = (long)((n_shown + DUE_PAGE - 1) / DUE_PAGE);
	long page = f.page > pages ? (pages ? pages : 1) : f.page;
	size_t from = (size_t)(page - 1) * DUE_PAGE;
	size_t n_page = n_shown - from < DUE_PAGE ? n_shown - from : DUE_PAGE;

	struct html *h = page_begin(r, "What is due", "due");
	html_f(h, "<h1 class=\"govuk-heading-l\">What is due</h1>");
	const char *whose = f.worker ? (f.worker == r->session.user.worker_id ? "Yours"
									      : page_worker_name(r, f.worker))
			    : f.team ? team_name(&teams, f.team)
				     : "Everything you can see";
	html_f(h, "<p class=\"govuk-body\" data-hearth=\"due-summary\" data-items=\"%zu\" data-overdue=\"%zu\">%s, as at "
		  "%s: %zu %s (%zu overdue).",
	       n_shown, overdue, whose, page_date(r, as_at), n_shown, n_shown == 1 ? "item" : "items", overdue);
	if (r->session.user.worker_id && (f.worker || f.team)) {
		html_f(h, " <a class=\"govuk-link\" href=\"/due?who=team\">Show everything you can see</a>");
	} else if (r->session.user.worker_id) {
		html_f(h, " <a class=\"govuk-link\" href=\"/due?who=me\">Show only mine</a>");
	}
	html_f(h, "</p>");
	filter_form(r, h, &f, &teams, by_worker, n_worker);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">");
	tally_table(r, h, &f, "team", by_team, n_team, true, &teams);
	html_f(h, "</div><div class=\"govuk-grid-column-one-half\">");
	tally_table(r, h, &f, f.team ? "worker in the team" : "worker", by_worker, n_worker, false, &teams);
	html_f(h, "</div></div>");
	if (!n_shown) {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"due-empty\">Nothing is due that matches.</p>");
		return page_end(r, 200);
	}
	page_due_table(r, h, &s, shown + from, n_page, !f.worker);
	pagination(r, h, &f, page, pages);
	return page_end(r, 200);
}
