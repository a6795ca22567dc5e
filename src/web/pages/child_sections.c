/* child_sections: the body of a child's part pages (see child.h): each part's tables, the
 * chronology (filtered by kind and dates, paged, newest first, each event linking to its
 * record) and the history of every change to the record.
 *
 * The sections are data (the table below): which tables each part shows, drawn from the
 * tables' own descriptors, so a new column appears without a line here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/chronology.h"
#include "web/pages/child.h"
#include "web/pages/records.h"

/* ---- the parts' sections ---- */

static const struct section {
	enum child_part part;
	const char *id, *title;
	const struct entity *tables[6];
} sections[] = {
	{PART_VISITS, "visits", "Visits", {&entity_visit}},
	{PART_VISITS, "notes", "Case notes", {&entity_note}},
	{PART_VISITS, "supervision", "Supervision and tasks", {&entity_supervision, &entity_task}},
	{PART_PLANS, "family-help", "Family Help", {&entity_family_help}},
	{PART_PLANS,
	 "front-door",
	 "Contacts, referrals and assessments",
	 {&entity_contact, &entity_early_help, &entity_referral, &entity_assessment, &entity_s47}},
	{PART_PLANS,
	 "plans",
	 "Plans and reviews",
	 {&entity_cin_plan, &entity_cp_plan, &entity_cp_review, &entity_core_group, &entity_cla_review}},
	{PART_CARE, "episodes", "Episodes in care", {&entity_cla_episode}},
	{PART_CARE, "missing", "Missing episodes and return interviews", {&entity_missing}},
	{PART_CARE, "pre-proceedings", "Pre-proceedings and family group decision-making",
	 {&entity_pre_proceedings, &entity_pp_meeting}},
	{PART_CARE, "proceedings", "Care proceedings", {&entity_proceedings}},
	{PART_CARE, "dolo", "Deprivation of liberty orders", {&entity_dolo}},
	{PART_CARE, "permanence", "Permanence", {&entity_permanence, &entity_adoption}},
	{PART_CARE, "outcomes", "Outcomes for the year (OC2)", {&entity_cla_outcome}},
	{PART_EDUCATION, "education", "Education and PEPs", {&entity_education, &entity_pep}},
	{PART_HEALTH, "health", "Health checks", {&entity_health}},
	{PART_HEALTH, "disabilities", "Disabilities", {&entity_child_disability}},
	{PART_LEAVING_CARE, "leaving-care", "Leaving care", {&entity_leaver_contact, &entity_pathway_plan}},
	{PART_PEOPLE, "allocations", "Allocations", {&entity_allocation}},
	{PART_PEOPLE, "family", "Family and relationships", {&entity_relationship}},
	{PART_PEOPLE, "kinship", "Kinship arrangements", {&entity_kinship}},
	{PART_PEOPLE, "participation", "Participation", {&entity_participation}},
};
#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

static int entity_index(const struct entity *e)
{
	for (int k = 0; k < model_entity_count && k < STORE_ENTITIES_MAX; k++) {
		if (model_entities[k] == e) {
			return k;
		}
	}
	return -1;
}

static const struct store_rows no_rows = {NULL, NULL, 0};

const struct store_rows *child_rows(const struct child_view *v, const struct entity *e)
{
	int k = entity_index(e);
	return k >= 0 ? &v->rec.rows[k] : &no_rows;
}

enum child_part child_part_of(const struct entity *e)
{
	for (size_t i = 0; i < N_SECTIONS; i++) {
		for (int t = 0; sections[i].tables[t]; t++) {
			if (sections[i].tables[t] == e) {
				return sections[i].part;
			}
		}
	}
	return PART_MAX;
}

size_t child_part_rows(const struct child_view *v, enum child_part p)
{
	size_t n = 0;
	for (size_t i = 0; i < N_SECTIONS; i++) {
		for (int t = 0; sections[i].part == p && sections[i].tables[t]; t++) {
			n += child_rows(v, sections[i].tables[t])->n;
		}
	}
	return n;
}

struct dated {
	size_t i;
	int64_t key;
};

static int dated_newest_first(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;
	return x->key != y->key ? (x->key < y->key ? 1 : -1) : (x->i < y->i ? 1 : -1);
}

