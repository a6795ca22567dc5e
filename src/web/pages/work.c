/* pages/work: the pages a day's work starts from — my caseload, what is due (mine or my
 * team's), the team manager's view (caseloads as a chart, drift, reallocation), and
 * finding a child.
 *
 * Every list comes from the children visible to the person (children.c, the store's one
 * scoped query) and every date from the statutory clock (clock/); nothing here decides
 * what is due or who may see whom. */
#include <stdlib.h>
#include <string.h>

#include "clock/clock.h"
#include "measures/measures.h"
#include "model/codes.h"
#include "web/pages/child.h"
#include "web/pages/pages.h"
#include "web/children.h"
#include "web/pages/page.h"

/* ---- a child's line in a caseload ---- */

struct child_line {
	int64_t id;
	const char *la_child_id, *name;
	enum child_status status;
	const char *next_title;		/* the most urgent item due, NULL when none */
	hdate next_due;
	int overdue;			/* items past their date */
	hdate last_visit;
	bool last_seen_alone;
	int64_t worker_id;		/* the allocated social worker */
};

struct lines {
	struct web_request *r;
	hdate as_at;
	struct settings settings;
	struct child_line *items;
	size_t n, cap;
	struct measures_run *run;	/* also counted into this run, when not NULL */
	/* The viewer does not read the whole record (a partner: role_can PERM_CHILD_READ is
	 * false): no status and nothing from the clock, which come from all of it, and only
	 * the visits the role table lets them read (their own). */
	bool narrow;
};

static int line_add(void *ctx, const struct casefile *cf, const struct store_child_hit *hit)
{
	struct lines *ls = ctx;
	struct web_request *r = ls->r;
	if (ls->n == ls->cap) {
		size_t cap = ls->cap ? ls->cap * 2 : 32;
		ls->items = arena_grow(&r->a, ls->items, ls->cap, cap, sizeof(*ls->items));
		ls->cap = cap;
	}
	if (ls->run) {
		measures_run_child(ls->run, cf);
	}
	struct child_line *l = &ls->items[ls->n++];
	*l = (struct child_line){.id = hit->id, .la_child_id = hit->la_child_id,
				 .name = arena_printf(&r->a, "%s %s", hit->given_name, hit->family_name),
				 .status = status_at(cf, ls->as_at), .next_due = DATE_NONE, .last_visit = DATE_NONE,
				 .worker_id = status_social_worker(cf, ls->as_at)};
	for (size_t i = 0; i < cf->n_visits; i++) {
		const struct cf_visit *v = &cf->visits[i];
		if (ls->narrow && v->worker_id != r->session.user.worker_id) {
			continue;
		}
		if (v->date <= ls->as_at && (l->last_visit == DATE_NONE || v->date >= l->last_visit)) {
			l->last_visit = v->date;
			l->last_seen_alone = v->seen_alone;
		}
	}
	if (ls->narrow) {
		return 0;
	}
	struct clock_list items = CLOCK_LIST_INIT;
	clock_child(cf, ls->as_at, &ls->settings, &r->a, &items);
	clock_sort(&items);
	for (size_t i = 0; i < items.n; i++) {
		if (items.items[i].status == CLOCK_OVERDUE) {
			l->overdue++;
		}
	}
	if (items.n) {
		l->next_title = items.items[0].rule->title; /* static rule text */
		l->next_due = items.items[0].due;
	}
	return 0;
}

/* Most overdue first, then the soonest due, then by name. */
static int line_cmp(const void *a, const void *b)
{
	const struct child_line *x = a, *y = b;
	if (x->overdue != y->overdue) {
		return y->overdue - x->overdue;
	}
	if (x->next_due != y->next_due) {
		return x->next_due == DATE_NONE ? 1 : y->next_due == DATE_NONE ? -1 : x->next_due < y->next_due ? -1 : 1;
	}
	return strcmp(x->name, y->name);
}

static int lines_load(struct web_request *r, const struct store_scope *sc, hdate as_at, struct lines *ls,
		      struct measures_run *run)
{
	struct hearth_error err = {0};
	struct web_children c;
	*ls = (struct lines){.r = r, .as_at = as_at, .run = run, .narrow = !role_can(r->role, PERM_CHILD_READ)};
	web_settings_load(r, &ls->settings);
	if (web_children_each(r, sc, as_at, &c, line_add, ls, &err)) {
		return web_fail_err(r, &err);
	}
	qsort(ls->items, ls->n, sizeof(*ls->items), line_cmp);
	return 0;
}

