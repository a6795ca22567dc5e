/* page: the layout and components every page shares (see page.h). */
#include "web/pages/page.h"
#include "web/pages/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "model/validate.h"

/* ---- the layout ---- */

/* What the header offers, in order; an item shows when the person's role grants its
 * permission (and, for "my caseload", when they hold cases). */
static const struct nav_item {
	const char *id, *label, *href;
	enum permission perm;
	bool needs_worker;
} nav_items[] = {
	{"caseload", "My caseload", "/caseload", PERM_CHILD_LIST, true},
	{"due", "What is due", "/due", PERM_DUE_READ, false},
	{"team", "Team", "/team", PERM_ALLOCATE, false},
	{"approvals", "Approvals", "/approvals", PERM_AUTHORISE, false},
	{"search", "Find a child", "/search", PERM_CHILD_LIST, false},
	{"new-child", "Add a child", "/children/new", PERM_CHILD_WRITE, false},
	{"duplicates", "Possible duplicates", "/duplicates", PERM_DUPLICATES, false},
	{"performance", "Performance", "/performance", PERM_MEASURES_READ, false},
	{"inspection", "What inspectors will ask", "/inspection", PERM_MEASURES_READ, false},
	{"findings", "Data quality", "/findings", PERM_MEASURES_READ, false},
	{"macpts", "MACPTs", "/macpts", PERM_MACPT, false},
	{"feed", "DfE feed", "/feed", PERM_FEED_READ, false},
	{"admin", "Administration", "/admin/users", PERM_USER_ADMIN, false},
	{"audit", "Audit trail", "/admin/audit", PERM_AUDIT_READ, false},
};

static bool nav_shown(const struct web_request *r, const struct nav_item *it)
{
	bool known;
	return r->signed_in && role_can(r->role, it->perm) && (!it->needs_worker || r->session.user.worker_id) &&
	       web_route_match(WEB_GET, it->href, &known, NULL, NULL);
}

