/* Reading chosen arrays of many children at once (store_arrays_read, store_arrays_child,
 * store_children_each): rows limited to a window of dates, to children looked after on a
 * day, sorted by child then date whatever order they were written in, handed out per child;
 * children read by id, voided ones skipped. One record, worked by hand:
 *
 *   child A (1)  episodes 1 May 2024 S (to 1 June) and 1 June 2024 P (open), written after B's;
 *                reviews 1 March 2024 and 1 July 2024; missing from 30 March 2024 to 2 April
 *                2024, from 1 April 2025 (midnight), and in 2023; an allocation from 1 May 2024
 *   child B (2)  one episode, 2020 (ended); an allocation from 1 January 2020, never ended
 *   child C (3)  voided
 *
 * The year 1 April 2024 to 31 March 2025:
 *   reviews in it: A's of 1 July only (1 March is before it);
 *   missing overlapping it (spans): A's from 30 March 2024 (it ends on 2 April, inside);
 *     not the one from 1 April 2025 00:00 (after 31 March: instants are kept before the
 *     midnight that follows the year), nor 2023's;
 *   allocations overlapping it of children looked after on 31 March 2025: A's (open
 *     episode); not B's (B left care in 2021), though it overlaps the year. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static char dir[64], path[512];
static struct store *st;

static struct hval *blank(const struct entity *e, struct hval *v)
{
	for (int i = 0; i < e->n_fields; i++) {
		v[i] = (struct hval){.null = true};
	}
	return v;
}

static int64_t put(const struct entity *e, struct hval *v)
{
	int64_t id = 0;
	struct hearth_error err = {0};
	if (store_insert(st, "test", e, v, &id, &err)) {
		fail_msg("%s: %s", e->name, err.message);
	}
	return id;
}

static int64_t child(const char *la)
{
	struct hval v[CHILD__COUNT];
	blank(&entity_child, v);
	v[CHILD_LA_CHILD_ID] = (struct hval){.s = la};
	v[CHILD_GIVEN_NAME] = (struct hval){.s = "Sam"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = "Taylor"};
	v[CHILD_DOB] = (struct hval){.i = D(2010, 1, 1)};
	v[CHILD_SEX] = (struct hval){.s = "F"};
	v[CHILD_UASC] = (struct hval){.i = 0};
	v[CHILD_RESTRICTED] = (struct hval){.i = 0};
	v[CHILD_UPN_UNKNOWN] = (struct hval){.s = "UN5"};
	return put(&entity_child, v);
}

static void episode(int64_t c, hdate start, hdate end, const char *rne)
{
	struct hval v[CLA_EPISODE__COUNT];
	blank(&entity_cla_episode, v);
	v[CLA_EPISODE_CHILD_ID] = (struct hval){.i = c};
	v[CLA_EPISODE_DECOM] = (struct hval){.i = start};
	if (end != DATE_NONE) {
		v[CLA_EPISODE_DEC] = (struct hval){.i = end};
		v[CLA_EPISODE_REC] = (struct hval){.s = "X1"};
	}
	v[CLA_EPISODE_RNE] = (struct hval){.s = rne};
	v[CLA_EPISODE_LS] = (struct hval){.s = "C2"};
	v[CLA_EPISODE_CIN] = (struct hval){.s = "N1"};
	v[CLA_EPISODE_PLACE] = (struct hval){.s = "U4"};
	v[CLA_EPISODE_PL_POST] = (struct hval){.s = "WR2 2BB"};
	v[CLA_EPISODE_LONG_TERM] = (struct hval){.i = 0};
	put(&entity_cla_episode, v);
}

static void review(int64_t c, hdate d)
{
	struct hval v[CLA_REVIEW__COUNT];
	blank(&entity_cla_review, v);
	v[CLA_REVIEW_CHILD_ID] = (struct hval){.i = c};
	v[CLA_REVIEW_REVIEW_DATE] = (struct hval){.i = d};
	v[CLA_REVIEW_PARTICIPATION] = (struct hval){.s = "PN1"};
	put(&entity_cla_review, v);
}

static void missing(int64_t c, hinstant from, hinstant to)
{
	struct hval v[MISSING__COUNT];
	blank(&entity_missing, v);
	v[MISSING_CHILD_ID] = (struct hval){.i = c};
	v[MISSING_START_AT] = (struct hval){.i = from};
	if (to) {
		v[MISSING_END_AT] = (struct hval){.i = to};
	}
	v[MISSING_AWAY] = (struct hval){.i = 0};
	v[MISSING_RHI_ACCEPTED] = (struct hval){.i = 0};
	put(&entity_missing, v);
}

static void allocation(int64_t c, int64_t worker, hdate from)
{
	struct hval v[ALLOCATION__COUNT];
	blank(&entity_allocation, v);
	v[ALLOCATION_CHILD_ID] = (struct hval){.i = c};
	v[ALLOCATION_WORKER_ID] = (struct hval){.i = worker};
	v[ALLOCATION_KIND] = (struct hval){.s = "sw"};
	v[ALLOCATION_START_DATE] = (struct hval){.i = from};
	put(&entity_allocation, v);
}

static hinstant at(int y, int m, int d, int h)
{
	return instant_from_date(D(y, m, d)) + (hinstant)h * 3600;
}

struct seen {
	int n;
	char la[4][8];
	const char *upn_unknown[4];
};

static int see(void *ctx, const struct cf_child *c)
{
	struct seen *s = ctx;
	snprintf(s->la[s->n], sizeof(s->la[0]), "%s", c->la_child_id);
	s->upn_unknown[s->n] = c->upn_unknown; /* a code: the code table's own string */
	s->n++;
	return 0;
}

