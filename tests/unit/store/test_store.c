/* The store's one write path: every change validated, written with its revision, or not
 * written at all; reads and casefiles see only live rows, in date order. */
#include "test.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/validate.h"
#include "store/internal.h"
#include "store/store.h"

static char dir[64], path[512];
static struct store *st;

/* HEARTH_TEST_TARGET names an empty PostgreSQL database (tests/run's pg suite sets it);
 * otherwise the suite runs on a SQLite file in a fresh directory. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	const char *target = getenv("HEARTH_TEST_TARGET");
	snprintf(path, sizeof(path), "%s", target && *target ? target : "");
	if (!path[0]) {
		snprintf(path, sizeof(path), "%s/t.db", dir);
	}
	struct hearth_error err = {0};
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static int64_t add_child_restricted(const char *la, hdate dob, int restricted)
{
	struct hval v[CHILD__COUNT];
	for (int i = 0; i < CHILD__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	v[CHILD_LA_CHILD_ID] = (struct hval){.s = la};
	v[CHILD_GIVEN_NAME] = (struct hval){.s = "Sam"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = "Taylor"};
	v[CHILD_DOB] = (struct hval){.i = dob};
	v[CHILD_SEX] = (struct hval){.s = "U"};
	v[CHILD_UASC] = (struct hval){.i = 0};
	v[CHILD_RESTRICTED] = (struct hval){.i = restricted};
	int64_t id = 0;
	struct hearth_error err = {0};
	assert_int_equal(store_insert(st, "test", &entity_child, v, &id, &err), 0);
	return id;
}

static int64_t add_child(const char *la, hdate dob)
{
	return add_child_restricted(la, dob, 0);
}

static void visit(struct hval *v, int64_t child, hdate d)
{
	for (int i = 0; i < VISIT__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	v[VISIT_CHILD_ID] = (struct hval){.i = child};
	v[VISIT_VISIT_DATE] = (struct hval){.i = d};
	v[VISIT_KIND] = (struct hval){.s = "cla"};
	v[VISIT_SEEN] = (struct hval){.i = 1};
	v[VISIT_SEEN_ALONE] = (struct hval){.i = 1};
}

static int64_t count_revisions(const char *table, int64_t id)
{
	struct arena a = ARENA_INIT;
	struct store_revision *r;
	size_t n = 0;
	assert_int_equal(store_revisions(st, table, id, &a, &r, &n, NULL), 0);
	arena_free(&a);
	return (int64_t)n;
}

static void insert_writes_its_revision(void **state)
{
	(void)state;
	int64_t c = add_child("S1", D(2014, 5, 5));
	struct arena a = ARENA_INIT;
	struct store_revision *r;
	size_t n;
	assert_int_equal(store_revisions(st, "child", c, &a, &r, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].action, "insert");
	assert_string_equal(r[0].actor, "test");
	assert_null(r[0].before);
	assert_non_null(strstr(r[0].after, "\"dob\":\"2014-05-05\""));
	arena_free(&a);
}

static void update_keeps_before_and_after(void **state)
{
	(void)state;
	int64_t c = add_child("S2", D(2014, 5, 5)), id;
	struct hval v[VISIT__COUNT];
	struct hearth_error err = {0};
	visit(v, c, D(2025, 1, 6));
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	v[VISIT_SEEN_ALONE].i = 0;
	assert_int_equal(store_update(st, "test", &entity_visit, id, v, "seen with carer", &err), 0);
	struct arena a = ARENA_INIT;
	struct store_revision *r;
	size_t n;
	assert_int_equal(store_revisions(st, "visit", id, &a, &r, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_string_equal(r[1].action, "update");
	assert_non_null(strstr(r[1].before, "\"seen_alone\":true"));
	assert_non_null(strstr(r[1].after, "\"seen_alone\":false"));
	assert_string_equal(r[1].reason, "seen with carer");
	struct hval *got;
	assert_int_equal(store_get(st, &entity_visit, id, &a, &got, &err), 0);
	assert_int_equal(got[VISIT_SEEN_ALONE].i, 0);
	arena_free(&a);
}

static void void_keeps_the_row_but_hides_it(void **state)
{
	(void)state;
	int64_t c = add_child("S3", D(2014, 5, 5)), id;
	struct hval v[VISIT__COUNT];
	struct hearth_error err = {0};
	visit(v, c, D(2025, 1, 6));
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	assert_int_equal(store_void(st, "test", &entity_visit, id, NULL, &err), HERR_INVALID); /* needs a reason */
	assert_int_equal(store_void(st, "test", &entity_visit, id, "wrong child", &err), 0);
	struct arena a = ARENA_INIT;
	struct hval *got;
	assert_int_equal(store_get(st, &entity_visit, id, &a, &got, &err), HERR_NOT_FOUND);
	int64_t *ids;
	struct hval **rows;
	size_t n;
	assert_int_equal(store_child_rows(st, &entity_visit, c, &a, &ids, &rows, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(count_revisions("visit", id), 2);
	/* A retracted row cannot be changed or retracted again. */
	assert_int_equal(store_update(st, "test", &entity_visit, id, v, "x", &err), HERR_NOT_FOUND);
	assert_int_equal(store_void(st, "test", &entity_visit, id, "again", &err), HERR_NOT_FOUND);
	arena_free(&a);
}

static void bad_rows_write_nothing(void **state)
{
	(void)state;
	int64_t c = add_child("S4", D(2014, 5, 5)), id = 0;
	int64_t before = store_count(st, &entity_visit);
	struct hval v[VISIT__COUNT];
	struct hearth_error err = {0};
	visit(v, c, D(2014, 5, 4)); /* the day before birth */
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), HERR_INVALID);
	assert_string_equal(err.rule, "not_before_birth");
	visit(v, 999999, D(2025, 1, 1));
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), HERR_INVALID);
	assert_string_equal(err.rule, "reference");
	visit(v, c, D(2025, 1, 1));
	assert_int_equal(store_insert(st, "", &entity_visit, v, &id, &err), HERR_INVALID); /* no actor */
	assert_int_equal(store_count(st, &entity_visit), before);
	/* The same LA child id twice. */
	struct hval cv[CHILD__COUNT];
	struct arena a = ARENA_INIT;
	struct hval *got;
	assert_int_equal(store_get(st, &entity_child, c, &a, &got, &err), 0);
	memcpy(cv, got, sizeof(cv));
	assert_int_equal(store_insert(st, "test", &entity_child, cv, &id, &err), HERR_INVALID);
	assert_string_equal(err.rule, "unique");
	arena_free(&a);
}

