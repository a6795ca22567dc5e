/* pages/findings: what the DfE's validation rules find across the whole record, for the
 * analysts who send the returns (issue 8): one return (SSDA903 or the CIN census) and one
 * collection year at a time, counted by rule, then every finding, rule by rule, paged.
 *
 * The findings come from returns_validate_store (returns/returns.h), the same rules the
 * child's page and `hearth validate` run. Validating a county takes a second or more, so a
 * return's findings for a year are cached (cache.h: dropped as soon as the record changes).
 * The counts are the record's; the list shows only the children in the viewer's scope
 * (the same condition a record is opened under), says how many it leaves out, and links to
 * a record only for a role that may read records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "returns/returns.h"
#include "web/pages/pages.h"
#include "web/http/cache.h"
#include "web/pages/measures.h"

/* One rule's findings, for the summary. */
struct rule_count {
	const struct returns_rule *rule;
	size_t first, n;	/* within the sorted findings */
	size_t children;	/* distinct children */
};

/* A return's findings for a year, sorted by rule (in the DfE's order), then child. */
struct findings_set {
	struct returns_finding *items;
	size_t n;
	struct rule_count *rules;
	size_t n_rules;
	size_t errors, queries, children;
};

struct findings_key {
	enum returns_kind kind;
	int year;
};

/* Where a rule stands in the rule table (the DfE's order). */
static size_t rule_rank(const struct returns_rule *rule)
{
	size_t n;
	const struct returns_rule *all = returns_rules(&n);
	return rule >= all && rule < all + n ? (size_t)(rule - all) : n;
}

struct ranked {
	size_t rank, i;
	int64_t child;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->rank != y->rank) {
		return x->rank < y->rank ? -1 : 1;
	}
	if (x->child != y->child) {
		return x->child < y->child ? -1 : 1;
	}
	return x->i < y->i ? -1 : x->i > y->i;
}

static int findings_fill(struct web_request *r, void *ctx, struct arena *a, void **value, struct hearth_error *err)
{
	const struct findings_key *k = ctx;
	struct returns_findings f = {0};
	/* The SSDA903's reader takes its own read snapshot (store_read_begin), which cannot
	 * begin inside the request's: the request's is let go for the validation and taken
	 * again after it. Should the record change in between, the entry is newer than the
	 * revision it is filed under, never older, and the next request (which reads the new
	 * revision) computes afresh. */
	store_web_read_end(r->sw);
	/* Two threads for the SSDA903 (reading and checking overlap, with no connection more),
	 * one for the CIN census: a page does not open connections of its own. */
	int rc = returns_validate_store(r->st, k->kind, k->year, k->kind == RETURN_SSDA903 ? 2 : 1, a, &f, NULL, NULL,
					err);
	struct hearth_error again = {0};
	if (store_web_read_begin(r->sw, &again) && !rc) {
		*err = again;
		rc = again.code ? again.code : HERR_IO;
	}
	if (rc) {
		return rc;
	}
	struct findings_set *s = arena_alloc(a, sizeof(*s));
	struct ranked *order = arena_alloc(a, (f.n + 1) * sizeof(*order));
	for (size_t i = 0; i < f.n; i++) {
		order[i] = (struct ranked){rule_rank(f.items[i].rule), i, f.items[i].child_id};
	}
	qsort(order, f.n, sizeof(*order), ranked_cmp);
	s->items = arena_alloc(a, (f.n + 1) * sizeof(*s->items));
	s->rules = arena_alloc(a, (f.n + 1) * sizeof(*s->rules));
	for (size_t i = 0; i < f.n; i++) {
		const struct returns_finding *it = &f.items[order[i].i];
		s->items[i] = *it;
		struct rule_count *rc_last = s->n_rules ? &s->rules[s->n_rules - 1] : NULL;
		if (!rc_last || rc_last->rule != it->rule) {
			rc_last = &s->rules[s->n_rules++];
			*rc_last = (struct rule_count){it->rule, i, 0, 0};
		}
		rc_last->n++;
		/* Sorted by child within a rule: a new child is a change from the row before. */
		if (it->child_id && (i == rc_last->first || s->items[i - 1].child_id != it->child_id)) {
			rc_last->children++;
		}
	}
	s->n = f.n;
	s->errors = f.errors;
	s->queries = f.queries;
	/* Distinct children across the return. */
	int64_t *ids = arena_alloc(a, (f.n + 1) * sizeof(*ids));
	size_t n_ids = 0;
	for (size_t i = 0; i < f.n; i++) {
		if (f.items[i].child_id && (n_ids == 0 || ids[n_ids - 1] != f.items[i].child_id)) {
			ids[n_ids++] = f.items[i].child_id; /* validate_store orders findings by child */
		}
	}
	s->children = n_ids;
	*value = s;
	return 0;
}

