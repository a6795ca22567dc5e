/* pages/session: signing in and out, and the start page that sends each person to the
 * page their work starts from. */
#include <string.h>

#include "model/authorise.h"

#include "web/pages/due.h"
#include "web/pages/pages.h"
#include "web/pages/page.h"

/* ret: where to go once signed in (already checked by page_local_path), or NULL. */
static void sign_in_form(struct web_request *r, const char *username, const char *error, const char *ret)
{
	struct html *h = page_begin(r, "Sign in", NULL);
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	if (error) {
		html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
			  "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div "
			  "class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">"
			  "<li><a href=\"#username\">%s</a></li></ul></div></div></div>",
		       error);
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">Sign in to Hearth</h1>"
		  "<form method=\"post\" action=\"/sign-in\" novalidate>");
	if (ret) {
		html_f(h, "<input type=\"hidden\" name=\"return\" value=\"%s\">", ret);
	}
	html_f(h, 
		  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"username\">Username</label>"
		  "<input class=\"govuk-input govuk-!-width-one-half\" id=\"username\" name=\"username\" type=\"text\" "
		  "autocomplete=\"username\" spellcheck=\"false\" value=\"%s\"></div>"
		  "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"password\">Password</label>"
		  "<input class=\"govuk-input govuk-!-width-one-half\" id=\"password\" name=\"password\" "
		  "type=\"password\" autocomplete=\"current-password\"></div>"
		  "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button></form>",
	       username ? username : "");
	/* With an identity provider set up (hearth serve --oidc-*), its way in too. */
	if (r->srv->opt.oidc_issuer) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" role=\"button\" "
			  "href=\"/oidc/start\" data-hearth=\"oidc\">Sign in with your organisation's account</a></p>");
	}
	html_f(h, "<p class=\"govuk-body-s\">Every record you open is written to the audit trail with your name.</p>"
		  "</div></div>");
}

/* A return path is followed only when it is a page of this server (page_local_path):
 * anything else (another site, "//host", a header smuggled in with CR LF) is dropped, and
 * the person goes to the start page instead. */
int page_sign_in(struct web_request *r)
{
	const char *ret = page_local_path(r, web_query(r, "return"), true);
	if (r->signed_in) {
		return page_redirect(r, ret ? ret : "/");
	}
	sign_in_form(r, NULL, NULL, ret);
	return page_end(r, 200);
}

int page_sign_in_post(struct web_request *r)
{
	const char *username = web_form(r, "username"), *password = web_form(r, "password"), *csrf;
	const char *ret = page_local_path(r, web_form(r, "return"), true);
	struct store_user u;
	int rc = web_auth_sign_in(r, username ? username : "", password ? password : "", &u, &csrf);
	if (rc == 0) {
		return page_redirect(r, ret ? ret : "/");
	}
	if (rc >= 500) {
		return rc; /* the error page says so */
	}
	/* A wait is said in whole minutes (or seconds, under one), from Retry-After. */
	const char *wait = r->retry_after >= 60
				   ? arena_printf(&r->a, "Too many failed sign-ins from here. Wait %d minute%s, then try again",
						  (r->retry_after + 59) / 60, r->retry_after >= 61 ? "s" : "")
				   : arena_printf(&r->a, "Too many failed sign-ins from here. Wait %d seconds, then try again",
						  r->retry_after);
	sign_in_form(r, username,
		     rc == 429 ? wait
		     : rc == 400 ? "Enter your username and password"
				 : "The username or password is not right",
		     ret);
	return page_end(r, rc);
}

/* GET /oidc/callback: the identity provider's answer (web/http/oidc.c checks it and starts
 * the session). Signed in, the browser is sent home by this page of Hearth's own, not by a
 * redirect: the session cookie is SameSite=Strict, and a browser leaves it off a redirect
 * whose chain began at the provider's site. */
int page_oidc_return(struct web_request *r)
{
	int rc = page_oidc_callback(r);
	if (rc != 303 || !r->set_cookie) {
		return rc;
	}
	r->location = NULL;
	r->status = 0;
	struct html *h = page_begin(r, "Signed in", NULL);
	html_f(h, "<meta http-equiv=\"refresh\" content=\"0;url=/\"><h1 class=\"govuk-heading-l\">You are signed in</h1>"
		  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\" data-hearth=\"continue\">Continue to Hearth</a></p>");
	return page_end(r, 200);
}