/* The first date (or instant) field orders a table's rows, newest first. */
static int date_field_of(const struct entity *e)
{
	for (int f = 0; f < e->n_fields; f++) {
		if (e->fields[f].type == FT_DATE || e->fields[f].type == FT_INSTANT) {
			return f;
		}
	}
	return -1;
}

/* "school placement" reads as "School placement". */
static const char *capitalised(struct web_request *r, const char *s)
{
	return arena_printf(&r->a, "%c%s", s[0] >= 'a' && s[0] <= 'z' ? s[0] - 32 : s[0], s + 1);
}

static void table_rows_html(struct web_request *r, struct html *h, const struct entity *e, const struct store_rows *t,
			    bool caption)
{
	int df = date_field_of(e);
	struct dated *order = arena_alloc(&r->a, sizeof(*order) * (t->n ? t->n : 1));
	for (size_t i = 0; i < t->n; i++) {
		order[i] = (struct dated){i, df >= 0 && !t->rows[i][df].null ? t->rows[i][df].i : INT64_MIN};
	}
	qsort(order, t->n, sizeof(*order), dated_newest_first);
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"%s\">", e->name);
	if (caption) {
		html_f(h, "<caption class=\"govuk-table__caption govuk-table__caption--s\">%ss</caption>",
		       capitalised(r, e->label));
	}
	html_f(h, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (int f = 0; f < e->n_fields; f++) {
		if (f != e->child_field) {
			html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">%s</th>", e->fields[f].label);
		}
	}
	if (records_kind_has_form(e)) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Actions"
			  "</span></th>");
	}
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t k = 0; k < t->n; k++) {
		const struct hval *v = t->rows[order[k].i];
		html_f(h, "<tr class=\"govuk-table__row\" id=\"%s-%lld\">", e->name, (long long)t->ids[order[k].i]);
		for (int f = 0; f < e->n_fields; f++) {
			if (f == e->child_field) {
				continue;
			}
			if (e->fields[f].type == FT_TEXT && !v[f].null) {
				/* Free text (what the child said, a note) keeps its lines. */
				html_f(h, "<td class=\"govuk-table__cell\"><div class=\"hearth-said\">%s</div></td>",
				       page_value(r, &e->fields[f], &v[f]));
			} else {
				html_f(h, "<td class=\"govuk-table__cell\">%s</td>", page_value(r, &e->fields[f], &v[f]));
			}
		}
		if (records_kind_has_form(e)) {
			html_f(h, "<td class=\"govuk-table__cell\">");
			records_row_links(r, h, e, t->ids[order[k].i]);
			/* A link's row (a relationship) carries the links of the row it names (the
			 * person): corrected, retracted and traced from here too. */
			for (int m = 0; m < model_entity_count; m++) {
				int lf;
				if (entity_link(model_entities[m], &lf) == e && !v[lf].null) {
					/* id: where a correction of the person comes back to. */
					html_f(h, "<div id=\"%s-%lld\">", model_entities[m]->name, (long long)v[lf].i);
					records_row_links(r, h, model_entities[m], v[lf].i);
					html_f(h, "</div>");
				}
			}
			html_f(h, "</td>");
		}
		html_f(h, "</tr>");
	}
	html_f(h, "</tbody></table></div>");
}

static void section_html(struct web_request *r, struct html *h, const struct child_view *v, const struct section *s)
{
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"%s\" aria-labelledby=\"%s-title\"><h2 "
		  "class=\"govuk-heading-m\" id=\"%s-title\">%s</h2>",
	       s->id, s->id, s->id, s->title);
	int kinds = 0;
	for (int i = 0; s->tables[i]; i++) {
		kinds += child_rows(v, s->tables[i])->n > 0;
	}
	for (int i = 0; s->tables[i]; i++) {
		const struct store_rows *t = child_rows(v, s->tables[i]);
		if (t->n) {
			table_rows_html(r, h, s->tables[i], t, kinds > 1);
		}
	}
	if (!kinds) {
		html_f(h, "<p class=\"govuk-body\">None recorded.</p>");
	}
	html_f(h, "</section>");
}

void child_sections_html(struct web_request *r, struct html *h, const struct child_view *v, enum child_part p)
{
	for (size_t i = 0; i < N_SECTIONS; i++) {
		if (sections[i].part == p) {
			section_html(r, h, v, &sections[i]);
		}
	}
}

