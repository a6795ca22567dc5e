/* record_form: the form for one kind of a child's record, from its descriptor alone.
 *
 * Every field of the kind is on the form but the child's own id (the page's child): dates
 * as GOV.UK date inputs, codes as radios or a select of the codes in use on the row's
 * date, yes/no as radios, long text with a character count (page.c draws each). A
 * reference is a choice among what the person may pick, never a typed id: this child's
 * own live rows of the kind referred to (the referral an assessment belongs to, the plan
 * a review belongs to), the people in this child's relationships, or the workers in post
 * (the caller's team's for "who did it", all case holders for an allocation or a chair),
 * or the multi-agency child protection teams not ended (an s.47's or a CP plan's MACPT);
 * another child is named by LA child id and must be one the caller may see. A correction
 * also offers what the row holds now, so nothing is lost by opening the form. */
#include "web/pages/record_form.h"

#include <string.h>

#include "model/validate.h"

hdate record_row_date(const struct entity *e, const struct hval *v)
{
	for (int i = 0; i < e->n_fields; i++) {
		if (v[i].null) {
			continue;
		}
		if (e->fields[i].type == FT_DATE) {
			return (hdate)v[i].i;
		}
		if (e->fields[i].type == FT_INSTANT) {
			return instant_date(v[i].i);
		}
	}
	return DATE_NONE;
}

/* The first field of a type, or -1. */
static int first_field(const struct entity *e, enum field_type t)
{
	for (int i = 0; i < e->n_fields; i++) {
		if (e->fields[i].type == t) {
			return i;
		}
	}
	return -1;
}

const char *record_row_title(struct web_request *r, const struct entity *e, const struct hval *v)
{
	hdate d = record_row_date(e, v);
	int code = first_field(e, FT_CODE);
	const char *what = code >= 0 && !v[code].null
				   ? arena_printf(&r->a, " (%s \xe2\x80\x93 %s)", v[code].s, code_label(e->fields[code].arg, v[code].s))
				   : "";
	if (e == &entity_person || e == &entity_child) {
		return arena_printf(&r->a, "%s %s", v[e == &entity_child ? CHILD_GIVEN_NAME : PERSON_GIVEN_NAME].s,
				    v[e == &entity_child ? CHILD_FAMILY_NAME : PERSON_FAMILY_NAME].s);
	}
	return d == DATE_NONE ? arena_printf(&r->a, "%s%s", e->label, what)
			      : arena_printf(&r->a, "%s of %s%s", e->label, page_date(r, d), what);
}

/* ---- the choices for references ---- */

static void add_option(struct web_request *r, struct code *opts, size_t *n, int64_t id, const char *label)
{
	const char *code = arena_printf(&r->a, "%lld", (long long)id);
	for (size_t i = 0; i < *n; i++) {
		if (strcmp(opts[i].code, code) == 0) {
			return;
		}
	}
	opts[(*n)++] = (struct code){code, label, 0, 0};
}

/* Workers in post today: the caller's team's for who made a visit or wrote a note (a
 * person records as themselves or a colleague), every case holder's for anything else
 * (an allocation, a review's chair). The row's current worker is always offered. */