static void caseload_table(struct web_request *r, struct html *h, const struct lines *ls, bool show_worker)
{
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"caseload\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%zu %s</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Child</th>",
	       ls->n, ls->n == 1 ? "child" : "children");
	if (!ls->narrow) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">Status</th>");
	}
	if (show_worker) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">Social worker</th>");
	}
	if (!ls->narrow) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">Next due</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Overdue</th>");
	}
	html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">%s</th></tr></thead>"
		  "<tbody class=\"govuk-table__body\">",
	       ls->narrow ? "Your last visit" : "Last visit");
	for (size_t i = 0; i < ls->n; i++) {
		const struct child_line *l = &ls->items[i];
		/* To the child's page this person reads (a partner: their Family Help page). */
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
			  "href=\"%s\">%s</a><br><span class=\"govuk-body-s\">%s</span></td>",
		       child_home_href(r, l->id), l->name, l->la_child_id);
		if (!ls->narrow) {
			html_f(h, "<td class=\"govuk-table__cell\">");
			page_status_tag(h, l->status);
			html_f(h, "</td>");
		}
		if (show_worker) {
			html_f(h, "<td class=\"govuk-table__cell\">%s</td>", page_worker_name(r, l->worker_id));
		}
		if (!ls->narrow) {
			html_f(h, "<td class=\"govuk-table__cell\">");
			if (l->next_title) {
				html_f(h, "%s<br><span class=\"govuk-body-s\">%s</span>", page_date(r, l->next_due),
				       l->next_title);
			} else {
				html_f(h, "Nothing due");
			}
			html_f(h, "</td><td class=\"govuk-table__cell%s\">%d</td>", l->overdue ? " hearth-overdue" : "",
			       l->overdue);
		}
		html_f(h, "<td class=\"govuk-table__cell\">");
		if (l->last_visit != DATE_NONE) {
			html_f(h, "%s<br><span class=\"govuk-body-s\">%s</span>", page_date(r, l->last_visit),
			       l->last_seen_alone ? "seen alone" : "not seen alone");
		} else {
			html_f(h, "No visit recorded");
		}
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table></div>");
}

static int as_at_of(struct web_request *r, hdate *as_at)
{
	return web_query_date(r, "as_at", date_today(), as_at);
}

/* ---- GET /caseload ---- */

int page_caseload(struct web_request *r)
{
	hdate as_at;
	int rc;
	if ((rc = as_at_of(r, &as_at))) {
		return rc;
	}
	if (!r->session.user.worker_id) {
		struct html *h = page_begin(r, "My caseload", "caseload");
		html_f(h, "<h1 class=\"govuk-heading-l\">My caseload</h1><p class=\"govuk-body\">You hold no cases: your "
			  "account is not linked to a worker. <a class=\"govuk-link\" href=\"/search\">Find a child</a>.</p>");
		return page_end(r, 200);
	}
	/* Mine: the children allocated to me on the day (the store's "own" scope, which is
	 * never wider than a case-holder's team scope for the children allocated to them). */
	struct store_scope mine = r->scope;
	mine.kind = STORE_SCOPE_OWN;
	mine.worker_id = r->session.user.worker_id;
	mine.as_at = as_at;
	struct lines ls;
	if ((rc = lines_load(r, &mine, as_at, &ls, NULL))) {
		return rc;
	}
	int overdue = 0;
	for (size_t i = 0; i < ls.n; i++) {
		overdue += ls.items[i].overdue;
	}
	struct html *h = page_begin(r, "My caseload", "caseload");
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">My caseload</h1>",
	       page_worker_name(r, r->session.user.worker_id));
	if (overdue) {
		html_f(h, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!"
			  "</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning"
			  "</span>%d %s overdue across your children.</strong></div>",
		       overdue, overdue == 1 ? "item is" : "items are");
	}
	caseload_table(r, h, &ls, false);
	if (role_can(r->role, PERM_DUE_READ)) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/due\">See everything that is due</a></p>");
	}
	return page_end(r, 200);
}

/* ---- GET /team ---- */

