/* store/web: the server's prepared reads answer exactly as the general store functions
 * they stand for — scope (every kind, allocation kind, ended and future allocations,
 * restricted records with and without a grant, voided children), sessions, the parts
 * of a casefile that status reads, a child's whole record read once (its rows, its
 * casefile and the workers it names) and the history of a child's records; and what is
 * sent ahead answers only the question it was sent for. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/status.h"
#include "store/store.h"
#include "store/web.h"

static char dir[64], path[512];
static struct store *st;
static struct store_web *sw;

/* HEARTH_TEST_TARGET names an empty PostgreSQL database (tests/run's pg suite sets it);
 * otherwise a SQLite file in a fresh directory. One record for the whole group, so each
 * test names its own teams, workers, children and users. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-webq-XXXXXX");
	assert_non_null(mkdtemp(dir));
	const char *target = getenv("HEARTH_TEST_TARGET");
	snprintf(path, sizeof(path), "%s", target && *target ? target : "");
	if (!path[0]) {
		snprintf(path, sizeof(path), "%s/t.db", dir);
	}
	struct hearth_error err = {0};
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_web_open(st, &sw, &err), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_web_close(sw);
	store_close(st);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void blank(struct hval *v, int n)
{
	for (int i = 0; i < n; i++) {
		v[i] = (struct hval){.null = true};
	}
}

static int64_t insert(const struct entity *e, const struct hval *v)
{
	int64_t id = 0;
	struct hearth_error err = {0};
	if (store_insert(st, "test", e, v, &id, &err)) {
		fail_msg("%s: %s (%s)", e->name, err.message, err.rule);
	}
	return id;
}

static int64_t team(const char *name)
{
	struct hval v[TEAM__COUNT];
	blank(v, TEAM__COUNT);
	v[TEAM_NAME] = (struct hval){.s = name};
	v[TEAM_SERVICE] = (struct hval){.s = "cin_cp"};
	v[TEAM_OPENED] = (struct hval){.i = D(2020, 1, 1)};
	return insert(&entity_team, v);
}

static int64_t worker(const char *staff, int64_t team_id)
{
	struct hval v[WORKER__COUNT];
	blank(v, WORKER__COUNT);
	v[WORKER_STAFF_ID] = (struct hval){.s = staff};
	v[WORKER_GIVEN_NAME] = (struct hval){.s = "Jo"};
	v[WORKER_FAMILY_NAME] = (struct hval){.s = "Bloggs"};
	v[WORKER_ROLE] = (struct hval){.s = "social_worker"};
	v[WORKER_TEAM_ID] = (struct hval){.i = team_id};
	v[WORKER_FTE] = (struct hval){.r = 1.0};
	v[WORKER_AGENCY] = (struct hval){.i = 0};
	v[WORKER_CASE_HOLDER] = (struct hval){.i = 1};
	v[WORKER_START_DATE] = (struct hval){.i = D(2020, 1, 1)};
	return insert(&entity_worker, v);
}

static int64_t child(const char *la, bool restricted)
{
	struct hval v[CHILD__COUNT];
	blank(v, CHILD__COUNT);
	v[CHILD_LA_CHILD_ID] = (struct hval){.s = la};
	v[CHILD_GIVEN_NAME] = (struct hval){.s = "Sam"};
	v[CHILD_FAMILY_NAME] = (struct hval){.s = "Taylor"};
	v[CHILD_DOB] = (struct hval){.i = D(2008, 5, 1)};
	v[CHILD_SEX] = (struct hval){.s = "U"};
	v[CHILD_UASC] = (struct hval){.i = 0};
	v[CHILD_RESTRICTED] = (struct hval){.i = restricted};
	return insert(&entity_child, v);
}

static void allocate(int64_t child_id, int64_t worker_id, const char *kind, hdate start, hdate end)
{
	struct hval v[ALLOCATION__COUNT];
	blank(v, ALLOCATION__COUNT);
	v[ALLOCATION_CHILD_ID] = (struct hval){.i = child_id};
	v[ALLOCATION_WORKER_ID] = (struct hval){.i = worker_id};
	v[ALLOCATION_KIND] = (struct hval){.s = kind};
	v[ALLOCATION_START_DATE] = (struct hval){.i = start};
	if (end != DATE_NONE) {
		v[ALLOCATION_END_DATE] = (struct hval){.i = end};
	}
	insert(&entity_allocation, v);
}

static void episode(int64_t child_id, hdate start, hdate end)
{
	struct hval v[CLA_EPISODE__COUNT];
	blank(v, CLA_EPISODE__COUNT);
	v[CLA_EPISODE_CHILD_ID] = (struct hval){.i = child_id};
	v[CLA_EPISODE_DECOM] = (struct hval){.i = start};
	v[CLA_EPISODE_RNE] = (struct hval){.s = "S"};
	v[CLA_EPISODE_LS] = (struct hval){.s = "C2"};
	v[CLA_EPISODE_CIN] = (struct hval){.s = "N1"};
	v[CLA_EPISODE_PLACE] = (struct hval){.s = "U1"};
	v[CLA_EPISODE_LONG_TERM] = (struct hval){.i = 0};
	if (end != DATE_NONE) {
		v[CLA_EPISODE_DEC] = (struct hval){.i = end};
		v[CLA_EPISODE_REC] = (struct hval){.s = "E11"};
	}
	insert(&entity_cla_episode, v);
}

static void referral(int64_t child_id, hdate d)
{
	struct hval v[REFERRAL__COUNT];
	blank(v, REFERRAL__COUNT);
	v[REFERRAL_CHILD_ID] = (struct hval){.i = child_id};
	v[REFERRAL_REFERRAL_DATE] = (struct hval){.i = d};
	v[REFERRAL_SOURCE] = (struct hval){.s = "1A"};
	v[REFERRAL_NFA] = (struct hval){.i = 0};
	insert(&entity_referral, v);
}

static void scope_same_as_store(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t1 = team("S North"), t2 = team("S South"), t3 = team("S Reviewing");
	int64_t w1 = worker("SW1", t1), w2 = worker("SW2", t2), w3 = worker("SW3", t3), w4 = worker("SW4", t1);
	hdate now = D(2026, 3, 31), past = D(2024, 6, 1);
	int64_t c[10];
	c[0] = child("SC1", false);
	allocate(c[0], w1, "sw", D(2024, 1, 1), DATE_NONE); /* team North, live */
	c[1] = child("SC2", false);
	allocate(c[1], w2, "sw", D(2024, 1, 1), DATE_NONE); /* team South */
	c[2] = child("SC3", false);
	allocate(c[2], w1, "sw", D(2024, 1, 1), D(2025, 1, 1)); /* ended */
	c[3] = child("SC4", false);
	allocate(c[3], w4, "pa", D(2024, 1, 1), DATE_NONE); /* a PA in North */
	c[4] = child("SC5", false);
	allocate(c[4], w3, "iro", D(2024, 1, 1), DATE_NONE); /* an IRO only */
	c[5] = child("SC6", true);
	allocate(c[5], w1, "sw", D(2024, 1, 1), DATE_NONE); /* restricted, granted to user 1 */
	c[6] = child("SC7", true);
	allocate(c[6], w1, "sw", D(2024, 1, 1), DATE_NONE); /* restricted, no grant */
	c[7] = child("SC8", false);
	allocate(c[7], w1, "sw", D(2027, 1, 1), DATE_NONE); /* starts after now */
	c[8] = child("SC9", false);
	allocate(c[8], w1, "sw", D(2024, 1, 1), DATE_NONE);
	assert_int_equal(store_void(st, "test", &entity_child, c[8], "entered in error", &err), 0);
	c[9] = child("SC10", false); /* never allocated */
	int64_t u1, u2;
	assert_int_equal(store_user_add(st, "test", "u1", "x", "social_worker", t1, w1, &u1, &err), 0);
	assert_int_equal(store_user_add(st, "test", "u2", "x", "social_worker", t1, w1, &u2, &err), 0);
	assert_int_equal(store_grant_add(st, "test", u1, c[5], &err), 0);

	enum store_scope_kind kinds[] = {STORE_SCOPE_NONE, STORE_SCOPE_TEAM, STORE_SCOPE_OWN, STORE_SCOPE_ALL};
	int64_t teams[] = {0, t1, t2, t3}, workers[] = {0, w1, w2, w3, w4}, users[] = {u1, u2};
	hdate dates[] = {now, past};
	int compared = 0, visible = 0;
	for (size_t k = 0; k < 4; k++) {
		for (size_t t = 0; t < 4; t++) {
			for (size_t w = 0; w < 5; w++) {
				for (size_t u = 0; u < 2; u++) {
					for (size_t d = 0; d < 2; d++) {
						struct store_scope sc = {kinds[k], users[u], teams[t], workers[w], dates[d]};
						/* Lists use the set form of the condition: the same children. */
						struct arena la = ARENA_INIT;
						struct store_child_hit *hits;
						size_t n_hits;
						int64_t total;
						assert_int_equal(store_children_search(st, &sc, NULL, DATE_NONE, 100, 0, &la, &hits,
										       &n_hits, &total, &err),
								 0);
						for (int i = 0; i <= 10; i++) {
							int64_t id = i < 10 ? c[i] : c[9] + 1000;
							int a = store_child_visible(st, &sc, id, &err);
							int b = store_web_child_visible(sw, &sc, id, &err);
							int listed = 0;
							for (size_t h = 0; h < n_hits; h++) {
								listed |= hits[h].id == id;
							}
							if (a != listed) {
								fail_msg("child %lld, kind %d: visible %d but listed %d",
									 (long long)id, (int)kinds[k], a, listed);
							}
							if (a != b) {
								fail_msg("child %lld, kind %d team %lld worker %lld user %lld: "
									 "store %d, web %d",
									 (long long)id, (int)kinds[k], (long long)teams[t],
									 (long long)workers[w], (long long)users[u], a, b);
							}
							compared++;
							visible += a == 1;
						}
						arena_free(&la);
					}
				}
			}
		}
	}
	assert_true(compared > 1000);
	assert_true(visible > 0);
	/* And the meaning, spelled out for the team scope of North today, as user 1. */
	struct store_scope north = {STORE_SCOPE_TEAM, u1, t1, w1, now};
	int expect[10] = {1, 0, 0, 1, 0, 1, 0, 0, 0, 0};
	for (int i = 0; i < 10; i++) {
		assert_int_equal(store_web_child_visible(sw, &north, c[i], &err), expect[i]);
	}
}

