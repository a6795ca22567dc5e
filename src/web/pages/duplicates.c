/* duplicates: the page of possible duplicate records (work/duplicates.h) for the front
 * door and managers, each pair with its score and reasons, and "not the same child".
 *
 *   GET  /duplicates            the likely pairs among the children the person sees (both
 *                               children in scope; restricted records only with a grant)
 *   POST /duplicates/not-same   a = id, b = id, reason: remembered, audited on both
 *
 * Managers (PERM_MERGE) also see a link to merge the pair (pages/merge.c). */
#include <stdlib.h>
#include <string.h>

#include "web/pages/pages.h"
#include "web/pages/page.h"
#include "work/duplicates.h"

#define PAIRS_SHOWN 200

static void reasons_html(struct html *h, unsigned reasons)
{
	html_f(h, "<ul class=\"govuk-list\">");
	for (int k = 0; k < DUP_REASONS; k++) {
		if (reasons & (1u << k)) {
			html_f(h, "<li data-reason=\"%s\">%s</li>", dup_reason_key((enum dup_reason)(1u << k)),
			       dup_reason_text((enum dup_reason)(1u << k)));
		}
	}
	html_f(h, "</ul>");
}

static void child_cell(struct web_request *r, struct html *h, const struct dup_child *c)
{
	html_f(h, "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/children/%lld\">%s %s</a><br>"
		  "<span class=\"govuk-hint\">%s, %s</span></td>",
	       (long long)c->id, c->given_name, c->family_name, c->la_child_id,
	       c->dob != DATE_NONE ? page_date(r, c->dob)
				   : arena_printf(&r->a, "expected %s", page_date(r, c->expected_dob)));
}

static int duplicates_page(struct web_request *r, const char *error, int64_t err_a, int64_t err_b, int status)
{
	struct dup_pair *pairs;
	size_t n;
	struct hearth_error err = {0};
	if (work_duplicates(r->st, &r->scope, &r->a, &pairs, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Possible duplicates", "duplicates");
	if (error) {
		html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
			  "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div "
			  "class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">"
			  "<li><a href=\"#reason-%lld-%lld\">%s</a></li></ul></div></div></div>",
		       (long long)err_a, (long long)err_b, error);
	}
	const char *done = web_query(r, "done");
	if (done && strcmp(done, "not_same") == 0) {
		html_f(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
			  "data-hearth=\"done\"><div class=\"govuk-notification-banner__content\"><p "
			  "class=\"govuk-notification-banner__heading\">Marked not the same child: the pair will not be "
			  "offered again</p></div></div>");
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">Possible duplicates</h1><p class=\"govuk-body\">Children who may "
		  "have been recorded twice, most likely first. %zu pair%s among the children you can see.</p>",
	       n, n == 1 ? "" : "s");
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"duplicates\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Score</th><th scope=\"col\" "
		  "class=\"govuk-table__header\">Child</th><th scope=\"col\" class=\"govuk-table__header\">Possibly the "
		  "same as</th><th scope=\"col\" class=\"govuk-table__header\">Why</th><th scope=\"col\" "
		  "class=\"govuk-table__header\">Decide</th></tr></thead><tbody class=\"govuk-table__body\">");
	bool may_merge = role_can(r->role, PERM_MERGE);
	for (size_t i = 0; i < n && i < PAIRS_SHOWN; i++) {
		const struct dup_pair *p = &pairs[i];
		html_f(h, "<tr class=\"govuk-table__row\" data-pair=\"%lld-%lld\"><td class=\"govuk-table__cell\">%d</td>",
		       (long long)p->a->id, (long long)p->b->id, p->score);
		child_cell(r, h, p->a);
		child_cell(r, h, p->b);
		html_f(h, "<td class=\"govuk-table__cell\">");
		reasons_html(h, p->reasons);
		html_f(h, "</td><td class=\"govuk-table__cell\"><form method=\"post\" action=\"/duplicates/not-same\">");
		page_csrf_field(r, h);
		html_f(h, "<input type=\"hidden\" name=\"a\" value=\"%lld\"><input type=\"hidden\" name=\"b\" "
			  "value=\"%lld\"><div class=\"govuk-form-group\"><label class=\"govuk-label\" "
			  "for=\"reason-%lld-%lld\">Why they are not the same child</label><input class=\"govuk-input\" "
			  "id=\"reason-%lld-%lld\" name=\"reason\" type=\"text\"></div><button type=\"submit\" "
			  "class=\"govuk-button govuk-button--secondary\">Not the same child</button></form>",
		       (long long)p->a->id, (long long)p->b->id, (long long)p->a->id, (long long)p->b->id,
		       (long long)p->a->id, (long long)p->b->id);
		if (may_merge) {
			html_f(h, "<a class=\"govuk-link\" href=\"/merge?keep=%lld&amp;other=%lld\">Merge these records</a>",
			       (long long)p->a->id, (long long)p->b->id);
		}
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table>");
	if (n > PAIRS_SHOWN) {
		html_f(h, "<p class=\"govuk-body\">The %d most likely are shown.</p>", PAIRS_SHOWN);
	}
	return page_end(r, status);
}

int page_duplicates(struct web_request *r)
{
	return duplicates_page(r, NULL, 0, 0, 200);
}

static int64_t form_id(struct web_request *r, const char *name)
{
	const char *t = web_form(r, name);
	char *end;
	long long v = t && *t ? strtoll(t, &end, 10) : 0;
	return t && *t && !*end && v > 0 ? (int64_t)v : 0;
}

int page_duplicates_not_same(struct web_request *r)
{
	int64_t a = form_id(r, "a"), b = form_id(r, "b");
	const char *reason = web_form(r, "reason");
	struct hearth_error err = {0};
	if (!a || !b || a == b) {
		return web_fail(r, 400, "child", "reference", "a and b must name two children");
	}
	/* Both children in the person's scope, else the same answer as no such child. */
	for (int i = 0; i < 2; i++) {
		int rc = store_child_visible(r->st, &r->scope, i ? b : a, &err);
		if (rc < 0) {
			return web_fail_err(r, &err);
		}
		if (rc == 0) {
			return web_fail(r, 404, "child", "not_found", "there is no such child");
		}
	}
	if (!reason || !reason[strspn(reason, " \t\r\n")]) {
		return duplicates_page(r, "Say why they are not the same child", a < b ? a : b, a < b ? b : a, 400);
	}
	if (store_not_duplicate_add(r->st, r->actor, a, b, reason, &err)) {
		if (err.code == HERR_CONFLICT || err.code == HERR_INVALID) {
			return duplicates_page(r, err.message, a < b ? a : b, a < b ? b : a, err.code == HERR_CONFLICT ? 409 : 400);
		}
		return web_fail_err(r, &err);
	}
	return page_redirect(r, "/duplicates?done=not_same");
}