struct team_worker {
	int64_t id;
	const char *name;
	double fte;
	int children, overdue;
};

/* The caseload chart: one horizontal bar per worker, the local threshold as a dashed
 * line, bars over it in red. Drawn here as SVG so it needs no script; the table after it
 * carries the same numbers for screen readers and printing. */
static void caseload_chart(struct html *h, const struct team_worker *w, size_t n, int threshold)
{
	const int bar_h = 26, gap = 8, left = 180, width = 640, top = 10;
	int max = threshold;
	for (size_t i = 0; i < n; i++) {
		max = w[i].children > max ? w[i].children : max;
	}
	max = max < 1 ? 1 : max + 2;
	int height = top + (int)n * (bar_h + gap) + 30;
	html_f(h, "<svg class=\"hearth-chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 %d %d\" "
		  "width=\"%d\" height=\"%d\" data-hearth=\"caseload-chart\"><title id=\"chart-title\">Caseload by worker; "
		  "the dashed line is the local threshold of %d children</title>",
	       left + width + 40, height, left + width + 40, height, threshold);
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * (bar_h + gap);
		int len = w[i].children * width / max;
		html_f(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
			  "<rect class=\"bar%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" data-worker=\"%lld\" "
			  "data-children=\"%d\"></rect><text x=\"%d\" y=\"%d\">%d</text>",
		       left - 8, y + bar_h - 8, w[i].name, w[i].children > threshold ? " bar--over" : "", left, y, len,
		       bar_h, (long long)w[i].id, w[i].children, left + len + 6, y + bar_h - 8, w[i].children);
	}
	int tx = left + threshold * width / max;
	int bottom = top + (int)n * (bar_h + gap);
	html_f(h, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"></line>"
		  "<line class=\"threshold\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" data-threshold=\"%d\"></line>"
		  "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Threshold %d</text></svg>",
	       left, top - 4, left, bottom, tx, top - 4, tx, bottom, threshold, tx, bottom + 20, threshold);
}

/* For a role that sees every team and belongs to none (a head of service): which team. */
static int team_choice(struct web_request *r)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_team, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Teams", "team");
	html_f(h, "<h1 class=\"govuk-heading-l\">Teams</h1><ul class=\"govuk-list\" data-hearth=\"teams\">");
	for (size_t i = 0; i < n; i++) {
		if (rows[i][TEAM_CLOSED].null) {
			html_f(h, "<li><a class=\"govuk-link\" href=\"/team?team=%lld\">%s</a> (%s)</li>", (long long)ids[i],
			       rows[i][TEAM_NAME].s, page_value(r, &entity_team.fields[TEAM_SERVICE], &rows[i][TEAM_SERVICE]));
		}
	}
	html_f(h, "</ul>");
	return page_end(r, 200);
}

