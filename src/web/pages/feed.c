/* feed: the log of the DfE daily feed (hearth feed, src/feed) for the roles with feed_read
 * (analysts, heads of service, administrators): what each run delivered and how the DfE's
 * endpoint answered.
 *
 *   GET /feed          every run, newest first, paged: when, file or send, the children
 *                      delivered new, updated and purged, the HTTP requests made (token,
 *                      uploads and their retries), the endpoint's last answer, the outcome and
 *                      its message (what failed)
 *   GET /feed/{rid}    one run and the children it delivered, in the order delivered: each
 *                      child's LA child id and state only, and a link to the record only where
 *                      the viewer may read it. A child outside the viewer's scope (a
 *                      restricted child without a grant, a child merged away, every child for
 *                      an administrator) is counted, never named.
 *
 * A dry run records nothing, so it is not in the log. Reading the log is audited (the
 * routes' .audit). */
#include <stdlib.h>
#include <string.h>

#include "store/feed.h"
#include "web/pages/child.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

#define RUNS_PER_PAGE 25
#define CHILDREN_PER_PAGE 100

static const char *mode_text(const char *mode)
{
	return mode && strcmp(mode, "send") == 0 ? "Sent to the DfE" : "Written to a file";
}

static const char *outcome_text(const char *o)
{
	static const struct {
		const char *code, *text;
	} outcomes[] = {
		{"running", "Running"},	      {"sent", "Sent"},	    {"written", "Written"},
		{"nothing", "Nothing to send"}, {"partial", "Partly sent"}, {"error", "Failed"},
	};
	for (size_t i = 0; o && i < sizeof(outcomes) / sizeof(outcomes[0]); i++) {
		if (strcmp(outcomes[i].code, o) == 0) {
			return outcomes[i].text;
		}
	}
	return o ? o : "";
}

static const char *state_text(char s)
{
	return s == 'n' ? "New" : s == 'u' ? "Updated" : "Purged";
}

static const char *answer_text(struct web_request *r, const struct store_feed_submission *s)
{
	if (strcmp(s->mode ? s->mode : "", "send") != 0) {
		return "";
	}
	return s->http_status ? arena_printf(&r->a, "HTTP %lld", (long long)s->http_status) : "No answer";
}

static void count_cell(struct html *h, const char *name, int64_t n)
{
	html_f(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-count=\"%s\">%lld</td>", name,
	       (long long)n);
}

static void th(struct html *h, const char *label, bool numeric)
{
	html_f(h, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>",
	       numeric ? " govuk-table__header--numeric" : "", label);
}

int page_feed(struct web_request *r)
{
	int64_t page;
	int rc = web_query_page_number(r, &page);
	if (rc) {
		return rc;
	}
	struct store_feed_submission *runs;
	size_t n;
	int64_t total;
	struct hearth_error err = {0};
	if (store_feed_submission_page(r->st, RUNS_PER_PAGE, (page - 1) * RUNS_PER_PAGE, &r->a, &runs, &n, &total,
				       &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "DfE feed log", "feed");
	html_f(h, "<h1 class=\"govuk-heading-l\">DfE feed log</h1><p class=\"govuk-body\">Each run of the daily feed "
		  "to the DfE's children's social care API, newest first: %lld run%s. A dry run records nothing and "
		  "is not listed.</p>",
	       (long long)total, total == 1 ? "" : "s");
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"feed-runs\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\">");
	th(h, "Run", false);
	th(h, "Started", false);
	th(h, "How", false);
	th(h, "New", true);
	th(h, "Updated", true);
	th(h, "Purged", true);
	th(h, "Unchanged", true);
	th(h, "Delivered", true);
	th(h, "Requests", true);
	th(h, "Answer", false);
	th(h, "Outcome", false);
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct store_feed_submission *s = &runs[i];
		html_f(h, "<tr class=\"govuk-table__row\" data-run=\"%lld\"><td class=\"govuk-table__cell\"><a "
			  "class=\"govuk-link\" href=\"/feed/%lld\">%lld</a></td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\" data-mode=\"%s\">%s</td>",
		       (long long)s->id, (long long)s->id, (long long)s->id, s->started_at, s->mode, mode_text(s->mode));
		count_cell(h, "new", s->n_new);
		count_cell(h, "updated", s->n_updated);
		count_cell(h, "purged", s->n_purged);
		count_cell(h, "unchanged", s->n_unchanged);
		count_cell(h, "delivered", s->n_delivered);
		count_cell(h, "requests", s->attempts);
		html_f(h, "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\" data-outcome=\"%s\">%s",
		       answer_text(r, s), s->outcome, outcome_text(s->outcome));
		if (s->message && *s->message) {
			html_f(h, "<br><span class=\"govuk-hint\">%s</span>", s->message);
		}
		html_f(h, "</td></tr>");
	}
	html_f(h, "</tbody></table>");
	child_pagination(r, h, "/feed?", page, (total + RUNS_PER_PAGE - 1) / RUNS_PER_PAGE);
	return page_end(r, 200);
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_f(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt><dd "
		  "class=\"govuk-summary-list__value\">%s</dd></div>",
	       key, value ? value : "");
}

