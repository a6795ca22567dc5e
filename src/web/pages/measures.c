/* pages/measures: inspection readiness for people — the performance dashboard, one
 * measure's drill-down, "What inspectors will ask", and the Annex A download.
 *
 * Every figure comes from the measures engine (measures/measures.h): nothing here decides
 * what a measure counts. For an as-at date one pass over every child's casefile feeds two
 * runs at once: the 13 monthly as-at dates of the trend (every part's numbers) and the
 * as-at date again with every part's subjects (the drill-down lists) and its breakdowns by
 * team and by worker. That pair is cached per as-at date (cache.h: dropped as soon as the
 * record changes), so the dashboard, every drill-down and the inspection page for a date
 * cost one pass between them.
 *
 * The measures are the authority's: whoever may read measures sees every figure. The
 * children behind a figure are another matter: a list shows only the children in the
 * viewer's scope (the same condition a record is opened under), says how many it leaves
 * out, and links to a record only for a role that may read records.
 *
 * Charts are SVG drawn here (no script), each with a <title>, and every chart's numbers are
 * also in a table beside it, for screen readers and printing. */
#include "web/pages/pages.h"
#include "web/pages/measures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "measures/measures.h"
#include "web/http/cache.h"

/* ---- the children behind a list (shared with findings.c) ---- */

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int web_children_shown(struct web_request *r, const int64_t *ids, size_t n, bool *visible, size_t *n_hidden,
		       struct hearth_error *err)
{
	/* Each distinct child is asked about once (a prepared statement: microseconds). */
	int64_t *distinct = arena_alloc(&r->a, (n + 1) * sizeof(*distinct));
	memcpy(distinct, ids, n * sizeof(*ids));
	qsort(distinct, n, sizeof(*distinct), id_cmp);
	size_t nd = 0;
	for (size_t i = 0; i < n; i++) {
		if (nd == 0 || distinct[nd - 1] != distinct[i]) {
			distinct[nd++] = distinct[i];
		}
	}
	bool *shown = arena_alloc(&r->a, (nd + 1) * sizeof(*shown));
	size_t hidden = 0;
	for (size_t i = 0; i < nd; i++) {
		int v = store_web_child_visible(r->sw, &r->scope, distinct[i], err);
		if (v < 0) {
			return v;
		}
		shown[i] = v == 1;
		hidden += !shown[i];
	}
	for (size_t i = 0; i < n; i++) {
		const int64_t *at = bsearch(&ids[i], distinct, nd, sizeof(*distinct), id_cmp);
		visible[i] = at && shown[at - distinct];
	}
	if (n_hidden) {
		*n_hidden = hidden;
	}
	return 0;
}

struct naming {
	struct web_request *r;
	const int64_t *ids;
	const char **names;
	size_t n, next;
};

static int name_one(void *ctx, const struct cf_child *c)
{
	struct naming *nm = ctx;
	/* In the order asked, voided children skipped: find this one from where we are. */
	while (nm->next < nm->n && nm->ids[nm->next] != c->id) {
		nm->next++;
	}
	if (nm->next < nm->n) {
		nm->names[nm->next++] = arena_printf(&nm->r->a, "%s %s", c->given_name ? c->given_name : "",
						     c->family_name ? c->family_name : "");
	}
	return 0;
}

int web_children_named(struct web_request *r, const int64_t *ids, size_t n, const char **names,
		       struct hearth_error *err)
{
	for (size_t i = 0; i < n; i++) {
		names[i] = NULL;
	}
	struct naming nm = {r, ids, names, n, 0};
	return n ? store_children_each(r->st, ids, n, name_one, &nm, err) : 0;
}

void web_child_cell(struct web_request *r, struct html *h, int64_t id, const char *name, const char *la_child_id)
{
	const char *shown = name && role_can(r->role, PERM_CHILD_LIST) ? name : NULL;
	if (shown && role_can(r->role, PERM_CHILD_READ)) {
		html_f(h, "<a class=\"govuk-link\" href=\"/children/%lld\">%s</a><br><span class=\"govuk-body-s\">%s</span>",
		       (long long)id, shown, la_child_id ? la_child_id : "");
	} else if (shown) {
		html_f(h, "%s<br><span class=\"govuk-body-s\">%s</span>", shown, la_child_id ? la_child_id : "");
	} else {
		html_f(h, "%s", la_child_id ? la_child_id : "");
	}
}

void web_hidden_note(struct html *h, size_t n_hidden)
{
	if (n_hidden) {
		html_f(h, "<p class=\"govuk-inset-text\" data-hearth=\"not-shown\" data-count=\"%zu\">%zu %s outside the "
			  "children you may see, so %s not shown here. They are still counted in the figures.</p>",
		       n_hidden, n_hidden, n_hidden == 1 ? "child behind this list is" : "children behind this list are",
		       n_hidden == 1 ? "is" : "are");
	}
}

/* ---- the measures at a date, computed once and cached ---- */

#define TREND_N 13	/* the as-at date and the 12 month-ends (or same days) before it */

struct perf {
	hdate dates[TREND_N];		/* oldest first; dates[TREND_N - 1] is the as-at date */
	struct measures_result *trend;	/* TREND_N results, in the order of dates */
	struct measures_result *now;	/* the as-at date, with subjects and breakdowns */
};

/* Monthly as-at dates ending at as_at; when as_at is the last day of its month, every date
 * is the last day of its month (as `hearth report trend` does). */
static void trend_dates(hdate as_at, hdate *out)
{
	int y, m, d;
	date_to_ymd(as_at, &y, &m, &d);
	bool month_end = d == date_days_in_month(y, m);
	for (int k = 0; k < TREND_N; k++) {
		hdate t = date_add_months(as_at, k - (TREND_N - 1));
		if (month_end) {
			int ty, tm, td;
			date_to_ymd(t, &ty, &tm, &td);
			t = date_from_ymd(ty, tm, date_days_in_month(ty, tm));
		}
		out[k] = t;
	}
}

struct perf_scan {
	struct measures_run *trend, *now;
};

static int perf_scan_child(void *ctx, const struct casefile *cf)
{
	struct perf_scan *s = ctx;
	measures_run_child(s->trend, cf);
	measures_run_child(s->now, cf);
	return 0;
}

static int perf_fill(struct web_request *r, void *ctx, struct arena *a, void **value, struct hearth_error *err)
{
	hdate as_at = *(const hdate *)ctx;
	struct perf *p = arena_alloc(a, sizeof(*p));
	trend_dates(as_at, p->dates);
	struct measures_inputs *in = arena_alloc(a, sizeof(*in));
	int rc = measures_inputs_load(r->st, a, in, NULL, err);
	if (rc) {
		return rc;
	}
	struct measures_options all = {.collect = "*", .breakdowns = (1u << BREAKDOWN_TEAM) | (1u << BREAKDOWN_WORKER)};
	struct perf_scan s = {measures_run_new(a, in, p->dates, TREND_N, NULL), measures_run_new(a, in, &as_at, 1, &all)};
	struct store_filter f = {0};
	if ((rc = store_casefiles_scan(r->st, &f, perf_scan_child, &s, err))) {
		return rc;
	}
	p->trend = measures_run_finish(s.trend);
	p->now = measures_run_finish(s.now);
	*value = p;
	return 0;
}

/* How long the measures computed for a date may be shown after the record has changed
 * (cache.h): a minute, said on every page that shows them. */
#define MEASURES_STALE_S 60

