/* pages/admin: the administrator's pages for people who sign in — the list of users, a new
 * user, and one user's page with its changes: role and team, a new password, unlocking
 * after failed sign-ins, disabling (which ends their sessions at once).
 *
 * The administrator never sees a child's record: nothing here reads one. Every change
 * goes through the store's user functions, which write its audit row (action user_admin)
 * in the same transaction. Passwords are hashed here (argon2id, base/secret.h) and never
 * written anywhere else: a generated one is shown once, on the answer to the form.
 *
 * The forms are drawn with page.c's components from a descriptor of the form's own
 * inputs (user_form below): the same error summary, labels and errors as every record
 * form, and anything wrong means nothing is stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/secret.h"
#include "model/validate.h"
#include "web/pages/admin.h"
#include "web/pages/page.h"
#include "web/pages/pages.h"

#define PASSWORD_MIN 10

enum { U_USERNAME, U_ROLE, U_TEAM, U_WORKER, U_PASSWORD, U_CONFIRM, U__COUNT };

static const struct field user_fields[U__COUNT] = {
	{"username", FT_STR, NULL, F_REQUIRED, "Username"},
	{"role", FT_STR, NULL, F_REQUIRED, "Role"},
	{"team_id", FT_STR, NULL, 0, "Team"},
	{"worker_id", FT_STR, NULL, 0, "Worker (staff record)"},
	{"password", FT_STR, NULL, 0, "Password"},
	{"confirm", FT_STR, NULL, F_REQUIRED, "Confirm"},
};
static const struct entity user_form = {"admin_user", "user", user_fields, U__COUNT, -1, NULL, 0};

static const int new_fields[] = {U_USERNAME, U_ROLE, U_TEAM, U_WORKER, -1};
static const int role_fields[] = {U_ROLE, U_TEAM, -1};
static const int password_fields[] = {U_PASSWORD, -1};
static const int confirm_fields[] = {U_CONFIRM, -1};

/* "social_worker" as people read it: "Social worker". */
const char *admin_role_label(struct web_request *r, const char *role)
{
	char *s = arena_strdup(&r->a, role);
	for (char *p = s; *p; p++) {
		*p = *p == '_' ? ' ' : *p;
	}
	if (s[0] >= 'a' && s[0] <= 'z') {
		s[0] = (char)(s[0] - 'a' + 'A');
	}
	return s;
}

static bool valid_username(const char *u)
{
	size_t n = strlen(u);
	if (n < 2 || n > 64) {
		return false;
	}
	return strspn(u, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

int admin_teams_options(struct web_request *r, bool open_only, struct page_options *out)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_team, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct code *c = arena_alloc(&r->a, sizeof(*c) * (n ? n : 1));
	size_t k = 0;
	hdate today = date_today();
	for (size_t i = 0; i < n; i++) {
		if (open_only && !rows[i][TEAM_CLOSED].null && rows[i][TEAM_CLOSED].i <= today) {
			continue;
		}
		c[k++] = (struct code){arena_printf(&r->a, "%lld", (long long)ids[i]), rows[i][TEAM_NAME].s, 0, 0};
	}
	*out = (struct page_options){c, k};
	return 0;
}

/* Workers in post today, "Given Family (staff id)". */
static int worker_options(struct web_request *r, struct page_options *out)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_worker, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct code *c = arena_alloc(&r->a, sizeof(*c) * (n ? n : 1));
	size_t k = 0;
	hdate today = date_today();
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		if (v[WORKER_START_DATE].i > today || (!v[WORKER_END_DATE].null && v[WORKER_END_DATE].i <= today)) {
			continue;
		}
		c[k++] = (struct code){arena_printf(&r->a, "%lld", (long long)ids[i]),
				       arena_printf(&r->a, "%s %s (%s)", v[WORKER_GIVEN_NAME].s, v[WORKER_FAMILY_NAME].s,
						    v[WORKER_STAFF_ID].s),
				       0, 0};
	}
	*out = (struct page_options){c, k};
	return 0;
}

static void role_options(struct web_request *r, struct page_options *out)
{
	struct code *c = arena_alloc(&r->a, sizeof(*c) * ROLE_MAX);
	for (int i = 0; i < ROLE_MAX; i++) {
		const char *name = role_name((enum role)i);
		c[i] = (struct code){name, admin_role_label(r, name), 0, 0};
	}
	*out = (struct page_options){c, ROLE_MAX};
}

