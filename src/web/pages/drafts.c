/* pages/drafts: nothing typed is ever lost. A form in progress is kept on the server as
 * a draft, per person and form (the form page's path), until the form is saved.
 *
 * How a form opts in (see page.h): its GET route says .draft = true in the route table;
 * its GET handler calls page_draft_restore (a draft of this form becomes the request's
 * form fields, as if just posted, and page_begin shows "Restored your draft" with a
 * Discard button); the form itself carries page_draft_controls (the hidden draft path,
 * which hearth.js autosaves the form by, and a Save draft button that does the same
 * without JavaScript); and its POST handler calls page_draft_done once the record is
 * saved, which deletes the draft.
 *
 * A draft is not the record (store/drafts.c): no revision, nothing that reads the record
 * sees it. The audit trail says who saved or discarded a draft of which child's form, but
 * never what it held: the trail is kept for ever and chained, so typed text put there
 * could never be discarded, and what a child said belongs in the record once it is saved,
 * not in a log of keystrokes.
 *
 * Why a post that arrives after the session expired is not turned into a draft: without
 * a live session the request says nobody who may be trusted (an ended session's cookie
 * identifies its person only as well as whoever holds that cookie, and accepting writes
 * under it would undo what ending it is for). So the typing is kept before that moment:
 * by the autosave while JavaScript runs, and by the Save draft button where it does not;
 * and the sign-in that follows the expiry returns the person to the form, refilled. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/validate.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

#define DRAFT_TITLE_MAX 120
#define DRAFT_FIELDS_MAX 65536	/* characters typed (names and values), as a form's own post */
#define LOCAL_PATH_MAX 512

/* ---- local paths ---- */

static bool path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
	       c == '_' || c == '.';
}

const char *page_local_path(struct web_request *r, const char *text, bool query)
{
	if (!text) {
		return NULL;
	}
	size_t n = strlen(text);
	/* One leading "/" and not two, nor "/\": a browser takes "//host" and "/\host" to be
	 * another site. Only a path's own characters, so no scheme, no CR or LF (a second
	 * header), no escapes that decode to any of these; no "." segments. */
	if (n == 0 || n > LOCAL_PATH_MAX || text[0] != '/' || text[1] == '/' || text[1] == '\\' ||
	    strstr(text, "/.")) {
		return NULL;
	}
	size_t path_len = strcspn(text, "?");
	for (size_t i = 0; i < path_len; i++) {
		if (!path_char(text[i])) {
			return NULL;
		}
	}
	if (path_len < n) {
		if (!query) {
			return NULL;
		}
		for (size_t i = path_len + 1; i < n; i++) {
			unsigned char c = (unsigned char)text[i];
			if (c <= ' ' || c >= 0x7f || strchr("\"'<>\\`#", c)) {
				return NULL;
			}
		}
	}
	/* And it names a page for signed-in people: nothing else is worth returning to. */
	char *path = arena_strdup(&r->a, text);
	path[path_len] = '\0';
	bool known;
	const struct web_route *rt = web_route_match(WEB_GET, path, &known, NULL, NULL);
	return rt && rt->page && !rt->open ? text : NULL;
}

const char *page_url_encode(struct web_request *r, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(&r->a, n * 3 + 5);
	return html_url_encode(s, out, n * 3 + 5);
}

/* "27 Mar 2026 at 14:05", the server's local time. */
static const char *when(struct web_request *r, hinstant t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char day[32];
	if (!localtime_r(&tt, &tm) || !strftime(day, sizeof(day), "%b %Y at %H:%M", &tm)) {
		return "";
	}
	return arena_printf(&r->a, "%d %s", tm.tm_mday, day);
}

/* ---- which forms may have drafts, for whom ---- */