/* "Figures computed at 10:41:05." for an entry, in r's arena. */
static const char *computed_at(struct web_request *r, const struct web_cache_entry *e)
{
	time_t t = web_cache_made(e);
	struct tm tm;
	char hms[16] = "";
	if (localtime_r(&t, &tm)) {
		strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	}
	return arena_printf(&r->a, "Figures worked out at %s. After a change to the record they are worked out "
				   "again once they are a minute old.", hms);
}

/* The measures as at as_at, from the cache or computed now. 0 with *e held (release it),
 * or the error status, answered. */
static int perf_get(struct web_request *r, hdate as_at, struct web_cache_entry **e, const struct perf **out)
{
	char key[64], d[DATE_STR_SIZE];
	snprintf(key, sizeof(key), "measures %s", date_format(as_at, d));
	struct hearth_error err = {0};
	void *v;
	if (web_cache_get(r, key, MEASURES_STALE_S, perf_fill, &as_at, e, &v, &err)) {
		return web_fail_err(r, &err);
	}
	*out = v;
	return 0;
}

/* ---- numbers as people read them ---- */

static const char *num_text(struct web_request *r, double v)
{
	if (v == floor(v) && fabs(v) < 9e15) {
		return arena_printf(&r->a, "%lld", (long long)v);
	}
	return arena_printf(&r->a, "%.1f", v);
}

/* A value on a part's scale: a share as a percentage, a ratio in its unit, a count. */
static const char *value_text(struct web_request *r, const struct measures_part_def *d, double v)
{
	switch (d->kind) {
	case KIND_SHARE:
		return arena_printf(&r->a, "%.1f%%", 100.0 * v);
	case KIND_RATIO:
		return arena_printf(&r->a, "%.1f %s", v, d->unit);
	default:
		return num_text(r, v);
	}
}

/* A part's headline: its rate, or for a count its number; "No figure" when there is none. */
static const char *headline(struct web_request *r, const struct measures_part_result *p)
{
	if (p->def->kind == KIND_COUNT) {
		return num_text(r, p->num);
	}
	return p->has_rate ? value_text(r, p->def, p->rate) : "No figure";
}

static const char *cell_rate(struct web_request *r, const struct measures_part_def *d, double num, double den)
{
	if (d->kind == KIND_COUNT || den == 0) {
		return "";
	}
	return value_text(r, d, num / den);
}

static const char *month_label(struct web_request *r, hdate d)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return arena_printf(&r->a, "%s %d", months[m - 1], y);
}

static const char *href_date(struct web_request *r, hdate d)
{
	char s[DATE_STR_SIZE];
	return arena_strdup(&r->a, date_format(d, s));
}

/* A part's value at each trend date: its rate (share or ratio), or a count's numerator;
 * has[i] is false where there is no rate. */
static void series_of(const struct perf *p, size_t part, double *v, bool *has)
{
	for (int i = 0; i < TREND_N; i++) {
		const struct measures_part_result *pr = &p->trend[i].parts[part];
		if (pr->def->kind == KIND_COUNT) {
			v[i] = pr->num;
			has[i] = true;
		} else {
			v[i] = pr->rate;
			has[i] = pr->has_rate;
		}
	}
}

/* ---- charts ---- */

/* A round number at or above v (1, 2, 2.5 or 5 times a power of ten). */
static double nice_ceiling(double v)
{
	if (v <= 0) {
		return 1;
	}
	double mag = pow(10, floor(log10(v)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i] * mag >= v) {
			return steps[i] * mag;
		}
	}
	return 10 * mag;
}

/* What a trend says in words, for a chart's <title>. */
static const char *trend_words(struct web_request *r, const struct measures_part_def *d, const hdate *dates,
			       const double *v, const bool *has, int n)
{
	int first = -1, last = -1;
	for (int i = 0; i < n; i++) {
		if (has[i]) {
			first = first < 0 ? i : first;
			last = i;
		}
	}
	if (first < 0) {
		return arena_printf(&r->a, "%s: no figure in the 12 months to %s", d->title, page_date(r, dates[n - 1]));
	}
	return arena_printf(&r->a, "%s, monthly over 12 months: %s on %s, %s on %s", d->title, value_text(r, d, v[first]),
			    page_date(r, dates[first]), value_text(r, d, v[last]), page_date(r, dates[last]));
}

/* The line itself: a path that breaks where there is no value. */
static void chart_path(struct html *h, const int *x, const int *y, const bool *has, int n)
{
	html_f(h, "<path class=\"line\" d=\"");
	bool pen = false;
	for (int i = 0; i < n; i++) {
		if (!has[i]) {
			pen = false;
			continue;
		}
		html_f(h, "%c%d %d ", pen ? 'L' : 'M', x[i], y[i]);
		pen = true;
	}
	html_f(h, "\"></path>");
}

/* A small line chart for a table row: scaled to its own range (at least 10 points for a
 * share), the last value marked. */
static void sparkline(struct web_request *r, struct html *h, const struct measures_part_def *d, const hdate *dates,
		      const double *v, const bool *has, int n, int uid)
{
	const int w = 132, ht = 36, pad = 5;
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < n; i++) {
		if (has[i]) {
			lo = v[i] < lo ? v[i] : lo;
			hi = v[i] > hi ? v[i] : hi;
		}
	}
	html_f(h, "<svg class=\"hearth-chart hearth-spark\" role=\"img\" aria-labelledby=\"spark-%d\" viewBox=\"0 0 %d %d\" "
		  "width=\"%d\" height=\"%d\" data-hearth=\"spark\"><title id=\"spark-%d\">%s</title>",
	       uid, w, ht, w, ht, uid, trend_words(r, d, dates, v, has, n));
	if (lo <= hi) {
		double span = d->kind == KIND_SHARE ? 0.10 : fmax(fabs(hi + lo) / 2 * 0.2, 1.0);
		if (hi - lo < span) {
			double mid = (hi + lo) / 2;
			lo = mid - span / 2;
			hi = mid + span / 2;
		}
		int x[TREND_N], y[TREND_N], last = -1;
		for (int i = 0; i < n && i < TREND_N; i++) {
			x[i] = pad + i * (w - 2 * pad) / (n > 1 ? n - 1 : 1);
			y[i] = has[i] ? pad + (int)lround((hi - v[i]) / (hi - lo) * (ht - 2 * pad)) : 0;
			last = has[i] ? i : last;
		}
		chart_path(h, x, y, has, n);
		html_f(h, "<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"3\"></circle>", x[last], y[last]);
	}
	html_f(h, "</svg>");
}

/* The full chart of a part's trend: axes, gridlines and a point per month (each with its
 * own <title>). A share runs from 0 to 100%; a ratio or a count from 0 to a round number. */