int page_team(struct web_request *r)
{
	hdate as_at;
	int rc;
	if ((rc = as_at_of(r, &as_at))) {
		return rc;
	}
	/* My team; a role that sees every child may look at any team. */
	int64_t team_id = r->session.user.team_id;
	const char *team_q = web_query(r, "team");
	if (team_q) {
		char *end;
		long long t = strtoll(team_q, &end, 10);
		if (*end || t <= 0) {
			return web_fail(r, 400, "team", "id", "team must be a team's id");
		}
		if (r->scope.kind != STORE_SCOPE_ALL && t != team_id) {
			return web_fail(r, 404, "team", "not_found", "there is no such team you can see");
		}
		team_id = t;
	}
	struct hearth_error err = {0};
	struct hval *team;
	if (!team_id && r->scope.kind == STORE_SCOPE_ALL) {
		return team_choice(r);
	}
	if (!team_id || store_get(r->st, &entity_team, team_id, &r->a, &team, &err)) {
		return web_fail(r, 404, "team", "not_found", "you are not in a team, so there is no team page to show");
	}
	/* The team's case-holding workers in post on the day. */
	int64_t *ids;
	struct hval **rows;
	size_t n;
	if (store_all_rows(r->st, &entity_worker, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct team_worker *w = arena_alloc(&r->a, sizeof(*w) * (n ? n : 1));
	size_t nw = 0;
	for (size_t i = 0; i < n; i++) {
		struct hval *v = rows[i];
		if (v[WORKER_TEAM_ID].null || v[WORKER_TEAM_ID].i != team_id || !v[WORKER_CASE_HOLDER].i ||
		    v[WORKER_START_DATE].i > as_at || (!v[WORKER_END_DATE].null && v[WORKER_END_DATE].i <= as_at)) {
			continue;
		}
		w[nw++] = (struct team_worker){ids[i], arena_printf(&r->a, "%s %s", v[WORKER_GIVEN_NAME].s,
								    v[WORKER_FAMILY_NAME].s),
					       v[WORKER_FTE].r, 0, 0};
	}
	struct store_scope sc = {STORE_SCOPE_TEAM, r->session.user.id, team_id, 0, as_at};
	/* The team's case supervision (SUP1), by the measures engine over the same children
	 * (SUP1 reads neither LADO allegations nor disabilities: not loaded). */
	struct measures_inputs in;
	if (measures_inputs_load_staff(r->st, &r->a, &in, &err)) {
		return web_fail_err(r, &err);
	}
	struct measures_options mo = {0};
	struct measures_run *run = measures_run_new(&r->a, &in, &as_at, 1, &mo);
	struct lines ls;
	if ((rc = lines_load(r, &sc, as_at, &ls, run))) {
		return rc;
	}
	const struct measures_part_result *sup = measures_result_part(measures_run_finish(run), "SUP1");
	for (size_t i = 0; i < ls.n; i++) {
		for (size_t k = 0; k < nw; k++) {
			if (w[k].id == ls.items[i].worker_id) {
				w[k].children++;
				w[k].overdue += ls.items[i].overdue;
			}
		}
	}
	const struct settings *s = &ls.settings; /* read once, by lines_load */
	struct html *h = page_begin(r, "Team", "team");
	html_f(h, "<span class=\"govuk-caption-l\">Team</span><h1 class=\"govuk-heading-l\">%s</h1>",
	       team[TEAM_NAME].s);
	html_f(h, "<h2 class=\"govuk-heading-m\">Caseloads</h2>");
	caseload_chart(h, w, nw, s->caseload_threshold);
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"team-workers\"><caption class=\"govuk-table__caption "
		  "govuk-table__caption--s\">Children allocated and items overdue (drift), by worker, as at %s</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
		  "class=\"govuk-table__header\">Worker</th><th scope=\"col\" class=\"govuk-table__header "
		  "govuk-table__header--numeric\">FTE</th><th scope=\"col\" class=\"govuk-table__header "
		  "govuk-table__header--numeric\">Children</th><th scope=\"col\" class=\"govuk-table__header "
		  "govuk-table__header--numeric\">Overdue items</th></tr></thead><tbody class=\"govuk-table__body\">",
	       page_date(r, as_at));
	for (size_t k = 0; k < nw; k++) {
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell "
			  "govuk-table__cell--numeric\">%d.%02d</td><td class=\"govuk-table__cell govuk-table__cell--numeric%s\">"
			  "%d</td><td class=\"govuk-table__cell govuk-table__cell--numeric%s\">%d</td></tr>",
		       w[k].name, (int)w[k].fte, (int)(w[k].fte * 100 + 0.5) % 100,
		       w[k].children > s->caseload_threshold ? " hearth-overdue" : "", w[k].children,
		       w[k].overdue ? " hearth-overdue" : "", w[k].overdue);
	}
	html_f(h, "</tbody></table>");
	if (sup) {
		html_f(h, "<h2 class=\"govuk-heading-m\">Case supervision</h2><p class=\"govuk-body\" data-hearth=\"team-sup1\" "
			  "data-num=\"%lld\" data-den=\"%lld\">%lld of the team's %lld open cases were supervised in the last %d "
			  "days (SUP1; the interval is local policy, setting supervision_interval_days).</p>",
		       (long long)sup->num, (long long)sup->den, (long long)sup->num, (long long)sup->den,
		       s->supervision_interval_days);
	}
	/* Drift: the children with something overdue, most overdue first (lines are sorted so). */
	size_t drifting = 0;
	while (drifting < ls.n && ls.items[drifting].overdue) {
		drifting++;
	}
	html_f(h, "<h2 class=\"govuk-heading-m\">Drift: children with overdue work</h2><p class=\"govuk-body\">%zu of "
		  "the team's %zu children have something overdue. Open a child to reallocate them.</p>",
	       drifting, ls.n);
	ls.n = drifting;
	caseload_table(r, h, &ls, true);
	return page_end(r, 200);
}