/* ---- paging ---- */

static void pagination_link(struct html *h, const char *base, int64_t n, bool current)
{
	if (current) {
		html_f(h, "<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a class=\"govuk-link "
			  "govuk-pagination__link\" href=\"%spage=%lld\" aria-label=\"Page %lld\" aria-current=\"page\">"
			  "%lld</a></li>",
		       base, (long long)n, (long long)n, (long long)n);
	} else {
		html_f(h, "<li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" "
			  "href=\"%spage=%lld\" aria-label=\"Page %lld\">%lld</a></li>",
		       base, (long long)n, (long long)n, (long long)n);
	}
}

void child_pagination(struct web_request *r, struct html *h, const char *href_base, int64_t page, int64_t pages)
{
	(void)r;
	if (pages <= 1) {
		return;
	}
	html_f(h, "<nav class=\"govuk-pagination\" aria-label=\"Pages\">");
	if (page > 1) {
		html_f(h, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" "
			  "href=\"%spage=%lld\" rel=\"prev\"><svg class=\"govuk-pagination__icon "
			  "govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
			  "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 "
			  "6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\">"
			  "</path></svg><span class=\"govuk-pagination__link-title\">Previous<span "
			  "class=\"govuk-visually-hidden\"> page</span></span></a></div>",
		       href_base, (long long)(page - 1));
	}
	html_f(h, "<ul class=\"govuk-pagination__list\">");
	/* The first, the last, and the pages either side of this one; gaps as an ellipsis. */
	bool gap = false;
	for (int64_t n = 1; n <= pages; n++) {
		if (n == 1 || n == pages || (n >= page - 1 && n <= page + 1)) {
			pagination_link(h, href_base, n, n == page);
			gap = false;
		} else if (!gap) {
			html_f(h, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>");
			gap = true;
		}
	}
	html_f(h, "</ul>");
	if (page < pages) {
		html_f(h, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" "
			  "href=\"%spage=%lld\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next<span "
			  "class=\"govuk-visually-hidden\"> page</span></span><svg class=\"govuk-pagination__icon "
			  "govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
			  "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 "
			  "1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\">"
			  "</path></svg></a></div>",
		       href_base, (long long)(page + 1));
	}
	html_f(h, "</nav>");
}

/* ---- the chronology ---- */

#define CHRONOLOGY_PAGE 50

/* A detail as people read it: the chronology (model/) names workers by id, the page by
 * name. */
static const char *detail_value(struct web_request *r, const struct chron_event *ev, const struct chron_detail *d)
{
	const struct entity *e = entity_find(ev->entity);
	for (int f = 0; e && f < e->n_fields; f++) {
		const struct field *fd = &e->fields[f];
		if (fd->type == FT_REF && strcmp(fd->arg, "worker") == 0 && strcmp(fd->label, d->label) == 0) {
			char *end;
			long long id = strtoll(d->value, &end, 10);
			return *end || id <= 0 ? d->value : page_worker_name(r, id);
		}
	}
	return d->value;
}

/* A date typed as 27/3/2026, 27/03/2026 or 2026-03-27; blank is no date. */
static bool typed_date(const char *s, hdate *out)
{
	int d, m, y;
	char tail;
	*out = DATE_NONE;
	if (!s || !*s) {
		return true;
	}
	if (date_parse(s, out) == 0) {
		return true;
	}
	if (sscanf(s, "%d/%d/%d%c", &d, &m, &y, &tail) == 3 && y >= 1000 && date_valid_ymd(y, m, d)) {
		*out = date_from_ymd(y, m, d);
		return true;
	}
	*out = DATE_NONE;
	return false;
}

struct chron_filter {
	const char *kind;		/* an entity's name, or NULL: everything */
	const char *from_text, *to_text;	/* as typed */
	hdate from, to;			/* DATE_NONE: open */
	const char *error_field, *error;
};

static void date_input(struct html *h, const char *name, const char *label, const char *typed, const char *error)
{
	html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">%s</label>"
		  "<div class=\"govuk-hint\" id=\"%s-hint\">For example, 27/3/2026</div>",
	       error ? " govuk-form-group--error" : "", name, label, name);
	if (error) {
		html_f(h, "<p class=\"govuk-error-message\" id=\"%s-error\"><span class=\"govuk-visually-hidden\">Error:"
			  "</span> %s</p>",
		       name, error);
	}
	html_f(h, "<input class=\"govuk-input govuk-input--width-10%s\" id=\"%s\" name=\"%s\" type=\"text\" "
		  "aria-describedby=\"%s-hint%s%s%s\" value=\"%s\"></div>",
	       error ? " govuk-input--error" : "", name, name, name, error ? " " : "", error ? name : "",
	       error ? "-error" : "", typed ? typed : "");
}