int page_sign_out(struct web_request *r)
{
	int rc = web_auth_sign_out(r);
	if (rc) {
		return rc;
	}
	r->signed_in = false;
	struct html *h = page_begin(r, "Signed out", NULL);
	html_f(h, "<h1 class=\"govuk-heading-l\">You have signed out</h1><p class=\"govuk-body\">"
		  "<a class=\"govuk-link\" href=\"/sign-in\">Sign in again</a></p>");
	return page_end(r, 200);
}

/* The in-tray: what is waiting for this person, in sections that each show only when they
 * hold something (there are no placeholders): their tasks and statutory items due soon,
 * due or overdue; children newly allocated to them (the last NEW_ALLOCATION_DAYS days).
 * Drafts come first (page_drafts_list). *n: how many entries it drew. */
#define NEW_ALLOCATION_DAYS 14
#define TRAY_ITEMS 10

/* Work returned to this person by a manager, with the reason (to amend and save again,
 * which resubmits it), and, for a manager, how many decisions await their authorisation. */
static int tray_approvals(struct web_request *r, struct html *h, int64_t me, size_t *n)
{
	*n = 0;
	struct hearth_error err = {0};
	struct store_approval *xs;
	size_t k;
	if (store_approvals_asked_by(r->st, me, "returned", TRAY_ITEMS, &r->a, &xs, &k, &err)) {
		return web_fail_err(r, &err);
	}
	if (k) {
		html_f(h, "<h2 class=\"govuk-heading-m\" id=\"tray-returned\">Returned to you</h2><ul class=\"govuk-list\" "
			  "data-hearth=\"tray-returned\">");
		for (size_t i = 0; i < k; i++) {
			const struct authorise_point *p = authorise_point_find(xs[i].point);
			/* A proposal to close or step down is amended on its own form. */
			const char *href = xs[i].proposal
						   ? arena_printf(&r->a, "/children/%lld/%s", (long long)xs[i].child_id,
								  strcmp(xs[i].point, "step_down") == 0 ? "step-down" : "close")
						   : arena_printf(&r->a, "/children/%lld/records/%s/%lld/edit",
								  (long long)xs[i].child_id, xs[i].record_kind,
								  (long long)xs[i].record_id);
			html_f(h, "<li><a class=\"govuk-link\" href=\"%s\">%s for %s %s</a> "
				  "(%s), returned on %s: <span data-hearth=\"return-reason\">%s</span></li>",
			       href, p ? p->label : xs[i].point, xs[i].given_name, xs[i].family_name, xs[i].la_child_id,
			       page_date(r, xs[i].decided_date), xs[i].reason ? xs[i].reason : "");
		}
		html_f(h, "</ul><p class=\"govuk-body\">Amend the record and save it: that sends it back for authorisation.</p>");
	}
	*n = k;
	if (!role_can(r->role, PERM_AUTHORISE)) {
		return 0;
	}
	const char *points[STORE_APPROVAL_POINTS];
	size_t n_points = page_authorise_points(r, points);
	int64_t total = 0;
	struct store_scope sc = r->scope;
	sc.as_at = date_today();
	if (store_approvals_awaiting(r->st, &sc, points, n_points, 1, &r->a, &xs, &k, &total, &err)) {
		return web_fail_err(r, &err);
	}
	if (total) {
		html_f(h, "<h2 class=\"govuk-heading-m\">Awaiting your authorisation</h2><p class=\"govuk-body\" "
			  "data-hearth=\"tray-approvals\"><a class=\"govuk-link\" href=\"/approvals\">%lld %s awaiting your "
			  "authorisation</a></p>",
		       (long long)total, total == 1 ? "decision is" : "decisions are");
		*n += (size_t)total;
	}
	return 0;
}