/* "2025-26" for the collection year 2026. */
static const char *year_label(struct web_request *r, int year)
{
	return arena_printf(&r->a, "%d-%02d", year - 1, year % 100);
}

static int year_param(struct web_request *r, int *year)
{
	int dflt = returns_year_of(date_today());
	dflt = dflt > RETURNS_YEAR_MAX ? RETURNS_YEAR_MAX : dflt < RETURNS_YEAR_MIN ? RETURNS_YEAR_MIN : dflt;
	const char *s = web_query(r, "year");
	*year = dflt;
	if (!s) {
		return 0;
	}
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 || atoi(s) < RETURNS_YEAR_MIN || atoi(s) > RETURNS_YEAR_MAX) {
		return web_fail(r, 400, "year", "range", "year must be a collection year from %d to %d", RETURNS_YEAR_MIN,
				RETURNS_YEAR_MAX);
	}
	*year = atoi(s);
	return 0;
}

static const char *const return_titles[RETURN_KIND_MAX] = {"SSDA903: children looked after", "CIN census"};

int page_findings(struct web_request *r)
{
	const char *kind_text = web_query(r, "return");
	int kind = kind_text ? returns_kind_parse(kind_text) : RETURN_SSDA903;
	if (kind < 0) {
		return web_fail(r, 400, "return", "code", "return must be ssda903 or cin-census");
	}
	int year, rc;
	int64_t limit, offset;
	if ((rc = year_param(r, &year)) || (rc = web_query_page(r, 100, 500, &limit, &offset))) {
		return rc;
	}
	struct findings_key key = {(enum returns_kind)kind, year};
	char key_text[64];
	snprintf(key_text, sizeof(key_text), "findings %s %d", returns_kind_name(key.kind), year);
	struct web_cache_entry *e;
	void *v;
	struct hearth_error err = {0};
	if (web_cache_get(r, key_text, 0, findings_fill, &key, &e, &v, &err)) {
		return web_fail_err(r, &err);
	}
	const struct findings_set *s = v;

	/* Which findings the viewer sees: the whole return's, and the children in scope. */
	int64_t *ids = arena_alloc(&r->a, (s->n + 1) * sizeof(*ids));
	size_t *of = arena_alloc(&r->a, (s->n + 1) * sizeof(*of));
	size_t n_child = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->items[i].child_id) {
			of[n_child] = i;
			ids[n_child++] = s->items[i].child_id;
		}
	}
	bool *visible = arena_alloc(&r->a, (n_child + 1) * sizeof(*visible));
	size_t hidden = 0;
	if (web_children_shown(r, ids, n_child, visible, &hidden, &err)) {
		web_cache_release(e);
		return web_fail_err(r, &err);
	}
	bool *shown = arena_alloc(&r->a, (s->n + 1) * sizeof(*shown));
	for (size_t i = 0; i < s->n; i++) {
		shown[i] = s->items[i].child_id == 0;
	}
	for (size_t k = 0; k < n_child; k++) {
		shown[of[k]] = visible[k];
	}
	/* The list the viewer pages through, and where each rule begins in it. */
	size_t *list = arena_alloc(&r->a, (s->n + 1) * sizeof(*list));
	size_t n_list = 0;
	size_t *rule_at = arena_alloc(&r->a, (s->n_rules + 1) * sizeof(*rule_at));
	size_t *rule_shown = arena_alloc(&r->a, (s->n_rules + 1) * sizeof(*rule_shown));
	for (size_t g = 0; g < s->n_rules; g++) {
		rule_at[g] = n_list;
		rule_shown[g] = 0;
		for (size_t i = s->rules[g].first; i < s->rules[g].first + s->rules[g].n; i++) {
			if (shown[i]) {
				list[n_list++] = i;
				rule_shown[g]++;
			}
		}
	}
	size_t from = (size_t)offset < n_list ? (size_t)offset : n_list;
	size_t to = from + (size_t)limit < n_list ? from + (size_t)limit : n_list;
	/* The names of the children on this page. */
	int64_t *page_ids = arena_alloc(&r->a, (to - from + 1) * sizeof(*page_ids));
	const char **names = arena_alloc(&r->a, (to - from + 1) * sizeof(*names));
	size_t n_page = 0;
	for (size_t k = from; k < to; k++) {
		page_ids[n_page++] = s->items[list[k]].child_id;
	}
	if (web_children_named(r, page_ids, n_page, names, &err)) {
		web_cache_release(e);
		return web_fail_err(r, &err);
	}

	const char *kname = returns_kind_name(key.kind);
	struct html *h = page_begin(r, "Data quality", "findings");
	html_f(h, "<span class=\"govuk-caption-l\">Data quality</span><h1 class=\"govuk-heading-l\">What the DfE's "
		  "validation rules find</h1>");
	/* The return, as tabs that are plain links (they work without script). */
	html_f(h, "<nav class=\"govuk-!-margin-bottom-4\" aria-label=\"Returns\"><ul class=\"govuk-list\">");
	for (int k = 0; k < RETURN_KIND_MAX; k++) {
		if (k == kind) {
			html_f(h, "<li><strong aria-current=\"page\">%s</strong></li>", return_titles[k]);
		} else {
			html_f(h, "<li><a class=\"govuk-link\" href=\"/findings?return=%s&amp;year=%d\">%s</a></li>",
			       returns_kind_name((enum returns_kind)k), year, return_titles[k]);
		}
	}
	html_f(h, "</ul></nav>");
	html_f(h, "<form method=\"get\" action=\"/findings\" class=\"govuk-!-margin-bottom-6\"><input type=\"hidden\" "
		  "name=\"return\" value=\"%s\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" "
		  "for=\"year\">Collection year</label><select class=\"govuk-select\" id=\"year\" name=\"year\">",
	       kname);
	for (int y = RETURNS_YEAR_MAX; y >= RETURNS_YEAR_MIN; y--) {
		html_f(h, "<option value=\"%d\"%s>%s (1 April %d to 31 March %d)</option>", y, y == year ? " selected" : "",
		       year_label(r, y), y - 1, y);
	}
	html_f(h, "</select> <button type=\"submit\" class=\"govuk-button govuk-button--secondary "
		  "govuk-!-margin-bottom-0\">Show</button></div></form>");
	html_f(h, "<p class=\"govuk-body\" data-hearth=\"findings-total\" data-errors=\"%zu\" data-queries=\"%zu\">The %s "
		  "return for %s (1 April %d to 31 March %d): <strong>%zu %s</strong> and <strong>%zu %s</strong>, for %zu "
		  "%s.</p>",
	       s->errors, s->queries, return_titles[kind], year_label(r, year), year - 1, year, s->errors,
	       s->errors == 1 ? "error" : "errors", s->queries, s->queries == 1 ? "query" : "queries", s->children,
	       s->children == 1 ? "child" : "children");
	web_hidden_note(h, hidden);

	/* ---- by rule ---- */
	html_f(h, "<h2 class=\"govuk-heading-m\">By rule</h2>");
	if (!s->n_rules) {
		html_f(h, "<p class=\"govuk-body\">The rules find nothing to fix.</p>");
	} else {
		html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"rules\"><thead "
			  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
			  "class=\"govuk-table__header\">Rule</th><th scope=\"col\" class=\"govuk-table__header\">What the "
			  "rule says</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Findings"
			  "</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Children</th>"
			  "</tr></thead><tbody class=\"govuk-table__body\">");
		for (size_t g = 0; g < s->n_rules; g++) {
			const struct rule_count *rc_g = &s->rules[g];
			const struct returns_rule *rule = rc_g->rule;
			html_f(h, "<tr class=\"govuk-table__row\" data-rule=\"%s\" data-count=\"%zu\"><th scope=\"row\" "
				  "class=\"govuk-table__header\">",
			       rule->id, rc_g->n);
			if (rule_shown[g]) {
				html_f(h, "<a class=\"govuk-link\" href=\"/findings?return=%s&amp;year=%d&amp;limit=%lld&amp;"
					  "offset=%zu#rule-%s\">%s</a>",
				       kname, year, (long long)limit, rule_at[g], rule->id, rule->id);
			} else {
				html_f(h, "%s", rule->id);
			}
			html_f(h, "<br><strong class=\"govuk-tag %s\">%s</strong></th><td class=\"govuk-table__cell\">%s"
				  "<br><span class=\"govuk-body-s\">%s: %s</span></td><td class=\"govuk-table__cell "
				  "govuk-table__cell--numeric\">%zu</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">"
				  "%zu</td></tr>",
			       rule->severity == SEV_ERROR ? "govuk-tag--red" : "govuk-tag--yellow",
			       rule->severity == SEV_ERROR ? "Error" : "Query", rule->message, rule->table, rule->fields,
			       rc_g->n, rc_g->children);
		}
		html_f(h, "</tbody></table></div>");
	}

	/* ---- the findings, rule by rule ---- */
	html_f(h, "<h2 class=\"govuk-heading-m\" id=\"list\">The findings</h2>");
	if (!n_list) {
		html_f(h, "<p class=\"govuk-body\">There are none to show.</p>");
	} else {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"findings-page\">Showing %zu to %zu of %zu, rule by rule.</p>",
		       from + 1, to, n_list);
		html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"findings\"><thead "
			  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
			  "class=\"govuk-table__header\">Child</th><th scope=\"col\" class=\"govuk-table__header\">Where</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">What was found</th></tr></thead><tbody "
			  "class=\"govuk-table__body\">");
		const struct returns_rule *current = NULL;
		for (size_t k = from; k < to; k++) {
			const struct returns_finding *it = &s->items[list[k]];
			if (it->rule != current) {
				current = it->rule;
				html_f(h, "<tr class=\"govuk-table__row\" id=\"rule-%s\"><th scope=\"colgroup\" colspan=\"3\" "
					  "class=\"govuk-table__header govuk-!-padding-top-6\">%s (%s): %s</th></tr>",
				       current->id, current->id, returns_severity_name(current->severity), current->message);
			}
			html_f(h, "<tr class=\"govuk-table__row\" data-rule=\"%s\" data-child=\"%lld\"><td "
				  "class=\"govuk-table__cell\">",
			       it->rule->id, (long long)it->child_id);
			if (it->child_id) {
				web_child_cell(r, h, it->child_id, names[k - from], it->child);
			} else {
				html_f(h, "The whole return");
			}
			html_f(h, "</td><td class=\"govuk-table__cell\">%s", it->table ? it->table : it->rule->table);
			if (it->row) {
				html_f(h, " row %d", it->row);
			}
			if (it->date != DATE_NONE) {
				html_f(h, "<br><span class=\"govuk-body-s\">%s</span>", page_date(r, it->date));
			}
			html_f(h, "</td><td class=\"govuk-table__cell\">%s</td></tr>", it->detail ? it->detail : "");
		}
		html_f(h, "</tbody></table></div>");
		/* GOV.UK's pagination: previous and next. */
		if (from > 0 || to < n_list) {
			html_f(h, "<nav class=\"govuk-pagination govuk-pagination--block\" aria-label=\"Pages of findings\">");
			if (from > 0) {
				html_f(h, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" "
					  "href=\"/findings?return=%s&amp;year=%d&amp;limit=%lld&amp;offset=%zu#list\" rel=\"prev\">"
					  "<span class=\"govuk-pagination__link-title\">Previous</span></a></div>",
				       kname, year, (long long)limit, from > (size_t)limit ? from - (size_t)limit : 0);
			}
			if (to < n_list) {
				html_f(h, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" "
					  "href=\"/findings?return=%s&amp;year=%d&amp;limit=%lld&amp;offset=%zu#list\" rel=\"next\">"
					  "<span class=\"govuk-pagination__link-title\">Next</span></a></div>",
				       kname, year, (long long)limit, to);
			}
			html_f(h, "</nav>");
		}
	}
	web_cache_release(e);
	return page_end(r, 200);
}