static void filter_form(struct web_request *r, struct html *h, const struct chron_filter *f)
{
	if (f->error) {
		html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
			  "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div "
			  "class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\"><li><a "
			  "href=\"#%s\">%s</a></li></ul></div></div></div>",
		       f->error_field, f->error);
	}
	html_f(h, "<form method=\"get\" action=\"/children/%lld/chronology\" class=\"hearth-filter\" "
		  "data-hearth=\"chronology-filter\"><div class=\"govuk-form-group%s\"><label class=\"govuk-label\" "
		  "for=\"kind\">Show</label>",
	       (long long)r->child_id, f->error_field && strcmp(f->error_field, "kind") == 0 ? " govuk-form-group--error" : "");
	html_f(h, "<select class=\"govuk-select\" id=\"kind\" name=\"kind\"><option value=\"\">Everything</option>");
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field >= 0 || e == &entity_child) {
			html_f(h, "<option value=\"%s\"%s>%s</option>", e->name,
			       f->kind && strcmp(f->kind, e->name) == 0 ? " selected" : "", capitalised(r, e->label));
		}
	}
	html_f(h, "</select></div>");
	bool from_bad = f->error_field && strcmp(f->error_field, "from") == 0;
	bool to_bad = f->error_field && strcmp(f->error_field, "to") == 0;
	date_input(h, "from", "From", f->from_text, from_bad ? f->error : NULL);
	date_input(h, "to", "To", f->to_text, to_bad ? f->error : NULL);
	html_f(h, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button "
		  "govuk-button--secondary\">Filter</button><a class=\"govuk-link\" href=\"/children/%lld/chronology\">"
		  "Clear filters</a></div></form>",
	       (long long)r->child_id);
}

/* Reads the filter; a bad one is noted in f (drawn beside its field), not refused outright. */
static void filter_read(struct web_request *r, struct chron_filter *f)
{
	*f = (struct chron_filter){.from = DATE_NONE, .to = DATE_NONE};
	const char *kind = web_query(r, "kind");
	f->from_text = web_query(r, "from");
	f->to_text = web_query(r, "to");
	if (kind && *kind) {
		const struct entity *e = entity_find(kind);
		if (!e || (e->child_field < 0 && e != &entity_child)) {
			f->error_field = "kind";
			f->error = "Show must be a kind of record";
		} else {
			f->kind = e->name;
		}
	}
	if (!f->error && !typed_date(f->from_text, &f->from)) {
		f->error_field = "from";
		f->error = "From must be a real date, like 27/3/2026";
	} else if (!f->error && !typed_date(f->to_text, &f->to)) {
		f->error_field = "to";
		f->error = "To must be a real date, like 27/3/2026";
	} else if (!f->error && f->from != DATE_NONE && f->to != DATE_NONE && f->to < f->from) {
		f->error_field = "to";
		f->error = "To must be the same as or after From";
	}
}

