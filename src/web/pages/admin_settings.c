/* pages/admin_settings: the local policy settings (model/settings.h) on the web — every
 * setting with the value in force, its default and what it is for, editable with the
 * rule `hearth settings DB set` applies (settings_validate). A form with any value
 * refused stores nothing; the values that changed are stored in one transaction, each
 * through the store's write path (a revision and an audit row each).
 *
 * The form is drawn from settings_table, so a setting added there appears here. */
#include <string.h>

#include "model/settings.h"
#include "web/pages/admin.h"
#include "web/pages/pages.h"

/* The settings as a form's descriptor: one text input per setting, named by its key. */
static void settings_form(struct web_request *r, struct page_form *f)
{
	struct field *fields = arena_alloc(&r->a, sizeof(*fields) * (size_t)settings_count);
	int *order = arena_alloc(&r->a, sizeof(*order) * (size_t)(settings_count + 1));
	for (int i = 0; i < settings_count; i++) {
		fields[i] = (struct field){settings_table[i].key, FT_STR, NULL, F_REQUIRED,
					   admin_role_label(r, settings_table[i].key)};
		order[i] = i;
	}
	order[settings_count] = -1;
	struct entity *e = arena_alloc(&r->a, sizeof(*e));
	*e = (struct entity){"admin_settings", "settings", fields, settings_count, -1, NULL, 0};
	page_form_init(r, f, e, order);
}

static int settings_page(struct web_request *r, struct page_form *f, const char **stored, int status)
{
	struct html *h = page_begin(r, "Local settings", "admin");
	admin_nav(h, "/admin/settings");
	if (web_query(r, "done") && strcmp(web_query(r, "done"), "saved") == 0) {
		page_success_banner(h, "The settings have been saved");
	}
	page_form_errors(r, h, f);
	html_f(h, "<h1 class=\"govuk-heading-l\">Local settings</h1><p class=\"govuk-body\">The authority's own policy. "
		  "Statutory timescales are rules, not settings, and are not here.</p>"
		  "<form method=\"post\" action=\"/admin/settings\" novalidate>");
	page_csrf_field(r, h);
	for (int i = 0; i < settings_count; i++) {
		const struct setting_def *d = &settings_table[i];
		const char *e = f->error[i];
		html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label govuk-label--s\" for=\"%s\">%s</label>"
			  "<div id=\"%s-hint\" class=\"govuk-hint\">%s. Default: %s%s%s.%s</div>",
		       e ? " govuk-form-group--error" : "", d->key, f->e->fields[i].label, d->key, d->description,
		       d->default_value, d->unit[0] ? " " : "", d->unit, stored[i] ? " Set locally." : "");
		if (e) {
			html_f(h, "<p id=\"%s-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
				  "Error:</span> %s</p>",
			       d->key, e);
		}
		html_f(h, "<input class=\"govuk-input govuk-input--width-20%s\" id=\"%s\" name=\"%s\" type=\"text\" "
			  "aria-describedby=\"%s-hint%s%s\" value=\"%s\"></div>",
		       e ? " govuk-input--error" : "", d->key, d->key, d->key, e ? " " : "", e ? arena_printf(&r->a, "%s-error", d->key) : "",
		       f->text[i] ? f->text[i] : "");
	}
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Save the settings</button></form>");
	return page_end(r, status);
}

/* What is stored for each setting (NULL: none, the default is in force). */
static const char **stored_values(struct web_request *r)
{
	const char **v = arena_alloc(&r->a, sizeof(*v) * (size_t)settings_count);
	for (int i = 0; i < settings_count; i++) {
		v[i] = store_setting(r->st, settings_table[i].key, &r->a);
	}
	return v;
}

int page_admin_settings(struct web_request *r)
{
	struct page_form f;
	settings_form(r, &f);
	const char **stored = stored_values(r);
	for (int i = 0; i < settings_count; i++) {
		bool valid = stored[i] && settings_validate(settings_table[i].key, stored[i], NULL) == 0;
		f.text[i] = valid ? stored[i] : settings_table[i].default_value;
	}
	return settings_page(r, &f, stored, 200);
}

int page_admin_settings_post(struct web_request *r)
{
	struct page_form f;
	settings_form(r, &f);
	const char **stored = stored_values(r);
	struct hval *vals = arena_alloc(&r->a, sizeof(*vals) * (size_t)settings_count);
	for (int i = 0; i < settings_count; i++) {
		vals[i] = (struct hval){.null = true};
	}
	page_form_read(r, &f, vals);
	for (int i = 0; i < settings_count; i++) {
		struct hearth_error err = {0};
		if (!f.error[i] && f.text[i] && settings_validate(settings_table[i].key, f.text[i], &err)) {
			f.error[i] = arena_printf(&r->a, "%s: %s (rule: %s)", f.e->fields[i].label, err.message, err.rule);
			f.n_errors++;
		}
	}
	if (f.n_errors) {
		return settings_page(r, &f, stored, 400);
	}
	struct hearth_error err = {0};
	if (store_begin(r->st, &err)) {
		return web_fail_err(r, &err);
	}
	for (int i = 0; i < settings_count; i++) {
		const char *key = settings_table[i].key;
		const char *now = stored[i] ? stored[i] : settings_table[i].default_value;
		if (strcmp(now, f.text[i]) == 0) {
			continue; /* unchanged: no revision */
		}
		struct hval row[SETTING__COUNT];
		memset(row, 0, sizeof(row));
		row[SETTING_KEY].s = key;
		row[SETTING_VALUE].s = f.text[i];
		int64_t id;
		int rc = store_find(r->st, &entity_setting, SETTING_KEY, key, &id, NULL) == 0
				 ? store_update(r->st, r->actor, &entity_setting, id, row, "changed on /admin/settings", &err)
				 : store_insert(r->st, r->actor, &entity_setting, row, &id, &err);
		if (rc) {
			store_rollback(r->st);
			return web_fail_err(r, &err);
		}
	}
	if (store_commit(r->st, &err)) {
		return web_fail_err(r, &err);
	}
	return page_redirect(r, "/admin/settings?done=saved");
}