static void a_refusal_in_a_batch_undoes_only_itself(void **state)
{
	(void)state;
	int64_t c = add_child("S5", D(2014, 5, 5)), id;
	struct hval v[VISIT__COUNT];
	struct hearth_error err = {0};
	int64_t before = store_count(st, &entity_visit);
	assert_int_equal(store_begin(st, &err), 0);
	visit(v, c, D(2025, 1, 6));
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	visit(v, 424242, D(2025, 1, 7)); /* refused inside the batch: unknown child */
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), HERR_INVALID);
	visit(v, c, D(2025, 1, 8));
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	assert_int_equal(store_commit(st, &err), 0);
	assert_int_equal(store_count(st, &entity_visit), before + 2);
	/* A rolled-back batch leaves nothing. */
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	store_rollback(st);
	assert_int_equal(store_count(st, &entity_visit), before + 2);
}

static void reopening_needs_a_reason(void **state)
{
	(void)state;
	int64_t c = add_child("S6", D(2014, 5, 5)), id;
	struct hval r[REFERRAL__COUNT];
	struct hearth_error err = {0};
	for (int i = 0; i < REFERRAL__COUNT; i++) {
		r[i] = (struct hval){.null = true};
	}
	r[REFERRAL_CHILD_ID] = (struct hval){.i = c};
	r[REFERRAL_REFERRAL_DATE] = (struct hval){.i = D(2025, 1, 2)};
	r[REFERRAL_SOURCE] = (struct hval){.s = "3A"};
	r[REFERRAL_NFA] = (struct hval){.i = 0};
	r[REFERRAL_CLOSURE_DATE] = (struct hval){.i = D(2025, 3, 2)};
	r[REFERRAL_CLOSURE_REASON] = (struct hval){.s = "RC8"};
	assert_int_equal(store_insert(st, "test", &entity_referral, r, &id, &err), 0);
	r[REFERRAL_CLOSURE_DATE] = (struct hval){.null = true};
	r[REFERRAL_CLOSURE_REASON] = (struct hval){.null = true};
	assert_int_equal(store_update(st, "test", &entity_referral, id, r, NULL, &err), HERR_INVALID);
	assert_string_equal(err.rule, "reopen_needs_reason");
	assert_int_equal(count_revisions("referral", id), 1);
	assert_int_equal(store_update(st, "test", &entity_referral, id, r, "new concerns", &err), 0);
	assert_int_equal(count_revisions("referral", id), 2);
}

static void casefiles_are_sorted_and_live(void **state)
{
	(void)state;
	int64_t c = add_child("S7", D(2014, 5, 5)), id;
	struct hval v[VISIT__COUNT];
	struct hearth_error err = {0};
	hdate days[] = {D(2025, 3, 1), D(2025, 1, 1), D(2025, 2, 1)};
	for (int i = 0; i < 3; i++) {
		visit(v, c, days[i]);
		assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	}
	assert_int_equal(store_void(st, "test", &entity_visit, id, "duplicate", &err), 0); /* the 1 Feb visit */
	struct arena a = ARENA_INIT;
	struct casefile cf;
	assert_int_equal(store_casefile_load(st, c, &a, &cf, &err), 0);
	assert_string_equal(cf.child.la_child_id, "S7");
	assert_int_equal(cf.child.dob, D(2014, 5, 5));
	assert_int_equal(cf.n_visits, 2);
	assert_int_equal(cf.visits[0].date, D(2025, 1, 1));
	assert_int_equal(cf.visits[1].date, D(2025, 3, 1));
	assert_int_equal(cf.visits[0].kind, VISIT_CLA);
	assert_true(cf.visits[0].seen_alone);
	arena_free(&a);
}