static int worker_choices(struct web_request *r, struct record_form *rf, int field)
{
	int64_t *ids, *team_ids;
	struct hval **rows, **teams;
	size_t n, n_teams;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_worker, &r->a, &ids, &rows, &n, &err) ||
	    store_all_rows(r->st, &entity_team, &r->a, &team_ids, &teams, &n_teams, &err)) {
		return web_fail_err(r, &err);
	}
	bool own_team = strcmp(rf->e->fields[field].name, "worker_id") == 0 &&
			(rf->e == &entity_visit || rf->e == &entity_note) && r->session.user.team_id;
	/* Family Help's lead practitioner may be a partner agency's (a worker whose
	 * organisation is set), who holds no social care cases. */
	bool partners = rf->e == &entity_family_help && field == FAMILY_HELP_LEAD_WORKER_ID;
	int64_t current = rf->stored && !rf->stored[field].null ? rf->stored[field].i : 0;
	hdate today = date_today();
	struct code *opts = arena_alloc(&r->a, sizeof(*opts) * (n + 1));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		bool in_post = v[WORKER_START_DATE].i <= today && (v[WORKER_END_DATE].null || v[WORKER_END_DATE].i > today);
		bool offered = own_team ? !v[WORKER_TEAM_ID].null && v[WORKER_TEAM_ID].i == r->session.user.team_id
					: v[WORKER_CASE_HOLDER].i != 0 || (partners && !v[WORKER_ORGANISATION].null);
		if (ids[i] != current && !(in_post && offered)) {
			continue;
		}
		const char *team = partners && !v[WORKER_ORGANISATION].null ? v[WORKER_ORGANISATION].s : "no team";
		for (size_t t = 0; t < n_teams && !v[WORKER_TEAM_ID].null; t++) {
			if (team_ids[t] == v[WORKER_TEAM_ID].i) {
				team = teams[t][TEAM_NAME].s;
			}
		}
		add_option(r, opts, &k, ids[i],
			   arena_printf(&r->a, "%s %s (%s)", v[WORKER_GIVEN_NAME].s, v[WORKER_FAMILY_NAME].s, team));
	}
	rf->f.choices[field] = (struct page_options){opts, k};
	return 0;
}

/* The people in this child's live relationships. */
static int person_choices(struct web_request *r, struct record_form *rf, int field)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_child_rows(r->st, &entity_relationship, r->child_id, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct code *opts = arena_alloc(&r->a, sizeof(*opts) * (n + 1));
	size_t k = 0;
	int64_t current = rf->stored && !rf->stored[field].null ? rf->stored[field].i : 0;
	for (size_t i = 0; i <= n; i++) {
		int64_t pid = i < n ? (rows[i][RELATIONSHIP_PERSON_ID].null ? 0 : rows[i][RELATIONSHIP_PERSON_ID].i) : current;
		struct hval *p;
		if (pid && store_get(r->st, &entity_person, pid, &r->a, &p, NULL) == 0) {
			add_option(r, opts, &k, pid, arena_printf(&r->a, "%s %s", p[PERSON_GIVEN_NAME].s, p[PERSON_FAMILY_NAME].s));
		}
	}
	rf->f.choices[field] = (struct page_options){opts, k};
	return 0;
}

/* This child's live rows of the kind referred to, newest first. */
static int row_choices(struct web_request *r, struct record_form *rf, int field, const struct entity *target)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_child_rows(r->st, target, r->child_id, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	struct code *opts = arena_alloc(&r->a, sizeof(*opts) * (n + 1));
	size_t k = 0;
	for (size_t i = n; i-- > 0;) {
		add_option(r, opts, &k, ids[i], record_row_title(r, target, rows[i]));
	}
	rf->f.choices[field] = (struct page_options){opts, k};
	return 0;
}

/* The multi-agency child protection teams not ended (s.16EA Children Act 2004), and the one
 * the row names now: the MACPT responsible for an s.47 enquiry or a CP plan. */
static int macpt_choices(struct web_request *r, struct record_form *rf, int field)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	struct hearth_error err = {0};
	if (store_all_rows(r->st, &entity_macpt, &r->a, &ids, &rows, &n, &err)) {
		return web_fail_err(r, &err);
	}
	int64_t current = rf->stored && !rf->stored[field].null ? rf->stored[field].i : 0;
	hdate today = date_today();
	struct code *opts = arena_alloc(&r->a, sizeof(*opts) * (n + 1));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		if (ids[i] != current && !v[MACPT_END_DATE].null && v[MACPT_END_DATE].i <= today) {
			continue;
		}
		add_option(r, opts, &k, ids[i],
			   v[MACPT_AREA].null ? v[MACPT_NAME].s : arena_printf(&r->a, "%s (%s)", v[MACPT_NAME].s, v[MACPT_AREA].s));
	}
	rf->f.choices[field] = (struct page_options){opts, k};
	return 0;
}

