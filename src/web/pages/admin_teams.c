/* pages/admin_teams: teams (create, rename, close) and the inspection history (add,
 * correct) for the administrator. Both are rows of the record (entity_team,
 * entity_inspection), so their forms are drawn and read from the descriptors and saved
 * through the store's write path: the same rules as `hearth record`, a revision and an
 * audit row for each change, and nothing stored when anything is refused.
 *
 * A team that holds children (a live allocation to one of its workers on the closing
 * day) cannot close: the page says how many, so they are reallocated first.
 *
 * The establishment of posts (the FTE of social work posts the team is funded for) is a
 * value of the team's row, so each change is a revision; WF1.vacancy counts from it. */
#include <string.h>

#include "model/validate.h"
#include "web/pages/admin.h"
#include "web/pages/pages.h"

static const int team_new_fields[] = {TEAM_NAME, TEAM_SERVICE, TEAM_OPENED, -1};
static const int team_name_fields[] = {TEAM_NAME, -1};
static const int team_close_fields[] = {TEAM_CLOSED, -1};
static const int team_establishment_fields[] = {TEAM_ESTABLISHMENT, -1};

static void blank(struct hval *v, int n)
{
	for (int i = 0; i < n; i++) {
		v[i] = (struct hval){.null = true};
	}
}

static void done_banner(struct web_request *r, struct html *h)
{
	static const char *const msgs[][2] = {{"added", "The team has been added"},
					      {"renamed", "The team has been renamed"},
					      {"closed", "The team has been closed"},
					      {"establishment", "The establishment has been saved"},
					      {"inspection", "The inspection has been saved"}};
	const char *done = web_query(r, "done");
	for (size_t i = 0; done && i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		if (strcmp(done, msgs[i][0]) == 0) {
			page_success_banner(h, msgs[i][1]);
		}
	}
}

/* ---- /admin/teams ---- */

static int teams_page(struct web_request *r, struct page_form *f, int status)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_team, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Teams", "admin");
	admin_nav(h, "/admin/teams");
	done_banner(r, h);
	page_form_errors(r, h, f);
	html_f(h, "<h1 class=\"govuk-heading-l\">Teams</h1><div class=\"hearth-table-wrap\">");
	page_table_begin(h, "teams",
			 (const char *const[]){"Team", "Service", "Opened", "Closed", "Establishment (FTE)", NULL}, 1u << 4,
			 0);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
			  "href=\"/admin/teams/%lld\">%s</a></td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td></tr>",
		       (long long)ids[i], v[TEAM_NAME].s, page_value(r, &entity_team.fields[TEAM_SERVICE], &v[TEAM_SERVICE]),
		       page_date(r, v[TEAM_OPENED].i), v[TEAM_CLOSED].null ? "" : page_date(r, v[TEAM_CLOSED].i),
		       v[TEAM_ESTABLISHMENT].null ? "Not recorded"
						  : page_value(r, &entity_team.fields[TEAM_ESTABLISHMENT], &v[TEAM_ESTABLISHMENT]));
	}
	html_f(h, "</tbody></table></div><div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
		  "<h2 class=\"govuk-heading-m\">Add a team</h2><form method=\"post\" action=\"/admin/teams\" novalidate>");
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Add the team</button></form></div></div>");
	return page_end(r, status);
}

int page_admin_teams(struct web_request *r)
{
	struct page_form f;
	page_form_init(r, &f, &entity_team, team_new_fields);
	return teams_page(r, &f, 200);
}

int page_admin_team_create(struct web_request *r)
{
	struct page_form f;
	page_form_init(r, &f, &entity_team, team_new_fields);
	struct hval vals[TEAM__COUNT];
	blank(vals, TEAM__COUNT);
	if (page_form_read(r, &f, vals)) {
		return teams_page(r, &f, 400);
	}
	struct hearth_error err = {0};
	int64_t id;
	if (store_insert(r->st, r->actor, &entity_team, vals, &id, &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&f, &err);
		return teams_page(r, &f, 400);
	}
	return page_redirect(r, "/admin/teams?done=added");
}

/* ---- /admin/teams/{rid} ---- */

