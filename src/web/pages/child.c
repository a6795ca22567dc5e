/* pages/child: the child's record as people read it, and the forms that add to it
 * (a visit, a case note, a reallocation).
 *
 * The page is a summary header (status, legal status, placement, allocated worker, how
 * many social workers in 12 months), what is due, what the DfE's rules find, the
 * chronology (newest first, filterable by kind of record) and one section per part of
 * the record. The sections are data (the table below): which tables each shows, drawn
 * from the tables' own descriptors, so a new column appears without a line here. The
 * dispatcher has already checked the child is in scope and audits the read. */
#include <stdlib.h>
#include <string.h>

#include "clock/clock.h"
#include "model/chronology.h"
#include "returns/returns.h"
#include "web/pages/pages.h"
#include "web/actions.h"
#include "web/children.h"
#include "web/pages/page.h"

/* ---- the record's rows, loaded once ---- */

struct table_rows {
	int64_t *ids;
	struct hval **rows;
	size_t n;
};

struct record {
	struct hval *child;
	struct casefile cf;
	struct table_rows tables[64];	/* by index in model_entities */
};

static int entity_index(const struct entity *e)
{
	for (int k = 0; k < model_entity_count; k++) {
		if (model_entities[k] == e) {
			return k;
		}
	}
	return -1;
}

static int record_load(struct web_request *r, struct record *rec, bool rows)
{
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &rec->child, &err) ||
	    store_casefile_load(r->st, r->child_id, &r->a, &rec->cf, &err)) {
		return web_fail_err(r, &err);
	}
	memset(rec->tables, 0, sizeof(rec->tables));
	for (int k = 0; rows && k < model_entity_count && k < 64; k++) {
		const struct entity *e = model_entities[k];
		struct table_rows *t = &rec->tables[k];
		if (e->child_field >= 0 &&
		    store_child_rows(r->st, e, r->child_id, &r->a, &t->ids, &t->rows, &t->n, &err)) {
			return web_fail_err(r, &err);
		}
	}
	return 0;
}

/* ---- the sections ---- */

static const struct section {
	const char *id, *title;
	const struct entity *tables[7];
	bool optional;		/* left out when the child has none of it */
} sections[] = {
	{"allocations", "Allocations", {&entity_allocation}, false},
	{"visits", "Visits", {&entity_visit}, false},
	{"notes", "Case notes", {&entity_note}, false},
	{"plans", "Plans and reviews",
	 {&entity_cin_plan, &entity_cp_plan, &entity_cp_review, &entity_core_group, &entity_cla_review,
	  &entity_pathway_plan},
	 false},
	{"front-door", "Contacts, referrals and assessments",
	 {&entity_contact, &entity_early_help, &entity_referral, &entity_assessment, &entity_s47}, true},
	{"care", "Episodes in care", {&entity_cla_episode}, true},
	{"education", "Education and PEPs", {&entity_education, &entity_pep}, false},
	{"health", "Health", {&entity_health}, false},
	{"missing", "Missing episodes and return interviews", {&entity_missing}, true},
	{"proceedings", "Care proceedings", {&entity_proceedings}, true},
	{"permanence", "Permanence", {&entity_permanence, &entity_adoption}, true},
	{"leaving-care", "Leaving care", {&entity_leaver_contact, &entity_pathway_plan}, true},
	{"family", "Family and relationships", {&entity_relationship, &entity_child_disability}, true},
};