static void session_same_as_store(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t = team("X North"), w = worker("XW1", t), u;
	assert_int_equal(store_user_add(st, "test", "amy", "hash", "team_manager", t, w, &u, &err), 0);
	char hash[65];
	memset(hash, 'a', 64);
	hash[64] = '\0';
	assert_int_equal(store_session_create(st, u, hash, "csrf-token", 1000, &err), 0);
	struct arena a = ARENA_INIT;
	struct store_session x, y;
	assert_int_equal(store_session_find(st, hash, &a, &x, &err), 0);
	assert_int_equal(store_web_session_find(sw, hash, &a, &y, &err), 0);
	assert_int_equal(x.id, y.id);
	assert_string_equal(x.csrf, y.csrf);
	assert_int_equal(x.created_at, y.created_at);
	assert_int_equal(x.seen_at, y.seen_at);
	assert_int_equal(x.user.id, y.user.id);
	assert_string_equal(x.user.username, y.user.username);
	assert_string_equal(x.user.role, y.user.role);
	assert_int_equal(x.user.team_id, y.user.team_id);
	assert_int_equal(x.user.worker_id, y.user.worker_id);
	assert_int_equal(x.user.disabled, y.user.disabled);
	assert_null(y.user.password_hash);
	hash[0] = 'b';
	assert_int_equal(store_web_session_find(sw, hash, &a, &y, &err), HERR_NOT_FOUND);
	hash[0] = 'a';
	assert_int_equal(store_session_end(st, x.id, 2000, &err), 0);
	assert_int_equal(store_web_session_find(sw, hash, &a, &y, &err), HERR_NOT_FOUND);
	arena_free(&a);
}

