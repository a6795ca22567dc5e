/* src/work: the one way a change is saved. Each refusal names the field and the rule and
 * writes nothing (not a row, not a revision); what a role may record comes from the one
 * role table; corrections and retractions need a reason and leave a history. Today is
 * pinned (HEARTH_TODAY) so "the future" is fixed. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "work/work.h"

#define TODAY "2026-03-31"

static char dir[64], path[512];
static struct store *st;
static struct arena a = ARENA_INIT;
static int64_t team_a, team_b, w_a1, w_a2, w_b1, child, other_child;

static const struct work_actor shell = {"cli:test", ROLE_ADMIN, 0, 0, true};
static struct work_actor sw, tm, iro, pa, front, analyst, inspector, lado;

static struct hval *blank(const struct entity *e)
{
	struct hval *v = arena_alloc(&a, sizeof(*v) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		v[i] = (struct hval){.null = true};
	}
	return v;
}

static int64_t add(const struct work_actor *who, const struct entity *e, int64_t c, struct hval *v)
{
	struct work_result res;
	struct hearth_error err = {0};
	int rc = work_add(st, who, e, c, v, &a, &res, &err);
	if (rc) {
		fail_msg("work_add %s: %s (%s)", e->name, err.message, err.rule);
	}
	return res.id;
}

static int64_t team(const char *name)
{
	struct hval *v = blank(&entity_team);
	v[TEAM_NAME] = (struct hval){.s = name};
	v[TEAM_SERVICE] = (struct hval){.s = "cin_cp"};
	v[TEAM_OPENED] = (struct hval){.i = D(2020, 1, 1)};
	return add(&shell, &entity_team, 0, v);
}

static int64_t worker(const char *staff, int64_t t)
{
	struct hval *v = blank(&entity_worker);
	v[WORKER_STAFF_ID] = (struct hval){.s = staff};
	v[WORKER_GIVEN_NAME] = (struct hval){.s = "Jo"};
	v[WORKER_FAMILY_NAME] = (struct hval){.s = staff};
	v[WORKER_ROLE] = (struct hval){.s = "social_worker"};
	v[WORKER_TEAM_ID] = (struct hval){.i = t};
	v[WORKER_FTE] = (struct hval){.r = 1};
	v[WORKER_AGENCY] = (struct hval){.i = 0};
	v[WORKER_CASE_HOLDER] = (struct hval){.i = 1};
	v[WORKER_START_DATE] = (struct hval){.i = D(2020, 1, 1)};
	return add(&shell, &entity_worker, 0, v);
}

static int64_t new_child(const char *la)
{
	struct hval *v = blank(&entity_child);
	v[CHILD_LA_CHILD_ID] = (struct hval){.s = la};
	v[CHILD_GIVEN_NAME] = (struct hval){.s = "Sam"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = "Taylor"};
	v[CHILD_DOB] = (struct hval){.i = D(2015, 5, 6)};
	struct work_result res;
	struct hearth_error err = {0};
	assert_int_equal(work_child_add(st, &shell, v, &a, &res, &err), 0);
	return res.id;
}

static struct hval *visit(hdate d, bool seen, bool alone)
{
	struct hval *v = blank(&entity_visit);
	v[VISIT_VISIT_DATE] = (struct hval){.i = d};
	v[VISIT_KIND] = (struct hval){.s = "cin"};
	v[VISIT_SEEN] = (struct hval){.i = seen};
	v[VISIT_SEEN_ALONE] = (struct hval){.i = alone};
	return v;
}

static int64_t revisions(void)
{
	int64_t n = 0;
	struct hearth_error err = {0};
	assert_int_equal(store_revision_latest(st, &n, &err), 0);
	return n;
}

static int setup(void **state)
{
	(void)state;
	setenv("HEARTH_TODAY", TODAY, 1);
	snprintf(dir, sizeof(dir), "/tmp/hearth-work-XXXXXX");
	assert_non_null(mkdtemp(dir));
	const char *target = getenv("HEARTH_TEST_TARGET");
	snprintf(path, sizeof(path), "%s", target && *target ? target : "");
	if (!path[0]) {
		snprintf(path, sizeof(path), "%s/t.db", dir);
	}
	struct hearth_error err = {0};
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	team_a = team("Team A");
	team_b = team("Team B");
	w_a1 = worker("A1", team_a);
	w_a2 = worker("A2", team_a);
	w_b1 = worker("B1", team_b);
	child = new_child("W1");
	other_child = new_child("W2");
	sw = (struct work_actor){"user:1", ROLE_SOCIAL_WORKER, w_a1, team_a, false};
	tm = (struct work_actor){"user:2", ROLE_TEAM_MANAGER, w_a2, team_a, false};
	iro = (struct work_actor){"user:3", ROLE_IRO, w_b1, team_b, false};
	pa = (struct work_actor){"user:4", ROLE_PERSONAL_ADVISER, 0, 0, false};
	front = (struct work_actor){"user:5", ROLE_FRONT_DOOR, 0, 0, false};
	analyst = (struct work_actor){"user:6", ROLE_ANALYST, 0, 0, false};
	inspector = (struct work_actor){"user:7", ROLE_INSPECTOR, 0, 0, false};
	lado = (struct work_actor){"user:8", ROLE_LADO, 0, 0, false};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	arena_free(&a);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

/* A refusal: rc, the first reason's field and rule, and nothing written. */
static void refused(int rc, int want, const struct hearth_error *err, const char *field, const char *rule,
		    int64_t revs_before)
{
	assert_int_equal(rc, want);
	if (field) {
		assert_string_equal(err->field, field);
	}
	if (rule) {
		assert_string_equal(err->rule, rule);
	}
	assert_int_equal(revisions(), revs_before);
}