static int in_tray(struct web_request *r, struct html *h, size_t *n)
{
	*n = 0;
	int64_t me = r->session.user.worker_id;
	if (!me || !role_can(r->role, PERM_DUE_READ)) {
		return 0;
	}
	hdate today = date_today();
	struct store_scope sc = r->scope;
	sc.as_at = today;
	struct due_scan s = {.r = r, .as_at = today, .within = -1, .kind = -1, .new_for = me,
			     .new_since = today - NEW_ALLOCATION_DAYS, .only_worker = me};
	int rc = page_due_scan(r, &sc, &s);
	if (rc) {
		return rc;
	}
	size_t asked;
	if ((rc = tray_approvals(r, h, me, &asked))) {
		return rc;
	}
	const struct due_row **mine = arena_alloc(&r->a, sizeof(*mine) * (s.n ? s.n : 1));
	size_t n_mine = 0, overdue = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (s.rows[i].worker_id == me) {
			mine[n_mine++] = &s.rows[i];
			overdue += s.rows[i].it.status == CLOCK_OVERDUE;
		}
	}
	if (n_mine) {
		html_f(h, "<h2 class=\"govuk-heading-m\" id=\"tray-due\">Due and overdue</h2><p class=\"govuk-body\" "
			  "data-hearth=\"tray-due-summary\">%zu %s for you, %zu overdue.%s</p>",
		       n_mine, n_mine == 1 ? "item is" : "items are", overdue,
		       n_mine > TRAY_ITEMS ? " The most urgent are first." : "");
		page_due_table(r, h, &s, mine, n_mine < TRAY_ITEMS ? n_mine : TRAY_ITEMS, false);
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/due\">Everything that is due for "
			  "you</a></p>");
	}
	if (s.n_new) {
		html_f(h, "<h2 class=\"govuk-heading-m\">Newly allocated to you</h2><ul class=\"govuk-list\" "
			  "data-hearth=\"tray-new\">");
		for (size_t i = 0; i < s.n_new; i++) {
			const struct store_child_hit *hit = web_children_find(&s.children, s.new_allocs[i].child_id);
			html_f(h, "<li><a class=\"govuk-link\" href=\"/children/%lld\">%s %s</a> (%s), from %s</li>",
			       (long long)s.new_allocs[i].child_id, hit ? hit->given_name : "", hit ? hit->family_name : "",
			       hit ? hit->la_child_id : "", page_date(r, s.new_allocs[i].start));
		}
		html_f(h, "</ul>");
	}
	*n = n_mine + s.n_new + asked;
	return 0;
}

/* Where each person's work starts: a manager's team; a case holder's caseload; the
 * performance pages; the search. A role with none of these sees what it can do. Someone
 * with anything in their in-tray (drafts, items due, new allocations) sees it here first,
 * with the way on; with nothing waiting, they go straight on. */
int page_home(struct web_request *r)
{
	static const struct {
		enum permission perm;
		bool needs_team, needs_worker;
		const char *href, *label;
	} starts[] = {
		{PERM_ALLOCATE, true, false, "/team", "Go to your team"},
		{PERM_CHILD_LIST, false, true, "/caseload", "Go to your caseload"},
		{PERM_MEASURES_READ, false, false, "/performance", "Go to performance"},
		{PERM_CHILD_LIST, false, false, "/search", "Find a child"},
	};
	const char *start = NULL, *label = NULL;
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]) && !start; i++) {
		bool known;
		if (role_can(r->role, starts[i].perm) && (!starts[i].needs_worker || r->session.user.worker_id) &&
		    (!starts[i].needs_team || r->session.user.team_id) &&
		    web_route_match(WEB_GET, starts[i].href, &known, NULL, NULL)) {
			start = starts[i].href;
			label = starts[i].label;
		}
	}
	size_t drafts, tray;
	struct html t = {0};
	int rc = page_drafts_list(r, NULL, &drafts);
	if (rc || (rc = in_tray(r, &t, &tray))) {
		html_free(&t);
		return rc;
	}
	if (start && !drafts && !tray) {
		html_free(&t);
		return page_redirect(r, start);
	}
	struct html *h = page_begin(r, "Hearth", NULL);
	html_f(h, "<h1 class=\"govuk-heading-l\">Hearth</h1>");
	if ((rc = page_drafts_list(r, h, &drafts))) {
		html_free(&t);
		return rc;
	}
	html_fragment(h, &t);
	html_free(&t);
	if (start) {
		html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">%s</a></p>", start, label);
	} else {
		html_f(h, "<p class=\"govuk-body\">You are signed in as %s (%s). Your role does not open children's "
			  "records; the command line (hearth user, hearth audit) is where people and the audit trail are "
			  "managed.</p>",
		       r->session.user.username, role_name(r->role));
	}
	return page_end(r, 200);
}