static void status_casefile_same_as_store(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t1 = team("T North"), t2 = team("T South");
	int64_t w1 = worker("TW1", t1), w2 = worker("TW2", t2);
	int64_t a = child("TC1", false);
	referral(a, D(2023, 2, 1));
	allocate(a, w2, "sw", D(2024, 6, 1), DATE_NONE);
	allocate(a, w1, "sw", D(2023, 2, 1), D(2024, 6, 1));
	allocate(a, w1, "iro", D(2024, 7, 1), DATE_NONE);
	episode(a, D(2024, 7, 1), D(2025, 3, 1));
	episode(a, D(2023, 9, 1), D(2024, 1, 1));
	hdate dates[] = {D(2023, 3, 1), D(2023, 10, 1), D(2024, 6, 30), D(2024, 8, 1), D(2026, 3, 31)};
	struct arena ar = ARENA_INIT;
	struct casefile full, lite;
	assert_int_equal(store_casefile_load(st, a, &ar, &full, &err), 0);
	assert_int_equal(store_web_status_casefile(sw, a, &ar, &lite, &err), 0);
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		assert_int_equal(status_at(&full, dates[i]), status_at(&lite, dates[i]));
		assert_int_equal(status_social_workers_12m(&full, dates[i]), status_social_workers_12m(&lite, dates[i]));
		assert_int_equal(status_social_worker(&full, dates[i]), status_social_worker(&lite, dates[i]));
	}
	assert_int_equal(full.n_allocations, lite.n_allocations);
	for (size_t i = 0; i < full.n_allocations; i++) {
		assert_int_equal(full.allocations[i].id, lite.allocations[i].id);
		assert_int_equal(full.allocations[i].worker_id, lite.allocations[i].worker_id);
		assert_int_equal(full.allocations[i].team_id, lite.allocations[i].team_id);
		assert_int_equal(full.allocations[i].kind, lite.allocations[i].kind);
		assert_int_equal(full.allocations[i].start, lite.allocations[i].start);
		assert_int_equal(full.allocations[i].end, lite.allocations[i].end);
	}
	assert_int_equal(full.n_episodes, lite.n_episodes);
	for (size_t i = 0; i < full.n_episodes; i++) {
		assert_int_equal(full.episodes[i].id, lite.episodes[i].id);
		assert_int_equal(full.episodes[i].start, lite.episodes[i].start);
	}
	assert_int_equal(full.n_referrals, lite.n_referrals);
	assert_string_equal(full.child.la_child_id, lite.child.la_child_id);
	assert_int_equal(full.child.dob, lite.child.dob);
	assert_int_equal(store_web_status_casefile(sw, a + 100000, &ar, &lite, &err), HERR_NOT_FOUND);
	arena_free(&ar);
}

