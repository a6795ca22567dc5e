/* pages/family_help: a child's Family Help as a partner practitioner reads it back.
 *
 *   GET /children/{id}/family-help
 *
 * For a person who reaches a child through the Family Help they lead (PERM_FAMILY_HELP, the
 * role table) and reads no other part of the record: the child's name, the Family Help
 * episodes with their family plan, and the visits and case notes this person may read
 * (role_may_read_row: the partner's own), newest first, each with the links the role
 * table allows (records_row_links), and the ways to record a new one. What a row shows is
 * judged by the same one rule as the API's lists (web_rows_readable); nothing else of the
 * record is read into the page. The dispatcher has checked the child is in scope and
 * audits the read. */
#include <stdlib.h>
#include <string.h>

#include "web/pages/child.h"
#include "web/pages/pages.h"
#include "web/pages/records.h"

/* The kinds the page shows, each with the date it is ordered by (newest first). */
static const struct fh_kind {
	const struct entity *e;
	int date_field;
	const char *title, *none;
} fh_kinds[] = {
	{&entity_family_help, FAMILY_HELP_START_DATE, "Family Help", "No Family Help is recorded."},
	{&entity_visit, VISIT_VISIT_DATE, "Your visits", "You have recorded no visits."},
	{&entity_note, NOTE_NOTE_DATE, "Your case notes", "You have recorded no case notes."},
};

const char *child_home_href(struct web_request *r, int64_t child_id)
{
	if (!role_can(r->role, PERM_CHILD_READ) && role_can(r->role, PERM_FAMILY_HELP)) {
		return arena_printf(&r->a, "/children/%lld/family-help", (long long)child_id);
	}
	return arena_printf(&r->a, "/children/%lld", (long long)child_id);
}

struct fh_row {
	int64_t id;
	const struct hval *vals;
	hdate date;
};

static int row_newest_first(const void *a, const void *b)
{
	const struct fh_row *x = a, *y = b;
	if (x->date != y->date) {
		return x->date < y->date ? 1 : -1;
	}
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static void rows_html(struct web_request *r, struct html *h, const struct fh_kind *k, int64_t *ids, struct hval **rows,
		      size_t n)
{
	const struct entity *e = k->e;
	html_f(h, "<section class=\"govuk-!-margin-bottom-8\" data-hearth=\"%s-list\" aria-labelledby=\"%s-title\"><h2 "
		  "class=\"govuk-heading-m\" id=\"%s-title\">%s</h2>",
	       e->name, e->name, e->name, k->title);
	if (!n) {
		html_f(h, "<p class=\"govuk-body\">%s</p></section>", k->none);
		return;
	}
	struct fh_row *list = arena_alloc(&r->a, sizeof(*list) * n);
	for (size_t i = 0; i < n; i++) {
		const struct hval *d = &rows[i][k->date_field];
		list[i] = (struct fh_row){ids[i], rows[i], d->null ? DATE_NONE : (hdate)d->i};
	}
	qsort(list, n, sizeof(*list), row_newest_first);
	for (size_t i = 0; i < n; i++) {
		html_f(h, "<div class=\"govuk-summary-card\" id=\"%s-%lld\" data-hearth=\"row\" data-kind=\"%s\" "
			  "data-id=\"%lld\"><div class=\"govuk-summary-card__title-wrapper\"><h3 "
			  "class=\"govuk-summary-card__title\">%s, %s</h3>",
		       e->name, (long long)list[i].id, e->name, (long long)list[i].id,
		       e->fields[k->date_field].label, page_date(r, list[i].date));
		records_row_links(r, h, e, list[i].id);
		html_f(h, "</div><div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">");
		for (int f = 0; f < e->n_fields; f++) {
			if (f == e->child_field || f == k->date_field) {
				continue;
			}
			const char *v = page_value(r, &e->fields[f], &list[i].vals[f]);
			html_f(h, "<div class=\"govuk-summary-list__row\" data-field=\"%s\"><dt "
				  "class=\"govuk-summary-list__key\">%s</dt><dd class=\"govuk-summary-list__value "
				  "hearth-pre\">%s</dd></div>",
			       e->fields[f].name, e->fields[f].label, *v ? v : "Not recorded");
		}
		html_f(h, "</dl></div></div>");
	}
	html_f(h, "</section>");
}

/* GET /children/{id}/family-help */
int page_child_family_help(struct web_request *r)
{
	struct hval *child;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_child, r->child_id, &r->a, &child, &err)) {
		return web_fail_err(r, &err);
	}
	const char *name = page_child_name(r, child);
	struct html *h = page_begin(r, arena_printf(&r->a, "Family Help: %s", name), "caseload");
	html_f(h, "<a href=\"/caseload\" class=\"govuk-back-link\">Back to your children</a>");
	child_banners_html(r, h);
	html_f(h, "<span class=\"govuk-caption-l\">Family Help</span><h1 class=\"govuk-heading-l\">%s</h1>", name);
	long long id = (long long)r->child_id;
	html_f(h, "<div class=\"govuk-button-group\" data-hearth=\"actions\">");
	if (role_can(r->role, PERM_CHILD_WRITE) && role_may_record(r->role, &entity_visit)) {
		html_f(h, "<a class=\"govuk-button\" href=\"/children/%lld/visits/new\">Record a visit</a>", id);
	}
	if (role_can(r->role, PERM_CHILD_WRITE) && role_may_record(r->role, &entity_note)) {
		html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/notes/new\">Record a "
			  "case note</a>",
		       id);
	}
	if (role_can(r->role, PERM_CHILD_WRITE) && role_may_record(r->role, &entity_family_help)) {
		html_f(h, "<a class=\"govuk-button govuk-button--secondary\" href=\"/children/%lld/records/family_help/new\">"
			  "Record Family Help</a>",
		       id);
	}
	html_f(h, "</div>");
	for (size_t k = 0; k < sizeof(fh_kinds) / sizeof(fh_kinds[0]); k++) {
		const struct entity *e = fh_kinds[k].e;
		if (!role_may_read(r->role, e)) {
			continue;
		}
		int64_t *ids;
		struct hval **rows;
		size_t n;
		if (store_child_rows(r->st, e, r->child_id, &r->a, &ids, &rows, &n, &err)) {
			return web_fail_err(r, &err);
		}
		web_rows_readable(r, e, ids, rows, &n);
		rows_html(r, h, &fh_kinds[k], ids, rows, n);
	}
	return page_end(r, 200);
}