static const char *option_label(const struct page_options *o, const char *code)
{
	for (size_t i = 0; code && i < o->n; i++) {
		if (strcmp(o->codes[i].code, code) == 0) {
			return o->codes[i].label;
		}
	}
	return NULL;
}

static int user_form_init(struct web_request *r, struct page_form *f, const int *fields)
{
	page_form_init(r, f, &user_form, fields);
	role_options(r, &f->choices[U_ROLE]);
	int rc = admin_teams_options(r, true, &f->choices[U_TEAM]);
	return rc ? rc : worker_options(r, &f->choices[U_WORKER]);
}

/* Checks the role, team and worker typed against their choices and what the role needs:
 * a role that sees a team's children needs the team, one that sees its own allocations
 * needs the worker. */
static void check_role(struct web_request *r, struct page_form *f, bool with_worker)
{
	const char *role = f->text[U_ROLE], *team = f->text[U_TEAM], *worker = f->text[U_WORKER];
	int rl = role && *role ? role_parse(role) : -1;
	if (role && *role && rl < 0 && !f->error[U_ROLE]) {
		f->error[U_ROLE] = "Select a role from the list";
		f->n_errors++;
	}
	if (team && *team && !option_label(&f->choices[U_TEAM], team)) {
		f->error[U_TEAM] = "Select an open team from the list";
		f->n_errors++;
	} else if (rl >= 0 && role_scope((enum role)rl) == SCOPE_TEAM && !(team && *team)) {
		f->error[U_TEAM] = arena_printf(&r->a, "Select the team: a %s sees their team's children",
						admin_role_label(r, role));
		f->n_errors++;
	}
	if (!with_worker) {
		return;
	}
	if (worker && *worker && !option_label(&f->choices[U_WORKER], worker)) {
		f->error[U_WORKER] = "Select a worker in post from the list";
		f->n_errors++;
	} else if (rl >= 0 && role_scope((enum role)rl) == SCOPE_OWN && !(worker && *worker)) {
		f->error[U_WORKER] = arena_printf(&r->a, "Select the worker: a %s sees the children allocated to them",
						  admin_role_label(r, role));
		f->n_errors++;
	}
}

static int64_t id_of(const char *text)
{
	return text && *text ? (int64_t)strtoll(text, NULL, 10) : 0;
}

/* The password box (its own input: typed, never echoed back). */
static void password_input(struct html *h, const struct page_form *f, const char *hint)
{
	const char *e = f->error[U_PASSWORD];
	html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label govuk-label--s\" for=\"password\">%s"
		  "</label><div id=\"password-hint\" class=\"govuk-hint\">%s</div>",
	       e ? " govuk-form-group--error" : "", user_fields[U_PASSWORD].label, hint);
	if (e) {
		html_f(h, "<p id=\"password-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
			  "Error:</span> %s</p>",
		       e);
	}
	html_f(h, "<input class=\"govuk-input govuk-input--width-20%s\" id=\"password\" name=\"password\" "
		  "type=\"password\" autocomplete=\"new-password\" aria-describedby=\"password-hint%s\"></div>",
	       e ? " govuk-input--error" : "", e ? " password-error" : "");
	html_f(h, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\"><div "
		  "class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"generate\" "
		  "name=\"generate\" type=\"checkbox\" value=\"yes\"><label class=\"govuk-label govuk-checkboxes__label\" "
		  "for=\"generate\">Make one for me (leave the password blank): it is shown once</label></div></div></div>");
}

/* Reads the password typed (blank: make one). The hash goes to out; a generated password
 * to *shown (to be shown once). Returns false with the field's error set when refused. */