static size_t section_rows(const struct record *rec, const struct section *s)
{
	size_t n = 0;
	for (int i = 0; s->tables[i]; i++) {
		int k = entity_index(s->tables[i]);
		n += k >= 0 ? rec->tables[k].n : 0;
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

static void table_rows_html(struct web_request *r, struct html *h, const struct entity *e, const struct table_rows *t,
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
		/* "school placement" reads as "School placements". */
		html_f(h, "<caption class=\"govuk-table__caption govuk-table__caption--s\">%c%ss</caption>",
		       e->label[0] >= 'a' && e->label[0] <= 'z' ? e->label[0] - 32 : e->label[0], e->label + 1);
	}
	html_f(h, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (int f = 0; f < e->n_fields; f++) {
		if (f != e->child_field) {
			html_f(h, "<th scope=\"col\" class=\"govuk-table__header\">%s</th>", e->fields[f].label);
		}
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
		html_f(h, "</tr>");
	}
	html_f(h, "</tbody></table></div>");
}

static void section_html(struct web_request *r, struct html *h, const struct record *rec, const struct section *s)
{
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"%s\" aria-labelledby=\"%s-title\"><h2 "
		  "class=\"govuk-heading-m\" id=\"%s-title\">%s</h2>",
	       s->id, s->id, s->id, s->title);
	bool any = false;
	int kinds = 0;
	for (int i = 0; s->tables[i]; i++) {
		int k = entity_index(s->tables[i]);
		kinds += k >= 0 && rec->tables[k].n > 0;
	}
	for (int i = 0; s->tables[i]; i++) {
		int k = entity_index(s->tables[i]);
		if (k >= 0 && rec->tables[k].n) {
			table_rows_html(r, h, s->tables[i], &rec->tables[k], kinds > 1);
			any = true;
		}
	}
	if (!any) {
		html_f(h, "<p class=\"govuk-body\">None recorded.</p>");
	}
	html_f(h, "</section>");
}

/* ---- the chronology ---- */

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

static void chronology_html(struct web_request *r, struct html *h, const struct record *rec, const char *kind)
{
	struct chronology ch = {0};
	chronology_add_row(&ch, &entity_child, r->child_id, rec->child, &r->a);
	for (int k = 0; k < model_entity_count && k < 64; k++) {
		const struct entity *e = model_entities[k];
		const struct table_rows *t = &rec->tables[k];
		if (kind && strcmp(kind, e->name) != 0) {
			continue;
		}
		for (size_t i = 0; i < t->n; i++) {
			chronology_add_row(&ch, e, t->ids[i], t->rows[i], &r->a);
		}
	}
	chronology_sort(&ch);
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"chronology\" aria-labelledby=\"chronology-title\">"
		  "<h2 class=\"govuk-heading-m\" id=\"chronology-title\">Chronology</h2>"
		  "<form method=\"get\" action=\"/children/%lld#chronology\" class=\"govuk-!-margin-bottom-4\">"
		  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"kind\">Show</label>"
		  "<select class=\"govuk-select\" id=\"kind\" name=\"kind\"><option value=\"\">Everything</option>",
	       (long long)r->child_id);
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field >= 0 || e == &entity_child) {
			html_f(h, "<option value=\"%s\"%s>%s</option>", e->name, kind && strcmp(kind, e->name) == 0 ? " selected" : "",
			       e->label);
		}
	}
	html_f(h, "</select> <button type=\"submit\" class=\"govuk-button govuk-button--secondary "
		  "govuk-!-margin-bottom-0\">Filter</button></div></form>");
	const size_t max = 300;
	html_f(h, "<ol class=\"govuk-list\" data-hearth=\"chronology\">");
	size_t shown = 0;
	for (size_t i = ch.n; i-- > 0 && shown < max; shown++) {
		const struct chron_event *ev = &ch.events[i];
		html_f(h, "<li class=\"govuk-!-margin-bottom-3\" data-record=\"%s\" data-id=\"%lld\"><strong>%s</strong> "
			  "%s",
		       ev->entity, (long long)ev->row_id, page_date(r, ev->date), ev->title);
		if (ev->n_details) {
			html_f(h, "<dl class=\"govuk-body-s govuk-!-margin-0\">");
			for (size_t k = 0; k < ev->n_details; k++) {
				html_f(h, "<dt class=\"govuk-!-display-inline govuk-!-font-weight-bold\">%s:</dt> "
					  "<dd class=\"govuk-!-display-inline govuk-!-margin-0 hearth-pre\">%s</dd><br>",
				       ev->details[k].label, detail_value(r, ev, &ev->details[k]));
			}
			html_f(h, "</dl>");
		}
		html_f(h, "</li>");
	}
	html_f(h, "</ol>");
	if (shown < ch.n) {
		html_f(h, "<p class=\"govuk-body\">The %zu most recent of %zu events are shown; filter to see older ones.</p>",
		       shown, ch.n);
	}
	html_f(h, "</section>");
}

/* ---- the summary header ---- */

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