static int team_page(struct web_request *r, const struct hval *team, struct page_form *posted, int status)
{
	struct page_form name_f, close_f, est_f;
	page_form_init(r, &name_f, &entity_team, team_name_fields);
	page_form_init(r, &close_f, &entity_team, team_close_fields);
	page_form_init(r, &est_f, &entity_team, team_establishment_fields);
	name_f.text[TEAM_NAME] = team[TEAM_NAME].s;
	if (!team[TEAM_ESTABLISHMENT].null) {
		est_f.text[TEAM_ESTABLISHMENT] = value_text(&entity_team.fields[TEAM_ESTABLISHMENT], &team[TEAM_ESTABLISHMENT], &r->a);
	}
	if (posted && posted->fields == team_name_fields) {
		name_f = *posted;
	} else if (posted && posted->fields == team_establishment_fields) {
		est_f = *posted;
	} else if (posted) {
		close_f = *posted;
	}
	struct html *h = page_begin(r, team[TEAM_NAME].s, "admin");
	html_f(h, "<a href=\"/admin/teams\" class=\"govuk-back-link\">Back to teams</a>");
	done_banner(r, h);
	if (posted) {
		page_form_errors(r, h, posted);
	}
	html_f(h, "<h1 class=\"govuk-heading-l\">%s</h1><p class=\"govuk-body\">%s, opened %s%s%s.</p>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
		  "<h2 class=\"govuk-heading-m\">Rename</h2><form method=\"post\" action=\"/admin/teams/%lld/rename\" "
		  "novalidate>",
	       team[TEAM_NAME].s, page_value(r, &entity_team.fields[TEAM_SERVICE], &team[TEAM_SERVICE]),
	       page_date(r, team[TEAM_OPENED].i), team[TEAM_CLOSED].null ? "" : ", closed ",
	       team[TEAM_CLOSED].null ? "" : page_date(r, team[TEAM_CLOSED].i), (long long)r->rid);
	page_csrf_field(r, h);
	page_form_fields(r, h, &name_f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Rename the team</button></form>"
		  "<h2 class=\"govuk-heading-m\">Establishment</h2><p class=\"govuk-body\">The vacancy rate (WF1.vacancy) "
		  "is the establishment less the FTE of the team's own registered social workers in post, over the "
		  "establishment: a post covered by an agency worker counts as vacant, as in the DfE's workforce "
		  "census.</p><form method=\"post\" action=\"/admin/teams/%lld/establishment\" novalidate>",
	       (long long)r->rid);
	page_csrf_field(r, h);
	page_form_fields(r, h, &est_f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Save the establishment</button></form>");
	if (team[TEAM_CLOSED].null) {
		html_f(h, "<h2 class=\"govuk-heading-m\">Close</h2><p class=\"govuk-body\">A team that holds children "
			  "cannot close: reallocate them first.</p><form method=\"post\" action=\"/admin/teams/%lld/close\" "
			  "novalidate>",
		       (long long)r->rid);
		page_csrf_field(r, h);
		page_form_fields(r, h, &close_f);
		html_f(h, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\">Close the team</button>"
			  "</form>");
	}
	html_f(h, "</div></div>");
	return page_end(r, status);
}

static int load_team(struct web_request *r, struct hval **team)
{
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_team, r->rid, &r->a, team, &err)) {
		return web_fail_err(r, &err);
	}
	return 0;
}

int page_admin_team(struct web_request *r)
{
	struct hval *team;
	int rc = load_team(r, &team);
	return rc ? rc : team_page(r, team, NULL, 200);
}

static int team_change(struct web_request *r, const int *fields, const char *done)
{
	struct hval *team;
	int rc = load_team(r, &team);
	if (rc) {
		return rc;
	}
	struct page_form f;
	page_form_init(r, &f, &entity_team, fields);
	struct hval vals[TEAM__COUNT];
	memcpy(vals, team, sizeof(vals));
	int field = fields[0];
	vals[field] = (struct hval){.null = true};
	page_form_read(r, &f, vals);
	if (!f.n_errors && field == TEAM_CLOSED && vals[TEAM_CLOSED].null) {
		f.error[TEAM_CLOSED] = "Enter a date for Closed";
		f.n_errors++;
	}
	if (!f.n_errors && field == TEAM_ESTABLISHMENT && vals[TEAM_ESTABLISHMENT].null) {
		f.error[TEAM_ESTABLISHMENT] = "Enter the establishment, as 12.5";
		f.n_errors++;
	}
	struct hearth_error err = {0};
	if (!f.n_errors && field == TEAM_CLOSED) {
		int64_t held;
		if (store_team_open_allocations(r->st, r->rid, vals[TEAM_CLOSED].i, &held, &err)) {
			return web_fail_err(r, &err);
		}
		if (held) {
			f.error[TEAM_CLOSED] = arena_printf(&r->a,
							    "The team cannot close: its workers hold %lld open "
							    "%s on that date. Reallocate them first",
							    (long long)held, held == 1 ? "allocation" : "allocations");
			f.n_errors++;
		}
	}
	if (f.n_errors) {
		return team_page(r, team, &f, 400);
	}
	if (store_update(r->st, r->actor, &entity_team, r->rid, vals, "changed on /admin/teams", &err)) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&f, &err);
		return team_page(r, team, &f, 400);
	}
	return page_redirect(r, arena_printf(&r->a, "/admin/teams/%lld?done=%s", (long long)r->rid, done));
}

int page_admin_team_rename(struct web_request *r)
{
	return team_change(r, team_name_fields, "renamed");
}

int page_admin_team_close(struct web_request *r)
{
	return team_change(r, team_close_fields, "closed");
}

int page_admin_team_establishment(struct web_request *r)
{
	return team_change(r, team_establishment_fields, "establishment");
}

/* ---- /admin/inspections ---- */