/* store_casefiles_each reads a set of children a chunk at a time: each casefile must be the
 * one store_casefile_load gives, in id order, with voided and absent ids passed over. */
struct each_seen {
	int64_t ids[512];
	size_t n_alloc[512], n_ep[512], n_ref[512];
	int64_t teams[512];
	size_t n;
};

static int each_record(void *ctx, const struct casefile *cf)
{
	struct each_seen *s = ctx;
	s->ids[s->n] = cf->child.id;
	s->n_alloc[s->n] = cf->n_allocations;
	s->n_ep[s->n] = cf->n_episodes;
	s->n_ref[s->n] = cf->n_referrals;
	int64_t t = 0;
	for (size_t i = 0; i < cf->n_allocations; i++) {
		t = t * 31 + cf->allocations[i].team_id;
	}
	s->teams[s->n++] = t;
	return 0;
}

/* More children than one chunk (256): 300 named PREFIX0.., every third with some history
 * (a referral, an allocation to w, an episode); the 11th voided; then an id no child has.
 * Returns how many ids (301). */
static size_t set_of_children(const char *prefix, int64_t w, int64_t ids[301])
{
	struct hearth_error err = {0};
	size_t n = 0;
	for (int i = 0; i < 300; i++) {
		char la[16];
		snprintf(la, sizeof(la), "%s%d", prefix, i);
		int64_t c = child(la, false);
		if (i % 3 == 0) {
			referral(c, D(2024, 1, 1));
			allocate(c, w, "sw", D(2024, 1, 2), DATE_NONE);
			episode(c, D(2024, 2, 1), i % 2 ? D(2025, 1, 1) : DATE_NONE);
		}
		ids[n++] = c;
	}
	assert_int_equal(store_void(st, "test", &entity_child, ids[10], "entered in error", &err), 0);
	ids[n] = ids[n - 1] + 100000; /* no such child */
	return n + 1;
}

static void casefiles_each_same_as_load(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t1 = team("E North");
	int64_t w1 = worker("EW1", t1);
	int64_t ids[300 + 1];
	size_t n = set_of_children("EC", w1, ids);
	struct each_seen *seen = calloc(1, sizeof(*seen));
	assert_int_equal(store_casefiles_each(st, ids, n, each_record, seen, &err), 0);
	assert_int_equal(seen->n, 299);
	struct arena ar = ARENA_INIT;
	size_t k = 0;
	for (size_t i = 0; i < 300; i++) {
		if (i == 10) {
			continue;
		}
		struct casefile cf;
		assert_int_equal(store_casefile_load(st, ids[i], &ar, &cf, &err), 0);
		assert_int_equal(seen->ids[k], ids[i]);
		assert_int_equal(seen->n_alloc[k], cf.n_allocations);
		assert_int_equal(seen->n_ep[k], cf.n_episodes);
		assert_int_equal(seen->n_ref[k], cf.n_referrals);
		int64_t t = 0;
		for (size_t a = 0; a < cf.n_allocations; a++) {
			t = t * 31 + cf.allocations[a].team_id;
		}
		assert_int_equal(seen->teams[k], t);
		assert_true(i % 3 != 0 || (cf.n_allocations == 1 && cf.allocations[0].team_id == t1));
		k++;
	}
	arena_free(&ar);
	free(seen);
}


/* A visit by a worker, which names the worker in a row no casefile array reads. */
static int64_t visit(int64_t child_id, int64_t worker_id, hdate d)
{
	struct hval v[VISIT__COUNT];
	blank(v, VISIT__COUNT);
	v[VISIT_CHILD_ID] = (struct hval){.i = child_id};
	v[VISIT_WORKER_ID] = (struct hval){.i = worker_id};
	v[VISIT_VISIT_DATE] = (struct hval){.i = d};
	v[VISIT_KIND] = (struct hval){.s = "cin"};
	v[VISIT_SEEN] = (struct hval){.i = 1};
	v[VISIT_SEEN_ALONE] = (struct hval){.i = 0};
	return insert(&entity_visit, v);
}

/* The casefile made from the rows the web reads once equals store_casefile_load's,
 * array by array and row by row; the rows are store_child_rows'; the workers are exactly
 * those the rows name. */