static bool password_read(struct web_request *r, struct page_form *f, char out[SECRET_HASH_SIZE],
			  const char **shown)
{
	const char *pw = web_form(r, "password");
	*shown = NULL;
	const char *gen = web_form(r, "generate");
	if ((!pw || !*pw) && !(gen && strcmp(gen, "yes") == 0)) {
		f->error[U_PASSWORD] = arena_printf(&r->a, "Enter a password of at least %d characters, or tick Make one for "
							   "me",
						    PASSWORD_MIN);
		f->n_errors++;
		return false;
	}
	if (!pw || !*pw) {
		char token[SECRET_TOKEN_HEX];
		secret_token(token);
		pw = *shown = arena_printf(&r->a, "%.16s", token);
	} else if (strlen(pw) < PASSWORD_MIN || strlen(pw) > 1024) {
		f->error[U_PASSWORD] = arena_printf(&r->a, "Password must be %d to 1024 characters", PASSWORD_MIN);
		f->n_errors++;
		return false;
	} else if (!validate_text(pw, false)) {
		f->error[U_PASSWORD] = "Password must be text without control characters";
		f->n_errors++;
		return false;
	}
	if (secret_password_hash(pw, out)) {
		f->general_error = "The password could not be hashed: try again";
		f->n_errors++;
		return false;
	}
	return true;
}

/* ---- GET /admin/users ---- */

static const struct {
	const char *done, *message;
} done_messages[] = {
	{"role", "The role and team have been changed"},
	{"password", "The password has been changed"},
	{"unlocked", "The user may sign in again"},
	{"disabled", "The user has been disabled and their sessions have ended"},
};

static void user_done_banner(struct web_request *r, struct html *h)
{
	const char *done = web_query(r, "done");
	for (size_t i = 0; done && i < sizeof(done_messages) / sizeof(done_messages[0]); i++) {
		if (strcmp(done, done_messages[i].done) == 0) {
			page_success_banner(h, done_messages[i].message);
		}
	}
}

static const char *instant_text(struct web_request *r, hinstant at)
{
	char buf[INSTANT_STR_SIZE];
	instant_format(at, buf);
	/* "2026-03-31T09:05:00Z" as "2026-03-31 09:05 UTC" */
	return arena_printf(&r->a, "%.10s %.5s UTC", buf, buf + 11);
}

void admin_nav(struct html *h, const char *here)
{
	static const char *const items[][2] = {{"/admin/users", "Users"},
					       {"/admin/teams", "Teams"},
					       {"/admin/settings", "Settings"},
					       {"/admin/inspections", "Inspections"},
					       {"/admin/audit", "Audit trail"}};
	html_f(h, "<nav class=\"hearth-admin-nav\" aria-label=\"Administration\"><ul class=\"govuk-list hearth-admin-nav__list\">");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		bool is = strcmp(items[i][0], here) == 0;
		if (is) {
			html_f(h, "<li class=\"hearth-admin-nav__item\"><a class=\"govuk-link\" href=\"%s\" aria-current=\"page\">"
				  "%s</a></li>",
			       items[i][0], items[i][1]);
		} else {
			html_f(h, "<li class=\"hearth-admin-nav__item\"><a class=\"govuk-link\" href=\"%s\">%s</a></li>",
			       items[i][0], items[i][1]);
		}
	}
	html_f(h, "</ul></nav>");
}

int page_admin_users(struct web_request *r)
{
	struct store_user *u;
	struct store_last_sign_in *last;
	size_t n, n_last;
	struct hearth_error err = {0};
	if (store_users(r->st, &r->a, &u, &n, &err) || store_users_last_sign_in(r->st, &r->a, &last, &n_last, &err)) {
		return web_fail_err(r, &err);
	}
	struct page_options teams;
	int rc = admin_teams_options(r, false, &teams);
	if (rc) {
		return rc;
	}
	struct html *h = page_begin(r, "Users", "admin");
	admin_nav(h, "/admin/users");
	user_done_banner(r, h);
	html_f(h, "<h1 class=\"govuk-heading-l\">Users</h1><a class=\"govuk-button\" href=\"/admin/users/new\">Add a user"
		  "</a><div class=\"hearth-table-wrap\"><table class=\"govuk-table\" data-hearth=\"users\">"
		  "<caption class=\"govuk-table__caption govuk-table__caption--m\">%zu %s</caption>"
		  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		  "<th scope=\"col\" class=\"govuk-table__header\">Username</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Team</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Worker</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
		  "<th scope=\"col\" class=\"govuk-table__header\">Last signed in</th></tr></thead>"
		  "<tbody class=\"govuk-table__body\">",
	       n, n == 1 ? "user" : "users");
	for (size_t i = 0; i < n; i++) {
		const char *team = u[i].team_id ? option_label(&teams, arena_printf(&r->a, "%lld", (long long)u[i].team_id))
						: NULL;
		const char *last_at = NULL;
		for (size_t k = 0; k < n_last; k++) {
			if (last[k].user_id == u[i].id) {
				last_at = instant_text(r, last[k].at);
			}
		}
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
			  "href=\"/admin/users/%lld\">%s</a></td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td></tr>",
		       (long long)u[i].id, u[i].username, admin_role_label(r, u[i].role), team ? team : "",
		       u[i].worker_id ? page_worker_name(r, u[i].worker_id) : "",
		       u[i].disabled ? "Disabled" : "Active", last_at ? last_at : "Never");
	}
	html_f(h, "</tbody></table></div>");
	return page_end(r, 200);
}