static int count_cb(void *ctx, const struct casefile *cf)
{
	(void)cf;
	(*(int *)ctx)++;
	return 0;
}

static void scans_filter_by_worker_and_team(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t team, worker, id;
	struct hval t[TEAM__COUNT] = {{.s = "Team A"}, {.s = "cla"}, {.i = D(2020, 1, 1)}, {.null = true}};
	assert_int_equal(store_insert(st, "test", &entity_team, t, &team, &err), 0);
	struct hval w[WORKER__COUNT];
	for (int i = 0; i < WORKER__COUNT; i++) {
		w[i] = (struct hval){.null = true};
	}
	w[WORKER_STAFF_ID] = (struct hval){.s = "W1"};
	w[WORKER_GIVEN_NAME] = (struct hval){.s = "Ann"};
	w[WORKER_FAMILY_NAME] = (struct hval){.s = "Lee"};
	w[WORKER_ROLE] = (struct hval){.s = "social_worker"};
	w[WORKER_TEAM_ID] = (struct hval){.i = team};
	w[WORKER_FTE] = (struct hval){.r = 1.0};
	w[WORKER_AGENCY] = (struct hval){.i = 0};
	w[WORKER_CASE_HOLDER] = (struct hval){.i = 1};
	w[WORKER_START_DATE] = (struct hval){.i = D(2020, 1, 1)};
	assert_int_equal(store_insert(st, "test", &entity_worker, w, &worker, &err), 0);
	int64_t c = add_child("S8", D(2014, 5, 5));
	struct hval al[ALLOCATION__COUNT] = {{.i = c},	{.i = worker}, {.s = "sw"}, {.i = D(2025, 1, 1)},
					     {.i = D(2025, 6, 1)}, {.s = "LEFTRL"}};
	assert_int_equal(store_insert(st, "test", &entity_allocation, al, &id, &err), 0);
	int n = 0;
	struct store_filter f = {.worker_id = worker, .as_at = D(2025, 3, 1)};
	assert_int_equal(store_casefiles_scan(st, &f, count_cb, &n, &err), 0);
	assert_int_equal(n, 1);
	n = 0;
	f = (struct store_filter){.team_id = team, .as_at = D(2025, 3, 1)};
	assert_int_equal(store_casefiles_scan(st, &f, count_cb, &n, &err), 0);
	assert_int_equal(n, 1);
	n = 0;
	f.as_at = D(2025, 6, 1); /* the allocation ended that day */
	assert_int_equal(store_casefiles_scan(st, &f, count_cb, &n, &err), 0);
	assert_int_equal(n, 0);
	n = 0;
	assert_int_equal(store_casefiles_scan(st, NULL, count_cb, &n, &err), 0);
	assert_int_equal(n, store_count(st, &entity_child));
}

/* How revisions were written before the store wrote its JSON itself: the reference the
 * store's writer must match byte for byte. */
static char *jansson_row(const struct entity *e, const struct hval *v, struct arena *a)
{
	json_t *o = json_object();
	for (int i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_t *j;
		if (v[i].null) {
			j = json_null();
		} else if (f->type == FT_BOOL) {
			j = json_boolean(v[i].i);
		} else if (f->type == FT_INT || f->type == FT_REF) {
			j = json_integer(v[i].i);
		} else if (f->type == FT_REAL) {
			j = json_real(v[i].r);
		} else {
			j = json_string(value_text(f, &v[i], a));
		}
		json_object_set_new(o, f->name, j ? j : json_null());
	}
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	char *copy = arena_strdup(a, s ? s : "{}");
	free(s);
	return copy;
}

static void assert_revision_is_jansson(const struct entity *e, int64_t id, const struct hval *v)
{
	struct arena a = ARENA_INIT;
	struct store_revision *r;
	size_t n;
	assert_int_equal(store_revisions(st, e->name, id, &a, &r, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].after, jansson_row(e, v, &a));
	arena_free(&a);
}