static void trend_chart(struct web_request *r, struct html *h, const struct measures_part_result *now,
			const struct perf *p, size_t part)
{
	const struct measures_part_def *d = now->def;
	double v[TREND_N];
	bool has[TREND_N];
	series_of(p, part, v, has);
	const int left = 72, right = 40, top = 16, bottom = 48, w = 760, ht = 300;
	const int pw = w - left - right, ph = ht - top - bottom;
	double hi = 1;
	if (d->kind != KIND_SHARE) {
		double max = 0;
		for (int i = 0; i < TREND_N; i++) {
			max = has[i] && v[i] > max ? v[i] : max;
		}
		hi = nice_ceiling(max * 1.05);
	}
	html_f(h, "<svg class=\"hearth-chart hearth-trend\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 %d %d\" "
		  "width=\"%d\" height=\"%d\" data-hearth=\"trend-chart\"><title id=\"trend-title\">%s</title>",
	       w, ht, w, ht, trend_words(r, d, p->dates, v, has, TREND_N));
	for (int k = 0; k <= 4; k++) {
		double gv = hi * k / 4;
		int y = top + ph - (int)lround(gv / hi * ph);
		html_f(h, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"></line><text x=\"%d\" y=\"%d\" "
			  "text-anchor=\"end\">%s</text>",
		       left, y, left + pw, y, left - 8, y + 5,
		       d->kind == KIND_SHARE ? arena_printf(&r->a, "%d%%", k * 25) : num_text(r, gv));
	}
	html_f(h, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"></line>", left, top, left, top + ph);
	html_f(h, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"></line>", left, top + ph, left + pw, top + ph);
	int x[TREND_N], y[TREND_N];
	for (int i = 0; i < TREND_N; i++) {
		x[i] = left + i * pw / (TREND_N - 1);
		double cv = has[i] ? fmin(fmax(v[i], 0), hi) : 0;
		y[i] = top + ph - (int)lround(cv / hi * ph);
		if (i % 2 == 0) {
			html_f(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x[i], top + ph + 24,
			       i == TREND_N - 1 ? "end" : i == 0 ? "start" : "middle", month_label(r, p->dates[i]));
		}
	}
	chart_path(h, x, y, has, TREND_N);
	for (int i = 0; i < TREND_N; i++) {
		if (has[i]) {
			html_f(h, "<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"4\"><title>%s: %s</title></circle>", x[i], y[i],
			       page_date(r, p->dates[i]), value_text(r, d, v[i]));
		}
	}
	html_f(h, "</svg>");
}

/* ---- GET /performance ---- */

static const char *const judgement_anchor[JUDGEMENT_MAX] = {"", "leaders", "help-protection", "in-care",
							     "care-leavers"};

static void as_at_form(struct web_request *r, struct html *h, const char *action, hdate as_at)
{
	html_f(h, "<form method=\"get\" action=\"%s\" class=\"govuk-!-margin-bottom-6\"><div class=\"govuk-form-group\">"
		  "<label class=\"govuk-label govuk-label--s\" for=\"as_at\">As at</label><div class=\"govuk-hint\" "
		  "id=\"as_at-hint\">A date as YYYY-MM-DD, for example 2026-03-31</div><input class=\"govuk-input "
		  "govuk-input--width-10\" id=\"as_at\" name=\"as_at\" type=\"text\" inputmode=\"numeric\" "
		  "aria-describedby=\"as_at-hint\" value=\"%s\"> <button type=\"submit\" class=\"govuk-button "
		  "govuk-button--secondary govuk-!-margin-bottom-0\">Show</button></div></form>",
	       action, href_date(r, as_at));
}

static void part_row(struct web_request *r, struct html *h, const struct perf *p, size_t i)
{
	const struct measures_part_result *pr = &p->now->parts[i];
	const struct measures_part_def *d = pr->def;
	char enc[96];
	double v[TREND_N];
	bool has[TREND_N];
	series_of(p, i, v, has);
	html_f(h, "<tr class=\"govuk-table__row\" data-measure=\"%s\"><th scope=\"row\" class=\"govuk-table__header\">"
		  "<a class=\"govuk-link\" href=\"/performance/%s?as_at=%s\">%s</a><br><span class=\"govuk-body-s\">%s%s"
		  "</span>",
	       d->id, html_url_encode(d->id, enc, sizeof(enc)), href_date(r, p->now->as_at), d->title, d->id,
	       d->flags & PART_LOWER_BETTER ? " (lower is better)" : "");
	if (pr->note) {
		html_f(h, "<br><span class=\"govuk-body-s\">%s</span>", pr->note);
	}
	html_f(h, "</th><td class=\"govuk-table__cell govuk-table__cell--numeric\" data-hearth=\"numerator\">%s</td>"
		  "<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-hearth=\"denominator\">%s</td>"
		  "<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-hearth=\"rate\">%s</td>"
		  "<td class=\"govuk-table__cell\">",
	       num_text(r, pr->num), d->kind == KIND_COUNT ? "" : num_text(r, pr->den),
	       d->kind == KIND_COUNT ? "" : headline(r, pr));
	sparkline(r, h, d, p->dates, v, has, TREND_N, (int)i);
	html_f(h, "</td></tr>");
}

/* The same 12 months as numbers: one row per part, one column per month. */
static void trend_table(struct web_request *r, struct html *h, const struct perf *p, enum measures_judgement j)
{
	html_f(h, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
		  "class=\"govuk-details__summary-text\">The 12 months in figures</span></summary><div "
		  "class=\"govuk-details__text\"><div class=\"hearth-table-wrap\"><table class=\"govuk-table\" "
		  "data-hearth=\"trend-figures\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Each "
		  "measure as at the same day of each month (rates; counts for a count)</caption><thead "
		  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
		  "class=\"govuk-table__header\">Measure</th>");
	for (int k = 0; k < TREND_N; k++) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">%s</th>",
		       page_date(r, p->dates[k]));
	}
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < p->now->n_parts; i++) {
		const struct measures_part_result *pr = &p->now->parts[i];
		if (measures_part_judgement(pr->measure, pr->def) != j) {
			continue;
		}
		html_f(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%s</th>", pr->def->id);
		for (int k = 0; k < TREND_N; k++) {
			html_f(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>",
			       headline(r, &p->trend[k].parts[i]));
		}
		html_f(h, "</tr>");
	}
	html_f(h, "</tbody></table></div></div></details>");
}

int page_performance(struct web_request *r)
{
	hdate as_at;
	int rc;
	if ((rc = web_query_date(r, "as_at", date_today(), &as_at))) {
		return rc;
	}
	struct web_cache_entry *e;
	const struct perf *p;
	if ((rc = perf_get(r, as_at, &e, &p))) {
		return rc;
	}
	const char *d = href_date(r, as_at);
	struct html *h = page_begin(r, "Performance", "performance");
	html_f(h, "<span class=\"govuk-caption-l\">Inspection readiness</span><h1 class=\"govuk-heading-l\">Performance"
		  "</h1><p class=\"govuk-body\" data-hearth=\"as-at\" data-as-at=\"%s\">Every measure as at <strong>%s</strong>, "
		  "over the period %s to %s, with its trend month by month over the 12 months to that date. Choose a "
		  "measure to see the teams, workers and children behind it.</p>",
	       d, page_date(r, as_at), page_date(r, p->now->period_from), page_date(r, as_at));
	html_f(h, "<p class=\"govuk-body-s\" data-hearth=\"computed\">%s</p>", computed_at(r, e));
	as_at_form(r, h, "/performance", as_at);
	html_f(h, "<div class=\"govuk-button-group\">");
	/* Annex A lists the authority's children (those the viewer may open: restricted ones only with a
	 * grant): offered only to roles that see them all. */
	if (role_can(r->role, PERM_LISTS_ALL)) {
		html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/annex-a.xlsx?as_at=%s\" download "
			  "data-hearth=\"annex-a\">Download Annex A (xlsx)</a>",
		       d);
	}
	html_f(h, "<a class=\"govuk-link\" href=\"/inspection?as_at=%s\">What inspectors will ask</a>"
		  "<a class=\"govuk-link\" href=\"/findings\">Data quality</a></div>",
	       d);
	html_f(h, "<nav aria-label=\"Judgements\"><ul class=\"govuk-list\">");
	for (int j = JUDGEMENT_LEADERS; j < JUDGEMENT_MAX; j++) {
		html_f(h, "<li><a class=\"govuk-link\" href=\"#%s\">%s</a></li>", judgement_anchor[j],
		       measures_judgement_title((enum measures_judgement)j));
	}
	html_f(h, "</ul></nav>");
	for (int j = JUDGEMENT_LEADERS; j < JUDGEMENT_MAX; j++) {
		html_f(h, "<h2 class=\"govuk-heading-m govuk-!-margin-top-8\" id=\"%s\">%s</h2><div class=\"hearth-table-wrap\">"
			  "<table class=\"govuk-table\" data-hearth=\"measures\"><caption class=\"govuk-table__caption "
			  "govuk-visually-hidden\">%s, as at %s</caption><thead class=\"govuk-table__head\"><tr "
			  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Measure</th><th scope=\"col\" "
			  "class=\"govuk-table__header govuk-table__header--numeric\">Numerator</th><th scope=\"col\" "
			  "class=\"govuk-table__header govuk-table__header--numeric\">Denominator</th><th scope=\"col\" "
			  "class=\"govuk-table__header govuk-table__header--numeric\">Rate</th><th scope=\"col\" "
			  "class=\"govuk-table__header\">12 months</th></tr></thead><tbody class=\"govuk-table__body\">",
		       judgement_anchor[j], measures_judgement_title((enum measures_judgement)j),
		       measures_judgement_title((enum measures_judgement)j), page_date(r, as_at));
		for (size_t i = 0; i < p->now->n_parts; i++) {
			const struct measures_part_result *pr = &p->now->parts[i];
			if (measures_part_judgement(pr->measure, pr->def) == (enum measures_judgement)j) {
				part_row(r, h, p, i);
			}
		}
		html_f(h, "</tbody></table></div>");
		trend_table(r, h, p, (enum measures_judgement)j);
	}
	web_cache_release(e);
	return page_end(r, 200);
}