static void child_record_same_as_store(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t1 = team("K North"), t2 = team("K South");
	int64_t w1 = worker("KW1", t1), w2 = worker("KW2", t2), w3 = worker("KW3", t2);
	worker("KW4", t1); /* named by nothing */
	int64_t a = child("KC1", false);
	referral(a, D(2023, 2, 1));
	referral(a, D(2022, 5, 1));
	allocate(a, w2, "sw", D(2024, 6, 1), DATE_NONE);
	allocate(a, w1, "sw", D(2023, 2, 1), D(2024, 6, 1));
	allocate(a, w1, "iro", D(2024, 7, 1), DATE_NONE);
	episode(a, D(2024, 7, 1), D(2025, 3, 1));
	episode(a, D(2023, 9, 1), D(2024, 1, 1));
	visit(a, w3, D(2025, 1, 2));
	visit(a, w3, D(2024, 1, 2));
	struct arena ar = ARENA_INIT;
	struct casefile full;
	struct store_child_record *rec = calloc(1, sizeof(*rec));
	assert_int_equal(store_casefile_load(st, a, &ar, &full, &err), 0);
	assert_int_equal(store_web_child_record(sw, a, &ar, rec, &err), 0);
	const struct casefile *cf = &rec->cf;
	assert_string_equal(rec->child[CHILD_LA_CHILD_ID].s, "KC1");
	assert_string_equal(cf->child.la_child_id, full.child.la_child_id);
	assert_int_equal(cf->child.dob, full.child.dob);
	/* Every array: the same rows in the same order. */
#define SAME_IDS(arr)                                                         \
	do {                                                                  \
		assert_int_equal(cf->n_##arr, full.n_##arr);                  \
		for (size_t i = 0; i < full.n_##arr; i++) {                   \
			assert_int_equal(cf->arr[i].id, full.arr[i].id);      \
		}                                                             \
	} while (0)
	SAME_IDS(contacts);
	SAME_IDS(early_help);
	SAME_IDS(referrals);
	SAME_IDS(assessments);
	SAME_IDS(s47s);
	SAME_IDS(cin_plans);
	SAME_IDS(cp_plans);
	SAME_IDS(cp_reviews);
	SAME_IDS(core_groups);
	SAME_IDS(episodes);
	SAME_IDS(cla_reviews);
	SAME_IDS(visits);
	SAME_IDS(health);
	SAME_IDS(education);
	SAME_IDS(peps);
	SAME_IDS(missing);
	SAME_IDS(proceedings);
	SAME_IDS(permanence);
	SAME_IDS(adoptions);
	SAME_IDS(allocations);
	SAME_IDS(leaver_contacts);
	SAME_IDS(pathway_plans);
	SAME_IDS(oc2);
#undef SAME_IDS
	assert_int_equal(cf->n_allocations, 3);
	for (size_t i = 0; i < full.n_allocations; i++) {
		assert_int_equal(cf->allocations[i].worker_id, full.allocations[i].worker_id);
		assert_int_equal(cf->allocations[i].team_id, full.allocations[i].team_id);
		assert_int_equal(cf->allocations[i].kind, full.allocations[i].kind);
		assert_int_equal(cf->allocations[i].start, full.allocations[i].start);
		assert_int_equal(cf->allocations[i].end, full.allocations[i].end);
	}
	assert_int_equal(cf->n_episodes, 2);
	for (size_t i = 0; i < full.n_episodes; i++) {
		assert_int_equal(cf->episodes[i].start, full.episodes[i].start);
		assert_int_equal(cf->episodes[i].end, full.episodes[i].end);
		assert_string_equal(cf->episodes[i].ls, full.episodes[i].ls);
		assert_string_equal(cf->episodes[i].place, full.episodes[i].place);
	}
	assert_int_equal(cf->n_visits, 2);
	assert_true(cf->visits[0].date < cf->visits[1].date);
	hdate dates[] = {D(2023, 3, 1), D(2023, 10, 1), D(2024, 6, 30), D(2024, 8, 1), D(2026, 3, 31)};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		assert_int_equal(status_at(&full, dates[i]), status_at(cf, dates[i]));
		assert_int_equal(status_social_workers_12m(&full, dates[i]), status_social_workers_12m(cf, dates[i]));
	}
	/* The rows as store_child_rows hands them out. */
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		if (e->child_field < 0) {
			assert_int_equal(rec->rows[k].n, 0);
			continue;
		}
		int64_t *ids;
		struct hval **rows;
		size_t n;
		assert_int_equal(store_child_rows(st, e, a, &ar, &ids, &rows, &n, &err), 0);
		assert_int_equal(rec->rows[k].n, n);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(rec->rows[k].ids[i], ids[i]);
		}
	}
	/* The workers named: by allocations (w1, w2) and visits (w3), once each, by id. */
	assert_int_equal(rec->workers.n, 3);
	assert_int_equal(rec->workers.ids[0], w1);
	assert_int_equal(rec->workers.ids[1], w2);
	assert_int_equal(rec->workers.ids[2], w3);
	assert_string_equal(rec->workers.rows[2][WORKER_STAFF_ID].s, "KW3");
	assert_int_equal(store_web_child_record(sw, a + 100000, &ar, rec, &err), HERR_NOT_FOUND);
	free(rec);
	arena_free(&ar);
}

/* A child's history: every revision of the child and its rows, retracted ones too,
 * newest first, paged, and nothing of another child's. */