static void revisions_are_the_json_jansson_writes(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t c = add_child("J1", D(2014, 5, 5)), id;
	struct hval v[VISIT__COUNT];
	visit(v, c, D(2025, 2, 3));
	v[VISIT_CHILD_SAID] = (struct hval){.s = "He said \"no\" \\ / and\n\tthen \u00fcber \u2028 \U0001F600!"};
	v[VISIT_SUMMARY] = (struct hval){.s = "line one\r\nline two"};
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	assert_revision_is_jansson(&entity_visit, id, v);
	const double ftes[] = {0.0, 0.1, 1.0, 0.5, 1e-7, 2.5e-300, 123456789012345680000.0, 1e22, 3.0e15, 0.3333333333333333};
	for (int i = 0; i < (int)(sizeof(ftes) / sizeof(ftes[0])); i++) {
		struct hval w[WORKER__COUNT];
		char staff[16];
		snprintf(staff, sizeof(staff), "JS%d", i);
		for (int k = 0; k < WORKER__COUNT; k++) {
			w[k] = (struct hval){.null = true};
		}
		w[WORKER_STAFF_ID] = (struct hval){.s = staff};
		w[WORKER_GIVEN_NAME] = (struct hval){.s = "Ann"};
		w[WORKER_FAMILY_NAME] = (struct hval){.s = "O'Neil"};
		w[WORKER_ROLE] = (struct hval){.s = "social_worker"};
		w[WORKER_FTE] = (struct hval){.r = ftes[i]};
		w[WORKER_AGENCY] = (struct hval){.i = i % 2};
		w[WORKER_CASE_HOLDER] = (struct hval){.i = 1};
		w[WORKER_START_DATE] = (struct hval){.i = D(1999, 12, 31)};
		assert_int_equal(store_insert(st, "test", &entity_worker, w, &id, &err), 0);
		assert_revision_is_jansson(&entity_worker, id, w);
	}
}

static size_t audit_rows(void)
{
	struct arena a = ARENA_INIT;
	struct store_audit_row *r;
	size_t n = 0;
	assert_int_equal(store_audit_list(st, 0, NULL, &a, &r, &n, NULL), 0);
	arena_free(&a);
	return n;
}

/* Bulk loading writes what writing one by one writes: every row with its revision and its
 * audit row, the chain whole, across more rows than the store holds back at once. A
 * refusal by a rule inside the batch writes nothing and leaves the batch whole. */
static void bulk_load_keeps_revisions_and_the_chain(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	size_t audit_before = audit_rows();
	int64_t visits = store_count(st, &entity_visit);
	assert_int_equal(store_bulk_begin(st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	int64_t c = add_child("B1", D(2014, 5, 5)), id = 0, first = 0;
	struct hval v[VISIT__COUNT];
	for (int i = 0; i < 150; i++) {
		visit(v, c, D(2025, 1, 1) + i);
		assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
		first = first ? first : id;
		if (i == 70) {
			visit(v, 424242, D(2025, 1, 7)); /* unknown child */
			assert_int_equal(store_insert(st, "test", &entity_visit, v, NULL, &err), HERR_INVALID);
			visit(v, c, D(2014, 5, 4)); /* before birth */
			assert_int_equal(store_insert(st, "test", &entity_visit, v, NULL, &err), HERR_INVALID);
		}
	}
	assert_int_equal(count_revisions("visit", first), 1); /* reads see what is held back */
	assert_int_equal(store_commit(st, &err), 0);
	assert_int_equal(store_bulk_end(st, &err), 0);
	assert_int_equal(store_count(st, &entity_visit), visits + 150);
	assert_int_equal(count_revisions("visit", id), 1);
	assert_int_equal(audit_rows(), audit_before + 151);
	int64_t bad = -1;
	assert_int_equal(store_audit_verify(st, &bad, &err), 0);
	assert_int_equal(bad, 0);

	/* A rolled-back bulk batch leaves nothing, and the chain goes on from where it was. */
	assert_int_equal(store_bulk_begin(st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	for (int i = 0; i < 100; i++) {
		visit(v, c, D(2025, 6, 1) + i);
		assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	}
	store_rollback(st);
	assert_int_equal(store_bulk_end(st, &err), 0);
	assert_int_equal(store_count(st, &entity_visit), visits + 150);
	assert_int_equal(audit_rows(), audit_before + 151);
	visit(v, c, D(2025, 6, 1));
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &id, &err), 0);
	assert_int_equal(count_revisions("visit", id), 1);
	assert_int_equal(store_audit_verify(st, &bad, &err), 0);

	/* Only a record being created is bulk loaded, and never from inside a batch. */
	struct store *w;
	assert_int_equal(store_open(path, STORE_WRITE, &w, &err), 0);
	assert_int_equal(store_bulk_begin(w, &err), HERR_INVALID);
	store_close(w);
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_bulk_begin(st, &err), HERR_INVALID);
	store_rollback(st);
}

static void problem_count(void *ctx, const char *what)
{
	(void)what;
	(*(int *)ctx)++;
}

static void check_finds_overlapping_episodes(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int problems = 0;
	assert_int_equal(store_check(st, problem_count, &problems, &err), 0);
	int64_t c = add_child("S9", D(2010, 1, 1)), id;
	struct hval e[CLA_EPISODE__COUNT];
	for (int i = 0; i < CLA_EPISODE__COUNT; i++) {
		e[i] = (struct hval){.null = true};
	}
	e[CLA_EPISODE_CHILD_ID] = (struct hval){.i = c};
	e[CLA_EPISODE_DECOM] = (struct hval){.i = D(2024, 1, 1)};
	e[CLA_EPISODE_RNE] = (struct hval){.s = "S"};
	e[CLA_EPISODE_LS] = (struct hval){.s = "V2"};
	e[CLA_EPISODE_CIN] = (struct hval){.s = "N1"};
	e[CLA_EPISODE_PLACE] = (struct hval){.s = "U1"};
	e[CLA_EPISODE_LONG_TERM] = (struct hval){.i = 0};
	assert_int_equal(store_insert(st, "test", &entity_cla_episode, e, &id, &err), 0);
	e[CLA_EPISODE_DECOM] = (struct hval){.i = D(2024, 3, 1)};
	e[CLA_EPISODE_RNE] = (struct hval){.s = "P"};
	assert_int_equal(store_insert(st, "test", &entity_cla_episode, e, &id, &err), 0);
	problems = 0;
	assert_int_equal(store_check(st, problem_count, &problems, &err), 1);
	assert_int_equal(problems, 1);
}

/* Break-glass openings (store/break_glass.c): an opening counts for its person and child
 * from its own instant on, so a window that starts after it (since = an hour from now, as
 * the server's "now - break_glass_minutes" will be once that long has passed) no longer
 * holds it; a restricted child is never opened; a review takes it off the list, once. */
static void break_glass_lasts_its_window_and_never_opens_restricted(void **state)
{
	(void)state;
	hdate dob;
	date_parse("2015-05-05", &dob);
	int64_t open = add_child("BG1", dob), closed = add_child_restricted("BG2", dob, 1);
	struct hearth_error err = {0};
	hinstant now = instant_now();
	assert_int_equal(store_break_glass_active(st, "user:7", open, now - 3600, &err), 0);
	assert_int_equal(store_break_glass_open(st, "user:7", open, "Police at the door, child missing", &err), 0);
	assert_int_equal(store_break_glass_active(st, "user:7", open, now - 3600, &err), 1);
	assert_int_equal(store_break_glass_active(st, "user:7", open, now + 3600, &err), 0);
	assert_int_equal(store_break_glass_active(st, "user:8", open, now - 3600, &err), 0);
	assert_int_equal(store_break_glass_open(st, "user:7", closed, "Police at the door, child missing", &err),
			 HERR_NOT_FOUND);
	assert_int_equal(store_break_glass_active(st, "user:7", closed, now - 3600, &err), 0);
	struct arena a = ARENA_INIT;
	struct store_audit_row *rows;
	size_t n;
	int64_t total;
	assert_int_equal(store_break_glass_to_review(st, 10, &a, &rows, &n, &total, &err), 0);
	assert_int_equal(total, 1);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].row.child_id, open);
	assert_string_equal(rows[0].row.section, "Police at the door, child missing");
	assert_int_equal(store_break_glass_review(st, "user:1", rows[0].id, &err), 0);
	assert_int_equal(store_break_glass_review(st, "user:1", rows[0].id, &err), HERR_NOT_FOUND);
	assert_int_equal(store_break_glass_to_review(st, 10, &a, &rows, &n, &total, &err), 0);
	assert_int_equal(total, 0);
	int64_t bad = 0;
	assert_int_equal(store_audit_verify(st, &bad, &err), 0);
	arena_free(&a);
}