/* ---- GET /performance/{name} ---- */

static void breakdown_team(struct web_request *r, struct html *h, const struct measures_result *res,
			   const struct measures_part_result *pr)
{
	const struct measures_part_def *d = pr->def;
	html_f(h, "<h2 class=\"govuk-heading-m\" id=\"by-team\">By team</h2><div class=\"hearth-table-wrap\"><table "
		  "class=\"govuk-table\" data-hearth=\"by-team\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Team</th><th scope=\"col\" "
		  "class=\"govuk-table__header govuk-table__header--numeric\">Numerator</th><th scope=\"col\" "
		  "class=\"govuk-table__header govuk-table__header--numeric\">Denominator</th><th scope=\"col\" "
		  "class=\"govuk-table__header govuk-table__header--numeric\">Rate</th></tr></thead><tbody "
		  "class=\"govuk-table__body\">");
	for (size_t i = 0; i < pr->n_by[BREAKDOWN_TEAM]; i++) {
		const struct measures_cell *c = &pr->by[BREAKDOWN_TEAM][i];
		const struct measures_team *t = measures_team_of(res->in, c->id);
		html_f(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%s</th><td "
			  "class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell "
			  "govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			  "</tr>",
		       t && t->name ? t->name : "Not allocated", num_text(r, c->num),
		       d->kind == KIND_COUNT ? "" : num_text(r, c->den), cell_rate(r, d, c->num, c->den));
	}
	html_f(h, "</tbody></table></div>");
}

struct worker_row {
	const struct measures_cell *c;
	const struct measures_worker *w;
	const char *team;
};

static int worker_row_cmp(const void *a, const void *b)
{
	const struct worker_row *x = a, *y = b;
	int t = strcmp(x->team, y->team);
	if (t) {
		return t;
	}
	const char *xf = x->w && x->w->family_name ? x->w->family_name : "~";
	const char *yf = y->w && y->w->family_name ? y->w->family_name : "~";
	return strcmp(xf, yf);
}