static void header_html(struct web_request *r, struct html *h, const struct record *rec, hdate today)
{
	const struct casefile *cf = &rec->cf;
	const struct hval *c = rec->child;
	enum child_status st = status_at(cf, today);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s ", c[CHILD_LA_CHILD_ID].s,
	       page_child_name(r, c));
	page_status_tag(h, st);
	html_f(h, "</h1>");
	const struct cf_episode *ep = episode_on(cf, today);
	html_f(h, "<dl class=\"govuk-summary-list\" data-hearth=\"summary\">");
	const char *dob = c[CHILD_DOB].null ? (c[CHILD_EXPECTED_DOB].null ? NULL
						 : arena_printf(&r->a, "Unborn, expected %s",
								page_date(r, (hdate)c[CHILD_EXPECTED_DOB].i)))
					    : arena_printf(&r->a, "%s (age %d)", page_date(r, (hdate)c[CHILD_DOB].i),
							   date_age((hdate)c[CHILD_DOB].i, today));
	summary_row(h, "Date of birth", dob);
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
	html_f(h, "</dl>");
}

static void due_html(struct web_request *r, struct html *h, const struct casefile *cf, hdate today)
{
	struct settings s;
	web_settings_load(r, &s);
	struct clock_list l = CLOCK_LIST_INIT;
	clock_child(cf, today, &s, &r->a, &l);
	clock_sort(&l);
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" id=\"due\" aria-labelledby=\"due-title\"><h2 "
		  "class=\"govuk-heading-m\" id=\"due-title\">What is due</h2>");
	if (!l.n) {
		html_f(h, "<p class=\"govuk-body\">Nothing is due.</p></section>");
		return;
	}
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"child-due\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Due</th><th scope=\"col\" "
		  "class=\"govuk-table__header\">What</th><th scope=\"col\" class=\"govuk-table__header\">State</th></tr>"
		  "</thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < l.n; i++) {
		const struct clock_item *it = &l.items[i];
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td><td "
			  "class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell%s\">",
		       page_date(r, it->due), it->rule->title, it->status == CLOCK_OVERDUE ? " hearth-overdue" : "");
		if (it->status == CLOCK_OVERDUE) {
			html_f(h, "%d %s overdue", it->days_overdue, it->days_overdue == 1 ? "day" : "days");
		} else {
			html_f(h, "%s", it->status == CLOCK_DUE ? "Due today" : it->status == CLOCK_DUE_SOON ? "Due soon" : "Upcoming");
		}
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table></section>");
}

