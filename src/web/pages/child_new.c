/* pages/child_new: a new child, from the front door or a social worker.
 *
 *   GET  /children/new   the child's form, from the child's descriptor
 *   POST /children       saves it, unless it may be a child already known
 *
 * Before saving, children the caller may see who may be the same child are shown: the
 * same date of birth and a similar name (model/similar.h), or the same UPN or NHS
 * number. Each links to the existing record; the person either goes there or confirms
 * (the form's hidden confirm field) that this is a different child. Children outside the
 * caller's scope are never shown, so the check leaks nothing.
 *
 * A new child must be someone the caller can then open: a caller who sees only the
 * children allocated to them or their team (a social worker) becomes the child's social
 * worker from today, in the same transaction; if the child would still be out of their
 * sight, nothing is saved. */
#include <string.h>

#include "model/similar.h"
#include "model/validate.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

/* What the front door knows on the first day; the rest is added by correcting the child. */
static const int new_child_fields[] = {
	CHILD_GIVEN_NAME, CHILD_FAMILY_NAME, CHILD_DOB,	 CHILD_EXPECTED_DOB, CHILD_SEX,
	CHILD_ETHNICITY,  CHILD_LA_CHILD_ID, CHILD_UPN,	 CHILD_NHS_NUMBER,   CHILD_POSTCODE,
	CHILD_UASC,	  CHILD_RESTRICTED,  -1,
};

#define DUPLICATES_MAX 20

struct new_child {
	struct page_form f;
	struct hval vals[CHILD__COUNT];
	struct store_child_dup *dups;	/* possible duplicates to show */
	size_t n_dups;
};

static void new_child_init(struct web_request *r, struct new_child *nc)
{
	page_form_init(r, &nc->f, &entity_child, new_child_fields);
	for (int i = 0; i < CHILD__COUNT; i++) {
		nc->vals[i] = (struct hval){.null = true};
	}
	hdate today = date_today();
	for (const int *p = new_child_fields; *p >= 0; p++) {
		if (entity_child.fields[*p].type == FT_CODE) {
			page_form_codes_on(r, &nc->f, *p, today);
		}
	}
}

static void duplicates_html(struct web_request *r, struct html *h, const struct new_child *nc)
{
	html_f(h, "<div class=\"govuk-warning-text\" data-hearth=\"duplicates\"><span class=\"govuk-warning-text__icon\" "
		  "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
		  "class=\"govuk-visually-hidden\">Warning</span>This child may already be known. Check these records before "
		  "adding a new one.</strong></div><ul class=\"govuk-list govuk-list--bullet\" data-hearth=\"duplicate-list\">");
	for (size_t i = 0; i < nc->n_dups; i++) {
		const struct store_child_dup *d = &nc->dups[i];
		const char *why = d->same_upn	? "the same UPN"
				  : d->same_nhs ? "the same NHS number"
						: "the same date of birth and a similar name";
		html_f(h, "<li><a class=\"govuk-link\" href=\"/children/%lld\">%s %s (%s), born %s</a>: %s</li>",
		       (long long)d->hit.id, d->hit.given_name, d->hit.family_name, d->hit.la_child_id,
		       page_date(r, d->hit.dob), why);
	}
	html_f(h, "</ul>");
}

static int new_child_page(struct web_request *r, const struct new_child *nc, int status)
{
	struct html *h = page_begin(r, "Add a child", NULL);
	html_f(h, "<a href=\"/\" class=\"govuk-back-link\">Back</a>");
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, &nc->f);
	html_f(h, "<h1 class=\"govuk-heading-l\">Add a child</h1>");
	if (nc->n_dups) {
		duplicates_html(r, h, nc);
	}
	html_f(h, "<form method=\"post\" action=\"/children\" novalidate data-hearth=\"child-form\">");
	page_csrf_field(r, h);
	if (nc->n_dups) {
		html_f(h, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">");
	}
	page_form_fields(r, h, &nc->f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">%s</button></form>",
	       nc->n_dups ? "This is a different child: add them" : "Add the child");
	html_f(h, "</div></div>");
	return page_end(r, status);
}

int page_child_new(struct web_request *r)
{
	struct new_child *nc = arena_alloc(&r->a, sizeof(*nc));
	*nc = (struct new_child){0};
	new_child_init(r, nc);
	nc->f.text[CHILD_UASC] = "no";
	nc->f.text[CHILD_RESTRICTED] = "no";
	return new_child_page(r, nc, 200);
}