static void breakdown_worker(struct web_request *r, struct html *h, const struct measures_result *res,
			     const struct measures_part_result *pr)
{
	const struct measures_part_def *d = pr->def;
	size_t n = pr->n_by[BREAKDOWN_WORKER];
	struct worker_row *rows = arena_alloc(&r->a, (n + 1) * sizeof(*rows));
	for (size_t i = 0; i < n; i++) {
		const struct measures_cell *c = &pr->by[BREAKDOWN_WORKER][i];
		const struct measures_worker *w = measures_worker_of(res->in, c->id);
		const struct measures_team *t = w ? measures_team_of(res->in, w->team_id) : NULL;
		rows[i] = (struct worker_row){c, w, t && t->name ? t->name : "~"};
	}
	qsort(rows, n, sizeof(*rows), worker_row_cmp);
	html_f(h, "<details class=\"govuk-details\" id=\"by-worker\"><summary class=\"govuk-details__summary\"><span "
		  "class=\"govuk-details__summary-text\">By %s (%zu)</span></summary><div class=\"govuk-details__text\">"
		  "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"by-worker\"><thead "
		  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
		  "Worker</th><th scope=\"col\" class=\"govuk-table__header\">Team</th><th scope=\"col\" "
		  "class=\"govuk-table__header govuk-table__header--numeric\">Numerator</th><th scope=\"col\" "
		  "class=\"govuk-table__header govuk-table__header--numeric\">Denominator</th><th scope=\"col\" "
		  "class=\"govuk-table__header govuk-table__header--numeric\">Rate</th></tr></thead><tbody "
		  "class=\"govuk-table__body\">",
	       d->flags & PART_BY_PA ? "personal adviser" : "worker", n);
	for (size_t i = 0; i < n; i++) {
		const struct worker_row *wr = &rows[i];
		html_f(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
		if (wr->w) {
			html_f(h, "%s %s<br><span class=\"govuk-body-s\">%s</span>", wr->w->given_name ? wr->w->given_name : "",
			       wr->w->family_name ? wr->w->family_name : "", wr->w->staff_id ? wr->w->staff_id : "");
		} else {
			html_f(h, "Not allocated");
		}
		html_f(h, "</th><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell "
			  "govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>"
			  "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td></tr>",
		       strcmp(wr->team, "~") ? wr->team : "", num_text(r, wr->c->num),
		       d->kind == KIND_COUNT ? "" : num_text(r, wr->c->den), cell_rate(r, d, wr->c->num, wr->c->den));
	}
	html_f(h, "</tbody></table></div></div></details>");
}

#define LIST_MAX 1000	/* rows a drill-down list shows; `hearth report measure` lists them all */

static bool item_in(const struct measures_part_result *pr, const struct measures_item *it, bool numerator)
{
	return numerator ? it->num != 0 : (it->den != 0 || pr->def->kind == KIND_COUNT);
}

static const char *attributed(struct web_request *r, const struct measures_result *res, int64_t worker_id)
{
	const struct measures_worker *w = worker_id ? measures_worker_of(res->in, worker_id) : NULL;
	return w ? arena_printf(&r->a, "%s %s", w->given_name ? w->given_name : "", w->family_name ? w->family_name : "")
		 : "";
}

static const char *team_name(const struct measures_result *res, int64_t team_id)
{
	const struct measures_team *t = team_id ? measures_team_of(res->in, team_id) : NULL;
	return t && t->name ? t->name : "";
}

/* The subjects behind the numerator or the denominator: children (as far as the viewer's
 * scope shows them), workers or LADO allegations. Worked out before the page is begun, so
 * a failure is an error page rather than half a page. */
struct subjects {
	bool numerator;
	size_t n;				/* in the list */
	size_t hidden;				/* distinct children outside the viewer's scope */
	size_t n_visible;			/* in the list and shown */
	const struct measures_item **rows;	/* the first LIST_MAX shown */
	const char **names;			/* children's names, by row */
	size_t shown;
};

static int subjects_load(struct web_request *r, const struct measures_part_result *pr, bool numerator,
			 struct subjects *s)
{
	const struct measures_part_def *d = pr->def;
	*s = (struct subjects){.numerator = numerator};
	const struct measures_item **items = arena_alloc(&r->a, (pr->n_items + 1) * sizeof(*items));
	for (size_t i = 0; i < pr->n_items; i++) {
		if (item_in(pr, &pr->items[i], numerator)) {
			items[s->n++] = &pr->items[i];
		}
	}
	bool *visible = arena_alloc(&r->a, (s->n + 1) * sizeof(*visible));
	struct hearth_error err = {0};
	if (d->subject == SUBJECT_CHILD) {
		int64_t *ids = arena_alloc(&r->a, (s->n + 1) * sizeof(*ids));
		for (size_t i = 0; i < s->n; i++) {
			ids[i] = items[i]->id;
		}
		if (web_children_shown(r, ids, s->n, visible, &s->hidden, &err)) {
			return web_fail_err(r, &err);
		}
	} else {
		for (size_t i = 0; i < s->n; i++) {
			visible[i] = true;
		}
	}
	s->rows = arena_alloc(&r->a, (s->n + 1) * sizeof(*s->rows));
	for (size_t i = 0; i < s->n; i++) {
		if (visible[i]) {
			if (s->shown < LIST_MAX) {
				s->rows[s->shown++] = items[i];
			}
			s->n_visible++;
		}
	}
	s->names = arena_alloc(&r->a, (s->shown + 1) * sizeof(*s->names));
	if (d->subject == SUBJECT_CHILD) {
		int64_t *ids = arena_alloc(&r->a, (s->shown + 1) * sizeof(*ids));
		for (size_t i = 0; i < s->shown; i++) {
			ids[i] = s->rows[i]->id;
		}
		if (web_children_named(r, ids, s->shown, s->names, &err)) {
			return web_fail_err(r, &err);
		}
	}
	return 0;
}

static void subjects_html(struct web_request *r, struct html *h, const struct measures_result *res,
			  const struct measures_part_result *pr, const struct subjects *s)
{
	const struct measures_part_def *d = pr->def;
	const char *what = d->subject == SUBJECT_CHILD	  ? "children"
			   : d->subject == SUBJECT_WORKER ? "workers"
			   : d->subject == SUBJECT_TEAM	  ? "teams"
							  : "allegations";
	html_f(h, "<p class=\"govuk-body\" data-hearth=\"list-count\" data-count=\"%zu\">%zu %s behind the %s: %s.</p>",
	       s->n, s->n, what, s->numerator ? "numerator" : "denominator",
	       s->numerator ? d->numerator : d->denominator[0] ? d->denominator : d->numerator);
	web_hidden_note(h, s->hidden);
	if (!s->shown) {
		html_f(h, "<p class=\"govuk-body\">There are none to show.</p>");
		return;
	}
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"subjects\" "
		  "data-list=\"%s\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
		  "class=\"govuk-table__header\">%s</th>",
	       s->numerator ? "numerator" : "denominator",
	       d->subject == SUBJECT_CHILD ? "Child" : d->subject == SUBJECT_WORKER ? "Worker"
	       : d->subject == SUBJECT_TEAM		 ? "Team"
							 : "Allegation");
	if (d->subject == SUBJECT_CHILD) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">%s</th><th scope=\"col\" "
			  "class=\"govuk-table__header\">Team</th>",
		       d->flags & PART_BY_PA ? "Personal adviser" : "Social worker");
	} else if (d->subject == SUBJECT_WORKER) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">Team</th>");
	}
	html_f(h, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Numerator</th>");
	if (d->kind != KIND_COUNT) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Denominator</th>");
	}
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < s->shown; i++) {
		const struct measures_item *it = s->rows[i];
		html_f(h, "<tr class=\"govuk-table__row\" data-subject=\"%lld\"><td class=\"govuk-table__cell\">",
		       (long long)it->id);
		if (d->subject == SUBJECT_CHILD) {
			web_child_cell(r, h, it->id, s->names[i], it->ref);
			html_f(h, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s",
			       attributed(r, res, it->worker_id), team_name(res, it->team_id));
		} else if (d->subject == SUBJECT_WORKER) {
			html_f(h, "%s<br><span class=\"govuk-body-s\">%s</span></td><td class=\"govuk-table__cell\">%s",
			       attributed(r, res, it->id), it->ref ? it->ref : "", team_name(res, it->team_id));
		} else {
			html_f(h, "%s", it->ref ? it->ref : "");
		}
		html_f(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>", num_text(r, it->num));
		if (d->kind != KIND_COUNT) {
			html_f(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>", num_text(r, it->den));
		}
		html_f(h, "</tr>");
	}
	html_f(h, "</tbody></table></div>");
	if (s->n_visible > s->shown) {
		html_f(h, "<p class=\"govuk-body\">The first %zu of %zu are shown; <code>hearth report DB measure %s --list "
			  "%s</code> lists them all.</p>",
		       s->shown, s->n_visible, d->id, s->numerator ? "numerator" : "denominator");
	}
}

int page_measure(struct web_request *r)
{
	const char *name = arena_strndup(&r->a, r->id_text, r->id_len);
	const struct measures_def *m;
	const struct measures_part_def *pd = measures_find_part(name, &m);
	hdate as_at;
	int rc;
	if ((rc = web_query_date(r, "as_at", date_today(), &as_at))) {
		return rc;
	}
	if (!pd) {
		/* A measure with parts ("CL1") opens at its first part. */
		const struct measures_def *whole = measures_find(name);
		if (whole && whole->n_parts > 0) {
			char enc[96];
			return page_redirect(r, arena_printf(&r->a, "/performance/%s?as_at=%s",
							     html_url_encode(whole->parts[0].id, enc, sizeof(enc)),
							     href_date(r, as_at)));
		}
		return web_fail(r, 404, "name", "not_found", "there is no measure by that name");
	}
	const char *list = web_query(r, "list");
	if (list && strcmp(list, "numerator") != 0 && strcmp(list, "denominator") != 0) {
		return web_fail(r, 400, "list", "code", "list must be numerator or denominator");
	}
	/* A count has only a numerator; otherwise everyone behind the figure first. */
	bool numerator = list ? strcmp(list, "numerator") == 0 : pd->kind == KIND_COUNT;
	struct web_cache_entry *e;
	const struct perf *p;
	if ((rc = perf_get(r, as_at, &e, &p))) {
		return rc;
	}
	size_t part = 0;
	while (part < p->now->n_parts && p->now->parts[part].def != pd) {
		part++;
	}
	if (part == p->now->n_parts) {
		web_cache_release(e);
		return web_fail(r, 404, "name", "not_found", "there is no measure by that name");
	}
	const struct measures_part_result *pr = &p->now->parts[part];
	struct subjects subj;
	if ((rc = subjects_load(r, pr, numerator, &subj))) {
		web_cache_release(e);
		return rc;
	}
	const char *d = href_date(r, as_at);
	char enc[96];
	html_url_encode(pd->id, enc, sizeof(enc));
	struct html *h = page_begin(r, pd->title, "performance");
	html_f(h, "<a class=\"govuk-back-link\" href=\"/performance?as_at=%s#%s\">All measures</a>", d,
	       judgement_anchor[measures_part_judgement(m, pd)]);
	html_f(h, "<span class=\"govuk-caption-l\">%s %s</span><h1 class=\"govuk-heading-l\" data-measure=\"%s\">%s</h1>",
	       m->id, m->title, pd->id, pd->title);
	html_f(h, "<dl class=\"govuk-summary-list\" data-hearth=\"measure-summary\">");
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">As at</dt><dd "
		  "class=\"govuk-summary-list__value\">%s (the period %s to %s)</dd></div>",
	       page_date(r, as_at), page_date(r, p->now->period_from), page_date(r, as_at));
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Informs</dt><dd "
		  "class=\"govuk-summary-list__value\">%s</dd></div>",
	       measures_judgement_title(measures_part_judgement(m, pd)));
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Definition</dt><dd "
		  "class=\"govuk-summary-list__value\">%s</dd></div>",
	       m->definition);
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Numerator</dt><dd "
		  "class=\"govuk-summary-list__value\"><span data-hearth=\"numerator\">%s</span>: %s</dd></div>",
	       num_text(r, pr->num), pd->numerator);
	if (pd->kind != KIND_COUNT) {
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Denominator</dt><dd "
			  "class=\"govuk-summary-list__value\"><span data-hearth=\"denominator\">%s</span>: %s</dd></div>",
		       num_text(r, pr->den), pd->denominator);
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Rate</dt><dd "
			  "class=\"govuk-summary-list__value\"><span data-hearth=\"rate\">%s</span>%s</dd></div>",
		       headline(r, pr), pd->flags & PART_LOWER_BETTER ? " (lower is better)" : "");
	}
	for (int i = 0; i < pr->n_extras; i++) {
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt><dd "
			  "class=\"govuk-summary-list__value\">%s</dd></div>",
		       pr->extras[i].name, num_text(r, pr->extras[i].value));
	}
	if (pr->note) {
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Note</dt><dd "
			  "class=\"govuk-summary-list__value\">%s</dd></div>",
		       pr->note);
	}
	html_f(h, "</dl><p class=\"govuk-body-s\" data-hearth=\"computed\">%s</p>", computed_at(r, e));

	html_f(h, "<h2 class=\"govuk-heading-m\">The last 12 months</h2>");
	trend_chart(r, h, pr, p, part);
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"trend\"><caption "
		  "class=\"govuk-table__caption govuk-table__caption--s\">The chart's figures</caption><thead "
		  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
		  "As at</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Numerator</th>");
	if (pd->kind != KIND_COUNT) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Denominator</th><th "
			  "scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Rate</th>");
	}
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (int k = TREND_N - 1; k >= 0; k--) {
		const struct measures_part_result *t = &p->trend[k].parts[part];
		html_f(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" "
			  "href=\"/performance/%s?as_at=%s\">%s</a></th><td class=\"govuk-table__cell "
			  "govuk-table__cell--numeric\">%s</td>",
		       enc, href_date(r, p->dates[k]), page_date(r, p->dates[k]), num_text(r, t->num));
		if (pd->kind != KIND_COUNT) {
			html_f(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td><td class=\"govuk-table__cell "
				  "govuk-table__cell--numeric\">%s</td>",
			       num_text(r, t->den), headline(r, t));
		}
		html_f(h, "</tr>");
	}
	html_f(h, "</tbody></table></div>");

	if (pr->by[BREAKDOWN_TEAM]) {
		breakdown_team(r, h, p->now, pr);
	}
	if (pr->by[BREAKDOWN_WORKER]) {
		breakdown_worker(r, h, p->now, pr);
	}

	html_f(h, "<h2 class=\"govuk-heading-m govuk-!-margin-top-6\" id=\"list\">Behind the figure</h2>");
	html_f(h, "<nav class=\"govuk-!-margin-bottom-4\" aria-label=\"Which list\"><ul class=\"govuk-list\">");
	static const char *const lists[] = {"denominator", "numerator"};
	for (int k = 0; k < 2; k++) {
		bool num = k == 1;
		if (!num && pd->kind == KIND_COUNT) {
			continue;
		}
		const char *label = num ? "The numerator: who counts towards the figure"
					: "The denominator: everyone the figure is about";
		if (num == numerator) {
			html_f(h, "<li><strong aria-current=\"page\">%s</strong></li>", label);
		} else {
			html_f(h, "<li><a class=\"govuk-link\" href=\"/performance/%s?as_at=%s&amp;list=%s#list\">%s</a></li>", enc,
			       d, lists[k], label);
		}
	}
	html_f(h, "</ul></nav>");
	subjects_html(r, h, p->now, pr, &subj);
	web_cache_release(e);
	return page_end(r, 200);
}