int page_feed_run(struct web_request *r)
{
	int64_t page;
	int rc = web_query_page_number(r, &page);
	if (rc) {
		return rc;
	}
	struct store_feed_submission s;
	struct hearth_error err = {0};
	if ((rc = store_feed_submission_get(r->st, r->rid, &r->a, &s, &err)) < 0) {
		return web_fail_err(r, &err);
	}
	if (rc == 0) {
		return web_fail(r, 404, "rid", "not_found", "there is no such run of the feed");
	}
	struct store_feed_sent *sent;
	size_t n;
	int64_t total;
	if (store_feed_sent(r->st, s.id, CHILDREN_PER_PAGE, (page - 1) * CHILDREN_PER_PAGE, &r->a, &sent, &n, &total,
			    &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, arena_printf(&r->a, "DfE feed run %lld", (long long)s.id), "feed");
	html_f(h, "<a href=\"/feed\" class=\"govuk-back-link\">The feed log</a><h1 class=\"govuk-heading-l\">DfE "
		  "feed run %lld</h1><dl class=\"govuk-summary-list\" data-hearth=\"feed-run\">",
	       (long long)s.id);
	summary_row(h, "Started", s.started_at);
	summary_row(h, "Finished", s.finished_at ? s.finished_at : "Not finished");
	summary_row(h, "How", mode_text(s.mode));
	summary_row(h, "To", s.target);
	summary_row(h, "Run by", s.actor);
	summary_row(h, "Children",
		    arena_printf(&r->a, "%lld new, %lld updated, %lld purged, %lld unchanged", (long long)s.n_new,
				 (long long)s.n_updated, (long long)s.n_purged, (long long)s.n_unchanged));
	summary_row(h, "Delivered", arena_printf(&r->a, "%lld", (long long)s.n_delivered));
	if (strcmp(s.mode ? s.mode : "", "send") == 0) {
		summary_row(h, "Requests",
			    arena_printf(&r->a, "%lld, for the token and the uploads, retries among them",
					 (long long)s.attempts));
		summary_row(h, "The endpoint's answer", answer_text(r, &s));
	}
	summary_row(h, "Outcome", outcome_text(s.outcome));
	if (s.message && *s.message) {
		summary_row(h, "Message", s.message);
	}
	html_f(h, "</dl><h2 class=\"govuk-heading-m\">Children delivered</h2><p class=\"govuk-body\" "
		  "data-hearth=\"feed-sent-total\" data-total=\"%lld\">%lld child%s. A child you may not see is "
		  "counted, not named.</p>",
	       (long long)total, (long long)total, total == 1 ? "" : "ren");
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"feed-sent\"><thead class=\"govuk-table__head\"><tr "
		  "class=\"govuk-table__row\">");
	th(h, "Child", false);
	th(h, "State", false);
	th(h, "The DfE's reference", false);
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	bool may_read = role_can(r->role, PERM_CHILD_READ);
	for (size_t i = 0; i < n; i++) {
		const struct store_feed_sent *x = &sent[i];
		int seen = store_child_visible(r->st, &r->scope, x->child_id, &err);
		if (seen < 0) {
			return web_fail_err(r, &err);
		}
		html_f(h, "<tr class=\"govuk-table__row\" data-state=\"%s\"><td class=\"govuk-table__cell\">",
		       state_text(x->state));
		if (!seen) {
			html_f(h, "<span class=\"govuk-hint\" data-withheld=\"1\">Not shown: outside your access</span>");
		} else if (may_read) {
			html_f(h, "<a class=\"govuk-link\" href=\"/children/%lld\">%s</a>", (long long)x->child_id,
			       x->la_child_id);
		} else {
			html_f(h, "%s", x->la_child_id);
		}
		html_f(h, "</td><td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td></tr>",
		       state_text(x->state), seen && x->response_id ? x->response_id : "");
	}
	html_f(h, "</tbody></table>");
	child_pagination(r, h, arena_printf(&r->a, "/feed/%lld?", (long long)s.id), page,
			 (total + CHILDREN_PER_PAGE - 1) / CHILDREN_PER_PAGE);
	return page_end(r, 200);
}