static const int inspection_fields[] = {INSPECTION_START_DATE,	     INSPECTION_KIND,
					INSPECTION_GRADE_OVERALL,    INSPECTION_GRADE_LEADERS,
					INSPECTION_GRADE_HELP_PROTECTION, INSPECTION_GRADE_IN_CARE,
					INSPECTION_GRADE_CARE_LEAVERS, INSPECTION_FINDINGS,
					INSPECTION_PRIORITY_ACTIONS, -1};

int page_admin_inspections(struct web_request *r)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_inspection, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct html *h = page_begin(r, "Inspections", "admin");
	admin_nav(h, "/admin/inspections");
	done_banner(r, h);
	html_f(h, "<h1 class=\"govuk-heading-l\">Inspections</h1><p class=\"govuk-body\">The history the inspection "
		  "page shows.</p><a class=\"govuk-button\" href=\"/admin/inspections/new\">Add an inspection</a>"
		  "<div class=\"hearth-table-wrap\">");
	page_table_begin(h, "inspections", (const char *const[]){"Began", "Kind", "Overall", "", NULL}, 0, 0);
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		html_f(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\">%s</td><td class=\"govuk-table__cell\">%s</td>"
			  "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/admin/inspections/%lld\">Correct"
			  "</a></td></tr>",
		       page_date(r, v[INSPECTION_START_DATE].i),
		       page_value(r, &entity_inspection.fields[INSPECTION_KIND], &v[INSPECTION_KIND]),
		       page_value(r, &entity_inspection.fields[INSPECTION_GRADE_OVERALL], &v[INSPECTION_GRADE_OVERALL]),
		       (long long)ids[i]);
	}
	html_f(h, "</tbody></table></div>");
	return page_end(r, 200);
}

static int inspection_page(struct web_request *r, struct page_form *f, int64_t id, int status)
{
	struct html *h = page_begin(r, id ? "Correct an inspection" : "Add an inspection", "admin");
	html_f(h, "<a href=\"/admin/inspections\" class=\"govuk-back-link\">Back to inspections</a>"
		  "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_form_errors(r, h, f);
	html_f(h, "<h1 class=\"govuk-heading-l\">%s</h1>", id ? "Correct an inspection" : "Add an inspection");
	if (id) {
		html_f(h, "<form method=\"post\" action=\"/admin/inspections/%lld\" novalidate>", (long long)id);
	} else {
		html_f(h, "<form method=\"post\" action=\"/admin/inspections\" novalidate>");
	}
	page_csrf_field(r, h);
	page_form_fields(r, h, f);
	html_f(h, "<button type=\"submit\" class=\"govuk-button\">Save the inspection</button></form></div></div>");
	return page_end(r, status);
}

int page_admin_inspection_new(struct web_request *r)
{
	struct page_form f;
	page_form_init(r, &f, &entity_inspection, inspection_fields);
	return inspection_page(r, &f, 0, 200);
}

int page_admin_inspection(struct web_request *r)
{
	struct hval *v;
	struct hearth_error err = {0};
	if (store_get(r->st, &entity_inspection, r->rid, &r->a, &v, &err)) {
		return web_fail_err(r, &err);
	}
	struct page_form f;
	page_form_init(r, &f, &entity_inspection, inspection_fields);
	for (const int *p = inspection_fields; *p >= 0; p++) {
		const struct field *fd = &entity_inspection.fields[*p];
		if (v[*p].null) {
			continue;
		}
		char d[DATE_STR_SIZE];
		f.text[*p] = fd->type == FT_DATE ? arena_strdup(&r->a, date_format(v[*p].i, d)) : v[*p].s;
	}
	return inspection_page(r, &f, r->rid, 200);
}

static int inspection_save(struct web_request *r, int64_t id)
{
	struct page_form f;
	page_form_init(r, &f, &entity_inspection, inspection_fields);
	struct hval vals[INSPECTION__COUNT];
	blank(vals, INSPECTION__COUNT);
	struct hearth_error err = {0};
	if (id) {
		struct hval *v;
		if (store_get(r->st, &entity_inspection, id, &r->a, &v, &err)) {
			return web_fail_err(r, &err);
		}
	}
	if (page_form_read(r, &f, vals)) {
		return inspection_page(r, &f, id, 400);
	}
	int64_t new_id;
	int rc = id ? store_update(r->st, r->actor, &entity_inspection, id, vals, "corrected on /admin/inspections", &err)
		    : store_insert(r->st, r->actor, &entity_inspection, vals, &new_id, &err);
	if (rc) {
		if (err.code != HERR_INVALID && err.code != HERR_CONFLICT) {
			return web_fail_err(r, &err);
		}
		page_form_refused(&f, &err);
		return inspection_page(r, &f, id, 400);
	}
	return page_redirect(r, "/admin/inspections?done=inspection");
}

int page_admin_inspection_create(struct web_request *r)
{
	return inspection_save(r, 0);
}

int page_admin_inspection_update(struct web_request *r)
{
	return inspection_save(r, r->rid);
}