static void child_revisions(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t = team("H North"), w = worker("HW1", t);
	int64_t a = child("HC1", false), b = child("HC2", false);
	int64_t v1 = visit(a, w, D(2025, 1, 2));
	visit(b, w, D(2025, 1, 3));
	int64_t v2 = visit(a, w, D(2025, 1, 4));
	assert_int_equal(store_void(st, "test", &entity_visit, v1, "entered in error", &err), 0);
	struct arena ar = ARENA_INIT;
	struct store_revision *r;
	size_t n;
	int64_t total;
	assert_int_equal(store_web_child_revisions(sw, a, 10, 0, &ar, &r, &n, &total, &err), 0);
	/* The child's insert, two visits' inserts and one void. */
	assert_int_equal(total, 4);
	assert_int_equal(n, 4);
	for (size_t i = 1; i < n; i++) {
		assert_true(r[i - 1].id > r[i].id);
	}
	assert_string_equal(r[0].table, "visit");
	assert_int_equal(r[0].row_id, v1);
	assert_string_equal(r[0].action, "void");
	assert_string_equal(r[0].reason, "entered in error");
	assert_int_equal(r[1].row_id, v2);
	assert_string_equal(r[3].table, "child");
	assert_int_equal(r[3].row_id, a);
	assert_string_equal(r[3].action, "insert");
	/* Paged: the second and third. */
	assert_int_equal(store_web_child_revisions(sw, a, 2, 1, &ar, &r, &n, &total, &err), 0);
	assert_int_equal(total, 4);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].row_id, v2);
	arena_free(&ar);
}

/* store_web_casefiles_each keeps the casefiles it read for the next call on the
 * connection: each call must give what store_casefiles_each gives at that moment, the
 * same children in the same order, and a change anywhere in the record (a new row of a
 * child's, a worker moved to another team, which changes every allocation's team) must be
 * seen by the next call. On SQLite the second call of an unchanged record hands out the
 * casefiles it kept (the same addresses): nothing is read again. */
struct kept_seen {
	struct each_seen s;
	const struct casefile *cf[512];
};

static int kept_record(void *ctx, const struct casefile *cf)
{
	struct kept_seen *k = ctx;
	k->cf[k->s.n] = cf;
	return each_record(&k->s, cf);
}

static void same_seen(const struct each_seen *x, const struct each_seen *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		assert_int_equal(x->ids[i], y->ids[i]);
		assert_int_equal(x->n_alloc[i], y->n_alloc[i]);
		assert_int_equal(x->n_ep[i], y->n_ep[i]);
		assert_int_equal(x->n_ref[i], y->n_ref[i]);
		assert_int_equal(x->teams[i], y->teams[i]);
	}
}

/* Both readings of ids now; returns the kept reading (freed by the caller). */
static struct kept_seen *both_readings(const int64_t *ids, size_t n)
{
	struct hearth_error err = {0};
	struct each_seen *direct = calloc(1, sizeof(*direct));
	struct kept_seen *kept = calloc(1, sizeof(*kept));
	assert_int_equal(store_casefiles_each(st, ids, n, each_record, direct, &err), 0);
	assert_int_equal(store_web_casefiles_each(sw, ids, n, kept_record, kept, &err), 0);
	same_seen(direct, &kept->s);
	free(direct);
	return kept;
}

static void kept_casefiles_follow_the_record(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	bool sqlite = !getenv("HEARTH_TEST_TARGET") || !*getenv("HEARTH_TEST_TARGET");
	int64_t t1 = team("KP North"), t2 = team("KP South");
	int64_t w1 = worker("KPW1", t1);
	int64_t ids[300 + 1];
	size_t n = set_of_children("KP", w1, ids);
	struct kept_seen *first = both_readings(ids, n);
	assert_int_equal(first->s.n, 299);
	/* A subset of the same children, asked for again, unchanged: the kept ones. */
	struct kept_seen *again = both_readings(ids + 3, 50);
	for (size_t i = 0; sqlite && i < again->s.n; i++) {
		const struct casefile *was = NULL;
		for (size_t j = 0; j < first->s.n; j++) {
			was = first->s.ids[j] == again->s.ids[i] ? first->cf[j] : was;
		}
		assert_ptr_equal(again->cf[i], was);
	}
	/* A new row of one child's: the next call sees it. */
	referral(ids[0], D(2025, 2, 1));
	struct kept_seen *after_row = both_readings(ids, n);
	assert_int_equal(after_row->s.n_ref[0], first->s.n_ref[0] + 1);
	/* The worker moves team: every allocation of theirs now names the other team. */
	struct hval *w;
	struct arena ar = ARENA_INIT;
	assert_int_equal(store_get(st, &entity_worker, w1, &ar, &w, &err), 0);
	w[WORKER_TEAM_ID] = (struct hval){.i = t2};
	assert_int_equal(store_update(st, "test", &entity_worker, w1, w, "moved team", &err), 0);
	struct kept_seen *after_move = both_readings(ids, n);
	assert_int_equal(after_move->s.teams[0], t2);
	assert_int_not_equal(after_move->s.teams[0], after_row->s.teams[0]);
	arena_free(&ar);
	free(first);
	free(again);
	free(after_row);
	free(after_move);
}