static void work_add_visit_as_yourself(void **state)
{
	(void)state;
	struct hval *v = visit(D(2026, 3, 31), true, true);
	int64_t before = revisions();
	int64_t id = add(&sw, &entity_visit, child, v);
	assert_true(id > 0);
	assert_int_equal(revisions(), before + 1);
	struct hval *row;
	assert_int_equal(store_get(st, &entity_visit, id, &a, &row, NULL), 0);
	assert_int_equal(row[VISIT_CHILD_ID].i, child);
	assert_int_equal(row[VISIT_WORKER_ID].i, w_a1); /* blank: the person's own worker */
}

static void work_bad_future_event_dates(void **state)
{
	(void)state;
	struct work_result res;
	struct hearth_error err = {0};
	int64_t before = revisions();
	refused(work_add(st, &sw, &entity_visit, child, visit(D(2026, 4, 1), true, false), &a, &res, &err),
		HERR_INVALID, &err, "visit_date", "not_in_future", before);
	assert_non_null(strstr(err.message, "2026-04-01"));
	refused(work_add(st, &shell, &entity_visit, child, visit(D(2199, 12, 31), true, false), &a, &res, &err),
		HERR_INVALID, &err, "visit_date", "not_in_future", before);
	struct hval *n = blank(&entity_note);
	n[NOTE_NOTE_DATE] = (struct hval){.i = D(2150, 1, 1)};
	n[NOTE_KIND] = (struct hval){.s = "case_note"};
	n[NOTE_CHILD_VOICE] = (struct hval){.i = 0};
	n[NOTE_BODY] = (struct hval){.s = "ahead of time"};
	refused(work_add(st, &sw, &entity_note, child, n, &a, &res, &err), HERR_INVALID, &err, "note_date",
		"not_in_future", before);
	/* A planned date (a school place from September) carries no F_EVENT: it may be ahead. */
	struct hval *s = blank(&entity_education);
	s[EDUCATION_SCHOOL_NAME] = (struct hval){.s = "Hill School"};
	s[EDUCATION_START_DATE] = (struct hval){.i = D(2026, 9, 1)};
	s[EDUCATION_SEN] = (struct hval){.s = "none"};
	assert_true(add(&sw, &entity_education, child, s) > 0);
}

static void work_bad_seen_alone_without_seen(void **state)
{
	(void)state;
	struct work_result res;
	struct hearth_error err = {0};
	int64_t before = revisions();
	refused(work_add(st, &sw, &entity_visit, child, visit(D(2026, 3, 30), false, true), &a, &res, &err),
		HERR_INVALID, &err, "seen_alone", "seen_alone_needs_seen", before);
	/* Every reason, not only the first. */
	refused(work_add(st, &sw, &entity_visit, child, visit(D(2199, 1, 1), false, true), &a, &res, &err),
		HERR_INVALID, &err, "visit_date", "not_in_future", before);
	assert_int_equal(res.n_problems, 2);
	assert_string_equal(res.problems[1].field, "seen_alone");
}