/* ---- GET /inspection ---- */

/* What an inspector asks that each part answers, in plain words. By part id; a part not
 * here falls back to its measure's id, then to its own title. */
static const struct {
	const char *id, *question;
} questions[] = {
	{"FD1", "Are decisions on contacts made within a working day, so children get help when they need it?"},
	{"FD2", "How many children come back to children's social care within a year of a referral?"},
	{"AS1", "Are assessments completed within 45 working days?"},
	{"CP1", "When a child may be at risk of significant harm, is the initial conference held within 15 working days?"},
	{"CP2", "How many children become subject to a child protection plan for a second time?"},
	{"CP3.reviews", "Are child protection plans reviewed on time?"},
	{"CP3.visits", "Are children on protection plans visited as often as their plan says?"},
	{"CP3.seen_alone", "Are children seen alone, so they can say what is happening to them?"},
	{"VOI1.visits", "Do records show what children said about their wishes and feelings?"},
	{"VOI1.reviews", "Are children's views heard at their reviews?"},
	{"VOI1.attended", "Do children take part in their own reviews?"},
	{"LADO1.referrals", "How many allegations against adults who work with children does the LADO receive?"},
	{"LADO1.considered_1wd", "Is every allegation against an adult considered within one working day?"},
	{"LADO1.resolved_1m", "Are allegations resolved within a month?"},
	{"LADO1.resolved_3m", "Are allegations resolved within three months?"},
	{"LADO1.resolved_12m", "Are nearly all allegations resolved within a year?"},
	{"EH1.open", "How many families are getting early help?"},
	{"EH1.step_up", "Do families step up from early help to social care when they need to?"},
	{"EH1.step_down", "Are families supported by early help when social care steps back?"},
	{"SUP1", "Do managers supervise every open case, as often as local policy says?"},
	{"CLA1", "Are children in care visited as often as the regulations require?"},
	{"CLA2", "Are reviews of children in care held on time?"},
	{"CLA3.three_plus", "How many children in care have moved home three or more times in a year?"},
	{"CLA3.long_term", "Do children who have been in care a long time have a settled home?"},
	{"CLA4.health", "Do children in care have their health assessments on time?"},
	{"CLA4.dental", "Do children in care see a dentist every year?"},
	{"ED1", "Does every school-age child in care have an up-to-date personal education plan?"},
	{"MIS1.episodes", "How often do children go missing?"},
	{"MIS1.children", "How many children in care go missing?"},
	{"MIS1.rhi_offered", "Is every child offered a return home interview within 72 hours?"},
	{"MIS1.rhi_accepted", "Do children take up the return home interviews they are offered?"},
	{"LEG1.in_26_weeks", "Are care proceedings concluded within 26 weeks?"},
	{"LEG1.mean_weeks", "How long do care proceedings take?"},
	{"PER1.plan_by_second_review", "Does each child in care have a plan for permanence by the second review?"},
	{"PER1.A1", "How long do children wait between entering care and moving in with their adoptive family?"},
	{"PER1.A2", "How long does it take from the placement order to a match with adopters?"},
	{"SW1.one", "Do children keep the same social worker?"},
	{"SW1.three_plus", "How many children have had three or more social workers in a year?"},
	{"SW1.mean_changes", "How often do children's social workers change?"},
	{"WF1.caseload", "Are social workers' caseloads manageable?"},
	{"WF1.over_threshold", "How many social workers hold more cases than the local limit?"},
	{"WF1.agency", "How much does the service rely on agency social workers?"},
	{"WF1.turnover", "How many social workers left in the last year?"},
	{"WF1.vacancy", "How many social work posts are vacant?"},
	{"CL1.in_touch", "Does the local authority stay in touch with its care leavers?"},
	{"CL1.accommodation", "Do care leavers live in suitable accommodation?"},
	{"CL1.eet", "Are care leavers in education, employment or training?"},
	{"CL1.pathway_plan", "Are care leavers' pathway plans up to date?"},
	{"CL1.pa", "Does every care leaver have a personal adviser?"},
	{"CL1.entitlements", "Do care leavers know what they are entitled to?"},
	{"PP1.fgdm_offered", "Are families offered a family group decision-making meeting before proceedings?"},
	{"PP1.fgdm_held", "When offered, do family group decision-making meetings happen?"},
	{"PP1.in_timescale", "Is pre-proceedings work concluded within the local timescale?"},
	{"PP1.avoided", "Does pre-proceedings work keep children out of court?"},
	{"KIN1.informal", "How many children live with family in informal arrangements?"},
	{"KIN1.kinship_foster", "How many children are in kinship foster care?"},
	{"KIN1.sgo", "How many children live with special guardians?"},
	{"KIN1.cao", "How many children live with kin under a child arrangements order?"},
	{"KIN1.local_offer", "Are kinship families given the kinship local offer?"},
};