struct html *page_begin(struct web_request *r, const char *title, const char *nav)
{
	struct html *h = &r->page;
	buf_reset(&h->b);
	html_f(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<title>%s - Hearth</title>\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
		  "<link rel=\"icon\" href=\"data:,\">\n"
		  "<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\">\n"
		  "<link rel=\"stylesheet\" href=\"/assets/hearth.css\">\n"
		  "<script type=\"module\" src=\"/assets/hearth.js\"></script>\n</head>\n"
		  "<body class=\"govuk-template__body\">\n"
		  "<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>\n",
	       title);
	html_f(h, "<header class=\"hearth-header\" role=\"banner\"><div class=\"govuk-width-container "
		  "hearth-header__inner\"><a href=\"/\" class=\"hearth-header__service\">Hearth</a>");
	if (r->signed_in) {
		html_f(h,
		       "<div class=\"hearth-header__who\"><span class=\"hearth-header__user\">%s</span> "
		       "<span class=\"hearth-header__role\">%s</span>"
		       "<form method=\"post\" action=\"/sign-out\" class=\"hearth-header__signout\">",
		       r->session.user.username, role_name(r->role));
		page_csrf_field(r, h);
		html_f(h, "<button type=\"submit\" class=\"hearth-link-button\">Sign out</button></form></div>");
	}
	html_f(h, "</div></header>\n");
	if (r->signed_in) {
		html_f(h, "<nav class=\"govuk-service-navigation\" aria-label=\"Menu\"><div class=\"govuk-width-container\">"
			  "<ul class=\"govuk-service-navigation__list\">");
		for (size_t i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
			const struct nav_item *it = &nav_items[i];
			if (!nav_shown(r, it)) {
				continue;
			}
			bool here = nav && strcmp(nav, it->id) == 0;
			html_f(h, "<li class=\"govuk-service-navigation__item%s\"><a class=\"govuk-service-navigation__link\" "
				  "href=\"%s\"%s>%s</a></li>",
			       here ? " govuk-service-navigation__item--active" : "", it->href,
			       here ? " aria-current=\"page\"" : "", it->label);
		}
		html_f(h, "</ul></div></nav>\n");
	}
	html_f(h, "<div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
	page_draft_banner(r, h);
	return h;
}

int page_end(struct web_request *r, int status)
{
	html_f(&r->page, "\n</main></div>\n<footer class=\"govuk-footer\"><div class=\"govuk-width-container\">"
			 "<p class=\"govuk-body-s\">Hearth: children's social care records. Every view of a "
			 "child's record is written to the audit trail.</p></div></footer>\n</body>\n</html>\n");
	if (r->out) {
		json_decref(r->out);
		r->out = NULL;
	}
	r->status = status;
	return status;
}

int page_redirect(struct web_request *r, const char *location)
{
	buf_reset(&r->page.b);
	if (r->out) {
		json_decref(r->out);
		r->out = NULL;
	}
	r->location = location;
	r->status = 303;
	return 303;
}

void page_error_render(struct web_request *r)
{
	if (r->status == 401) {
		/* Back to where they were after signing in: the page asked for, or the form
		 * whose post found the session over (its draft, autosaved, refills it). */
		const char *back = r->method == WEB_GET ? page_local_path(r, r->raw_uri, true)
							 : page_local_path(r, web_form(r, "draft_path"), false);
		page_redirect(r, back && strcmp(back, "/") != 0
					 ? arena_printf(&r->a, "/sign-in?return=%s", page_url_encode(r, back))
					 : "/sign-in");
		return;
	}
	const char *msg = NULL;
	if (r->out) {
		msg = json_string_value(json_object_get(r->out, "error"));
	}
	msg = arena_strdup(&r->a, msg ? msg : "the request was refused");
	int status = r->status;
	const char *title = status == 404   ? "Page not found"
			    : status == 403 ? "You cannot do this"
			    : status >= 500 ? "Sorry, there is a problem with Hearth"
					    : "There is a problem";
	struct html *h = page_begin(r, title, NULL);
	html_f(h, "<h1 class=\"govuk-heading-l\">%s</h1>", title);
	if (status == 404) {
		html_f(h, "<p class=\"govuk-body\">If you typed the web address, check it is correct. A child's record "
			  "only opens for people whose work includes that child.</p>");
	} else {
		html_f(h, "<p class=\"govuk-body\">%s.</p>", msg);
	}
	html_f(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the start</a></p>");
	page_end(r, status);
}

/* ---- values ---- */

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char *page_date(struct web_request *r, hdate d)
{
	if (d == DATE_NONE) {
		return "";
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return arena_printf(&r->a, "%d %s %d", day, months[m - 1], y);
}

/* Workers' names this request has looked up (or been given), by id. */
struct page_names {
	int64_t *ids;
	const char **names;
	size_t n, cap;
};

void page_names_add(struct web_request *r, int64_t worker_id, const char *name)
{
	if (!r->names) {
		r->names = arena_alloc(&r->a, sizeof(*r->names));
		*r->names = (struct page_names){0};
	}
	struct page_names *c = r->names;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 32;
		c->ids = arena_grow(&r->a, c->ids, c->n, ncap, sizeof(*c->ids));
		c->names = arena_grow(&r->a, c->names, c->n, ncap, sizeof(*c->names));
		c->cap = ncap;
	}
	c->ids[c->n] = worker_id;
	c->names[c->n++] = name;
}

const char *page_worker_name(struct web_request *r, int64_t worker_id)
{
	if (!worker_id) {
		return "";
	}
	for (size_t i = 0; r->names && i < r->names->n; i++) {
		if (r->names->ids[i] == worker_id) {
			return r->names->names[i];
		}
	}
	/* Not given by the page (page_names_add): looked up once. */
	struct hval *w;
	const char *name = "(unknown worker)";
	if (store_get(r->st, &entity_worker, worker_id, &r->a, &w, NULL) == 0) {
		name = arena_printf(&r->a, "%s %s", w[WORKER_GIVEN_NAME].s, w[WORKER_FAMILY_NAME].s);
	}
	page_names_add(r, worker_id, name);
	return name;
}

const char *page_value(struct web_request *r, const struct field *f, const struct hval *v)
{
	if (v->null) {
		return "";
	}
	switch (f->type) {
	case FT_CODE:
		return code_label(f->arg, v->s);
	case FT_DATE:
		return page_date(r, (hdate)v->i);
	case FT_BOOL:
		return v->i ? "Yes" : "No";
	case FT_REF:
		if (strcmp(f->arg, "worker") == 0) {
			return page_worker_name(r, v->i);
		}
		return value_text(f, v, &r->a);
	default:
		return value_text(f, v, &r->a);
	}
}

/* Each status's tag colour (GOV.UK tag modifiers). */
static const char *const status_colour[STATUS_MAX] = {
	[STATUS_CLA] = "govuk-tag--purple",	  [STATUS_CP] = "govuk-tag--red",
	[STATUS_CIN] = "govuk-tag--blue",	  [STATUS_LEAVER] = "govuk-tag--green",
	[STATUS_EARLY_HELP] = "govuk-tag--yellow", [STATUS_CLOSED] = "govuk-tag--grey",
};

void page_status_tag(struct html *h, enum child_status s)
{
	html_f(h, "<strong class=\"govuk-tag %s\">%s</strong>", s < STATUS_MAX ? status_colour[s] : "",
	       status_label(s));
}

void page_csrf_field(struct web_request *r, struct html *h)
{
	html_f(h, "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">",
	       r->signed_in && r->session.csrf ? r->session.csrf : "");
}

const char *page_child_name(struct web_request *r, const struct hval *c)
{
	return arena_printf(&r->a, "%s %s", c[CHILD_GIVEN_NAME].s ? c[CHILD_GIVEN_NAME].s : "",
			    c[CHILD_FAMILY_NAME].s ? c[CHILD_FAMILY_NAME].s : "");
}

/* ---- forms ---- */

/* Lists longer than this are a select, shorter ones radios (GOV.UK's advice). */
#define RADIOS_MAX 7

void page_form_init(struct web_request *r, struct page_form *f, const struct entity *e, const int *fields)
{
	*f = (struct page_form){.e = e, .fields = fields, .options_field = -1};
	f->text = arena_alloc(&r->a, sizeof(*f->text) * (size_t)e->n_fields);
	f->error = arena_alloc(&r->a, sizeof(*f->error) * (size_t)e->n_fields);
	f->choices = arena_alloc(&r->a, sizeof(*f->choices) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		f->text[i] = NULL;
		f->error[i] = NULL;
		f->choices[i] = (struct page_options){NULL, 0};
	}
}

static void form_error(struct page_form *f, int field, const char *msg)
{
	if (!f->error[field]) {
		f->error[field] = msg;
		f->n_errors++;
	}
}

void page_form_extra_error(struct page_form *f, const char *name, const char *msg)
{
	if (f->n_extra < PAGE_FORM_EXTRA_MAX && !page_form_extra_error_of(f, name)) {
		f->extra_name[f->n_extra] = name;
		f->extra_error[f->n_extra++] = msg;
		f->n_errors++;
	}
}

const char *page_form_extra_error_of(const struct page_form *f, const char *name)
{
	for (size_t i = 0; i < f->n_extra; i++) {
		if (strcmp(f->extra_name[i], name) == 0) {
			return f->extra_error[i];
		}
	}
	return NULL;
}

static bool all_digits(const char *s)
{
	return strspn(s, "0123456789") == strlen(s);
}

/* A date typed into the three boxes, as YYYY-MM-DD for value_parse (which refuses
 * impossible dates); "" when all three are blank, NULL when only some are. */
static const char *form_date(struct web_request *r, const char *name)
{
	const char *d = web_form(r, arena_printf(&r->a, "%s-day", name));
	const char *m = web_form(r, arena_printf(&r->a, "%s-month", name));
	const char *y = web_form(r, arena_printf(&r->a, "%s-year", name));
	d = d ? d : "";
	m = m ? m : "";
	y = y ? y : "";
	if (!*d && !*m && !*y) {
		return "";
	}
	if (!*d || !*m || !*y || strlen(d) > 2 || strlen(m) > 2 || strlen(y) != 4 || !all_digits(d) || !all_digits(m) ||
	    !all_digits(y)) {
		return NULL;
	}
	return arena_printf(&r->a, "%s-%02d-%02d", y, atoi(m), atoi(d));
}

/* An instant typed as a date and a 24-hour time (HH:MM, UTC), as YYYY-MM-DDTHH:MMZ; ""
 * when all blank, NULL when incomplete or not a time. */
static const char *form_instant(struct web_request *r, const char *name)
{
	const char *date = form_date(r, name);
	const char *t = web_form(r, arena_printf(&r->a, "%s-time", name));
	t = t ? t : "";
	if (date && !*date && !*t) {
		return "";
	}
	int hh, mm;
	char tail;
	if (!date || !*date || strlen(t) < 3 || strlen(t) > 5 || sscanf(t, "%d:%d%c", &hh, &mm, &tail) != 2 ||
	    hh < 0 || hh > 23 || mm < 0 || mm > 59) {
		return NULL;
	}
	return arena_printf(&r->a, "%sT%02d:%02dZ", date, hh, mm);
}

/* The field on f that decides whether field is shown (HEARTH_FIELD_SHOWN_WHEN), with the
 * values that show it; -1 when it is always shown or that field is not on f. */
static int controller_on_form(const struct page_form *f, int field, const char **values)
{
	int w = entity_field_shown_when(f->e, field, values);
	for (const int *p = f->fields; w >= 0 && *p >= 0; p++) {
		if (*p == w) {
			return w;
		}
	}
	return -1;
}

size_t page_form_read(struct web_request *r, struct page_form *f, struct hval *vals)
{
	for (const int *p = f->fields; *p >= 0; p++) {
		const struct field *fd = &f->e->fields[*p];
		const char *text;
		if (fd->type == FT_DATE || fd->type == FT_INSTANT) {
			text = fd->type == FT_DATE ? form_date(r, fd->name) : form_instant(r, fd->name);
			/* Keep the boxes' text for redrawing. */
			f->text[*p] = text ? text : "";
			if (!text) {
				form_error(f, *p,
					   arena_printf(&r->a,
							fd->type == FT_DATE ? "%s must be a real date, like 27 3 2026"
									    : "%s must be a real date and a time, like 27 3 2026 and 17:30",
							fd->label));
				continue;
			}
		} else {
			text = web_form(r, fd->name);
			f->text[*p] = text;
		}
		if (!text || !*text) {
			if (fd->flags & F_REQUIRED) {
				form_error(f, *p,
					   arena_printf(&r->a, fd->type == FT_DATE || fd->type == FT_INSTANT ? "Enter a date for %s"
							       : fd->type == FT_TEXT || fd->type == FT_STR || fd->type == FT_INT ||
									 fd->type == FT_REAL
								   ? "Enter %s"
								   : "Select %s",
							fd->label));
			}
			continue;
		}
		struct hearth_error err = {0};
		if (value_parse(fd, text, &r->a, &vals[*p], &err)) {
			form_error(f, *p, fd->type == FT_DATE
						  ? arena_printf(&r->a, "%s must be a real date, like 27 3 2026", fd->label)
						  : arena_printf(&r->a, "%s: %s", fd->label, err.message));
		}
	}
	/* A field shown only when another holds some value (HEARTH_FIELD_SHOWN_WHEN) is
	 * ignored when it does not: blank, whatever was typed, and never an error. The same
	 * data draws the reveal, so with or without JavaScript the answer is the same. */
	for (const int *p = f->fields; *p >= 0; p++) {
		const char *values;
		int w = controller_on_form(f, *p, &values);
		if (w >= 0 && !entity_value_among(values, f->text[w])) {
			vals[*p] = (struct hval){.null = true};
			if (f->error[*p]) {
				f->error[*p] = NULL;
				f->n_errors--;
			}
		}
	}
	return f->n_errors;
}

void page_form_refused(struct page_form *f, const struct hearth_error *err)
{
	for (const int *p = f->fields; *p >= 0; p++) {
		if (err->field[0] && strcmp(f->e->fields[*p].name, err->field) == 0) {
			form_error(f, *p, err->message);
			return;
		}
	}
	for (size_t i = 0; i < f->n_extra; i++) {
		if (err->field[0] && strcmp(f->extra_name[i], err->field) == 0) {
			return;
		}
	}
	f->general_error = err->message;
	f->n_errors++;
}

/* The id of the input an error links to (a date's first box). */
static const char *input_id(struct web_request *r, const struct field *fd)
{
	return fd->type == FT_DATE || fd->type == FT_INSTANT ? arena_printf(&r->a, "%s-day", fd->name) : fd->name;
}

void page_form_errors(struct web_request *r, struct html *h, const struct page_form *f)
{
	page_form_errors_of(r, h, &f, 1);
}

void page_form_errors_of(struct web_request *r, struct html *h, const struct page_form *const *forms, size_t n)
{
	size_t errors = 0;
	for (size_t k = 0; k < n; k++) {
		errors += forms[k]->n_errors;
	}
	if (!errors) {
		return;
	}
	html_f(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
		  "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
		  "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
	for (size_t k = 0; k < n; k++) {
		const struct page_form *f = forms[k];
		if (f->general_error) {
			html_f(h, "<li>%s</li>", f->general_error);
		}
		for (const int *p = f->fields; *p >= 0; p++) {
			if (f->error[*p]) {
				html_f(h, "<li><a href=\"#%s\">%s</a></li>", input_id(r, &f->e->fields[*p]), f->error[*p]);
			}
		}
		for (size_t i = 0; i < f->n_extra; i++) {
			html_f(h, "<li><a href=\"#%s\">%s</a></li>", f->extra_name[i], f->extra_error[i]);
		}
	}
	html_f(h, "</ul></div></div></div>");
}

static void error_message(struct html *h, const char *name, const char *error)
{
	if (error) {
		html_f(h, "<p id=\"%s-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:"
			  "</span> %s</p>",
		       name, error);
	}
}

static void field_error(struct html *h, const struct page_form *f, int field)
{
	error_message(h, f->e->fields[field].name, f->error[field]);
}

/* The hint under a field's label, from the descriptor (nothing when it has none). */
static void field_hint(struct html *h, const struct field *fd, const char *hint)
{
	if (hint) {
		html_f(h, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>", fd->name, hint);
	}
}

/* The aria-describedby attribute's value for a field: its hint and error, if any. */
static const char *described_by(struct web_request *r, const struct field *fd, const char *hint, const char *error)
{
	if (!hint && !error) {
		return NULL;
	}
	return arena_printf(&r->a, "%s%s%s%s%s", hint ? fd->name : "", hint ? "-hint" : "", hint && error ? " " : "",
			    error ? fd->name : "", error ? "-error" : "");
}

/* Writes ` aria-describedby="by"` (nothing when by is NULL). */
static void described_by_attr(struct html *h, const char *by)
{
	if (by) {
		html_f(h, " aria-describedby=\"%s\"", by);
	}
}

/* The day, month and year of a typed YYYY-MM-DD... (or blanks), and an instant's HH:MM. */
static void date_parts(const char *text, char *d, char *m, char *y, char *t)
{
	d[0] = m[0] = y[0] = t[0] = '\0';
	if (text && strlen(text) >= 10 && text[4] == '-' && text[7] == '-') {
		memcpy(y, text, 4);
		y[4] = '\0';
		snprintf(m, 3, "%d", atoi(text + 5));
		snprintf(d, 3, "%d", atoi(text + 8));
		if (strlen(text) >= 16 && text[10] == 'T' && text[13] == ':') {
			memcpy(t, text + 11, 5);
			t[5] = '\0';
		}
	}
}

static void date_field(struct web_request *r, struct html *h, const struct page_form *f, int field)
{
	const struct field *fd = &f->e->fields[field];
	bool instant = fd->type == FT_INSTANT;
	char dd[3], mm[3], yy[5], t[6];
	date_parts(f->text[field], dd, mm, yy, t);
	const char *d = dd, *m = mm, *y = yy;
	/* A form that was posted (or restored from a draft) shows the three boxes as typed,
	 * even a date half typed or mistyped: nothing typed is lost. */
	const char *td = web_form(r, arena_printf(&r->a, "%s-day", fd->name));
	const char *tm = web_form(r, arena_printf(&r->a, "%s-month", fd->name));
	const char *ty = web_form(r, arena_printf(&r->a, "%s-year", fd->name));
	if (td || tm || ty) {
		d = td ? td : "";
		m = tm ? tm : "";
		y = ty ? ty : "";
	}
	const char *hint = entity_field_hint(f->e, field);
	const char *example = instant ? "For example, 27 3 2026 and 17:30 (24-hour clock, UTC)" : "For example, 27 3 2026";
	const char *err = f->error[field] ? " govuk-input--error" : "";
	html_f(h, "<div class=\"govuk-form-group%s\"><fieldset class=\"govuk-fieldset\" role=\"group\" "
		  "aria-describedby=\"%s-hint%s%s\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s"
		  "</legend><div id=\"%s-hint\" class=\"govuk-hint\">%s%s%s</div>",
	       f->error[field] ? " govuk-form-group--error" : "", fd->name, f->error[field] ? " " : "",
	       f->error[field] ? arena_printf(&r->a, "%s-error", fd->name) : "", fd->label, fd->name, hint ? hint : "",
	       hint ? ". " : "", example);
	field_error(h, f, field);
	html_f(h, "<div class=\"govuk-date-input\">");
	static const struct {
		const char *part, *label, *width;
	} parts[] = {{"day", "Day", "2"}, {"month", "Month", "2"}, {"year", "Year", "4"}};
	const char *values[] = {d, m, y};
	for (int i = 0; i < 3; i++) {
		html_f(h, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label "
			  "govuk-date-input__label\" for=\"%s-%s\">%s</label><input class=\"govuk-input govuk-date-input__input "
			  "govuk-input--width-%s%s\" id=\"%s-%s\" name=\"%s-%s\" type=\"text\" inputmode=\"numeric\" "
			  "value=\"%s\"></div></div>",
		       fd->name, parts[i].part, parts[i].label, parts[i].width, err, fd->name, parts[i].part, fd->name,
		       parts[i].part, values[i]);
	}
	if (instant) {
		html_f(h, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label "
			  "govuk-date-input__label\" for=\"%s-time\">Time</label><input class=\"govuk-input "
			  "govuk-date-input__input govuk-input--width-5%s\" id=\"%s-time\" name=\"%s-time\" type=\"text\" "
			  "value=\"%s\"></div></div>",
		       fd->name, err, fd->name, fd->name, t);
	}
	html_f(h, "</div></fieldset></div>");
}

static void field_draw(struct web_request *r, struct html *h, const struct page_form *f, int field);

/* How many choices a choice field offers (radios up to RADIOS_MAX, else a select). */
static size_t choice_count(const struct page_form *f, int field)
{
	const struct field *fd = &f->e->fields[field];
	if (f->choices[field].codes) {
		return f->choices[field].n;
	}
	if (fd->type == FT_BOOL) {
		return 2;
	}
	if (fd->type == FT_REF && field == f->options_field) {
		return f->n_options;
	}
	const struct codelist *cl = fd->type == FT_CODE ? codelist_find(fd->arg) : NULL;
	return cl ? cl->n : RADIOS_MAX + 1;
}

/* Whether field is drawn inside its controller's radios, as a conditional reveal. */
static bool revealed(const struct page_form *f, int field)
{
	int w = controller_on_form(f, field, NULL);
	const enum field_type t = w >= 0 ? f->e->fields[w].type : FT_MAX;
	return w >= 0 && (t == FT_BOOL || t == FT_CODE) && choice_count(f, w) <= RADIOS_MAX;
}

#define REVEALS_MAX 8

/* The fields field's radios reveal, grouped by the values that show them: groups[g] is
 * the values, fields[g] its fields (-1 ended). */
struct reveals {
	const char *values[REVEALS_MAX];
	int fields[REVEALS_MAX][REVEALS_MAX + 1];
	size_t n;
};

static void reveals_of(const struct page_form *f, int field, struct reveals *rv)
{
	rv->n = 0;
	for (const int *p = f->fields; *p >= 0; p++) {
		const char *values;
		if (!revealed(f, *p) || controller_on_form(f, *p, &values) != field) {
			continue;
		}
		size_t g = 0;
		while (g < rv->n && strcmp(rv->values[g], values) != 0) {
			g++;
		}
		if (g == rv->n) {
			if (rv->n == REVEALS_MAX) {
				continue;
			}
			rv->values[rv->n] = values;
			rv->fields[rv->n++][0] = -1;
		}
		size_t k = 0;
		while (rv->fields[g][k] >= 0) {
			k++;
		}
		if (k < REVEALS_MAX) {
			rv->fields[g][k] = *p;
			rv->fields[g][k + 1] = -1;
		}
	}
}

/* The first group option value shows (-1: none). */
static int reveal_group(const struct reveals *rv, const char *value)
{
	for (size_t g = 0; g < rv->n; g++) {
		if (entity_value_among(rv->values[g], value)) {
			return (int)g;
		}
	}
	return -1;
}

/* A group's fields in GOV.UK's conditional reveal: hidden (where JavaScript runs) until an
 * option showing it is chosen. Without JavaScript it is simply shown. */
static void reveal_draw(struct web_request *r, struct html *h, const struct page_form *f, int field,
			const struct reveals *rv, size_t g)
{
	const char *typed = f->text[field] ? f->text[field] : "";
	html_f(h, "<div class=\"govuk-radios__conditional%s\" id=\"conditional-%s-%zu\" data-shown-when=\"%s\">",
	       entity_value_among(rv->values[g], typed) ? "" : " govuk-radios__conditional--hidden", f->e->fields[field].name,
	       g, rv->values[g]);
	for (const int *p = rv->fields[g]; *p >= 0; p++) {
		field_draw(r, h, f, *p);
	}
	html_f(h, "</div>");
}

static void choice_field(struct web_request *r, struct html *h, const struct page_form *f, int field,
			 const struct code *codes, size_t n)
{
	const struct field *fd = &f->e->fields[field];
	const char *typed = f->text[field] ? f->text[field] : "";
	const char *hint = entity_field_hint(f->e, field);
	const char *by = described_by(r, fd, hint, f->error[field]);
	html_f(h, "<div class=\"govuk-form-group%s\">", f->error[field] ? " govuk-form-group--error" : "");
	if (n > RADIOS_MAX) {
		html_f(h, "<label class=\"govuk-label govuk-label--s\" for=\"%s\">%s</label>", fd->name, fd->label);
		field_hint(h, fd, hint);
		field_error(h, f, field);
		html_f(h, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\"", f->error[field] ? " govuk-select--error" : "",
		       fd->name, fd->name);
		described_by_attr(h, by);
		html_f(h, "><option value=\"\">Choose</option>");
		for (size_t i = 0; i < n; i++) {
			html_f(h, "<option value=\"%s\"%s>%s</option>", codes[i].code,
			       strcmp(typed, codes[i].code) == 0 ? " selected" : "", codes[i].label);
		}
		html_f(h, "</select></div>");
		return;
	}
	html_f(h, "<fieldset class=\"govuk-fieldset\"");
	described_by_attr(h, by);
	html_f(h, "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s</legend>", fd->label);
	field_hint(h, fd, hint);
	field_error(h, f, field);
	if (n == 0) {
		html_f(h, "<p class=\"govuk-body\" id=\"%s\">There is nothing to choose from yet.</p>", fd->name);
	}
	struct reveals rv;
	reveals_of(f, field, &rv);
	/* Inline radios cannot hold a reveal under their option (GOV.UK), so a yes/no that
	 * reveals is stacked. */
	html_f(h, rv.n && n ? "<div class=\"govuk-radios govuk-radios--small%s\" data-module=\"govuk-radios\">"
			    : "<div class=\"govuk-radios govuk-radios--small%s\">",
	       n == 2 && !rv.n ? " govuk-radios--inline" : "");
	bool drawn[REVEALS_MAX] = {false};
	for (size_t i = 0; i < n; i++) {
		int g = reveal_group(&rv, codes[i].code);
		/* The first radio carries the field's own id, so the error summary can link to it. */
		html_f(h, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"%s%s%s\" "
			  "name=\"%s\" type=\"radio\" value=\"%s\"%s",
		       fd->name, i ? "-" : "", i ? codes[i].code : "", fd->name, codes[i].code,
		       strcmp(typed, codes[i].code) == 0 ? " checked" : "");
		if (g >= 0) {
			html_f(h, " data-aria-controls=\"conditional-%s-%d\"", fd->name, g);
		}
		html_f(h, "><label class=\"govuk-label govuk-radios__label\" for=\"%s%s%s\">%s</label></div>", fd->name,
		       i ? "-" : "", i ? codes[i].code : "", codes[i].label);
		/* A group's reveal follows the last option that shows it. */
		bool last = g >= 0;
		for (size_t k = i + 1; last && k < n; k++) {
			last = reveal_group(&rv, codes[k].code) != g;
		}
		if (last) {
			reveal_draw(r, h, f, field, &rv, (size_t)g);
			drawn[g] = true;
		}
	}
	html_f(h, "</div></fieldset>");
	/* A group no option offered here shows (its values not in use on the row's date) is
	 * drawn plainly, so nothing typed is lost. */
	for (size_t g = 0; g < rv.n; g++) {
		for (const int *p = rv.fields[g]; !drawn[g] && *p >= 0; p++) {
			field_draw(r, h, f, *p);
		}
	}
	html_f(h, "</div>");
}

static const struct code yes_no[] = {{"yes", "Yes", 0, 0}, {"no", "No", 0, 0}};

void page_textarea(struct html *h, const char *name, const char *label, const char *hint, const char *value,
		   const char *error, int maxlength)
{
	html_f(h, "<div class=\"govuk-form-group govuk-character-count%s\" data-module=\"govuk-character-count\" "
		  "data-maxlength=\"%d\"><label class=\"govuk-label govuk-label--s\" for=\"%s\">%s</label>",
	       error ? " govuk-form-group--error" : "", maxlength, name, label);
	if (hint) {
		html_f(h, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>", name, hint);
	}
	error_message(h, name, error);
	html_f(h, "<textarea class=\"govuk-textarea govuk-js-character-count%s\" id=\"%s\" name=\"%s\" rows=\"5\" "
		  "aria-describedby=\"%s-info",
	       error ? " govuk-textarea--error" : "", name, name, name);
	if (hint) {
		html_f(h, " %s-hint", name);
	}
	if (error) {
		html_f(h, " %s-error", name);
	}
	html_f(h, "\">%s</textarea><div id=\"%s-info\" class=\"govuk-hint govuk-character-count__message\">You can "
		  "enter up to %d characters</div></div>",
	       value ? value : "", name, maxlength);
}

void page_success_banner(struct html *h, const char *message)
{
	html_f(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
		  "aria-labelledby=\"done-title\" data-module=\"govuk-notification-banner\"><div "
		  "class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" "
		  "id=\"done-title\">Success</h2></div><div class=\"govuk-notification-banner__content\"><p "
		  "class=\"govuk-notification-banner__heading\">%s</p></div></div>",
	       message);
}

void page_table_begin(struct html *h, const char *name, const char *const *heads, unsigned numeric, unsigned hidden)
{
	html_f(h, "<table class=\"govuk-table\" data-hearth=\"%s\"><thead class=\"govuk-table__head\">"
		  "<tr class=\"govuk-table__row\">",
	       name);
	for (unsigned i = 0; heads[i]; i++) {
		html_f(h, "<th scope=\"col\" class=\"govuk-table__header%s\">", numeric & (1u << i) ? " govuk-table__header--numeric" : "");
		if (hidden & (1u << i)) {
			html_f(h, "<span class=\"govuk-visually-hidden\">%s</span></th>", heads[i]);
		} else {
			html_f(h, "%s</th>", heads[i]);
		}
	}
	html_f(h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

void page_form_field(struct web_request *r, struct html *h, const struct page_form *f, int field)
{
	/* A field its controller's radios reveal is drawn there, not here. */
	if (!revealed(f, field)) {
		field_draw(r, h, f, field);
	}
}

static void field_draw(struct web_request *r, struct html *h, const struct page_form *f, int field)
{
	const struct field *fd = &f->e->fields[field];
	const char *typed = f->text[field] ? f->text[field] : "";
	const char *group_err = f->error[field] ? " govuk-form-group--error" : "";
	const char *hint = entity_field_hint(f->e, field);
	if (f->choices[field].codes) {
		choice_field(r, h, f, field, f->choices[field].codes, f->choices[field].n);
		return;
	}
	switch (fd->type) {
	case FT_DATE:
	case FT_INSTANT:
		date_field(r, h, f, field);
		return;
	case FT_BOOL:
		choice_field(r, h, f, field, yes_no, 2);
		return;
	case FT_REF:
		if (field == f->options_field) {
			choice_field(r, h, f, field, f->options, f->n_options);
			return;
		}
		break;
	case FT_CODE: {
		const struct codelist *cl = codelist_find(fd->arg);
		choice_field(r, h, f, field, cl ? cl->codes : NULL, cl ? cl->n : 0);
		return;
	}
	case FT_TEXT:
		page_textarea(h, fd->name, fd->label, hint, typed, f->error[field], FIELD_TEXT_MAX);
		return;
	default:
		break;
	}
	const char *by = described_by(r, fd, hint, f->error[field]);
	html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label govuk-label--s\" for=\"%s\">%s"
		  "</label>",
	       group_err, fd->name, fd->label);
	field_hint(h, fd, hint);
	field_error(h, f, field);
	bool number = fd->type == FT_INT || fd->type == FT_REAL;
	html_f(h, "<input class=\"govuk-input%s%s\" id=\"%s\" name=\"%s\" type=\"text\"",
	       f->error[field] ? " govuk-input--error" : "", number ? " govuk-input--width-5" : "", fd->name, fd->name);
	if (number) {
		html_f(h, " inputmode=\"numeric\"");
	}
	described_by_attr(h, by);
	html_f(h, " value=\"%s\"></div>", typed);
}

void page_form_fields(struct web_request *r, struct html *h, const struct page_form *f)
{
	for (const int *p = f->fields; *p >= 0; p++) {
		page_form_field(r, h, f, *p);
	}
}

/* The collection year (ending 31 March) a date falls in. */
static int collection_year(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return m >= 4 ? y + 1 : y;
}

/* "C2 – Full care order"; a code that is its own label reads once. */
static const char *code_option_label(struct web_request *r, const struct code *c)
{
	return strcmp(c->code, c->label) == 0 ? c->label : arena_printf(&r->a, "%s \xe2\x80\x93 %s", c->code, c->label);
}

void page_form_codes_on(struct web_request *r, struct page_form *f, int field, hdate on)
{
	const struct field *fd = &f->e->fields[field];
	const struct codelist *cl = codelist_find(fd->arg);
	if (fd->type != FT_CODE || !cl) {
		return;
	}
	int year = collection_year(on);
	const char *typed = f->text[field];
	struct code *out = arena_alloc(&r->a, sizeof(*out) * (cl->n + 1));
	size_t n = 0;
	bool typed_in = false;
	for (size_t i = 0; i < cl->n; i++) {
		bool chosen = typed && strcmp(typed, cl->codes[i].code) == 0;
		if (code_in_year(&cl->codes[i], year) || chosen) {
			out[n] = cl->codes[i];
			out[n++].label = code_option_label(r, &cl->codes[i]);
			typed_in = typed_in || chosen;
		}
	}
	if (typed && *typed && !typed_in) {
		/* Not a code of the list at all: shown as typed, so the refusal can be read. */
		out[n++] = (struct code){typed, typed, 0, 0};
	}
	f->choices[field] = (struct page_options){out, n};
}

bool page_form_knows(const struct page_form *f, const char *name)
{
	for (const int *p = f->fields; *p >= 0; p++) {
		const struct field *fd = &f->e->fields[*p];
		size_t n = strlen(fd->name);
		if (strncmp(name, fd->name, n) != 0) {
			continue;
		}
		const char *rest = name + n;
		if (fd->type == FT_DATE || fd->type == FT_INSTANT) {
			if (!strcmp(rest, "-day") || !strcmp(rest, "-month") || !strcmp(rest, "-year") ||
			    (fd->type == FT_INSTANT && !strcmp(rest, "-time"))) {
				return true;
			}
		} else if (*rest == '\0') {
			return true;
		}
	}
	return false;
}

const char *page_form_unknown(struct web_request *r, const struct page_form *f, const char *const *extra)
{
	for (size_t i = 0; i < r->n_form; i++) {
		const char *name = r->form[i].name;
		bool known = strcmp(name, "csrf_token") == 0;
		for (const char *const *x = extra; !known && x && *x; x++) {
			known = strcmp(name, *x) == 0;
		}
		if (!known && !page_form_knows(f, name)) {
			return name;
		}
	}
	return NULL;
}

void page_form_typed(struct web_request *r, struct page_form *f)
{
	for (const int *p = f->fields; *p >= 0; p++) {
		const struct field *fd = &f->e->fields[*p];
		if (fd->type == FT_DATE) {
			/* A whole date as YYYY-MM-DD; date_field draws a partial one's boxes as typed. */
			const char *t = form_date(r, fd->name);
			f->text[*p] = t ? t : "";
		} else {
			f->text[*p] = web_form(r, fd->name);
		}
	}
}