static void work_bad_descriptor_refusals_listed(void **state)
{
	(void)state;
	struct work_result res;
	struct hearth_error err = {0};
	int64_t before = revisions();
	struct hval *v = visit(D(2026, 3, 30), true, false);
	v[VISIT_KIND] = (struct hval){.s = "zz"};
	v[VISIT_SEEN] = (struct hval){.null = true};
	refused(work_add(st, &sw, &entity_visit, child, v, &a, &res, &err), HERR_INVALID, &err, "kind", "code", before);
	assert_int_equal(res.n_problems, 2);
	assert_string_equal(res.problems[1].rule, "required");
	/* The store's own checks come before the DfE's, in its words (an event before birth). */
	v = visit(D(2010, 1, 1), true, false);
	refused(work_add(st, &sw, &entity_visit, child, v, &a, &res, &err), HERR_INVALID, &err, "visit_date",
		"not_before_birth", before);
}

static void work_bad_another_worker(void **state)
{
	(void)state;
	struct work_result res;
	struct hearth_error err = {0};
	int64_t before = revisions();
	struct hval *v = visit(D(2026, 3, 30), true, false);
	v[VISIT_WORKER_ID] = (struct hval){.i = w_a2};
	refused(work_add(st, &sw, &entity_visit, child, v, &a, &res, &err), HERR_INVALID, &err, "worker_id",
		"not_yourself", before);
	v = visit(D(2026, 3, 30), true, false);
	v[VISIT_WORKER_ID] = (struct hval){.i = w_b1};
	refused(work_add(st, &tm, &entity_visit, child, v, &a, &res, &err), HERR_INVALID, &err, "worker_id",
		"not_your_team", before);
	/* A team manager for their team; the shell for anyone. */
	v = visit(D(2026, 3, 30), true, false);
	v[VISIT_WORKER_ID] = (struct hval){.i = w_a1};
	assert_true(add(&tm, &entity_visit, child, v) > 0);
	v = visit(D(2026, 3, 30), true, false);
	v[VISIT_WORKER_ID] = (struct hval){.i = w_b1};
	assert_true(add(&shell, &entity_visit, child, v) > 0);
}

/* The partner reads Family Help whole, and visits and notes only where they are the
 * author; a role with child_read reads every row; no role reads a kind it has no right to. */
static void work_partner_reads_own_rows(void **state)
{
	(void)state;
	struct hval note[NOTE__COUNT];
	for (int i = 0; i < NOTE__COUNT; i++) {
		note[i] = (struct hval){.null = true};
	}
	note[NOTE_WORKER_ID] = (struct hval){.i = 7};
	assert_true(role_reads_own_only(ROLE_PARTNER, &entity_note) && role_reads_own_only(ROLE_PARTNER, &entity_visit));
	assert_false(role_reads_own_only(ROLE_PARTNER, &entity_family_help));
	assert_false(role_reads_own_only(ROLE_SOCIAL_WORKER, &entity_note));
	assert_true(role_may_read_row(ROLE_PARTNER, &entity_note, note, 7));
	assert_false(role_may_read_row(ROLE_PARTNER, &entity_note, note, 8));
	assert_false(role_may_read_row(ROLE_PARTNER, &entity_note, note, 0));
	note[NOTE_WORKER_ID] = (struct hval){.null = true};
	assert_false(role_may_read_row(ROLE_PARTNER, &entity_note, note, 7));
	assert_true(role_may_read_row(ROLE_SOCIAL_WORKER, &entity_note, note, 0));
	assert_false(role_may_read(ROLE_PARTNER, &entity_cp_plan) || role_may_read(ROLE_PARTNER, &entity_s47) ||
		     role_may_read(ROLE_PARTNER, &entity_lado) || role_may_read(ROLE_PARTNER, &entity_relationship));
}