static int ref_choices(struct web_request *r, struct record_form *rf, int field)
{
	const struct entity *target = entity_find(rf->e->fields[field].arg);
	if (target == &entity_macpt) {
		return macpt_choices(r, rf, field);
	}
	if (target == &entity_worker) {
		return worker_choices(r, rf, field);
	}
	if (target == &entity_person) {
		return person_choices(r, rf, field);
	}
	if (target && target->child_field >= 0) {
		return row_choices(r, rf, field, target);
	}
	/* A reference to a table with no child (a team): nothing on these forms has one. */
	rf->f.choices[field] = (struct page_options){arena_alloc(&r->a, sizeof(struct code)), 0};
	return 0;
}

/* Codes in use on the row's date (today when it has none yet). */
static void code_choices(struct web_request *r, struct record_form *rf)
{
	hdate on = record_row_date(rf->e, rf->vals);
	if (on == DATE_NONE) {
		on = date_today();
	}
	for (const int *p = rf->fields; *p >= 0; p++) {
		if (rf->e->fields[*p].type == FT_CODE) {
			page_form_codes_on(r, &rf->f, *p, on);
		}
	}
}

/* ---- building ---- */

static int form_init(struct web_request *r, struct record_form *rf, const struct entity *e, const struct hval *stored,
		     int leave_out);

/* A linked kind's form (a person): its own fields, then its link's (the relationship to
 * this child) but for the child and the field naming the row, which the save sets. Nothing
 * is dated today for them: a person's date of birth is not the day they are recorded. */
static int linked_init(struct web_request *r, struct record_form *rf, const struct entity *e, const struct entity *link,
		       int link_field)
{
	int rc = form_init(r, rf, e, NULL, -1);
	if (rc) {
		return rc;
	}
	rf->link = arena_alloc(&r->a, sizeof(*rf->link));
	rf->link_field = link_field;
	if ((rc = form_init(r, rf->link, link, NULL, link_field))) {
		return rc;
	}
	struct record_form *both[] = {rf, rf->link};
	for (size_t k = 0; k < 2; k++) {
		for (const int *p = both[k]->fields; *p >= 0; p++) {
			enum field_type t = both[k]->e->fields[*p].type;
			if ((t == FT_DATE || t == FT_INSTANT) && !web_query(r, both[k]->e->fields[*p].name)) {
				both[k]->f.text[*p] = NULL;
			}
		}
	}
	return 0;
}

int record_form_init(struct web_request *r, struct record_form *rf, const struct entity *e, const struct hval *stored)
{
	int link_field;
	const struct entity *link = stored ? NULL : entity_link(e, &link_field);
	return link ? linked_init(r, rf, e, link, link_field) : form_init(r, rf, e, stored, -1);
}

