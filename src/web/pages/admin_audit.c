/* pages/admin_audit: the audit trail for the role with audit_read — newest first, paged,
 * filtered by who (a username), which child (their LA child id) and a range of days. The
 * rows come from the store's filtered query (store_audit_page), the same trail `hearth
 * audit` reads. A child is shown by its number in the record only: this page opens no
 * record. Reading the trail is itself audited (the route's .audit). */
#include <stdio.h>
#include <string.h>

#include "web/pages/admin.h"
#include "web/pages/pages.h"

enum { A_USER, A_CHILD, A_FROM, A_TO, A__COUNT };

static const struct field audit_fields[A__COUNT] = {
	{"user", FT_STR, NULL, 0, "User"},
	{"child", FT_STR, NULL, 0, "Child (LA child id)"},
	{"from", FT_STR, NULL, 0, "From"},
	{"to", FT_STR, NULL, 0, "To"},
};
static const struct entity audit_form = {"admin_audit", "audit filter", audit_fields, A__COUNT, -1, NULL, 0};
static const int audit_order[] = {A_USER, A_CHILD, A_FROM, A_TO, -1};

static void input(struct html *h, const struct page_form *f, int i, const char *hint)
{
	const struct field *fd = &audit_fields[i];
	const char *e = f->error[i];
	html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label govuk-label--s\" for=\"%s\">%s</label>"
		  "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>",
	       e ? " govuk-form-group--error" : "", fd->name, fd->label, fd->name, hint);
	if (e) {
		html_f(h, "<p id=\"%s-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:"
			  "</span> %s</p>",
		       fd->name, e);
	}
	html_f(h, "<input class=\"govuk-input govuk-input--width-10%s\" id=\"%s\" name=\"%s\" type=\"text\" "
		  "aria-describedby=\"%s-hint\" value=\"%s\"></div>",
	       e ? " govuk-input--error" : "", fd->name, fd->name, fd->name, f->text[i] ? f->text[i] : "");
}

static void set_error(struct page_form *f, int i, const char *msg)
{
	f->error[i] = msg;
	f->n_errors++;
}

/* The break-glass openings no one has reviewed yet (store/break_glass.c), flagged above
 * the trail. 0, or the status answered. */