/* store_scope_children gives store_children_search's children (no query), by id. */
static int hit_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct store_child_hit *)a)->id, y = ((const struct store_child_hit *)b)->id;
	return (x > y) - (x < y);
}

static void scope_children_same_as_search(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t = team("S2 North"), w = worker("S2W1", t), w2 = worker("S2W2", t);
	int64_t open = child("S2C1", false), ended = child("S2C2", false), pa = child("S2C3", false);
	int64_t restricted = child("S2C4", true);
	child("S2C5", false);
	allocate(open, w, "sw", D(2024, 1, 1), DATE_NONE);
	allocate(ended, w, "sw", D(2024, 1, 1), D(2025, 1, 1));
	allocate(pa, w2, "pa", D(2024, 1, 1), DATE_NONE);
	allocate(restricted, w, "sw", D(2024, 1, 1), DATE_NONE);
	struct store_scope scopes[] = {
		{STORE_SCOPE_TEAM, 0, t, 0, D(2026, 3, 31)},
		{STORE_SCOPE_OWN, 0, t, w, D(2026, 3, 31)},
		{STORE_SCOPE_OWN, 0, t, w2, D(2024, 6, 1)},
		{STORE_SCOPE_ALL, 0, 0, 0, D(2026, 3, 31)},
		{STORE_SCOPE_NONE, 0, t, w, D(2026, 3, 31)},
	};
	struct arena ar = ARENA_INIT;
	for (size_t k = 0; k < sizeof(scopes) / sizeof(scopes[0]); k++) {
		struct store_child_hit *a, *b;
		size_t na, nb;
		int64_t total;
		assert_int_equal(store_scope_children(st, &scopes[k], &ar, &a, &na, &err), 0);
		assert_int_equal(store_children_search(st, &scopes[k], NULL, DATE_NONE, INT32_MAX, 0, &ar, &b, &nb, &total,
						       &err),
				 0);
		assert_int_equal(na, nb);
		if (nb > 1) {
			qsort(b, nb, sizeof(*b), hit_id_cmp);
		}
		for (size_t i = 0; i < na; i++) {
			assert_int_equal(a[i].id, b[i].id);
			assert_string_equal(a[i].la_child_id, b[i].la_child_id);
			assert_int_equal(a[i].dob, b[i].dob);
		}
		/* The team sees the open and the PA's child, not the ended one nor the restricted. */
		if (k == 0) {
			assert_int_equal(na, 2);
			assert_int_equal(a[0].id, open);
			assert_int_equal(a[1].id, pa);
		}
	}
	arena_free(&ar);
}

static void read_transaction(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t = team("R North"), w = worker("RW1", t), c = child("RC1", false);
	allocate(c, w, "sw", D(2024, 1, 1), DATE_NONE);
	assert_int_equal(store_web_read_begin(sw, &err), 0);
	struct store_scope sc = {STORE_SCOPE_TEAM, 0, t, w, D(2026, 3, 31)};
	assert_int_equal(store_web_child_visible(sw, &sc, c, &err), 1);
	store_web_read_end(sw);
	store_web_read_end(sw); /* harmless when none is open */
	/* The write path works again afterwards. */
	child("RC2", false);
}

/* Sent ahead (store_web_*_send) is only a guess: each read answers the question it is
 * asked, whatever was sent before it. Each case sends one question and asks another, or the
 * same, and compares with the general functions; then a merge chain, as store.h's. */