/* ---- a new user ---- */

static int new_user_page(struct web_request *r, struct page_form *f, int status)
{
	struct html *h = page_begin(r, "Add a user", "admin");
	html_f(h, "<a href=\"/admin/users\" class=\"govuk-back-link\">Back to users</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, f);
	html_f(h, "<h1 class=\"govuk-heading-l\">Add a user</h1><form method=\"post\" action=\"/admin/users\" "
		  "novalidate>");
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	password_input(h, f, "At least 10 characters");
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Add the user</button></form></div></div>");
	return page_end(r, status);
}

int page_admin_user_new(struct web_request *r)
{
	struct page_form f;
	int rc = user_form_init(r, &f, new_fields);
	return rc ? rc : new_user_page(r, &f, 200);
}

int page_admin_user_create(struct web_request *r)
{
	struct page_form f;
	int rc = user_form_init(r, &f, new_fields);
	if (rc) {
		return rc;
	}
	struct hval vals[U__COUNT];
	for (int i = 0; i < U__COUNT; i++) {
		vals[i] = (struct hval){.null = true};
	}
	page_form_read(r, &f, vals);
	const char *name = f.text[U_USERNAME];
	if (name && *name && !f.error[U_USERNAME] && !valid_username(name)) {
		f.error[U_USERNAME] = "Username must be 2 to 64 characters of a to z, 0 to 9, '.', '_' or '-'";
		f.n_errors++;
	}
	check_role(r, &f, true);
	char hash[SECRET_HASH_SIZE];
	const char *shown = NULL;
	if (!f.n_errors) {
		password_read(r, &f, hash, &shown);
	}
	if (f.n_errors) {
		return new_user_page(r, &f, 400);
	}
	struct hearth_error err = {0};
	int64_t id;
	if (store_user_add(r->st, r->actor, name, hash, f.text[U_ROLE], id_of(f.text[U_TEAM]), id_of(f.text[U_WORKER]),
			   &id, &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&f, &err);
		return new_user_page(r, &f, 400);
	}
	if (!shown) {
		return page_redirect(r, arena_printf(&r->a, "/admin/users/%lld?done=added", (long long)id));
	}
	/* A generated password is shown here, once, and never again. */
	struct html *h = page_begin(r, "User added", "admin");
	html_f(h, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">User added</h1>"
		  "<div class=\"govuk-panel__body\">%s</div></div><p class=\"govuk-body\">Their password is "
		  "<code class=\"hearth-password\" data-hearth=\"password\">%s</code>. It is shown only this once: give "
		  "it to them now.</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/users/%lld\">Go to "
		  "the user</a></p>",
	       name, shown, (long long)id);
	return page_end(r, 201);
}

/* ---- one user ---- */

static int load_user(struct web_request *r, struct store_user *u)
{
	struct hearth_error err = {0};
	if (store_user_get(r->st, r->rid, &r->a, u, &err)) {
		return web_fail_err(r, &err);
	}
	return 0;
}

/* The user's page: their details and a form for each change; the form that was posted
 * (which, or NULL) is drawn with its errors. */
static int user_page(struct web_request *r, const struct store_user *u, const char *which, struct page_form *posted,
		     int status)
{
	struct page_form role_f, pw_f, confirm_f;
	int rc = user_form_init(r, &role_f, role_fields);
	if (rc) {
		return rc;
	}
	page_form_init(r, &pw_f, &user_form, password_fields);
	page_form_init(r, &confirm_f, &user_form, confirm_fields);
	role_f.text[U_ROLE] = u->role;
	role_f.text[U_TEAM] = u->team_id ? arena_printf(&r->a, "%lld", (long long)u->team_id) : NULL;
	if (which && strcmp(which, "role") == 0) {
		role_f = *posted;
	}
	if (which && strcmp(which, "password") == 0) {
		pw_f = *posted;
	}
	const char *title = arena_printf(&r->a, "User %s", u->username);
	struct html *h = page_begin(r, title, "admin");
	html_f(h, "<a href=\"/admin/users\" class=\"govuk-back-link\">Back to users</a>");
	user_done_banner(r, h);
	if (web_query(r, "done") && strcmp(web_query(r, "done"), "added") == 0) {
		page_success_banner(h, "The user has been added");
	}
	if (posted) {
		page_form_errors(r, h, posted);
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">%s</h1><dl class=\"govuk-summary-list\">"
		  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Role</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>"
		  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Team</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>"
		  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Worker</dt>"
		  "<dd class=\"govuk-summary-list__value\">%s</dd></div>"
		  "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Status</dt>"
		  "<dd class=\"govuk-summary-list__value\" data-hearth=\"status\">%s</dd></div></dl>",
	       u->username, admin_role_label(r, u->role),
	       role_f.text[U_TEAM] && option_label(&role_f.choices[U_TEAM], role_f.text[U_TEAM])
		       ? option_label(&role_f.choices[U_TEAM], role_f.text[U_TEAM])
		       : "None",
	       u->worker_id ? page_worker_name(r, u->worker_id) : "None", u->disabled ? "Disabled" : "Active");
	html_f(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
		  "<h2 class=\"govuk-heading-m\">Role and team</h2><form method=\"post\" action=\"/admin/users/%lld/role\" "
		  "novalidate>",
	       (long long)u->id);
	page_csrf_field(r, h);
	page_form_fields(r, h, &role_f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Change role and team</button></form>"
		  "<h2 class=\"govuk-heading-m\">Reset the password</h2><form method=\"post\" "
		  "action=\"/admin/users/%lld/password\" novalidate>",
	       (long long)u->id);
	page_csrf_field(r, h);
	password_input(h, &pw_f, "At least 10 characters");
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Reset the password</button></form>");
	static const char *const actions[][3] = {
		{"unlock", "Unlock after failed sign-ins", "They may try to sign in again at once"},
		{"disable", "Disable the user", "They are signed out everywhere at once and cannot sign in"}};
	for (size_t i = 0; i < 2; i++) {
		if (i == 1 && u->disabled) {
			continue;
		}
		bool this_one = which && strcmp(which, actions[i][0]) == 0;
		const char *e = this_one ? posted->error[U_CONFIRM] : NULL;
		html_f(h, "<h2 class=\"govuk-heading-m\">%s</h2><form method=\"post\" action=\"/admin/users/%lld/%s\" "
			  "novalidate>",
		       actions[i][1], (long long)u->id, actions[i][0]);
		page_csrf_field(r, h);
		html_f(h, "<div class=\"govuk-form-group%s\"><div class=\"govuk-checkboxes govuk-checkboxes--small\">",
		       e ? " govuk-form-group--error" : "");
		if (e) {
			html_f(h, "<p id=\"confirm-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
				  "Error:</span> %s</p>",
			       e);
		}
		html_f(h, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"%s\" "
			  "name=\"confirm\" type=\"checkbox\" value=\"yes\"><label class=\"govuk-label "
			  "govuk-checkboxes__label\" for=\"%s\">%s</label></div></div></div>"
			  "<button type=\"submit\" class=\"govuk-button govuk-button--%s\">%s</button></form>",
		       this_one ? "confirm" : actions[i][0], this_one ? "confirm" : actions[i][0], actions[i][2],
		       i == 1 ? "warning" : "secondary", actions[i][1]);
	}
	html_f(h, "</div></div>");
	return page_end(r, status);
}

int page_admin_user(struct web_request *r)
{
	struct store_user u;
	int rc = load_user(r, &u);
	return rc ? rc : user_page(r, &u, NULL, NULL, 200);
}

int page_admin_user_role(struct web_request *r)
{
	struct store_user u;
	struct page_form f;
	int rc = load_user(r, &u);
	if (rc || (rc = user_form_init(r, &f, role_fields))) {
		return rc;
	}
	struct hval vals[U__COUNT];
	for (int i = 0; i < U__COUNT; i++) {
		vals[i] = (struct hval){.null = true};
	}
	page_form_read(r, &f, vals);
	check_role(r, &f, false);
	if (!f.n_errors && u.id == r->user_id && strcmp(f.text[U_ROLE], "admin") != 0) {
		f.error[U_ROLE] = "You cannot take the administrator's role from yourself: another administrator must";
		f.n_errors++;
	}
	if (f.n_errors) {
		return user_page(r, &u, "role", &f, 400);
	}
	struct hearth_error err = {0};
	if (store_user_set_role(r->st, r->actor, u.id, f.text[U_ROLE], id_of(f.text[U_TEAM]), &err)) {
		return web_fail_err(r, &err);
	}
	return page_redirect(r, arena_printf(&r->a, "/admin/users/%lld?done=role", (long long)u.id));
}

int page_admin_user_password(struct web_request *r)
{
	struct store_user u;
	struct page_form f;
	int rc = load_user(r, &u);
	if (rc) {
		return rc;
	}
	page_form_init(r, &f, &user_form, password_fields);
	char hash[SECRET_HASH_SIZE];
	const char *shown;
	if (!password_read(r, &f, hash, &shown)) {
		return user_page(r, &u, "password", &f, 400);
	}
	struct hearth_error err = {0};
	if (store_user_set_password(r->st, r->actor, u.id, hash, &err)) {
		return web_fail_err(r, &err);
	}
	if (!shown) {
		return page_redirect(r, arena_printf(&r->a, "/admin/users/%lld?done=password", (long long)u.id));
	}
	struct html *h = page_begin(r, "Password reset", "admin");
	html_f(h, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Password reset"
		  "</h1><div class=\"govuk-panel__body\">%s</div></div><p class=\"govuk-body\">Their new password is "
		  "<code class=\"hearth-password\" data-hearth=\"password\">%s</code>. It is shown only this once.</p>"
		  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/users/%lld\">Go to the user</a></p>",
	       u.username, shown, (long long)u.id);
	return page_end(r, 200);
}

/* Unlock and disable: a box to tick, so a stray post changes nothing. */
static int confirmed_change(struct web_request *r, const char *which)
{
	struct store_user u;
	int rc = load_user(r, &u);
	if (rc) {
		return rc;
	}
	struct page_form f;
	page_form_init(r, &f, &user_form, confirm_fields);
	const char *c = web_form(r, "confirm");
	if (!c || strcmp(c, "yes") != 0) {
		f.error[U_CONFIRM] = strcmp(which, "disable") == 0 ? "Tick the box to confirm you want to disable the user"
								    : "Tick the box to confirm you want to unlock the user";
		f.n_errors++;
		return user_page(r, &u, which, &f, 400);
	}
	struct hearth_error err = {0};
	if (strcmp(which, "disable") == 0) {
		if (u.id == r->user_id) {
			f.error[U_CONFIRM] = "You cannot disable yourself: another administrator must";
			f.n_errors++;
			return user_page(r, &u, which, &f, 400);
		}
		if (store_user_disable(r->st, r->actor, u.id, &err)) {
			return web_fail_err(r, &err);
		}
		return page_redirect(r, arena_printf(&r->a, "/admin/users/%lld?done=disabled", (long long)u.id));
	}
	/* Forgets every failed sign-in of this account, from any address or browser, with its
	 * audit row: the same as `hearth user DB unlock USERNAME`. */
	int64_t cleared = 0;
	if (store_throttle_unlock(r->st, r->actor, u.username, NULL, &cleared, &err)) {
		return web_fail_err(r, &err);
	}
	return page_redirect(r, arena_printf(&r->a, "/admin/users/%lld?done=unlocked", (long long)u.id));
}

int page_admin_user_disable(struct web_request *r)
{
	return confirmed_change(r, "disable");
}

int page_admin_user_unlock(struct web_request *r)
{
	return confirmed_change(r, "unlock");
}