static const char *question_of(const struct measures_def *m, const struct measures_part_def *d)
{
	for (size_t i = 0; i < sizeof(questions) / sizeof(questions[0]); i++) {
		if (strcmp(questions[i].id, d->id) == 0) {
			return questions[i].question;
		}
	}
	for (size_t i = 0; i < sizeof(questions) / sizeof(questions[0]); i++) {
		if (strcmp(questions[i].id, m->id) == 0) {
			return questions[i].question;
		}
	}
	return d->title;
}

/* How a part moved over the 12 months, as a tag: better, worse or about the same. */
static void change_tag(struct web_request *r, struct html *h, const struct perf *p, size_t part)
{
	const struct measures_part_result *then = &p->trend[0].parts[part], *now = &p->trend[TREND_N - 1].parts[part];
	const struct measures_part_def *d = now->def;
	bool count = d->kind == KIND_COUNT;
	if (!count && (!then->has_rate || !now->has_rate)) {
		html_f(h, "<span class=\"govuk-body-s\">No comparison</span>");
		return;
	}
	double a = count ? then->num : then->rate, b = count ? now->num : now->rate;
	double diff = b - a;
	double same = d->kind == KIND_SHARE ? 0.005 : fmax(fabs(a) * 0.02, 0.05);
	const char *moved = d->kind == KIND_SHARE ? arena_printf(&r->a, "%.1f points", fabs(diff) * 100)
						  : value_text(r, d, fabs(diff));
	if (fabs(diff) < same) {
		html_f(h, "<strong class=\"govuk-tag govuk-tag--grey\" data-change=\"same\">Same</strong>");
		return;
	}
	if (count) {
		html_f(h, "<strong class=\"govuk-tag govuk-tag--blue\" data-change=\"%s\">%s</strong><br><span "
			  "class=\"govuk-body-s\">by %s</span>",
		       diff > 0 ? "up" : "down", diff > 0 ? "Up" : "Down", moved);
		return;
	}
	bool better = (diff > 0) != ((d->flags & PART_LOWER_BETTER) != 0);
	html_f(h, "<strong class=\"govuk-tag %s\" data-change=\"%s\">%s</strong><br><span class=\"govuk-body-s\">%s %s"
		  "</span>",
	       better ? "govuk-tag--green" : "govuk-tag--red", better ? "better" : "worse", better ? "Better" : "Worse",
	       diff > 0 ? "up" : "down", moved);
}

/* The inspection table's grade field for each judgement. */
static const int grade_field[JUDGEMENT_MAX] = {-1, INSPECTION_GRADE_LEADERS, INSPECTION_GRADE_HELP_PROTECTION,
					       INSPECTION_GRADE_IN_CARE, INSPECTION_GRADE_CARE_LEAVERS};

static void grade_tag(struct html *h, const char *grade)
{
	static const struct {
		const char *code, *colour;
	} colours[] = {{"outstanding", "govuk-tag--green"},
		       {"good", "govuk-tag--turquoise"},
		       {"requires_improvement", "govuk-tag--yellow"},
		       {"inadequate", "govuk-tag--red"}};
	const char *colour = "govuk-tag--grey";
	for (size_t i = 0; i < sizeof(colours) / sizeof(colours[0]); i++) {
		if (strcmp(grade, colours[i].code) == 0) {
			colour = colours[i].colour;
		}
	}
	html_f(h, "<strong class=\"govuk-tag %s\" data-grade=\"%s\">%s</strong>", colour, grade,
	       code_label("inspection_grade", grade));
}

struct inspection {
	int64_t id;
	struct hval *v;
};

static int inspection_newest_first(const void *a, const void *b)
{
	const struct inspection *x = a, *y = b;
	int64_t dx = x->v[INSPECTION_START_DATE].i, dy = y->v[INSPECTION_START_DATE].i;
	return dx != dy ? (dx < dy ? 1 : -1) : (x->id < y->id ? 1 : -1);
}

static void inspection_history(struct web_request *r, struct html *h, const struct inspection *ins, size_t n)
{
	html_f(h, "<h2 class=\"govuk-heading-m\" id=\"history\">Inspection history</h2>");
	if (!n) {
		html_f(h, "<p class=\"govuk-body\">No inspection is recorded.</p>");
		return;
	}
	html_f(h, "<ol class=\"govuk-list\" data-hearth=\"inspections\">");
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = ins[i].v;
		html_f(h, "<li class=\"govuk-!-margin-bottom-6\" data-inspection=\"%lld\"><h3 class=\"govuk-heading-s "
			  "govuk-!-margin-bottom-2\">%s<br><span class=\"govuk-body-s\">%s</span></h3>",
		       (long long)ins[i].id, page_value(r, &entity_inspection.fields[INSPECTION_KIND], &v[INSPECTION_KIND]),
		       page_date(r, (hdate)v[INSPECTION_START_DATE].i));
		/* The framework it was held under: as recorded, else the one in force on its
		 * start date. The April 2026 framework (and the 2027 one) has no overall
		 * effectiveness grade, so none is shown for it, even if one was recorded. */
		const char *fw = !v[INSPECTION_FRAMEWORK].null ? v[INSPECTION_FRAMEWORK].s
				 : (hdate)v[INSPECTION_START_DATE].i >= date_from_ymd(2026, 4, 1) ? "2026_04"
												     : "2023";
		bool no_overall = strcmp(fw, "2023") != 0;
		html_f(h, "<p class=\"govuk-body-s\" data-framework=\"%s\">%s</p>", fw,
		       code_label("inspection_framework", fw));
		bool graded = false;
		for (int f = INSPECTION_GRADE_LEADERS; f <= INSPECTION_GRADE_OVERALL; f++) {
			graded |= !v[f].null && !(no_overall && f == INSPECTION_GRADE_OVERALL);
		}
		if (graded) {
			html_f(h, "<dl class=\"govuk-body-s\">");
			for (int f = INSPECTION_GRADE_LEADERS; f <= INSPECTION_GRADE_OVERALL; f++) {
				if (v[f].null || (no_overall && f == INSPECTION_GRADE_OVERALL)) {
					continue;
				}
				html_f(h, "<dt class=\"govuk-!-font-weight-bold govuk-!-margin-top-2\">%s</dt><dd "
					  "class=\"govuk-!-margin-0\">",
				       entity_inspection.fields[f].label);
				grade_tag(h, v[f].s);
				html_f(h, "</dd>");
			}
			html_f(h, "</dl>");
		} else {
			html_f(h, "<p class=\"govuk-body-s\">No grades (a visit without judgements).</p>");
		}
		if (!v[INSPECTION_FINDINGS].null) {
			html_f(h, "<p class=\"govuk-body-s hearth-pre\">%s</p>", v[INSPECTION_FINDINGS].s);
		}
		if (!v[INSPECTION_PRIORITY_ACTIONS].null) {
			html_f(h, "<p class=\"govuk-body-s hearth-pre\"><strong>Priority actions:</strong> %s</p>",
			       v[INSPECTION_PRIORITY_ACTIONS].s);
		}
		html_f(h, "</li>");
	}
	html_f(h, "</ol>");
}

