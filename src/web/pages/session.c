/* pages/session: signing in and out, and the start page that sends each person to the
 * page their work starts from. */
#include <string.h>

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
		  "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button></form>"
		  "<p class=\"govuk-body-s\">Every record you open is written to the audit trail with your name.</p>"
		  "</div></div>",
	       username ? username : "");
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

/* Where each person's work starts: a manager's team; a case holder's caseload; the
 * performance pages; the search. A role with none of these sees what it can do. Someone
 * with drafts (forms started and not saved) sees them here first, with the way on. */
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
	size_t drafts;
	int rc = page_drafts_list(r, NULL, &drafts);
	if (rc) {
		return rc;
	}
	if (start && !drafts) {
		return page_redirect(r, start);
	}
	struct html *h = page_begin(r, "Hearth", NULL);
	html_f(h, "<h1 class=\"govuk-heading-l\">Hearth</h1>");
	if ((rc = page_drafts_list(r, h, &drafts))) {
		return rc;
	}
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