static void work_bad_role_may_not_record(void **state)
{
	(void)state;
	struct work_result res;
	struct hearth_error err = {0};
	int64_t before = revisions();
	const struct work_actor *none[] = {&iro, &pa, &front, &analyst, &inspector, &lado};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		refused(work_add(st, none[i], &entity_visit, child, visit(D(2026, 3, 30), true, false), &a, &res, &err),
			HERR_DENIED, &err, "kind", "permission", before);
	}
	assert_false(role_may_record(ROLE_SOCIAL_WORKER, &entity_allocation));
	assert_true(role_may_record(ROLE_TEAM_MANAGER, &entity_allocation));
	assert_false(role_may_record(ROLE_SOCIAL_WORKER, &entity_lado));
	assert_true(role_may_record(ROLE_LADO, &entity_lado));
	assert_true(role_may_record(ROLE_IRO, &entity_cp_review) && role_may_record(ROLE_IRO, &entity_cla_review));
	assert_true(role_may_record(ROLE_PERSONAL_ADVISER, &entity_pathway_plan));
	assert_true(role_may_record_kind(ROLE_FRONT_DOOR, "contact") && role_may_record_kind(ROLE_FRONT_DOOR, "child"));
	assert_false(role_may_record_kind(ROLE_FRONT_DOOR, "assessment"));
	assert_false(role_may_record_kind(ROLE_SOCIAL_WORKER, "no_such_kind"));
	/* Multi-agency child protection teams are set up by managers and the administrator on
	 * their own pages (/macpts), never through a child's {kind} routes (no child kind). */
	assert_true(role_may_record(ROLE_ADMIN, &entity_macpt) && role_may_record(ROLE_TEAM_MANAGER, &entity_macpt_member));
	assert_false(role_may_record(ROLE_SOCIAL_WORKER, &entity_macpt) || role_may_record(ROLE_PARTNER, &entity_macpt_member));
	assert_false(work_child_kind(&entity_macpt) || work_child_kind(&entity_macpt_member));
	for (int k = 0; k < model_entity_count; k++) {
		bool macpt = model_entities[k] == &entity_macpt || model_entities[k] == &entity_macpt_member;
		assert_false(role_may_record(ROLE_ANALYST, model_entities[k]));
		assert_false(role_may_record(ROLE_ADMIN, model_entities[k]) && !macpt);
		assert_false(role_may_record(ROLE_INSPECTOR, model_entities[k]));
		/* Nobody signed in records the organisation's own tables through a child. */
		if (!work_child_kind(model_entities[k]) && model_entities[k] != &entity_person &&
		    model_entities[k] != &entity_lado && !macpt) {
			assert_false(role_may_record(ROLE_TEAM_MANAGER, model_entities[k]));
		}
	}
	/* A PA records a pathway plan review; an IRO a looked-after review. */
	struct hval *p = blank(&entity_pathway_plan);
	p[PATHWAY_PLAN_REVIEW_DATE] = (struct hval){.i = D(2026, 3, 2)};
	assert_true(add(&pa, &entity_pathway_plan, child, p) > 0);
}

static void work_correct_needs_a_reason_and_leaves_history(void **state)
{
	(void)state;
	int64_t id = add(&sw, &entity_visit, child, visit(D(2026, 3, 20), true, true));
	struct hval *v;
	struct work_result res;
	struct hearth_error err = {0};
	assert_int_equal(store_get(st, &entity_visit, id, &a, &v, NULL), 0);
	v[VISIT_SEEN_ALONE] = (struct hval){.i = 0};
	int64_t before = revisions();
	refused(work_correct(st, &sw, &entity_visit, child, id, v, "  ", &a, &res, &err), HERR_INVALID, &err, "reason",
		"required", before);
	/* Another child's row: not found, whatever the id. */
	refused(work_correct(st, &sw, &entity_visit, other_child, id, v, "typo", &a, &res, &err), HERR_NOT_FOUND, &err,
		NULL, NULL, before);
	v[VISIT_VISIT_DATE] = (struct hval){.i = D(2026, 4, 2)};
	refused(work_correct(st, &sw, &entity_visit, child, id, v, "typo", &a, &res, &err), HERR_INVALID, &err,
		"visit_date", "not_in_future", before);
	v[VISIT_VISIT_DATE] = (struct hval){.i = D(2026, 3, 21)};
	assert_int_equal(work_correct(st, &sw, &entity_visit, child, id, v, "seen with his foster carer", &a, &res, &err),
			 0);
	struct work_revision *h;
	size_t n;
	assert_int_equal(work_history(st, &entity_visit, id, &a, &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].action, "insert");
	assert_string_equal(h[1].action, "update");
	assert_string_equal(h[1].actor, "user:1");
	assert_string_equal(h[1].reason, "seen with his foster carer");
	assert_int_equal(h[1].n_changes, 2);
	assert_string_equal(h[1].changes[0].field->name, "visit_date");
	assert_string_equal(h[1].changes[0].from, "2026-03-20");
	assert_string_equal(h[1].changes[0].to, "2026-03-21");
	assert_string_equal(h[1].changes[1].field->name, "seen_alone");
	assert_string_equal(h[1].changes[1].from, "yes");
	assert_string_equal(h[1].changes[1].to, "no");
}