/* The children in the caller's sight who may be this one. */
static int find_duplicates(struct web_request *r, struct new_child *nc, struct hearth_error *err)
{
	const struct hval *v = nc->vals;
	hdate dob = !v[CHILD_DOB].null ? (hdate)v[CHILD_DOB].i : DATE_NONE;
	struct store_child_dup *found;
	size_t n;
	int rc = store_children_duplicates(r->st, &r->scope, dob, v[CHILD_UPN].null ? NULL : v[CHILD_UPN].s,
					   v[CHILD_NHS_NUMBER].null ? NULL : v[CHILD_NHS_NUMBER].s, DUPLICATES_MAX, &r->a,
					   &found, &n, err);
	if (rc) {
		return rc;
	}
	nc->dups = found;
	nc->n_dups = 0;
	for (size_t i = 0; i < n; i++) {
		const struct store_child_hit *hit = &found[i].hit;
		if (found[i].same_upn || found[i].same_nhs ||
		    (found[i].same_dob && person_similar(v[CHILD_GIVEN_NAME].s, v[CHILD_FAMILY_NAME].s, hit->given_name,
							  hit->family_name))) {
			nc->dups[nc->n_dups++] = found[i];
		}
	}
	return 0;
}

/* Saves the child and, for a caller who sees only allocated children, their allocation;
 * refuses (nothing saved) when the caller could not then open the record. */
static int save_child(struct web_request *r, struct new_child *nc, int64_t *id, struct hearth_error *err)
{
	int rc = store_begin(r->st, err);
	if (rc) {
		return rc;
	}
	if ((rc = store_insert(r->st, r->actor, &entity_child, nc->vals, id, err))) {
		goto fail;
	}
	if (r->scope.kind != STORE_SCOPE_ALL && r->session.user.worker_id) {
		struct hval al[ALLOCATION__COUNT];
		for (int i = 0; i < ALLOCATION__COUNT; i++) {
			al[i] = (struct hval){.null = true};
		}
		al[ALLOCATION_CHILD_ID] = (struct hval){.i = *id};
		al[ALLOCATION_WORKER_ID] = (struct hval){.i = r->session.user.worker_id};
		al[ALLOCATION_KIND] = (struct hval){.s = r->role == ROLE_PERSONAL_ADVISER ? "pa" : "sw"};
		al[ALLOCATION_START_DATE] = (struct hval){.i = date_today()};
		if ((rc = store_insert(r->st, r->actor, &entity_allocation, al, NULL, err))) {
			goto fail;
		}
	}
	if ((rc = store_child_visible(r->st, &r->scope, *id, err)) != 1) {
		rc = rc < 0 ? rc
			    : herr_set(err, HERR_INVALID, "", "out_of_scope",
				       "You could not open this child's record once added (you hold no cases): ask your "
				       "team manager or the front door to add the child");
		goto fail;
	}
	return store_commit(r->st, err);
fail:
	store_rollback(r->st);
	return rc;
}

int page_child_create(struct web_request *r)
{
	struct new_child *nc = arena_alloc(&r->a, sizeof(*nc));
	*nc = (struct new_child){0};
	new_child_init(r, nc);
	static const char *const extra[] = {"confirm", NULL};
	const char *unknown = page_form_unknown(r, &nc->f, extra);
	if (unknown) {
		return web_fail(r, 400, unknown, "unknown_field", "%s is not a field of this form", unknown);
	}
	if (page_form_read(r, &nc->f, nc->vals)) {
		return new_child_page(r, nc, 400);
	}
	struct hearth_error err = {0};
	const char *confirm = web_form(r, "confirm");
	if (!confirm || strcmp(confirm, "yes") != 0) {
		if (find_duplicates(r, nc, &err)) {
			return web_fail_err(r, &err);
		}
		if (nc->n_dups) {
			return new_child_page(r, nc, 409);
		}
	}
	int64_t id;
	if (save_child(r, nc, &id, &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&nc->f, &err);
		return new_child_page(r, nc, 400);
	}
	return page_redirect(r, arena_printf(&r->a, "/children/%lld?done=added", (long long)id));
}