static void read_only_refuses_writes(void **state)
{
	(void)state;
	struct store *ro;
	struct hearth_error err = {0};
	assert_int_equal(store_open(path, STORE_READ, &ro, &err), 0);
	struct hval v[VISIT__COUNT];
	visit(v, 1, D(2025, 1, 1));
	int64_t id;
	assert_int_equal(store_insert(ro, "test", &entity_visit, v, &id, &err), HERR_DENIED);
	store_close(ro);
	assert_int_equal(store_open("/nonexistent/x.db", STORE_READ, &ro, &err), HERR_NOT_FOUND);
	assert_int_equal(store_open(path, STORE_CREATE, &ro, &err), HERR_CONFLICT);
	/* A read-only PostgreSQL session refuses writes at the server too, not only in Hearth. */
}

static int64_t add_user(const char *name)
{
	int64_t id = 0;
	struct hearth_error err = {0};
	assert_int_equal(store_user_add(st, "test", name, "not-a-real-hash", "social_worker", 0, 0, &id, &err), 0);
	return id;
}

/* Drafts are kept per person and form: a later save replaces the fields and keeps when the
 * draft was started; another person never sees them; deleting one is final. */
static void drafts_are_per_person_and_form(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	struct arena a = ARENA_INIT;
	int64_t alice = add_user("draft_alice"), bob = add_user("draft_bob"), c = add_child("D1", D(2012, 1, 1));
	const char *form = "/children/1/visits/new";
	assert_int_equal(store_draft_save(st, alice, form, "Record a visit", c, "child_said=I%20am%20fine", 1000, &err),
			 0);
	assert_int_equal(store_draft_save(st, alice, "/children/1/notes/new", "Record a case note", c, "body=x", 1100,
					  &err),
			 0);
	assert_int_equal(store_draft_save(st, alice, form, "Record a visit", c, "child_said=I%20am%20fine%20now", 2000,
					  &err),
			 0);
	struct store_draft d;
	assert_int_equal(store_draft_get(st, alice, form, &a, &d, &err), 0);
	assert_string_equal(d.fields, "child_said=I%20am%20fine%20now");
	assert_string_equal(d.title, "Record a visit");
	assert_int_equal(d.child_id, c);
	assert_int_equal(d.created_at, 1000);
	assert_int_equal(d.updated_at, 2000);
	assert_int_equal(store_draft_get(st, bob, form, &a, &d, &err), HERR_NOT_FOUND);
	struct store_draft *list;
	size_t n;
	assert_int_equal(store_drafts_list(st, alice, &a, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].path, form); /* the most recently saved first */
	assert_int_equal(store_drafts_list(st, bob, &a, &list, &n, &err), 0);
	assert_int_equal(n, 0);
	/* Bob removing "his" draft of the form leaves Alice's. */
	assert_int_equal(store_draft_delete(st, bob, form, &err), 0);
	assert_int_equal(store_draft_get(st, alice, form, &a, &d, &err), 0);
	assert_int_equal(store_draft_delete(st, alice, form, &err), 0);
	assert_int_equal(store_draft_get(st, alice, form, &a, &d, &err), HERR_NOT_FOUND);
	assert_int_equal(store_draft_delete(st, alice, form, &err), 0);
	assert_int_equal(store_draft_save(st, alice, "", "Record a visit", c, "", 1, &err), HERR_INVALID);
	arena_free(&a);
}