static void test_arrays(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t a = child("A"), b = child("B"), c = child("C");
	struct hval w[WORKER__COUNT];
	blank(&entity_worker, w);
	w[WORKER_STAFF_ID] = (struct hval){.s = "SW1"};
	w[WORKER_GIVEN_NAME] = (struct hval){.s = "Jo"};
	w[WORKER_FAMILY_NAME] = (struct hval){.s = "Bloggs"};
	w[WORKER_ROLE] = (struct hval){.s = "social_worker"};
	w[WORKER_FTE] = (struct hval){.r = 1.0};
	w[WORKER_AGENCY] = (struct hval){.i = 0};
	w[WORKER_CASE_HOLDER] = (struct hval){.i = 1};
	w[WORKER_START_DATE] = (struct hval){.i = D(2019, 1, 1)};
	int64_t worker = put(&entity_worker, w);
	episode(b, D(2020, 1, 1), D(2021, 1, 1), "S");
	episode(a, D(2024, 6, 1), DATE_NONE, "P"); /* written before the earlier one */
	episode(a, D(2024, 5, 1), D(2024, 6, 1), "S");
	review(a, D(2024, 7, 1));
	review(a, D(2024, 3, 1));
	missing(a, at(2024, 3, 30, 10), at(2024, 4, 2, 10));
	missing(a, at(2025, 4, 1, 0), 0);
	missing(a, at(2023, 5, 1, 10), at(2023, 5, 2, 10));
	allocation(a, worker, D(2024, 5, 1));
	allocation(b, worker, D(2020, 1, 1));
	assert_int_equal(store_void(st, "test", &entity_child, c, "entered in error", &err), 0);

	hdate ys = D(2024, 4, 1), ye = D(2025, 3, 31);
	struct store_window win[CFA_MAX];
	for (int k = 0; k < CFA_MAX; k++) {
		win[k] = (struct store_window){DATE_NONE, DATE_NONE, false, DATE_NONE};
	}
	win[CFA_CLA_REVIEWS] = (struct store_window){ys, ye, false, DATE_NONE};
	win[CFA_MISSING] = (struct store_window){ys, ye, true, DATE_NONE};
	win[CFA_ALLOCATIONS] = (struct store_window){ys, ye, true, ye};
	unsigned arrays = 1u << CFA_EPISODES | 1u << CFA_CLA_REVIEWS | 1u << CFA_MISSING | 1u << CFA_ALLOCATIONS;
	struct arena ar = ARENA_INIT;
	struct store_arrays rows = {0};
	bool began;
	assert_int_equal(store_read_begin(st, &began, &err), 0);
	assert_true(began);
	assert_int_equal(store_arrays_read(st, arrays, win, &ar, &rows, &err), 0);

	/* Every child's rows, by child then date, though B's episode was written first and
	 * A's later episode before its earlier one. */
	assert_int_equal(rows.all.n_episodes, 3);
	assert_int_equal(rows.child_of[CFA_EPISODES][0], a);
	assert_int_equal(rows.all.episodes[0].start, D(2024, 5, 1));
	assert_int_equal(rows.all.episodes[1].start, D(2024, 6, 1));
	assert_int_equal(rows.child_of[CFA_EPISODES][2], b);
	assert_string_equal(rows.all.episodes[0].pl_post, "WR2 2BB");

	struct casefile cf;
	memset(&cf, 0, sizeof(cf));
	store_arrays_child(&rows, a, &cf);
	assert_int_equal(cf.n_episodes, 2);
	assert_string_equal(cf.episodes[0].rne, "S");
	assert_int_equal(cf.n_cla_reviews, 1);
	assert_int_equal(cf.cla_reviews[0].date, D(2024, 7, 1));
	assert_int_equal(cf.n_missing, 1);
	assert_int_equal(cf.missing[0].start, at(2024, 3, 30, 10));
	assert_int_equal(cf.n_allocations, 1);
	assert_int_equal(cf.n_visits, 0); /* not read: left as it was */
	store_arrays_child(&rows, b, &cf);
	assert_int_equal(cf.n_episodes, 1);
	assert_int_equal(cf.n_allocations, 0); /* not looked after on 31 March 2025 */
	store_arrays_child(&rows, 99, &cf);
	assert_int_equal(cf.n_episodes, 0);

	/* The children by id: the voided one and an unknown one are skipped. */
	struct seen s = {0};
	int64_t ids[] = {a, b, c, 99};
	assert_int_equal(store_children_each(st, ids, 4, see, &s, &err), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.la[0], "A");
	assert_string_equal(s.la[1], "B");
	assert_string_equal(s.upn_unknown[0], "UN5");
	store_read_end(st, began);
	store_arrays_free(&rows);
	arena_free(&ar);
}

/* HEARTH_TEST_TARGET names an empty PostgreSQL database (tests/run's pg suite sets it);
 * otherwise a SQLite file in a fresh directory. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-arrays-XXXXXX");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_arrays, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