static int break_glass_list(struct web_request *r, struct html *h)
{
	struct store_audit_row *rows;
	size_t n;
	int64_t total;
	struct hearth_error err = {0};
	if (store_break_glass_to_review(r->st, 50, &r->a, &rows, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	if (total == 0) {
		html_f(h, "<p class=\"govuk-body\" data-hearth=\"break-glass\">No break-glass openings wait for review.</p>");
		return 0;
	}
	html_f(h, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!"
		  "</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
		  "%lld break-glass %s to review</strong></div>"
		  "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"break-glass\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">Break-glass openings to review, newest "
		  "first</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Row</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Child</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Reason given</th></tr></thead>"
		  "<tbody class=\"govuk-table__body\">",
	       (long long)total, total == 1 ? "opening" : "openings");
	for (size_t i = 0; i < n; i++) {
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%lld</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%lld</td><td class=\"govuk-table__cell\">%s</td></tr>",
		       (long long)rows[i].id, rows[i].at, rows[i].row.actor, (long long)rows[i].row.child_id,
		       rows[i].row.section);
	}
	html_f(h, "</tbody></table></div>");
	return 0;
}

int page_admin_audit(struct web_request *r)
{
	struct page_form f;
	page_form_init(r, &f, &audit_form, audit_order);
	struct store_audit_filter filter = {NULL, 0, DATE_NONE, DATE_NONE};
	struct hearth_error err = {0};
	for (int i = 0; i < A__COUNT; i++) {
		const char *v = web_query(r, audit_fields[i].name);
		f.text[i] = v && *v ? v : NULL;
	}
	if (f.text[A_USER]) {
		struct store_user u;
		if (store_user_by_name(r->st, f.text[A_USER], &r->a, &u, NULL) == 0) {
			filter.actor = arena_printf(&r->a, "user:%lld", (long long)u.id);
		} else {
			set_error(&f, A_USER, arena_printf(&r->a, "User: there is no user called %s", f.text[A_USER]));
		}
	}
	if (f.text[A_CHILD]) {
		if (store_find(r->st, &entity_child, CHILD_LA_CHILD_ID, f.text[A_CHILD], &filter.child_id, NULL)) {
			set_error(&f, A_CHILD, "Child: there is no child with that LA child id");
		}
	}
	if (f.text[A_FROM] && date_parse(f.text[A_FROM], &filter.from)) {
		set_error(&f, A_FROM, "From must be a real date, like 2026-03-31");
	}
	if (f.text[A_TO] && date_parse(f.text[A_TO], &filter.to)) {
		set_error(&f, A_TO, "To must be a real date, like 2026-03-31");
	}
	if (!f.n_errors && filter.from != DATE_NONE && filter.to != DATE_NONE && filter.from > filter.to) {
		set_error(&f, A_TO, "To must be the same as or after From");
	}
	int64_t limit, offset, total = 0;
	int rc = web_query_page(r, 50, 500, &limit, &offset);
	if (rc) {
		return rc;
	}
	struct store_audit_row *rows = NULL;
	size_t n = 0;
	if (!f.n_errors && store_audit_page(r->st, &filter, limit, offset, &r->a, &rows, &n, &total, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Audit trail", "admin");
	if (role_can(r->role, PERM_USER_ADMIN)) {
		admin_nav(h, "/admin/audit");
	}
	page_form_errors(r, h, &f);
	html_f(h, "<h1 class=\"govuk-heading-l\">Audit trail</h1><form method=\"get\" action=\"/admin/audit\" "
		  "novalidate class=\"hearth-filters\">");
	input(h, &f, A_USER, "Their username");
	input(h, &f, A_CHILD, "Every read and change of this child's record");
	input(h, &f, A_FROM, "YYYY-MM-DD");
	input(h, &f, A_TO, "YYYY-MM-DD");
	html_f(h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Filter</button></form>");
	if (f.n_errors) {
		return page_end(r, 400);
	}
	if (break_glass_list(r, h)) {
		return r->status;
	}
	html_f(h, "<div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"audit\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%lld %s, newest first</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Action</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Child</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Route</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">From</th></tr></thead><tbody class=\"govuk-table__body\">",
	       (long long)total, total == 1 ? "row" : "rows");
	for (size_t i = 0; i < n; i++) {
		const struct store_audit *a = &rows[i].row;
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">",
		       rows[i].at, a->actor, a->action);
		if (a->child_id) {
			html_f(h, "%lld", (long long)a->child_id);
		}
		html_f(h, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td></tr>",
		       a->section, a->route, a->address);
	}
	html_f(h, "</tbody></table></div>");
	/* Paging keeps the filter. */
	const char *q = arena_printf(&r->a, "user=%s&child=%s&from=%s&to=%s&limit=%lld",
				     page_url_encode(r, f.text[A_USER] ? f.text[A_USER] : ""),
				     page_url_encode(r, f.text[A_CHILD] ? f.text[A_CHILD] : ""),
				     page_url_encode(r, f.text[A_FROM] ? f.text[A_FROM] : ""),
				     page_url_encode(r, f.text[A_TO] ? f.text[A_TO] : ""), (long long)limit);
	html_f(h, "<nav class=\"govuk-pagination\" aria-label=\"Pages\">");
	if (offset > 0) {
		html_f(h, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" "
			  "href=\"/admin/audit?%s&amp;offset=%lld\" rel=\"prev\">Newer</a></div>",
		       q, (long long)(offset > limit ? offset - limit : 0));
	}
	if (offset + (int64_t)n < total) {
		html_f(h, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" "
			  "href=\"/admin/audit?%s&amp;offset=%lld\" rel=\"next\">Older</a></div>",
		       q, (long long)(offset + (int64_t)n));
	}
	html_f(h, "</nav>");
	return page_end(r, 200);
}
