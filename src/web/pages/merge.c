/* merge: the manager's page that makes two records of one child one, and undoes it
 * (store/merge.c does the work).
 *
 *   GET  /merge?keep=A&other=B    both records side by side, a reason, Merge
 *   POST /merge                   keep, other, reason: every row of other moves to keep
 *   GET  /merge?merge=N&done=...  what a merge did, with Undo while it stands
 *   POST /merge/undo              merge, reason: every row back exactly
 *
 * Both children must be in the manager's scope (a restricted one only with a grant): the
 * same answer as no such child otherwise. */
#include <stdlib.h>
#include <string.h>

#include "web/pages/page.h"
#include "web/pages/pages.h"

static int64_t id_in(const char *t)
{
	char *end;
	long long v = t && *t ? strtoll(t, &end, 10) : 0;
	return t && *t && !*end && v > 0 ? (int64_t)v : 0;
}

static void error_summary(struct html *h, const char *href, const char *message)
{
	html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 "
		  "class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">"
		  "<ul class=\"govuk-list govuk-error-summary__list\"><li><a href=\"#%s\">%s</a></li></ul></div></div></div>",
	       href, message);
}

/* 1 when both are live children in scope; 0 (a 404 answered) when not; <0 on failure. */
static int both_visible(struct web_request *r, int64_t a, int64_t b)
{
	struct hearth_error err = {0};
	for (int i = 0; i < 2; i++) {
		int rc = store_child_visible(r->st, &r->scope, i ? b : a, &err);
		if (rc < 0) {
			web_fail_err(r, &err);
			return rc;
		}
		if (rc == 0) {
			web_fail(r, 404, i ? "other" : "keep", "not_found", "there is no such child");
			return 0;
		}
	}
	return 1;
}

static void child_summary(struct web_request *r, struct html *h, const char *title, int64_t id)
{
	struct hval *v;
	if (store_get(r->st, &entity_child, id, &r->a, &v, NULL)) {
		return;
	}
	html_f(h, "<div class=\"govuk-grid-column-one-half\"><h2 class=\"govuk-heading-m\">%s</h2><dl "
		  "class=\"govuk-summary-list\" data-hearth=\"%s\">",
	       title, strcmp(title, "Keep") == 0 ? "keep" : "other");
	const char *rows[][2] = {
		{"Name", arena_printf(&r->a, "%s %s", v[CHILD_GIVEN_NAME].s, v[CHILD_FAMILY_NAME].s)},
		{"LA child id", v[CHILD_LA_CHILD_ID].s},
		{"Date of birth", v[CHILD_DOB].null ? (v[CHILD_EXPECTED_DOB].null ? "Not known"
							: arena_printf(&r->a, "expected %s",
								       page_date(r, (hdate)v[CHILD_EXPECTED_DOB].i)))
						 : page_date(r, (hdate)v[CHILD_DOB].i)},
		{"NHS number", v[CHILD_NHS_NUMBER].null ? "Not known" : v[CHILD_NHS_NUMBER].s},
		{"UPN", v[CHILD_UPN].null ? "Not known" : v[CHILD_UPN].s},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt><dd "
			  "class=\"govuk-summary-list__value\">%s</dd></div>",
		       rows[i][0], rows[i][1]);
	}
	html_f(h, "</dl><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/%lld\">Open the record</a></p>"
		  "</div>",
	       (long long)id);
}

static int merge_form(struct web_request *r, int64_t keep, int64_t other, const char *error, int status)
{
	struct html *h = page_begin(r, "Merge two records", "duplicates");
	if (error) {
		error_summary(h, "reason", error);
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">Merge two records of one child</h1><p class=\"govuk-body\">Every "
		  "record of the second child moves to the first. The second is kept, marked as merged, and its "
		  "address leads to the first. A merge can be undone.</p><div class=\"govuk-grid-row\">");
	child_summary(r, h, "Keep", keep);
	child_summary(r, h, "Merge into it", other);
	html_f(h, "</div><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/merge?keep=%lld&amp;other=%lld\">Keep "
		  "the other one instead</a></p><form method=\"post\" action=\"/merge\">",
	       (long long)other, (long long)keep);
	page_csrf_field(r, h);
	html_f(h, "<input type=\"hidden\" name=\"keep\" value=\"%lld\"><input type=\"hidden\" name=\"other\" "
		  "value=\"%lld\"><div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"reason\">Why "
		  "these are one child</label>%s<textarea class=\"govuk-textarea\" id=\"reason\" name=\"reason\" "
		  "rows=\"3\"></textarea></div><button type=\"submit\" class=\"govuk-button govuk-button--warning\">Merge "
		  "the records</button></form>",
	       (long long)keep, (long long)other, error ? " govuk-form-group--error" : "",
	       error ? "<p id=\"reason-error\" class=\"govuk-error-message\">Say why these are one child</p>" : "");
	return page_end(r, status);
}