static void work_retract_needs_a_reason_and_keeps_history(void **state)
{
	(void)state;
	int64_t id = add(&sw, &entity_visit, child, visit(D(2026, 3, 19), true, true));
	struct work_result res;
	struct hearth_error err = {0};
	int64_t before = revisions();
	refused(work_retract(st, &sw, &entity_visit, child, id, NULL, &a, &res, &err), HERR_INVALID, &err, "reason",
		"required", before);
	refused(work_retract(st, &iro, &entity_visit, child, id, "wrong", &a, &res, &err), HERR_DENIED, &err, NULL,
		NULL, before);
	assert_int_equal(work_retract(st, &sw, &entity_visit, child, id, "wrong child", &a, &res, &err), 0);
	int64_t c = 0;
	bool retracted = false;
	assert_int_equal(work_row_child(st, &entity_visit, id, &a, &c, &retracted, &err), 0);
	assert_int_equal(c, child);
	assert_true(retracted);
	assert_int_equal(work_row_child(st, &entity_note, id + 1000, &a, &c, &retracted, &err), HERR_NOT_FOUND);
	struct work_revision *h;
	size_t n;
	assert_int_equal(work_history(st, &entity_visit, id, &a, &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[1].action, "void");
	assert_string_equal(h[1].reason, "wrong child");
	/* Retracted: nothing left to correct or retract. */
	assert_int_equal(work_retract(st, &sw, &entity_visit, child, id, "again", &a, &res, &err), HERR_NOT_FOUND);
}

static void work_child_add_defaults_and_refusals(void **state)
{
	(void)state;
	struct work_result res;
	struct hearth_error err = {0};
	struct hval *v = blank(&entity_child);
	v[CHILD_GIVEN_NAME] = (struct hval){.s = "Kit"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = "Marsh"};
	v[CHILD_EXPECTED_DOB] = (struct hval){.i = D(2026, 6, 1)}; /* expected: may be ahead */
	assert_int_equal(work_child_add(st, &front, v, &a, &res, &err), 0);
	struct hval *row;
	assert_int_equal(store_get(st, &entity_child, res.id, &a, &row, NULL), 0);
	assert_string_equal(row[CHILD_SEX].s, "U");
	assert_int_equal(strncmp(row[CHILD_LA_CHILD_ID].s, "C", 1), 0);
	int64_t before = revisions();
	v = blank(&entity_child);
	v[CHILD_GIVEN_NAME] = (struct hval){.s = "Kit"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = "Marsh"};
	refused(work_child_add(st, &front, v, &a, &res, &err), HERR_INVALID, &err, "dob", "required", before);
	v[CHILD_DOB] = (struct hval){.i = D(2026, 4, 1)};
	refused(work_child_add(st, &front, v, &a, &res, &err), HERR_INVALID, &err, "dob", "not_in_future", before);
	v[CHILD_DOB] = (struct hval){.i = D(2020, 4, 1)};
	refused(work_child_add(st, &iro, v, &a, &res, &err), HERR_DENIED, &err, NULL, NULL, before);
}

/* A new child (la_id) allocated by the team manager to worker A1 from start (the first
 * allocation: none ended); *alloc gets the allocation's id. */
static int64_t allocated_child(const char *la_id, hdate start, int64_t *alloc)
{
	int64_t c = new_child(la_id);
	struct work_result res;
	struct hearth_error err = {0};
	int64_t ended[4];
	size_t n_ended;
	struct hval *v = blank(&entity_allocation);
	v[ALLOCATION_WORKER_ID] = (struct hval){.i = w_a1};
	v[ALLOCATION_START_DATE] = (struct hval){.i = start};
	assert_int_equal(work_reallocate(st, &tm, c, v, ended, 4, &n_ended, &a, &res, &err), 0);
	assert_int_equal(n_ended, 0);
	*alloc = res.id;
	return c;
}

static void work_reallocate_ends_and_begins(void **state)
{
	(void)state;
	int64_t first;
	int64_t c = allocated_child("W3", D(2025, 1, 6), &first);
	struct work_result res;
	struct hearth_error err = {0};
	int64_t ended[4];
	size_t n_ended;
	int64_t before = revisions();
	struct hval *v = blank(&entity_allocation);
	v[ALLOCATION_WORKER_ID] = (struct hval){.i = w_a1};
	refused(work_reallocate(st, &tm, c, v, ended, 4, &n_ended, &a, &res, &err), HERR_CONFLICT, &err, "worker_id",
		"same_worker", before);
	refused(work_reallocate(st, &sw, c, v, ended, 4, &n_ended, &a, &res, &err), HERR_DENIED, &err, NULL, NULL,
		before);
	v[ALLOCATION_WORKER_ID] = (struct hval){.i = w_a2};
	v[ALLOCATION_REASON] = (struct hval){.s = "MANAGE"};
	assert_int_equal(work_reallocate(st, &tm, c, v, ended, 4, &n_ended, &a, &res, &err), 0);
	assert_int_equal(n_ended, 1);
	assert_int_equal(ended[0], first);
	struct hval *old;
	assert_int_equal(store_get(st, &entity_allocation, first, &a, &old, NULL), 0);
	assert_int_equal(old[ALLOCATION_END_DATE].i, D(2026, 3, 31));
	assert_string_equal(old[ALLOCATION_REASON].s, "MANAGE");
}

/* A referral of 5 January 2026 (closed on closed with reason, when closed is not 0). */
static struct hval *referral(hdate closed, const char *reason)
{
	struct hval *v = blank(&entity_referral);
	v[REFERRAL_REFERRAL_DATE] = (struct hval){.i = D(2026, 1, 5)};
	v[REFERRAL_SOURCE] = (struct hval){.s = "1A"};
	v[REFERRAL_NFA] = (struct hval){.i = 0};
	v[REFERRAL_PRIMARY_NEED] = (struct hval){.s = "N1"};
	if (closed) {
		v[REFERRAL_CLOSURE_DATE] = (struct hval){.i = closed};
		v[REFERRAL_CLOSURE_REASON] = (struct hval){.s = reason};
	}
	return v;
}

/* A new referral saved already closed by a social worker (whose closing the team manager
 * authorises, the default): saved open, its closure a proposal pointing at it; a second
 * while it awaits is refused with nothing written (not the referral either); the manager's
 * authorisation closes it and ends the allocation on the proposed date. */
static void work_add_closed_referral_is_a_proposal(void **state)
{
	(void)state;
	int64_t alloc;
	int64_t c = allocated_child("W5", D(2026, 1, 5), &alloc);
	struct work_result res;
	struct hearth_error err = {0};
	assert_int_equal(work_add(st, &sw, &entity_referral, c, referral(D(2026, 3, 20), "RC2"), &a, &res, &err), 0);
	int64_t rid = res.id;
	struct hval *row;
	assert_int_equal(store_get(st, &entity_referral, rid, &a, &row, NULL), 0);
	assert_true(row[REFERRAL_CLOSURE_DATE].null && row[REFERRAL_CLOSURE_REASON].null);
	int64_t *ids;
	struct hval **rows;
	size_t n;
	assert_int_equal(store_child_rows(st, &entity_authorisation, c, &a, &ids, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0][AUTHORISATION_STATE].s, "awaiting");
	assert_string_equal(rows[0][AUTHORISATION_POINT].s, "case_close");
	assert_string_equal(rows[0][AUTHORISATION_RECORD_KIND].s, "referral");
	assert_int_equal(rows[0][AUTHORISATION_RECORD_ID].i, rid);
	assert_int_equal(rows[0][AUTHORISATION_PROPOSED_DATE].i, D(2026, 3, 20));
	assert_string_equal(rows[0][AUTHORISATION_PROPOSED_REASON].s, "RC2");
	int64_t request = ids[0];
	/* A second while it awaits: refused after the referral's insert, which is rolled back. */
	int64_t before = revisions(), referrals = store_count(st, &entity_referral);
	refused(work_add(st, &sw, &entity_referral, c, referral(D(2026, 3, 21), "RC2"), &a, &res, &err), HERR_CONFLICT,
		&err, "case", "already_awaiting", before);
	assert_int_equal(store_count(st, &entity_referral), referrals);
	/* Authorised: closed on the proposed date with the reason, the allocation ended. */
	assert_int_equal(work_authorise(st, &tm, request, &a, &res, &err), 0);
	assert_int_equal(store_get(st, &entity_referral, rid, &a, &row, NULL), 0);
	assert_int_equal(row[REFERRAL_CLOSURE_DATE].i, D(2026, 3, 20));
	assert_string_equal(row[REFERRAL_CLOSURE_REASON].s, "RC2");
	assert_int_equal(store_get(st, &entity_allocation, alloc, &a, &row, NULL), 0);
	assert_int_equal(row[ALLOCATION_END_DATE].i, D(2026, 3, 20));
	/* The manager's own closed referral stands as saved, asking nobody. */
	assert_int_equal(work_add(st, &tm, &entity_referral, c, referral(D(2026, 3, 25), "RC8"), &a, &res, &err), 0);
	assert_int_equal(store_get(st, &entity_referral, res.id, &a, &row, NULL), 0);
	assert_int_equal(row[REFERRAL_CLOSURE_DATE].i, D(2026, 3, 25));
	assert_int_equal(store_child_rows(st, &entity_authorisation, c, &a, &ids, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
}

/* A person and their relationship to the child: both, or (refused for either) neither. */
static void work_add_linked_person_and_relationship(void **state)
{
	(void)state;
	struct hval *p = blank(&entity_person), *r = blank(&entity_relationship);
	p[PERSON_GIVEN_NAME] = (struct hval){.s = "Ann"};
	p[PERSON_FAMILY_NAME] = (struct hval){.s = "Linked"};
	int64_t before = revisions(), people = store_count(st, &entity_person), rel = 0;
	struct work_result res;
	struct hearth_error err = {0};
	/* The relationship has no kind: refused, and no person either. */
	r[RELATIONSHIP_PARENTAL_RESPONSIBILITY] = (struct hval){.i = 1};
	refused(work_add_linked(st, &sw, &entity_person, child, p, r, &a, &res, &rel, &err), HERR_INVALID, &err, "kind",
		"required", before);
	assert_int_equal(store_count(st, &entity_person), people);
	assert_int_equal(rel, 0);
	/* The person is at fault too: both reasons listed. */
	p[PERSON_DOB] = (struct hval){.i = D(2199, 1, 1)};
	refused(work_add_linked(st, &sw, &entity_person, child, p, r, &a, &res, &rel, &err), HERR_INVALID, &err, "dob",
		"not_in_future", before);
	assert_int_equal(res.n_problems, 2);
	assert_string_equal(res.problems[1].field, "kind");
	/* A role that may record neither (the front door). */
	p[PERSON_DOB] = (struct hval){.null = true};
	r[RELATIONSHIP_KIND] = (struct hval){.s = "mother"};
	refused(work_add_linked(st, &front, &entity_person, child, p, r, &a, &res, &rel, &err), HERR_DENIED, &err, "kind",
		"permission", before);
	/* Saved: the relationship names the new person and the child; a revision each. */
	assert_int_equal(work_add_linked(st, &sw, &entity_person, child, p, r, &a, &res, &rel, &err), 0);
	assert_true(res.id > 0 && rel > 0);
	assert_int_equal(revisions(), before + 2);
	struct hval *row;
	assert_int_equal(store_get(st, &entity_relationship, rel, &a, &row, NULL), 0);
	assert_int_equal(row[RELATIONSHIP_PERSON_ID].i, res.id);
	assert_int_equal(row[RELATIONSHIP_CHILD_ID].i, child);
	assert_true(work_child_kind(&entity_person));
	/* A kind with no link is not saved this way. */
	assert_int_equal(work_add_linked(st, &sw, &entity_team, child, p, r, &a, &res, &rel, &err), HERR_INVALID);
}

/* A person is child's while a live relationship of that child names them: corrected and
 * retracted only from such a child's record; a retraction goes with this child's
 * relationships, and is refused while another child's names them too. */
static void work_person_corrected_and_retracted_by_their_link(void **state)
{
	(void)state;
	struct hval *p = blank(&entity_person), *r = blank(&entity_relationship);
	p[PERSON_GIVEN_NAME] = (struct hval){.s = "Bea"};
	p[PERSON_FAMILY_NAME] = (struct hval){.s = "Shared"};
	r[RELATIONSHIP_KIND] = (struct hval){.s = "mother"};
	r[RELATIONSHIP_PARENTAL_RESPONSIBILITY] = (struct hval){.i = 1};
	int64_t rel, sib;
	struct work_result res;
	struct hearth_error err = {0};
	assert_int_equal(work_add_linked(st, &sw, &entity_person, child, p, r, &a, &res, &rel, &err), 0);
	int64_t pid = res.id;
	assert_int_equal(work_linked_to_child(st, &entity_person, pid, child, &a, &err), 0);
	assert_int_equal(work_linked_to_child(st, &entity_person, pid, other_child, &a, &err), HERR_NOT_FOUND);
	/* Not linked to other_child: not found there, for a correction or a retraction. */
	struct hval *v;
	assert_int_equal(store_get(st, &entity_person, pid, &a, &v, NULL), 0);
	v[PERSON_FAMILY_NAME] = (struct hval){.s = "Sharred"};
	int64_t before = revisions();
	assert_int_equal(work_correct(st, &sw, &entity_person, other_child, pid, v, "typo", &a, &res, &err), HERR_NOT_FOUND);
	assert_int_equal(work_retract(st, &sw, &entity_person, other_child, pid, "typo", &a, &res, &err), HERR_NOT_FOUND);
	assert_int_equal(revisions(), before);
	/* Corrected from child's record: a revision. */
	assert_int_equal(work_correct(st, &sw, &entity_person, child, pid, v, "typo", &a, &res, &err), 0);
	assert_int_equal(revisions(), before + 1);
	/* other_child's relationship names her too: the retraction is refused, nothing changes. */
	struct hval *r2 = blank(&entity_relationship);
	r2[RELATIONSHIP_CHILD_ID] = (struct hval){.i = other_child};
	r2[RELATIONSHIP_PERSON_ID] = (struct hval){.i = pid};
	r2[RELATIONSHIP_KIND] = (struct hval){.s = "mother"};
	r2[RELATIONSHIP_PARENTAL_RESPONSIBILITY] = (struct hval){.i = 1};
	assert_int_equal(work_add(st, &shell, &entity_relationship, other_child, r2, &a, &res, &err), 0);
	sib = res.id;
	before = revisions();
	assert_int_equal(work_retract(st, &sw, &entity_person, child, pid, "wrong family", &a, &res, &err), HERR_CONFLICT);
	assert_string_equal(err.rule, "linked_to_other_children");
	assert_int_equal(revisions(), before);
	assert_int_equal(store_get(st, &entity_person, pid, &a, &v, NULL), 0);
	/* The other link gone, the person goes with this child's relationship: two revisions. */
	assert_int_equal(work_retract(st, &shell, &entity_relationship, other_child, sib, "not hers", &a, &res, &err), 0);
	before = revisions();
	assert_int_equal(work_retract(st, &sw, &entity_person, child, pid, "wrong family", &a, &res, &err), 0);
	assert_int_equal(revisions(), before + 2);
	assert_int_equal(store_get(st, &entity_person, pid, &a, &v, NULL), HERR_NOT_FOUND);
	assert_int_equal(store_get(st, &entity_relationship, rel, &a, &v, NULL), HERR_NOT_FOUND);
	assert_int_equal(work_linked_to_child(st, &entity_person, pid, child, &a, &err), HERR_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(work_add_visit_as_yourself),
		cmocka_unit_test(work_bad_future_event_dates),
		cmocka_unit_test(work_bad_seen_alone_without_seen),
		cmocka_unit_test(work_bad_descriptor_refusals_listed),
		cmocka_unit_test(work_bad_another_worker),
		cmocka_unit_test(work_bad_role_may_not_record),
		cmocka_unit_test(work_partner_reads_own_rows),
		cmocka_unit_test(work_correct_needs_a_reason_and_leaves_history),
		cmocka_unit_test(work_retract_needs_a_reason_and_keeps_history),
		cmocka_unit_test(work_child_add_defaults_and_refusals),
		cmocka_unit_test(work_reallocate_ends_and_begins),
		cmocka_unit_test(work_add_closed_referral_is_a_proposal),
		cmocka_unit_test(work_add_linked_person_and_relationship),
		cmocka_unit_test(work_person_corrected_and_retracted_by_their_link),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