/* A draft is not the record: saving one writes no revision and changes no casefile;
 * `hearth check` finds nothing new; `hearth copy` carries drafts over, verified. */
static void drafts_are_not_the_record(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	struct arena a = ARENA_INIT;
	int64_t u = add_user("draft_carol"), c = add_child("D2", D(2013, 2, 2));
	struct hval v[VISIT__COUNT];
	visit(v, c, D(2025, 3, 3));
	int64_t vid;
	assert_int_equal(store_insert(st, "test", &entity_visit, v, &vid, &err), 0);
	int problems_before = 0, problems_after = 0;
	assert_true(store_check(st, problem_count, &problems_before, &err) >= 0);
	int64_t rev_before, rev_after;
	assert_int_equal(store_revision_latest(st, &rev_before, &err), 0);
	struct casefile before, after;
	assert_int_equal(store_casefile_load(st, c, &a, &before, &err), 0);
	assert_int_equal(store_draft_save(st, u, "/children/9/visits/new", "Record a visit", c,
					  "visit_date-day=3&child_said=not%20yet%20saved", 3000, &err),
			 0);
	assert_int_equal(store_revision_latest(st, &rev_after, &err), 0);
	assert_int_equal(rev_after, rev_before);
	assert_int_equal(store_casefile_load(st, c, &a, &after, &err), 0);
	assert_int_equal(after.n_visits, before.n_visits);
	assert_true(store_check(st, problem_count, &problems_after, &err) >= 0);
	assert_int_equal(problems_after, problems_before);

	char copy[600];
	snprintf(copy, sizeof(copy), "%s/copy.db", dir);
	struct store *dst;
	assert_int_equal(store_open(copy, STORE_CREATE, &dst, &err), 0);
	assert_int_equal(store_copy(st, dst, NULL, NULL, &err), 0);
	struct store_draft d;
	assert_int_equal(store_draft_get(dst, u, "/children/9/visits/new", &a, &d, &err), 0);
	assert_string_equal(d.fields, "visit_date-day=3&child_said=not%20yet%20saved");
	assert_int_equal(d.child_id, c);
	store_close(dst);
	arena_free(&a);
}

/* A pending OIDC sign-in is taken once; an expired one is refused and forgotten, and the
 * next one begun sweeps the expired. */
static void oidc_pending_is_taken_once_and_expires(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	char nonce[STORE_OIDC_TOKEN], verifier[STORE_OIDC_TOKEN];
	assert_int_equal(store_oidc_pending_put(st, "h1", "n1", "v1", 1000, 1600, &err), 0);
	assert_int_equal(store_oidc_pending_put(st, "h2", "n2", "v2", 1000, 1600, &err), 0);
	assert_int_equal(store_oidc_pending_take(st, "h1", 1500, nonce, verifier, &err), 0);
	assert_string_equal(nonce, "n1");
	assert_string_equal(verifier, "v1");
	assert_int_equal(store_oidc_pending_take(st, "h1", 1500, nonce, verifier, &err), HERR_NOT_FOUND);
	assert_int_equal(store_oidc_pending_take(st, "h2", 1601, nonce, verifier, &err), HERR_NOT_FOUND);
	assert_int_equal(store_oidc_pending_take(st, "h2", 1500, nonce, verifier, &err), HERR_NOT_FOUND);
	assert_int_equal(store_oidc_pending_put(st, "h3", "n3", "v3", 1000, 1700, &err), 0);
	assert_int_equal(store_oidc_pending_put(st, "h4", "n4", "v4", 1800, 2400, &err), 0);
	assert_int_equal(store_oidc_pending_take(st, "h3", 1500, nonce, verifier, &err), HERR_NOT_FOUND);
	assert_int_equal(store_oidc_pending_take(st, "h4", 1900, nonce, verifier, &err), 0);
}