static int merge_done(struct web_request *r, int64_t merge_id, const char *error, int status)
{
	struct store_merge_info m;
	struct hearth_error err = {0};
	if (store_merge_get(r->st, merge_id, &r->a, &m, &err)) {
		return err.code == HERR_NOT_FOUND ? web_fail(r, 404, "merge", "not_found", "there is no such merge")
						  : web_fail_err(r, &err);
	}
	/* The kept child in scope: a merge of children one cannot see is not shown. */
	int v = store_child_visible(r->st, &r->scope, m.keep_id, &err);
	if (v != 1) {
		return v < 0 ? web_fail_err(r, &err) : web_fail(r, 404, "merge", "not_found", "there is no such merge");
	}
	struct html *h = page_begin(r, "Merge", "duplicates");
	if (error) {
		error_summary(h, "reason", error);
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">Merge %lld</h1><dl class=\"govuk-summary-list\" data-hearth=\"merge\">"
		  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Kept</dt><dd "
		  "class=\"govuk-summary-list__value\"><a class=\"govuk-link\" href=\"/children/%lld\">child %lld</a></dd>"
		  "</div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Merged into it</dt><dd "
		  "class=\"govuk-summary-list__value\">child %lld</dd></div><div class=\"govuk-summary-list__row\"><dt "
		  "class=\"govuk-summary-list__key\">Rows moved</dt><dd class=\"govuk-summary-list__value\" "
		  "data-hearth=\"rows\">%lld</dd></div><div class=\"govuk-summary-list__row\"><dt "
		  "class=\"govuk-summary-list__key\">Why</dt><dd class=\"govuk-summary-list__value\">%s</dd></div><div "
		  "class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">By</dt><dd "
		  "class=\"govuk-summary-list__value\">%s, %s</dd></div><div class=\"govuk-summary-list__row\"><dt "
		  "class=\"govuk-summary-list__key\">Status</dt><dd class=\"govuk-summary-list__value\" "
		  "data-hearth=\"status\">%s</dd></div></dl>",
	       (long long)m.id, (long long)m.keep_id, (long long)m.keep_id, (long long)m.other_id, (long long)m.rows,
	       m.reason, m.merged_by, m.merged_at, m.undone_at ? arena_printf(&r->a, "Undone %s", m.undone_at) : "Stands");
	if (!m.undone_at) {
		html_f(h, "<form method=\"post\" action=\"/merge/undo\">");
		page_csrf_field(r, h);
		html_f(h, "<input type=\"hidden\" name=\"merge\" value=\"%lld\"><div class=\"govuk-form-group\"><label "
			  "class=\"govuk-label\" for=\"reason\">Why undo it</label><textarea class=\"govuk-textarea\" "
			  "id=\"reason\" name=\"reason\" rows=\"2\"></textarea></div><button type=\"submit\" "
			  "class=\"govuk-button govuk-button--secondary\">Undo the merge</button></form>",
		       (long long)m.id);
	}
	return page_end(r, status);
}

int page_merge(struct web_request *r)
{
	int64_t merge_id = id_in(web_query(r, "merge"));
	if (merge_id) {
		return merge_done(r, merge_id, NULL, 200);
	}
	/* Two records are chosen on the list of possible duplicates: with none named, go there. */
	if (!web_query(r, "keep") && !web_query(r, "other")) {
		return page_redirect(r, "/duplicates");
	}
	int64_t keep = id_in(web_query(r, "keep")), other = id_in(web_query(r, "other"));
	if (!keep || !other || keep == other) {
		return web_fail(r, 400, "keep", "reference", "keep and other must name two children");
	}
	int rc = both_visible(r, keep, other);
	if (rc <= 0) {
		return r->status;
	}
	return merge_form(r, keep, other, NULL, 200);
}

int page_merge_post(struct web_request *r)
{
	int64_t keep = id_in(web_form(r, "keep")), other = id_in(web_form(r, "other"));
	const char *reason = web_form(r, "reason");
	if (!keep || !other || keep == other) {
		return web_fail(r, 400, "keep", "reference", "keep and other must name two children");
	}
	int rc = both_visible(r, keep, other);
	if (rc <= 0) {
		return r->status;
	}
	if (!reason || !reason[strspn(reason, " \t\r\n")]) {
		return merge_form(r, keep, other, "Say why these are one child", 400);
	}
	struct hearth_error err = {0};
	int64_t merge_id;
	size_t moved;
	if (store_merge(r->st, r->actor, keep, other, reason, &merge_id, &moved, &err)) {
		if (err.code == HERR_INVALID || err.code == HERR_CONFLICT) {
			return merge_form(r, keep, other, err.message, 400);
		}
		return web_fail_err(r, &err);
	}
	return page_redirect(r, arena_printf(&r->a, "/merge?merge=%lld&done=merged", (long long)merge_id));
}

int page_merge_undo(struct web_request *r)
{
	int64_t merge_id = id_in(web_form(r, "merge"));
	const char *reason = web_form(r, "reason");
	if (!merge_id) {
		return web_fail(r, 400, "merge", "reference", "merge must name a merge");
	}
	struct store_merge_info m;
	struct hearth_error err = {0};
	if (store_merge_get(r->st, merge_id, &r->a, &m, &err)) {
		return err.code == HERR_NOT_FOUND ? web_fail(r, 404, "merge", "not_found", "there is no such merge")
						  : web_fail_err(r, &err);
	}
	int v = store_child_visible(r->st, &r->scope, m.keep_id, &err);
	if (v != 1) {
		return v < 0 ? web_fail_err(r, &err) : web_fail(r, 404, "merge", "not_found", "there is no such merge");
	}
	if (!reason || !reason[strspn(reason, " \t\r\n")]) {
		return merge_done(r, merge_id, "Say why the merge is undone", 400);
	}
	size_t moved;
	if (store_merge_undo(r->st, r->actor, merge_id, reason, &moved, &err)) {
		if (err.code == HERR_INVALID || err.code == HERR_CONFLICT) {
			return merge_done(r, merge_id, err.message, 409);
		}
		return web_fail_err(r, &err);
	}
	return page_redirect(r, arena_printf(&r->a, "/merge?merge=%lld&done=undone", (long long)merge_id));
}