int page_inspection(struct web_request *r)
{
	hdate as_at;
	int rc;
	if ((rc = web_query_date(r, "as_at", date_today(), &as_at))) {
		return rc;
	}
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_inspection, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct inspection *ins = arena_alloc(&r->a, (n + 1) * sizeof(*ins));
	size_t ni = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rows[i][INSPECTION_START_DATE].null && rows[i][INSPECTION_START_DATE].i <= as_at) {
			ins[ni++] = (struct inspection){ids[i], rows[i]};
		}
	}
	qsort(ins, ni, sizeof(*ins), inspection_newest_first);
	struct web_cache_entry *e;
	const struct perf *p;
	if ((rc = perf_get(r, as_at, &e, &p))) {
		return rc;
	}
	const char *d = href_date(r, as_at);
	struct html *h = page_begin(r, "What inspectors will ask", "inspection");
	html_f(h, "<span class=\"govuk-caption-l\">Inspection readiness</span><h1 class=\"govuk-heading-l\">What "
		  "inspectors will ask</h1><p class=\"govuk-body\">Ofsted's inspection of local authority children's "
		  "services (ILACS) makes four judgements. Under each are the questions inspectors ask and what the "
		  "record says as at <strong>%s</strong>, with how each has moved over the 12 months before.</p>",
	       page_date(r, as_at));
	html_f(h, "<p class=\"govuk-body-s\" data-hearth=\"computed\">%s</p>", computed_at(r, e));
	as_at_form(r, h, "/inspection", as_at);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	for (int j = JUDGEMENT_LEADERS; j < JUDGEMENT_MAX; j++) {
		html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"%s\" data-judgement=\"%s\"><h2 "
			  "class=\"govuk-heading-m\">%s</h2>",
		       judgement_anchor[j], measures_judgement_code((enum measures_judgement)j),
		       measures_judgement_title((enum measures_judgement)j));
		/* The latest grade for this judgement, beside it. */
		const struct inspection *graded = NULL;
		for (size_t i = 0; i < ni && !graded; i++) {
			graded = ins[i].v[grade_field[j]].null ? NULL : &ins[i];
		}
		if (graded) {
			html_f(h, "<p class=\"govuk-body\" data-hearth=\"last-grade\">Last judged at the %s of %s:<br>",
			       code_label("inspection_kind", graded->v[INSPECTION_KIND].s),
			       page_date(r, (hdate)graded->v[INSPECTION_START_DATE].i));
			grade_tag(h, graded->v[grade_field[j]].s);
			html_f(h, "</p>");
		} else {
			html_f(h, "<p class=\"govuk-body\" data-hearth=\"last-grade\">No grade for this judgement is recorded.</p>");
		}
		html_f(h, "<table class=\"govuk-table\" data-hearth=\"questions\"><thead class=\"govuk-table__head\"><tr "
			  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">What inspectors will ask"
			  "</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Now</th><th "
			  "scope=\"col\" class=\"govuk-table__header\">Over 12 months</th></tr></thead><tbody "
			  "class=\"govuk-table__body\">");
		for (size_t i = 0; i < p->now->n_parts; i++) {
			const struct measures_part_result *pr = &p->now->parts[i];
			if (measures_part_judgement(pr->measure, pr->def) != (enum measures_judgement)j) {
				continue;
			}
			char enc[96];
			html_f(h, "<tr class=\"govuk-table__row\" data-measure=\"%s\"><td class=\"govuk-table__cell\">%s<br>"
				  "<a class=\"govuk-link govuk-body-s\" href=\"/performance/%s?as_at=%s\">%s: %s</a></td><td "
				  "class=\"govuk-table__cell govuk-table__cell--numeric\" data-hearth=\"rate\">%s</td><td "
				  "class=\"govuk-table__cell\">",
			       pr->def->id, question_of(pr->measure, pr->def), html_url_encode(pr->def->id, enc, sizeof(enc)), d,
			       pr->def->id, pr->def->title, headline(r, pr));
			change_tag(r, h, p, i);
			html_f(h, "</td></tr>");
		}
		html_f(h, "</tbody></table></section>");
	}
	html_f(h, "</div><div class=\"govuk-grid-column-one-third\">");
	inspection_history(r, h, ins, ni);
	html_f(h, "</div></div>");
	web_cache_release(e);
	return page_end(r, 200);
}

/* ---- GET /annex-a.xlsx ---- */

/* A child is named in the download only when the viewer may open the child's record: the
 * same scope condition as every record and list (so a restricted child needs a grant). */
static int annex_a_named(void *ctx, int64_t child_id, struct hearth_error *err)
{
	struct web_request *r = ctx;
	return store_web_child_visible(r->sw, &r->scope, child_id, err);
}

/* The workbook is written by libxlsxwriter, which writes to a path: here an anonymous
 * in-memory file (memfd), so the children's data never touches a disk, and read back into
 * the request's arena (which outlives the answer: it is freed when the answer has gone).
 * Its lists hold only the children the viewer may open (annex_a_named). */
int page_annex_a(struct web_request *r)
{
	hdate as_at;
	int rc;
	if ((rc = web_query_date(r, "as_at", date_today(), &as_at))) {
		return rc;
	}
	struct annex_a *aa;
	struct hearth_error err = {0};
	struct annex_a_filter viewer = {annex_a_named, r};
	if (annex_a_compute(r->st, as_at, &viewer, &r->a, &aa, &err)) {
		return web_fail_err(r, &err);
	}
	int fd = memfd_create("hearth-annex-a", MFD_CLOEXEC);
	if (fd < 0) {
		return web_fail(r, 500, NULL, "internal", "the workbook could not be made");
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (annex_a_write_xlsx(aa, path, &err)) {
		close(fd);
		return web_fail_err(r, &err);
	}
	struct stat sb;
	char *data = NULL;
	size_t size = 0;
	if (fstat(fd, &sb) == 0 && sb.st_size > 0) {
		size = (size_t)sb.st_size;
		data = arena_alloc(&r->a, size);
		size_t got = 0;
		while (got < size) {
			ssize_t k = pread(fd, data + got, size - got, (off_t)got);
			if (k <= 0) {
				break;
			}
			got += (size_t)k;
		}
		size = got == size ? size : 0;
	}
	close(fd);
	if (!size) {
		return web_fail(r, 500, NULL, "internal", "the workbook could not be read back");
	}
	r->raw = data;
	r->raw_len = size;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->disposition = arena_printf(&r->a, "attachment; filename=\"annex-a-%s.xlsx\"", href_date(r, as_at));
	return web_answer(r, 200, NULL);
}