/* The request budget stops a statement that would run far past it, on either engine:
 * SQLite by steps (1,000 against some hundreds of millions), PostgreSQL by time (200 ms
 * against a count to 100 million, which takes tens of seconds there). Lifted, a statement
 * runs again. */
static void the_budget_stops_a_long_statement(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	store_set_budget(st, 1000, 200);
	int rc = db_exec(store_db(st),
			 "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) "
			 "SELECT count(*) FROM c",
			 &err);
	store_set_budget(st, 0, 0);
	assert_int_not_equal(rc, 0);
	assert_string_equal(err.rule, "budget");
	err = (struct hearth_error){0};
	assert_int_equal(db_exec(store_db(st), "SELECT 1", &err), 0);
}

/* store_readers_open: the readers and st begin on one state of the record, which a save on
 * another connection after they began does not change; the id bounds cut the children into
 * parts that together hold each child once. */
struct seen_ids {
	int64_t ids[1024];
	int n;
};

static int seen_one(void *ctx, const struct casefile *cf)
{
	struct seen_ids *s = ctx;
	if (s->n < 1024) {
		s->ids[s->n++] = cf->child.id;
	}
	return 0;
}

static void readers_share_one_state(void **state)
{
	(void)state;
	for (int i = 0; i < 6; i++) {
		char la[16];
		snprintf(la, sizeof(la), "R%d", i);
		add_child(la, date_from_ymd(2015, 1, 1 + i));
	}
	struct hearth_error err = {0};
	struct seen_ids all = {0};	/* the suite's record is shared: what is there now */
	assert_int_equal(store_casefiles_scan(st, NULL, seen_one, &all, &err), 0);
	assert_true(all.n >= 6 && all.n < 1000);
	struct store *readers[2], *w;
	int64_t bounds[4];
	int n = -1;
	assert_int_equal(store_readers_open(st, 2, readers, &n, bounds, &err), 0);
	if (n == 0) {
		/* PostgreSQL: one connection (store.h); its read transaction is open all the same. */
		assert_int_equal(strcmp(store_engine(st), "postgresql"), 0);
		store_readers_close(st, readers, 0);
		return;
	}
	assert_int_equal(n, 2);
	assert_true(bounds[0] == 0 && bounds[3] == 0 && bounds[1] > 0 && bounds[2] > bounds[1]);

	/* A save on another connection, after the readers began. */
	assert_int_equal(store_open(path, STORE_WRITE, &w, &err), 0);
	struct store *keep = st;
	st = w;
	add_child("LATE", date_from_ymd(2016, 1, 1));
	st = keep;
	store_close(w);

	struct seen_ids seen = {0};
	for (int k = 0; k < 3; k++) {
		struct store_filter f = {.id_from = bounds[k], .id_below = bounds[k + 1]};
		int before = seen.n;
		assert_int_equal(store_casefiles_scan(k ? readers[k - 1] : st, &f, seen_one, &seen, &err), 0);
		for (int i = before; i < seen.n; i++) {
			assert_true((!bounds[k] || seen.ids[i] >= bounds[k]) && (!bounds[k + 1] || seen.ids[i] < bounds[k + 1]));
		}
	}
	assert_int_equal(seen.n, all.n);	/* each child once, and not the late one */
	for (int i = 0; i < seen.n; i++) {
		assert_true(seen.ids[i] == all.ids[i]);
	}
	store_readers_close(st, readers, 2);

	struct seen_ids after = {0};
	assert_int_equal(store_casefiles_scan(st, NULL, seen_one, &after, &err), 0);
	assert_int_equal(after.n, all.n + 1);
}

/* One number from the record: a count. */
static int64_t count_of(const char *sql)
{
	struct db_stmt *q;
	struct hearth_error err = {0};
	assert_int_equal(db_prepare(store_db(st), sql, &q, &err), 0);
	assert_int_equal(db_step(q, &err), 1);
	int64_t n = db_col_int(q, 0);
	db_finalize(q);
	return n;
}

static void count_problem(void *ctx, const char *what)
{
	(void)what;
	++*(int *)ctx;
}

/* A save under a request budget, as the server makes one (a row saved, then read back for
 * the answer), at every step budget from 1 until the save fits: each budget trips at a
 * statement of the save in turn (the scope checks, the row's insert, its revision, the
 * audit row's chain head and insert). A save refused ("budget") leaves the rows, revisions
 * and audit trail exactly as before; a save that was kept is not then refused for its
 * answer, for the client would be told it failed and save it again. Without the budget's
 * end at the commit, the last budgets before "enough" kept the visit and then refused its
 * read-back. PostgreSQL's budget is time, not steps: there the first save fits. */