static void event_html(struct web_request *r, struct html *h, const struct chron_event *ev)
{
	char iso[DATE_STR_SIZE];
	const struct entity *e = entity_find(ev->entity);
	enum child_part p = e && e != &entity_child ? child_part_of(e) : PART_OVERVIEW;
	html_f(h, "<li class=\"govuk-!-margin-bottom-3\" data-record=\"%s\" data-id=\"%lld\" data-date=\"%s\"><strong>"
		  "%s</strong> ",
	       ev->entity, (long long)ev->row_id, date_format(ev->date, iso), page_date(r, ev->date));
	if (p < PART_MAX) {
		/* To the record's row in its part (the overview for the child's own events). */
		html_f(h, "<a class=\"govuk-link\" href=\"%s%s\">%s</a>", child_part_href(r, p),
		       p == PART_OVERVIEW ? "" : arena_printf(&r->a, "#%s-%lld", ev->entity, (long long)ev->row_id),
		       ev->title);
	} else {
		html_f(h, "%s", ev->title);
	}
	if (e && e != &entity_child) {
		html_f(h, " <a class=\"govuk-link govuk-body-s\" href=\"/children/%lld/records/%s/%lld/history\">History"
			  "<span class=\"govuk-visually-hidden\"> of this %s</span></a>",
		       (long long)r->child_id, ev->entity, (long long)ev->row_id, e->label);
	}
	if (ev->n_details) {
		html_f(h, "<dl class=\"govuk-body-s govuk-!-margin-0\">");
		/* Each pair in its own <div>, not split by a <br>: a <dl> may hold only dt/dd groups
		 * and divs (axe-core's definition-list rule, tests/browser/axe.test.mjs). */
		for (size_t k = 0; k < ev->n_details; k++) {
			html_f(h, "<div><dt class=\"govuk-!-display-inline govuk-!-font-weight-bold\">%s:</dt> "
				  "<dd class=\"govuk-!-display-inline govuk-!-margin-0 hearth-pre\">%s</dd></div>",
			       ev->details[k].label, detail_value(r, ev, &ev->details[k]));
		}
		html_f(h, "</dl>");
	}
	html_f(h, "</li>");
}

/* The record's events (of one kind, or all), oldest first. */
static void events_of(struct web_request *r, const struct child_view *v, const char *kind, struct chronology *ch)
{
	*ch = (struct chronology){0};
	if (!kind || strcmp(kind, "child") == 0) {
		chronology_add_row(ch, &entity_child, r->child_id, v->rec.child, &r->a);
	}
	for (int k = 0; k < model_entity_count && k < STORE_ENTITIES_MAX; k++) {
		const struct entity *e = model_entities[k];
		const struct store_rows *t = &v->rec.rows[k];
		if (e->child_field < 0 || (kind && strcmp(kind, e->name) != 0)) {
			continue;
		}
		for (size_t i = 0; i < t->n; i++) {
			chronology_add_row(ch, e, t->ids[i], t->rows[i], &r->a);
		}
	}
	chronology_sort(ch);
}

int child_chronology_html(struct web_request *r, struct html *h, const struct child_view *v)
{
	struct chron_filter f;
	int64_t page;
	int rc = web_query_page_number(r, &page);
	if (rc) {
		return rc;
	}
	filter_read(r, &f);
	html_f(h, "<h2 class=\"govuk-heading-m\" id=\"chronology\">Chronology</h2>");
	filter_form(r, h, &f);
	if (f.error) {
		return 400;
	}
	struct chronology ch;
	events_of(r, v, f.kind, &ch);
	/* Newest first, within the dates asked for. */
	const struct chron_event **shown = arena_alloc(&r->a, sizeof(*shown) * (ch.n ? ch.n : 1));
	size_t n = 0;
	for (size_t i = ch.n; i-- > 0;) {
		const struct chron_event *ev = &ch.events[i];
		if ((f.from == DATE_NONE || ev->date >= f.from) && (f.to == DATE_NONE || ev->date <= f.to)) {
			shown[n++] = ev;
		}
	}
	int64_t pages = n ? (int64_t)((n + CHRONOLOGY_PAGE - 1) / CHRONOLOGY_PAGE) : 1;
	size_t first = (size_t)(page - 1) * CHRONOLOGY_PAGE;
	size_t last = first + CHRONOLOGY_PAGE < n ? first + CHRONOLOGY_PAGE : n;
	if (!n) {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"chronology-count\">No events%s.</p>",
		       f.kind || f.from != DATE_NONE || f.to != DATE_NONE ? " match the filter" : " are recorded");
	} else if (first >= n) {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"chronology-count\">There is no page %lld: the %zu events "
			  "fill %lld.</p>",
		       (long long)page, n, (long long)pages);
	} else {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"chronology-count\">Events %zu to %zu of %zu, newest first."
			  "</p><ol class=\"govuk-list\" data-hearth=\"chronology\">",
		       first + 1, last, n);
		for (size_t i = first; i < last; i++) {
			event_html(r, h, shown[i]);
		}
		html_f(h, "</ol>");
	}
	/* The links keep the filter, its dates written as YYYY-MM-DD. */
	char d[DATE_STR_SIZE];
	const char *base = arena_printf(&r->a, "/children/%lld/chronology?", (long long)r->child_id);
	if (f.kind) {
		base = arena_printf(&r->a, "%skind=%s&", base, f.kind);
	}
	if (f.from != DATE_NONE) {
		base = arena_printf(&r->a, "%sfrom=%s&", base, date_format(f.from, d));
	}
	if (f.to != DATE_NONE) {
		base = arena_printf(&r->a, "%sto=%s&", base, date_format(f.to, d));
	}
	child_pagination(r, h, base, page, pages);
	return 200;
}