/* The form for e, without field leave_out (-1: none) and another child when it is left out. */
static int form_init(struct web_request *r, struct record_form *rf, const struct entity *e, const struct hval *stored,
		     int leave_out)
{
	*rf = (struct record_form){.e = e, .stored = stored, .other_child = -1};
	rf->fields = arena_alloc(&r->a, sizeof(int) * (size_t)(e->n_fields + 1));
	rf->vals = arena_alloc(&r->a, sizeof(struct hval) * (size_t)e->n_fields);
	int k = 0;
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *fd = &e->fields[i];
		rf->vals[i] = stored ? stored[i] : (struct hval){.null = true};
		if (i == e->child_field || i == leave_out) {
			continue;
		}
		if (fd->type == FT_REF && strcmp(fd->arg, "child") == 0) {
			rf->other_child = leave_out < 0 ? i : -1;
			continue;
		}
		rf->fields[k++] = i;
	}
	rf->fields[k] = -1;
	page_form_init(r, &rf->f, e, rf->fields);
	if (stored) {
		for (int i = 0; i < e->n_fields; i++) {
			rf->f.text[i] = stored[i].null ? NULL : value_text(&e->fields[i], &stored[i], &r->a);
		}
		if (rf->other_child >= 0 && !stored[rf->other_child].null) {
			struct hval *c;
			if (store_get(r->st, &entity_child, stored[rf->other_child].i, &r->a, &c, NULL) == 0) {
				rf->other_child_text = c[CHILD_LA_CHILD_ID].s;
			}
		}
	} else {
		/* A new row: the first date is today's, "who did it" is the caller. */
		char today[DATE_STR_SIZE];
		int d = first_field(e, FT_DATE);
		if (d >= 0) {
			rf->f.text[d] = arena_strdup(&r->a, date_format(date_today(), today));
		}
		for (const int *p = rf->fields; *p >= 0; p++) {
			const char *name = e->fields[*p].name;
			bool by_me = (strcmp(name, "worker_id") == 0 && (e == &entity_visit || e == &entity_note)) ||
				     (strcmp(name, "set_by") == 0 && e == &entity_task) ||
				     (strcmp(name, "supervisor_id") == 0 && e == &entity_supervision);
			if (by_me && r->session.user.worker_id) {
				rf->f.text[*p] = arena_printf(&r->a, "%lld", (long long)r->session.user.worker_id);
			}
		}
		/* Pre-filled from the query (a due item's link: ?kind=cp), declared fields only
		 * (the route refuses any other name). Only text, as if typed: the save checks it
		 * like anything else, and a value not offered is simply not chosen. */
		for (const int *p = rf->fields; *p >= 0; p++) {
			const char *q = web_query(r, e->fields[*p].name);
			if (q && *q) {
				rf->f.text[*p] = q;
			}
		}
	}
	for (const int *p = rf->fields; *p >= 0; p++) {
		int rc;
		if (e->fields[*p].type == FT_REF && (rc = ref_choices(r, rf, *p))) {
			return rc;
		}
	}
	code_choices(r, rf);
	return 0;
}

/* ---- reading ---- */

static bool offered(const struct page_options *o, const char *text)
{
	for (size_t i = 0; i < o->n; i++) {
		if (strcmp(o->codes[i].code, text) == 0) {
			return true;
		}
	}
	return false;
}

/* The collection year (ending 31 March) a date falls in. */
static int collection_year(hdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return m >= 4 ? y + 1 : y;
}

static void field_error(struct record_form *rf, int field, const char *msg)
{
	if (!rf->f.error[field]) {
		rf->f.error[field] = msg;
		rf->f.n_errors++;
	}
}

/* Another child, by LA child id: one this person may see. */
static void read_other_child(struct web_request *r, struct record_form *rf)
{
	const char *text = web_form(r, RECORD_FORM_OTHER_CHILD);
	rf->other_child_text = text;
	rf->vals[rf->other_child] = (struct hval){.null = true};
	if (!text || !*text) {
		return;
	}
	int64_t id = 0;
	struct hearth_error err = {0};
	int visible = store_find(r->st, &entity_child, CHILD_LA_CHILD_ID, text, &id, &err) == 0
			      ? store_child_visible(r->st, &r->scope, id, &err)
			      : 0;
	if (visible != 1 || id == r->child_id) {
		page_form_extra_error(&rf->f, RECORD_FORM_OTHER_CHILD,
				      id == r->child_id && visible == 1
					      ? "The other child must be another child, not this one"
					      : arena_printf(&r->a, "There is no child with LA child id %s that you can see", text));
		return;
	}
	rf->vals[rf->other_child] = (struct hval){.i = id};
}

