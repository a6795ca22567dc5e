/* The measures unit tests' shared fixture: children built by hand in one arena, every
 * measure run over them as at a date, and a part's numerator and denominator checked.
 * Included by each test_*.c of this folder (each is its own program). */
#ifndef HEARTH_TESTS_MEASURES_FIXTURE_H
#define HEARTH_TESTS_MEASURES_FIXTURE_H

#include <math.h>
#include <string.h>

#include "measures/measures.h"
#include "test.h"

/* Breakdowns every run asks for (a test file may define its own before including). */
#ifndef FIXTURE_BREAKDOWNS
#define FIXTURE_BREAKDOWNS 0u
#endif

static struct arena A;
static struct measures_inputs IN;

#define NONE DATE_NONE
#define AS_AT D(2025, 3, 31)

#define PUT(cf, field, type, ...)                                 \
	do {                                                      \
		type tmp_[] = {__VA_ARGS__};                      \
		(cf)->field = arena_alloc(&A, sizeof(tmp_));      \
		memcpy((cf)->field, tmp_, sizeof(tmp_));          \
		(cf)->n_##field = sizeof(tmp_) / sizeof(tmp_[0]); \
	} while (0)

static int setup(void **state)
{
	(void)state;
	memset(&IN, 0, sizeof(IN));
	settings_defaults(&IN.settings);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

static struct casefile *child(int64_t id, hdate dob)
{
	struct casefile *cf = arena_alloc(&A, sizeof(*cf));
	cf->child.id = id;
	cf->child.la_child_id = arena_printf(&A, "C%lld", (long long)id);
	cf->child.dob = dob;
	cf->child.expected_dob = NONE;
	cf->child.death = NONE;
	cf->child.sex = "F";
	return cf;
}

/* Runs every measure over the children (in id order) as at as_at. */
/* inline: a test file that builds records without running measures (test_annex_a) is
 * not warned about what it leaves unused. */
static inline struct measures_result *run(struct casefile **cfs, size_t n, hdate as_at, const char *collect)
{
	struct measures_options o = {.collect = collect, .breakdowns = FIXTURE_BREAKDOWNS};
	struct measures_run *r = measures_run_new(&A, &IN, &as_at, 1, &o);
	for (size_t i = 0; i < n; i++) {
		measures_run_child(r, cfs[i]);
	}
	return measures_run_finish(r);
}

static inline void expect(const struct measures_result *r, const char *id, double num, double den)
{
	const struct measures_part_result *p = measures_result_part(r, id);
	if (!p) {
		fail_msg("no part %s", id);
	}
	if (fabs(p->num - num) > 1e-9 || fabs(p->den - den) > 1e-9) {
		fail_msg("%s: got %g / %g, want %g / %g", id, p->num, p->den, num, den);
	}
}

#endif