/* ---- the history ---- */

#define HISTORY_PAGE 50

static const char *change_words(const char *action)
{
	return strcmp(action, "insert") == 0 ? "Recorded" : strcmp(action, "update") == 0 ? "Corrected" : "Retracted";
}

/* "2026-03-31T10:11:12Z" as "31 Mar 2026 10:11". */
static const char *when(struct web_request *r, const char *at)
{
	char day[DATE_STR_SIZE];
	hdate d;
	if (!at || strlen(at) < 16) {
		return at ? at : "";
	}
	memcpy(day, at, 10);
	day[10] = '\0';
	if (date_parse(day, &d)) {
		return at;
	}
	return arena_printf(&r->a, "%s %.5s", page_date(r, d), at + 11);
}

int child_history_html(struct web_request *r, struct html *h)
{
	int64_t page, total;
	int rc = web_query_page_number(r, &page);
	if (rc) {
		return rc;
	}
	struct store_revision *revs;
	size_t n;
	struct hearth_error err = {0};
	if (store_web_child_revisions(r->sw, r->child_id, HISTORY_PAGE, (page - 1) * HISTORY_PAGE, &r->a, &revs, &n,
				      &total, &err)) {
		return web_fail_err(r, &err);
	}
	html_f(h, "<h2 class=\"govuk-heading-m\" id=\"history\">History</h2><p class=\"govuk-body\">Every change to "
		  "this child's record: who made it, when, and why. Open a record's history to see what changed.</p>");
	if (!n) {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"history-count\">%s</p>",
		       total ? "There are no more changes." : "No changes are recorded.");
	} else {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"history-count\">Changes %lld to %lld of %lld, newest first."
			  "</p><div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"history\"><thead "
			  "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
			  "class=\"govuk-table__header\">When</th><th scope=\"col\" class=\"govuk-table__header\">Record</th>"
			  "<th scope=\"col\" class=\"govuk-table__header\">Change</th><th scope=\"col\" "
			  "class=\"govuk-table__header\">By</th><th scope=\"col\" class=\"govuk-table__header\">Reason</th>"
			  "</tr></thead><tbody class=\"govuk-table__body\">",
		       (long long)((page - 1) * HISTORY_PAGE + 1), (long long)((page - 1) * HISTORY_PAGE + (int64_t)n),
		       (long long)total);
		for (size_t i = 0; i < n; i++) {
			const struct store_revision *v = &revs[i];
			const struct entity *e = entity_find(v->table);
			html_f(h, "<tr class=\"govuk-table__row\" data-revision=\"%lld\" data-record=\"%s\" data-id=\"%lld\"><td "
				  "class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">",
			       (long long)v->id, v->table, (long long)v->row_id, when(r, v->at));
			if (e == &entity_child) {
				html_f(h, "The child's details");
			} else {
				html_f(h, "<a class=\"govuk-link\" href=\"/children/%lld/records/%s/%lld/history\">%s %lld</a>",
				       (long long)r->child_id, v->table, (long long)v->row_id,
				       e ? capitalised(r, e->label) : v->table, (long long)v->row_id);
			}
			html_f(h, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td><td "
				  "class=\"govuk-table__cell\">%s</td></tr>",
			       change_words(v->action), v->actor, v->reason ? v->reason : "");
		}
		html_f(h, "</tbody></table></div>");
	}
	int64_t pages = total ? (total + HISTORY_PAGE - 1) / HISTORY_PAGE : 1;
	child_pagination(r, h, arena_printf(&r->a, "/children/%lld/history?", (long long)r->child_id), page, pages);
	return 200;
}