size_t record_form_read(struct web_request *r, struct record_form *rf)
{
	const struct entity *e = rf->e;
	/* page_form_read fills only what it reads: start every field on the form blank. */
	for (const int *p = rf->fields; *p >= 0; p++) {
		rf->vals[*p] = (struct hval){.null = true};
	}
	page_form_read(r, &rf->f, rf->vals);
	if (rf->other_child >= 0) {
		read_other_child(r, rf);
	}
	hdate on = record_row_date(e, rf->vals);
	for (const int *p = rf->fields; *p >= 0; p++) {
		const struct field *fd = &e->fields[*p];
		const char *text = rf->f.text[*p];
		if (rf->f.error[*p] || !text || !*text) {
			continue;
		}
		if (fd->type == FT_REF && !offered(&rf->f.choices[*p], text)) {
			field_error(rf, *p, arena_printf(&r->a, "Select %s from the list", fd->label));
		} else if (fd->type == FT_CODE && code_valid(fd->arg, text) && on != DATE_NONE &&
			   !code_valid_in_year(fd->arg, text, collection_year(on)) &&
			   !(rf->stored && !rf->stored[*p].null && strcmp(rf->stored[*p].s, text) == 0)) {
			field_error(rf, *p,
				    arena_printf(&r->a, "%s: code %s is not in use on %s", fd->label, text, page_date(r, on)));
		}
	}
	code_choices(r, rf);
	return rf->f.n_errors + (rf->link ? record_form_read(r, rf->link) : 0);
}

/* ---- drawing ---- */

static void fields_of(struct web_request *r, struct html *h, const struct record_form *rf);

void record_form_fields(struct web_request *r, struct html *h, const struct record_form *rf)
{
	fields_of(r, h, rf);
	if (rf->link) {
		html_f(h, "<h2 class=\"govuk-heading-m\" data-hearth=\"link\">Their %s to this child</h2>", rf->link->e->label);
		fields_of(r, h, rf->link);
	}
}

static void fields_of(struct web_request *r, struct html *h, const struct record_form *rf)
{
	for (const int *p = rf->fields; *p >= 0; p++) {
		page_form_field(r, h, &rf->f, *p);
		/* Another child comes after the person a relationship is with. */
		if (rf->other_child >= 0 && *p == RELATIONSHIP_PERSON_ID && rf->e == &entity_relationship) {
			const struct field *fd = &rf->e->fields[rf->other_child];
			const char *error = page_form_extra_error_of(&rf->f, RECORD_FORM_OTHER_CHILD);
			html_f(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label govuk-label--s\" for=\"%s\">%s"
				  " (LA child id)</label><div id=\"%s-hint\" class=\"govuk-hint\">%s</div>",
			       error ? " govuk-form-group--error" : "", RECORD_FORM_OTHER_CHILD, fd->label,
			       RECORD_FORM_OTHER_CHILD, entity_field_hint(rf->e, rf->other_child));
			if (error) {
				html_f(h, "<p id=\"%s-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
					  "Error:</span> %s</p>",
				       RECORD_FORM_OTHER_CHILD, error);
			}
			html_f(h, "<input class=\"govuk-input govuk-input--width-10%s\" id=\"%s\" name=\"%s\" type=\"text\" "
				  "aria-describedby=\"%s-hint\" value=\"%s\"></div>",
			       error ? " govuk-input--error" : "", RECORD_FORM_OTHER_CHILD, RECORD_FORM_OTHER_CHILD,
			       RECORD_FORM_OTHER_CHILD, rf->other_child_text ? rf->other_child_text : "");
		}
	}
}

const char *record_form_unknown(struct web_request *r, const struct record_form *rf, const char *const *extra)
{
	const char *more[8];
	size_t k = 0;
	for (const char *const *x = extra; x && *x && k < 6; x++) {
		more[k++] = *x;
	}
	if (rf->other_child >= 0) {
		more[k++] = RECORD_FORM_OTHER_CHILD;
	}
	more[k] = NULL;
	if (!rf->link) {
		return page_form_unknown(r, &rf->f, more);
	}
	/* A linked kind's form: each name must be one of its inputs or its link's. */
	for (size_t i = 0; i < r->n_form; i++) {
		const char *name = r->form[i].name;
		bool known = strcmp(name, "csrf_token") == 0 || page_form_knows(&rf->f, name) ||
			     page_form_knows(&rf->link->f, name);
		for (size_t x = 0; !known && x < k; x++) {
			known = strcmp(name, more[x]) == 0;
		}
		if (!known) {
			return name;
		}
	}
	return NULL;
}