static void sent_ahead_answers_what_is_asked(void **state)
{
	(void)state;
	struct hearth_error err = {0};
	int64_t t1 = team("G North"), t2 = team("G South");
	int64_t w1 = worker("GW1", t1), w2 = worker("GW2", t2);
	int64_t a = child("GC1", false), b = child("GC2", false), r = child("GC3", true);
	allocate(a, w1, "sw", D(2024, 1, 1), DATE_NONE);
	allocate(a, w2, "iro", D(2024, 1, 1), DATE_NONE);
	allocate(b, w2, "sw", D(2024, 1, 1), DATE_NONE);
	allocate(r, w1, "sw", D(2024, 1, 1), DATE_NONE);
	int64_t u1, u2;
	assert_int_equal(store_user_add(st, "test", "gu1", "x", "social_worker", t1, w1, &u1, &err), 0);
	assert_int_equal(store_user_add(st, "test", "gu2", "x", "social_worker", t2, w2, &u2, &err), 0);
	char h1[65], h2[65];
	memset(h1, 'c', 64);
	memset(h2, 'd', 64);
	h1[64] = h2[64] = '\0';
	assert_int_equal(store_session_create(st, u1, h1, "csrf-1", 1000, &err), 0);
	assert_int_equal(store_session_create(st, u2, h2, "csrf-2", 1000, &err), 0);
	hdate now = D(2026, 3, 31);
	struct store_scope north = {STORE_SCOPE_TEAM, u1, t1, w1, now}, south = {STORE_SCOPE_TEAM, u2, t2, w2, now};
	struct arena ar = ARENA_INIT;

	/* The session: sent for one token, asked for the other. */
	struct store_session x;
	assert_int_equal(store_web_session_send(sw, h1, &err), 0);
	assert_int_equal(store_web_session_find(sw, h2, &ar, &x, &err), 0);
	assert_int_equal(x.user.id, u2);
	assert_int_equal(store_web_session_send(sw, h1, &err), 0);
	assert_int_equal(store_web_session_find(sw, h1, &ar, &x, &err), 0);
	assert_int_equal(x.user.id, u1);

	/* The scope check: sent with one scope or child, asked with another. */
	int64_t kids[] = {a, b, r};
	const struct store_scope *scopes[] = {&north, &south};
	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < 2; j++) {
			for (size_t k = 0; k < 3; k++) {
				for (size_t l = 0; l < 2; l++) {
					assert_int_equal(store_web_child_visible_send(sw, scopes[j], kids[i], &err), 0);
					int want = store_child_visible(st, scopes[l], kids[k], &err);
					assert_int_equal(store_web_child_visible(sw, scopes[l], kids[k], &err), want);
				}
			}
		}
	}
	struct store_scope yesterday = north;
	yesterday.as_at = now - 1;
	assert_int_equal(store_web_child_visible_send(sw, &yesterday, r, &err), 0);
	assert_int_equal(store_web_child_visible(sw, &north, r, &err), 0); /* restricted: not granted */

	/* The status casefile and the workers: sent for one child, asked for the other. */
	struct casefile cf;
	struct store_rows ws;
	assert_int_equal(store_web_child_status_send(sw, b, &err), 0);
	assert_int_equal(store_web_status_casefile(sw, a, &ar, &cf, &err), 0);
	assert_int_equal(cf.child.id, a);
	assert_int_equal(cf.n_allocations, 2);
	assert_int_equal(store_web_child_workers(sw, a, &ar, &ws, &err), 0);
	assert_int_equal(ws.n, 2);
	assert_true((ws.ids[0] == w1 && ws.ids[1] == w2) || (ws.ids[0] == w2 && ws.ids[1] == w1));
	assert_int_equal(store_web_child_status_send(sw, b, &err), 0);
	assert_int_equal(store_web_status_casefile(sw, b, &ar, &cf, &err), 0);
	assert_int_equal(cf.child.id, b);
	assert_int_equal(cf.n_allocations, 1);
	assert_int_equal(store_web_child_workers(sw, b, &ar, &ws, &err), 0);
	assert_int_equal(ws.n, 1);
	assert_int_equal(ws.ids[0], w2);
	struct hval *wrow;
	assert_int_equal(store_get(st, &entity_worker, w2, &ar, &wrow, &err), 0);
	assert_string_equal(ws.rows[0][WORKER_STAFF_ID].s, wrow[WORKER_STAFF_ID].s);

	/* Merged away: b into a, then a into m; both resolve to m, as store_child_merged_into. */
	int64_t m = child("GC4", false), keep = 0, want = 0;
	assert_int_equal(store_merge(st, "test", a, b, "the same child", NULL, NULL, &err), 0);
	assert_int_equal(store_merge(st, "test", m, a, "the same child", NULL, NULL, &err), 0);
	int64_t ids[] = {a, b, m, m + 1000};
	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < 4; j++) {
			assert_int_equal(store_web_child_merged_send(sw, ids[j], &err), 0);
			int rc = store_web_child_merged_into(sw, ids[i], &keep, &err);
			assert_int_equal(rc, store_child_merged_into(st, ids[i], &want, &err));
			assert_int_equal(keep, want);
			assert_int_equal(keep, i < 2 ? m : ids[i]);
		}
	}

	/* Sent and never asked: dropped by the read's end, the next read unaffected. */
	assert_int_equal(store_web_read_begin(sw, &err), 0);
	assert_int_equal(store_web_session_send(sw, h2, &err), 0);
	assert_int_equal(store_web_child_visible_send(sw, &south, b, &err), 0);
	assert_int_equal(store_web_child_status_send(sw, b, &err), 0);
	store_web_read_end(sw);
	assert_int_equal(store_web_session_find(sw, h1, &ar, &x, &err), 0);
	assert_int_equal(x.user.id, u1);
	assert_int_equal(store_web_status_casefile(sw, m, &ar, &cf, &err), 0);
	assert_int_equal(cf.child.id, m);
	arena_free(&ar);
}

int main(void)
{
	store_web_global_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scope_same_as_store),
		cmocka_unit_test(session_same_as_store),
		cmocka_unit_test(status_casefile_same_as_store),
		cmocka_unit_test(casefiles_each_same_as_load),
		cmocka_unit_test(kept_casefiles_follow_the_record),
		cmocka_unit_test(scope_children_same_as_search),
		cmocka_unit_test(child_record_same_as_store),
		cmocka_unit_test(child_revisions),
		cmocka_unit_test(read_transaction),
		cmocka_unit_test(sent_ahead_answers_what_is_asked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