/* What the DfE's rules find in this child's record for this year's returns. */
static void findings_html(struct web_request *r, struct html *h, const struct record *rec, hdate today)
{
	struct returns_extras *x = NULL;
	struct hearth_error err = {0};
	int year = returns_year_of(today);
	year = year > RETURNS_YEAR_MAX ? RETURNS_YEAR_MAX : year;
	if (returns_extras_load(r->st, r->child_id, &r->a, &x, &err)) {
		x = NULL; /* the rules then see blanks where the extras would be */
	}
	struct returns_findings f = {0};
	for (int k = 0; k < RETURN_KIND_MAX; k++) {
		returns_validate_child(&rec->cf, x, (enum returns_kind)k, year, &r->a, &f);
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

/* ---- GET /children/{id} ---- */

static const struct {
	const char *done, *message;
} done_messages[] = {
	{"visit", "The visit has been recorded"},
	{"note", "The case note has been recorded"},
	{"reallocated", "The child has been reallocated"},
};

int page_child(struct web_request *r)
{
	const char *kind = web_query(r, "kind"), *done = web_query(r, "done");
	if (kind && *kind) {
		const struct entity *e = entity_find(kind);
		if (!e || (e->child_field < 0 && e != &entity_child)) {
			return web_fail(r, 400, "kind", "code", "kind must name a kind of record");
		}
	} else {
		kind = NULL;
	}
	hdate today;
	int rc = web_query_date(r, "as_at", date_today(), &today);
	struct record *rec = arena_alloc(&r->a, sizeof(*rec));
	if (rc || (rc = record_load(r, rec, true))) {
		return rc;
	}
	struct html *h = page_begin(r, page_child_name(r, rec->child), NULL);
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
	/* A save the DfE's rules now object to (a warning: an impossible record is refused). */
	const char *nf = web_query(r, "new_findings");
	if (nf && strcmp(nf, "0") != 0 && strspn(nf, "0123456789") == strlen(nf) && strlen(nf) < 6) {
		html_f(h, "<div class=\"govuk-warning-text\" data-hearth=\"new-findings\"><span class=\"govuk-warning-text__icon\" "
			  "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
			  "class=\"govuk-visually-hidden\">Warning</span>Saved, but the DfE's validation rules now find %s "
			  "new %s in this record: see <a class=\"govuk-link\" href=\"#findings\">Data quality</a>.</strong></div>",
		       nf, strcmp(nf, "1") == 0 ? "thing to fix" : "things to fix");
	}
	header_html(r, h, rec, today);
	if (role_can(r->role, PERM_CHILD_WRITE) && !role_read_only(r->role)) {
		html_f(h, "<div class=\"govuk-button-group\"><a class=\"govuk-button\" href=\"/children/%lld/visits/new\">"
			  "Record a visit</a><a class=\"govuk-button govuk-button--secondary\" "
			  "href=\"/children/%lld/notes/new\">Record a case note</a>",
		       (long long)r->child_id, (long long)r->child_id);
		if (role_can(r->role, PERM_ALLOCATE)) {
			html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/reallocate\">"
				  "Reallocate</a>",
			       (long long)r->child_id);
		}
		html_f(h, "</div>");
	} else if (role_can(r->role, PERM_ALLOCATE) && !role_read_only(r->role)) {
		html_f(h, "<div class=\"govuk-button-group\"><a class=\"govuk-button govuk-button--secondary\" "
			  "href=\"/children/%lld/reallocate\">Reallocate</a></div>",
		       (long long)r->child_id);
	}
	/* Contents: what this record holds. */
	html_f(h, "<nav aria-label=\"Sections of the record\"><h2 class=\"govuk-heading-s\">Contents</h2><ul "
		  "class=\"govuk-list\"><li><a class=\"govuk-link\" href=\"#due\">What is due</a></li><li><a "
		  "class=\"govuk-link\" href=\"#findings\">Data quality</a></li><li><a class=\"govuk-link\" "
		  "href=\"#chronology\">Chronology</a></li>");
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		size_t n = section_rows(rec, &sections[i]);
		if (n || !sections[i].optional) {
			html_f(h, "<li><a class=\"govuk-link\" href=\"#%s\">%s</a> (%zu)</li>", sections[i].id,
			       sections[i].title, n);
		}
	}
	html_f(h, "</ul></nav>");
	due_html(r, h, &rec->cf, today);
	findings_html(r, h, rec, today);
	chronology_html(r, h, rec, kind);
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		if (!sections[i].optional || section_rows(rec, &sections[i])) {
			section_html(r, h, rec, &sections[i]);
		}
	}
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
	html_f(h, "<a href=\"/children/%lld\" class=\"govuk-back-link\">Back to the record</a>", (long long)r->child_id);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, f);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">%s</h1>"
		  "<form method=\"post\" action=\"/children/%lld/%s\" novalidate>",
	       page_child_name(r, child), rf->title, (long long)r->child_id, rf->action);
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">%s</button></form></div></div>", rf->button);
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
	return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=%s&new_findings=%zu#chronology",
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
	struct record rec;
	int rc = record_load(r, &rec, false);
	if (rc) {
		return rc;
	}
	struct html *h = page_begin(r, "Reallocate", NULL);
	html_f(h, "<a href=\"/children/%lld\" class=\"govuk-back-link\">Back to the record</a>", (long long)r->child_id);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, f);
	html_f(h, "<span class=\"govuk-caption-l\">%s</span><h1 class=\"govuk-heading-l\">Reallocate</h1>",
	       page_child_name(r, rec.child));
	html_f(h, "<p class=\"govuk-body\">Allocated now: %s. The current allocation of the same kind ends on the "
		  "new one's start date, with the reason you give.</p>",
	       allocated(r, &rec.cf, ALLOC_SOCIAL_WORKER, date_today()) ? allocated(r, &rec.cf, ALLOC_SOCIAL_WORKER, date_today())
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
	return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=reallocated&new_findings=%zu#allocations",
					     (long long)r->child_id, warnings.n));
}