static void a_save_past_its_budget_keeps_nothing_and_a_kept_one_is_answered(void **state)
{
	(void)state;
	int64_t c = add_child("BUDGET1", D(2014, 5, 5)), id = 0;
	struct hval v[VISIT__COUNT];
	visit(v, c, D(2025, 3, 3));
	int64_t rows = count_of("SELECT count(*) FROM visit"), revs = count_of("SELECT count(*) FROM revision"),
		audit = count_of("SELECT count(*) FROM audit");
	int refused = 0, problems = 0, problems_before = 0;
	struct hearth_error err = {0};
	/* The suite's record is shared, and an earlier test leaves a problem on purpose. */
	assert_true(store_check(st, count_problem, &problems_before, &err) >= 0);
	for (uint64_t steps = 1; steps < 100000; steps++) {
		err = (struct hearth_error){0};
		store_set_budget(st, steps, 0);
		int rc = store_insert(st, "test", &entity_visit, v, &id, &err);
		struct arena a = ARENA_INIT;
		struct hval *got;
		int read = rc ? 0 : store_get(st, &entity_visit, id, &a, &got, &err);
		arena_free(&a);
		store_set_budget(st, 0, 0);
		if (rc == 0) {
			assert_int_equal(read, 0); /* the kept save's answer */
			break;
		}
		assert_string_equal(err.rule, "budget");
		assert_int_equal(count_of("SELECT count(*) FROM visit"), rows);
		assert_int_equal(count_of("SELECT count(*) FROM revision"), revs);
		assert_int_equal(count_of("SELECT count(*) FROM audit"), audit);
		refused++;
	}
	assert_int_not_equal(id, 0);
	assert_int_equal(count_of("SELECT count(*) FROM visit"), rows + 1);
	assert_int_equal(count_of("SELECT count(*) FROM revision"), revs + 1);
	assert_int_equal(count_of("SELECT count(*) FROM audit"), audit + 1);
	assert_int_equal(count_revisions("visit", id), 1);
	assert_true(refused > 0 || strcmp(store_engine(st), "postgresql") == 0);
	assert_true(store_check(st, count_problem, &problems, &err) >= 0);
	assert_int_equal(problems, problems_before);
}

/* The bounds follow the visits, not the width of the id range: a child with 600 visits
 * followed by 100 children with none. The visits at a third and two thirds are that child's
 * (fewer than 300 other visits in the suite's record), so part 1 is that child alone and part
 * 2 everyone after it; parts of equal width would put the second bound about two thirds of the
 * way to the last child, far past it. */
static void readers_cut_by_visits(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t busy = add_child("BUSY", date_from_ymd(2012, 1, 1));
	assert_true(busy < 150);
	assert_int_equal(store_begin(st, &err), 0);
	struct hval v[VISIT__COUNT];
	for (int i = 0; i < 600; i++) {
		visit(v, busy, date_from_ymd(2020, 1, 1) + i);
		assert_int_equal(store_insert(st, "test", &entity_visit, v, NULL, &err), 0);
	}
	for (int i = 0; i < 100; i++) {
		char la[16];
		snprintf(la, sizeof(la), "Q%d", i);
		add_child(la, date_from_ymd(2015, 1, 1));
	}
	assert_int_equal(store_commit(st, &err), 0);
	struct store *readers[2];
	int64_t bounds[4];
	int n = -1;
	assert_int_equal(store_readers_open(st, 2, readers, &n, bounds, &err), 0);
	if (n == 2) {
		assert_int_equal(bounds[1], busy);
		assert_int_equal(bounds[2], busy + 1);
	} else {
		assert_int_equal(strcmp(store_engine(st), "postgresql"), 0); /* one connection */
	}
	store_readers_close(st, readers, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(insert_writes_its_revision),
		cmocka_unit_test(update_keeps_before_and_after),
		cmocka_unit_test(void_keeps_the_row_but_hides_it),
		cmocka_unit_test(bad_rows_write_nothing),
		cmocka_unit_test(a_refusal_in_a_batch_undoes_only_itself),
		cmocka_unit_test(reopening_needs_a_reason),
		cmocka_unit_test(casefiles_are_sorted_and_live),
		cmocka_unit_test(scans_filter_by_worker_and_team),
		cmocka_unit_test(revisions_are_the_json_jansson_writes),
		cmocka_unit_test(bulk_load_keeps_revisions_and_the_chain),
		cmocka_unit_test(drafts_are_per_person_and_form),
		cmocka_unit_test(drafts_are_not_the_record),
		cmocka_unit_test(check_finds_overlapping_episodes),
		cmocka_unit_test(read_only_refuses_writes),
		cmocka_unit_test(readers_share_one_state),
		cmocka_unit_test(readers_cut_by_visits),
		cmocka_unit_test(break_glass_lasts_its_window_and_never_opens_restricted),
		cmocka_unit_test(oidc_pending_is_taken_once_and_expires),
		cmocka_unit_test(the_budget_stops_a_long_statement),
		cmocka_unit_test(a_save_past_its_budget_keeps_nothing_and_a_kept_one_is_answered),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