/* ---- GET /search ---- */

/* A date of birth typed as 3/4/2012, 03/04/2012 or 2012-04-03. */
static bool search_dob(const char *s, hdate *out)
{
	int d, m, y;
	char tail;
	if (date_parse(s, out) == 0) {
		return true;
	}
	if (sscanf(s, "%d/%d/%d%c", &d, &m, &y, &tail) == 3 && date_valid_ymd(y, m, d)) {
		*out = date_from_ymd(y, m, d);
		return true;
	}
	return false;
}

int page_search(struct web_request *r)
{
	int64_t limit, offset;
	int rc;
	if ((rc = web_query_page(r, 50, 200, &limit, &offset))) {
		return rc;
	}
	const char *q = web_query(r, "q"), *dob_text = web_query(r, "dob");
	hdate dob = DATE_NONE;
	const char *error = NULL;
	if (q && strlen(q) > 200) {
		error = "The search must be 200 characters or fewer";
	} else if (dob_text && *dob_text && !search_dob(dob_text, &dob)) {
		error = "Date of birth must be a real date, like 3/4/2012";
	}
	bool asked = !error && ((q && *q) || dob != DATE_NONE);
	struct store_child_hit *hits = NULL;
	size_t n = 0;
	int64_t total = 0;
	struct hearth_error err = {0};
	if (asked && store_children_search(r->st, &r->scope, q && *q ? q : NULL, dob, limit, offset, &r->a, &hits, &n,
					   &total, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Find a child", "search");
	if (error) {
		html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
			  "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div "
			  "class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">"
			  "<li><a href=\"#%s\">%s</a></li></ul></div></div></div>",
		       dob != DATE_NONE || !dob_text ? "q" : "dob", error);
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">Find a child</h1><form method=\"get\" action=\"/search\" "
		  "role=\"search\"><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"q\">Name or LA "
		  "child id</label><div class=\"govuk-hint\" id=\"q-hint\">For example, Hazel, Quenby or HC1</div>"
		  "<input class=\"govuk-input govuk-!-width-one-half\" id=\"q\" name=\"q\" type=\"search\" "
		  "aria-describedby=\"q-hint\" value=\"%s\"></div><div class=\"govuk-form-group\"><label "
		  "class=\"govuk-label\" for=\"dob\">Date of birth</label><div class=\"govuk-hint\" id=\"dob-hint\">"
		  "For example, 3/4/2012</div><input class=\"govuk-input govuk-input--width-10\" id=\"dob\" name=\"dob\" "
		  "type=\"text\" aria-describedby=\"dob-hint\" value=\"%s\"></div><button type=\"submit\" "
		  "class=\"govuk-button\">Search</button></form>",
	       q ? q : "", dob_text ? dob_text : "");
	if (asked) {
		html_f(h, "<h2 class=\"govuk-heading-m\">%lld %s</h2>", (long long)total,
		       total == 1 ? "child found" : "children found");
		html_f(h, "<table class=\"govuk-table\" data-hearth=\"search\"><thead class=\"govuk-table__head\"><tr "
			  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Child</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">LA child id</th><th scope=\"col\" "
			  "class=\"govuk-table__header\">Date of birth</th></tr></thead><tbody class=\"govuk-table__body\">");
		for (size_t i = 0; i < n; i++) {
			html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
				  "href=\"%s\">%s %s</a></td><td class=\"govuk-table__cell\">%s</td>"
				  "<td class=\"govuk-table__cell\">%s</td></tr>",
			       child_home_href(r, hits[i].id), hits[i].given_name, hits[i].family_name, hits[i].la_child_id,
			       page_date(r, hits[i].dob));
		}
		html_f(h, "</tbody></table>");
		if (offset + (int64_t)n < total) {
			char qe[640], de[64];
			html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/search?q=%s&amp;dob=%s&amp;"
				  "offset=%lld\">Next %lld</a></p>",
			       html_url_encode(q ? q : "", qe, sizeof(qe)), html_url_encode(dob_text ? dob_text : "", de, sizeof(de)),
			       (long long)(offset + limit), (long long)limit);
		}
	}
	return page_end(r, error ? 400 : 200);
}