/* The child a form's path names: the segment where its route has {id}. */
static int64_t path_child(const struct web_route *rt, const char *path)
{
	const char *at = strstr(rt->path, "{id}");
	int seg = 0;
	for (const char *p = rt->path; at && p < at; p++) {
		seg += *p == '/';
	}
	const char *s = path;
	for (int k = 0; k < seg && s; k++) {
		s = strchr(s, '/');
		s = s ? s + 1 : NULL;
	}
	if (!at || !s) {
		return 0;
	}
	size_t n = strcspn(s, "/");
	int64_t v = 0;
	if (n == 0 || n > 18 || strspn(s, "0123456789") < n) {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Checks that path is a form this person may fill in (a .draft route their role may open,
 * about a child in their scope), and finds its child. 0, or the refusal's status. */
static int draft_target(struct web_request *r, const char *path, int64_t *child)
{
	*child = 0;
	bool known;
	const struct web_route *rt = path && page_local_path(r, path, false)
					     ? web_route_match(WEB_GET, path, &known, NULL, NULL)
					     : NULL;
	if (!rt || !rt->draft) {
		return web_fail(r, 400, "draft_path", "form_path",
				"draft_path must be the path of one of Hearth's forms, like /children/123/visits/new");
	}
	if (!role_can(r->role, rt->perm) || role_read_only(r->role)) {
		web_audit_row(r, "denied", 0, "draft");
		return web_fail(r, 403, "draft_path", "permission", "your role (%s) may not fill in this form",
				role_name(r->role));
	}
	if (rt->child) {
		struct hearth_error err = {0};
		int64_t id = path_child(rt, path);
		int v = id ? store_child_visible(r->st, &r->scope, id, &err) : 0;
		if (v < 0) {
			return web_fail_err(r, &err);
		}
		if (v == 0) {
			web_audit_row(r, "denied", id, "draft");
			return web_fail(r, 404, "draft_path", "not_found", "there is no child with this id");
		}
		*child = id;
	}
	return 0;
}

/* The form's own fields, url-encoded: all but the token and the draft's own. */
static bool draft_field(const char *name)
{
	return strcmp(name, "csrf_token") != 0 && strcmp(name, "draft_path") != 0 &&
	       strcmp(name, "draft_title") != 0 && strcmp(name, "draft_autosave") != 0;
}

static const char *encode_fields(struct web_request *r, size_t *typed)
{
	struct buf b = BUF_INIT;
	*typed = 0;
	for (size_t i = 0; i < r->n_form; i++) {
		if (!draft_field(r->form[i].name)) {
			continue;
		}
		*typed += strlen(r->form[i].name) + strlen(r->form[i].value);
		if (b.len) {
			buf_putc(&b, '&');
		}
		buf_puts(&b, page_url_encode(r, r->form[i].name));
		buf_putc(&b, '=');
		buf_puts(&b, page_url_encode(r, r->form[i].value));
	}
	const char *out = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* ---- POST /drafts: save (the autosave, or the Save draft button) ---- */

int page_draft_save(struct web_request *r)
{
	const char *path = web_form(r, "draft_path"), *title = web_form(r, "draft_title");
	int64_t child;
	int rc = draft_target(r, path, &child);
	if (rc) {
		return rc;
	}
	if (!title || !*title || strlen(title) > DRAFT_TITLE_MAX || !validate_text(title, false)) {
		return web_fail(r, 400, "draft_title", "length", "draft_title must be the form's title, 1 to %d characters",
				DRAFT_TITLE_MAX);
	}
	size_t typed;
	const char *fields = encode_fields(r, &typed);
	if (typed > DRAFT_FIELDS_MAX) {
		return web_fail(r, 413, "draft", "too_large", "a draft may hold at most %d characters", DRAFT_FIELDS_MAX);
	}
	hinstant now = instant_now();
	struct hearth_error err = {0};
	if ((rc = store_draft_save(r->st, r->user_id, path, title, child, fields, now, &err))) {
		return web_fail_err(r, &err);
	}
	web_audit_row(r, "draft_save", child, "draft");
	if (web_form(r, "draft_autosave")) {
		/* hearth.js: it says when, and the person stays where they are. */
		char at[INSTANT_STR_SIZE];
		return web_answer(r, 200, json_pack("{s:s, s:s, s:s}", "path", path, "saved_at", instant_format(now, at),
						    "saved_text", when(r, now)));
	}
	return page_redirect(r, path);
}

/* ---- POST /drafts/discard ---- */

int page_draft_discard(struct web_request *r)
{
	const char *path = web_form(r, "draft_path");
	if (!path || !page_local_path(r, path, false)) {
		return web_fail(r, 400, "draft_path", "form_path", "draft_path must be the path of one of Hearth's forms");
	}
	struct store_draft d;
	struct hearth_error err = {0};
	int rc = store_draft_get(r->st, r->user_id, path, &r->a, &d, &err);
	if (rc == 0) {
		if (store_draft_delete(r->st, r->user_id, path, &err)) {
			return web_fail_err(r, &err);
		}
		web_audit_row(r, "draft_discard", d.child_id, "draft");
	} else if (rc != HERR_NOT_FOUND) {
		return web_fail_err(r, &err);
	}
	const char *back = page_local_path(r, web_form(r, "return"), true);
	return page_redirect(r, back ? back : "/");
}

/* ---- what forms call ---- */

bool page_draft_restore(struct web_request *r, struct page_form *f)
{
	if (!r->signed_in || !r->route || !r->route->draft || r->method != WEB_GET) {
		return false;
	}
	struct store_draft *d = arena_alloc(&r->a, sizeof(*d));
	struct hearth_error err = {0};
	int rc = store_draft_get(r->st, r->user_id, r->path, &r->a, d, &err);
	if (rc) {
		if (rc != HERR_NOT_FOUND) {
			fprintf(stderr, "hearth: serve: a draft could not be read: %s\n", err.message);
		}
		return false;
	}
	size_t n = 0;
	if (web_pairs_parse(r, "draft", d->fields, strlen(d->fields), true, r->form, WEB_FORM_MAX, &n)) {
		/* Stored from a form that parsed, so this does not happen; if it did, the form
		 * opens blank rather than refusing to open. */
		json_decref(r->out);
		r->out = NULL;
		r->status = 0;
		r->n_form = 0;
		return false;
	}
	r->n_form = n;
	r->draft = d;
	if (f) {
		page_form_typed(r, f);
	}
	return true;
}

void page_draft_banner(struct web_request *r, struct html *h)
{
	if (!r->draft) {
		return;
	}
	html_f(h, "<div class=\"govuk-notification-banner\" role=\"region\" aria-labelledby=\"draft-banner-title\" "
		  "data-module=\"govuk-notification-banner\" data-hearth=\"draft-restored\"><div "
		  "class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" "
		  "id=\"draft-banner-title\">Draft</h2></div><div class=\"govuk-notification-banner__content\">"
		  "<p class=\"govuk-notification-banner__heading\">Restored your draft from %s</p>"
		  "<p class=\"govuk-body\">What you typed is filled in below. It is not part of the record until you "
		  "save the form.</p><form method=\"post\" action=\"/drafts/discard\">",
	       when(r, r->draft->updated_at));
	page_csrf_field(r, h);
	html_f(h, "<input type=\"hidden\" name=\"draft_path\" value=\"%s\"><input type=\"hidden\" name=\"return\" "
		  "value=\"%s\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary "
		  "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Discard draft</button></form></div></div>",
	       r->draft->path, r->draft->path);
}

void page_draft_controls(struct web_request *r, struct html *h, const char *path, const char *title)
{
	(void)r;
	html_f(h, "<input type=\"hidden\" name=\"draft_path\" value=\"%s\"><input type=\"hidden\" name=\"draft_title\" "
		  "value=\"%s\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		  "data-module=\"govuk-button\" formaction=\"/drafts\" formnovalidate data-hearth=\"save-draft\">"
		  "Save draft</button>",
	       path, title);
}

void page_draft_done(struct web_request *r)
{
	const char *path = web_form(r, "draft_path");
	struct hearth_error err = {0};
	if (!path || !r->signed_in) {
		return;
	}
	/* The form's record is saved: the draft has done its job and goes (drafts are not
	 * history; the record's own revision and audit row are). A failure here leaves a
	 * stale draft the person can discard, not a lost record, so it does not fail the save. */
	if (store_draft_delete(r->st, r->user_id, path, &err)) {
		fprintf(stderr, "hearth: serve: a saved form's draft could not be deleted: %s\n", err.message);
		return;
	}
	web_audit_row(r, "draft_discard", r->child_id, "draft (the form was saved)");
}

/* ---- the person's drafts, on the home page ---- */

int page_drafts_list(struct web_request *r, struct html *h, size_t *n_out)
{
	struct store_draft *d;
	size_t n;
	struct hearth_error err = {0};
	*n_out = 0;
	if (store_drafts_list(r->st, r->user_id, &r->a, &d, &n, &err)) {
		return web_fail_err(r, &err);
	}
	*n_out = n;
	if (!n || !h) {
		return 0;
	}
	html_f(h, "<h2 class=\"govuk-heading-m\" id=\"drafts\">Your drafts</h2><p class=\"govuk-body\">Forms you "
		  "started and have not saved. They are not part of anyone's record until you save them.</p>"
		  "<table class=\"govuk-table\" data-hearth=\"drafts\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Form</th><th scope=\"col\" "
		  "class=\"govuk-table__header\">Child</th><th scope=\"col\" class=\"govuk-table__header\">Last saved</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Actions</span>"
		  "</th></tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		/* A child who has left this person's work since is not named, and the form will
		 * not open; the draft can still be discarded. */
		const char *child = "";
		bool open = true;
		if (d[i].child_id) {
			struct hval *c;
			open = store_child_visible(r->st, &r->scope, d[i].child_id, NULL) == 1 &&
			       store_get(r->st, &entity_child, d[i].child_id, &r->a, &c, NULL) == 0;
			child = open ? arena_printf(&r->a, "%s (%s)", page_child_name(r, c), c[CHILD_LA_CHILD_ID].s)
				     : "No longer in your work";
		}
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
		if (open) {
			html_f(h, "<a class=\"govuk-link\" href=\"%s\">%s</a>", d[i].path, d[i].title);
		} else {
			html_f(h, "%s", d[i].title);
		}
		html_f(h, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td><td "
			  "class=\"govuk-table__cell\"><form method=\"post\" action=\"/drafts/discard\">",
		       child, when(r, d[i].updated_at));
		page_csrf_field(r, h);
		html_f(h, "<input type=\"hidden\" name=\"draft_path\" value=\"%s\"><input type=\"hidden\" name=\"return\" "
			  "value=\"/\"><button type=\"submit\" class=\"hearth-link-button hearth-link-button--body\">Discard<span "
			  "class=\"govuk-visually-hidden\"> the draft: %s</span></button></form></td></tr>",
		       d[i].path, d[i].title);
	}
	html_f(h, "</tbody></table>");
	return 0;
}
