/* web/cache: a value is computed once per key and revision of the record; a change to the
 * record (a new revision) computes it afresh, unless the caller accepts a value a little
 * older and it is young enough; a failed computation is not kept; an entry
 * dropped from the table while held stays readable until released; requests asking at
 * once for the same missing value compute it once between them. */
#include "test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "web/http/cache.h"

static char dir[64], path[512];
static struct store *st;

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-cache-XXXXXX");
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

static atomic_int fills;

/* A value: the number of the fill that made it. ctx: milliseconds to take, or -1 to fail. */
static int fill(struct web_request *r, void *ctx, struct arena *a, void **value, struct hearth_error *err)
{
	(void)r;
	int ms = ctx ? *(const int *)ctx : 0;
	int n = atomic_fetch_add(&fills, 1) + 1;
	if (ms < 0) {
		return herr_set(err, HERR_IO, NULL, "io", "the computation failed");
	}
	if (ms > 0) {
		usleep((useconds_t)ms * 1000);
	}
	int *v = arena_alloc(a, sizeof(*v));
	*v = n;
	*value = v;
	return 0;
}

static _Thread_local const int *last_value;

/* The value for key (the number of the fill that made it), or the error. */
static int get_stale(struct store *s, const char *key, int max_stale_s, int *ctx, struct web_cache_entry **e)
{
	struct web_request r = {0};
	r.st = s;
	void *v = NULL;
	struct hearth_error err = {0};
	int rc = web_cache_get(&r, key, max_stale_s, fill, ctx, e, &v, &err);
	if (rc) {
		return rc;
	}
	last_value = v;
	return *(int *)v;
}

static int get(struct store *s, const char *key, int *ctx, struct web_cache_entry **e)
{
	return get_stale(s, key, 0, ctx, e);
}

/* A change to the record: a new team (and so a new revision). */
static void change(const char *name)
{
	struct hval v[TEAM__COUNT];
	for (int i = 0; i < TEAM__COUNT; i++) {
		v[i] = (struct hval){.null = true};
	}
	v[TEAM_NAME] = (struct hval){.s = name};
	v[TEAM_SERVICE] = (struct hval){.s = "cin_cp"};
	v[TEAM_OPENED] = (struct hval){.i = D(2020, 1, 1)};
	int64_t id;
	struct hearth_error err = {0};
	assert_int_equal(store_insert(st, "test", &entity_team, v, &id, &err), 0);
}

static void test_cache_fills_once_per_key(void **state)
{
	(void)state;
	struct web_cache_entry *e1, *e2, *e3;
	int before = atomic_load(&fills);
	int a = get(st, "once a", NULL, &e1);
	int b = get(st, "once a", NULL, &e2);
	int c = get(st, "once b", NULL, &e3);
	assert_int_equal(a, before + 1);
	assert_int_equal(b, a);
	assert_int_equal(c, before + 2);
	assert_ptr_equal(e1, e2);
	web_cache_release(e1);
	web_cache_release(e2);
	web_cache_release(e3);
	web_cache_release(NULL);
}

static void test_cache_change_computes_afresh(void **state)
{
	(void)state;
	struct web_cache_entry *e1, *e2, *e3;
	int a = get(st, "change", NULL, &e1);
	change("Cache Team One");
	int b = get(st, "change", NULL, &e2);
	int c = get(st, "change", NULL, &e3);
	assert_int_not_equal(a, b);
	assert_int_equal(b, c);
	assert_ptr_equal(e2, e3);
	web_cache_release(e1);
	web_cache_release(e2);
	web_cache_release(e3);
}

static void test_cache_stale_within_its_age(void **state)
{
	(void)state;
	struct web_cache_entry *e1, *e2, *e3, *e4;
	int a = get_stale(st, "stale", 60, NULL, &e1);
	change("Cache Team Two");
	/* Accepted a minute old: the same value after the change; not accepted: a new one,
	 * which then replaces the old for everyone. */
	int b = get_stale(st, "stale", 60, NULL, &e2);
	int c = get_stale(st, "stale", 0, NULL, &e3);
	int d = get_stale(st, "stale", 60, NULL, &e4);
	assert_int_equal(b, a);
	assert_ptr_equal(e1, e2);
	assert_int_not_equal(c, a);
	assert_int_equal(d, c);
	assert_true(web_cache_made(e3) >= web_cache_made(e1));
	web_cache_release(e1);
	web_cache_release(e2);
	web_cache_release(e3);
	web_cache_release(e4);
}

static void test_cache_bad_fill_is_not_kept(void **state)
{
	(void)state;
	struct web_cache_entry *e = (struct web_cache_entry *)1;
	int fail = -1;
	assert_int_equal(get(st, "bad", &fail, &e), HERR_IO);
	assert_null(e);
	int before = atomic_load(&fills);
	assert_int_equal(get(st, "bad", NULL, &e), before + 1);
	web_cache_release(e);
}

static void test_cache_held_entry_outlives_eviction(void **state)
{
	(void)state;
	struct web_cache_entry *held;
	int v = get(st, "held", NULL, &held);
	const int *mine = last_value;
	char key[32];
	for (int i = 0; i < WEB_CACHE_MAX + 4; i++) {
		struct web_cache_entry *e;
		snprintf(key, sizeof(key), "filler %d", i);
		get(st, key, NULL, &e);
		web_cache_release(e);
	}
	/* Dropped from the table (asked again, it is computed again)... */
	struct web_cache_entry *again;
	int v2 = get(st, "held", NULL, &again);
	assert_int_not_equal(v, v2);
	web_cache_release(again);
	/* ...but what the holder reads is intact until it lets go (ASan checks the rest). */
	assert_int_equal(*mine, v);
	web_cache_release(held);
}

struct asker {
	int value;
	int ms;
};

static void *ask(void *arg)
{
	struct asker *k = arg;
	struct store *s;
	struct hearth_error err = {0};
	if (store_open(path, STORE_READ, &s, &err)) {
		k->value = -100;
		return NULL;
	}
	struct web_cache_entry *e;
	k->value = get(s, "together", &k->ms, &e);
	web_cache_release(e);
	store_close(s);
	return NULL;
}

static void test_cache_one_fill_for_requests_at_once(void **state)
{
	(void)state;
	int before = atomic_load(&fills);
	struct asker k[4];
	pthread_t t[4];
	for (int i = 0; i < 4; i++) {
		k[i] = (struct asker){0, 300};
		assert_int_equal(pthread_create(&t[i], NULL, ask, &k[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
	}
	assert_int_equal(atomic_load(&fills), before + 1);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(k[i].value, before + 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_fills_once_per_key),
		cmocka_unit_test(test_cache_change_computes_afresh),
		cmocka_unit_test(test_cache_stale_within_its_age),
		cmocka_unit_test(test_cache_bad_fill_is_not_kept),
		cmocka_unit_test(test_cache_held_entry_outlives_eviction),
		cmocka_unit_test(test_cache_one_fill_for_requests_at_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
