/* load: the measures and Annex A from the store — the inputs that are not casefiles, and
 * the one scan over every child's casefile that feeds the engine and the lists.
 *
 * The rows come from store_all_rows (teams, workers, LADO allegations, disabilities) and
 * store_casefiles_scan (every child, one pass per table); the settings through
 * settings_load. Nothing here knows what a measure is: it hands rows over and collects
 * results. All memory is in the caller's arena; the scan's per-child memory is the store's
 * and dies after each child (the engine and the lists copy what they keep).
 *
 * measures_job_run splits the scan between threads (measures.h). Consistency with a writer
 * saving meanwhile: every connection reads inside one read transaction, and they are begun
 * until all see the same newest revision (store_readers_open), so the inputs and every part
 * of the scan come from one committed state, as one thread's would. Each thread runs the
 * same per-child code (scan_one) on its range of ids; only the merge is extra, and it runs on
 * the main thread after every part is joined, in id order. */
#include <stdlib.h>
#include <string.h>

#include "base/threads.h"
#include "measures/internal.h"

static hdate row_date(const struct hval *v)
{
	return v->null ? DATE_NONE : (hdate)v->i;
}

static const char *row_str(const struct hval *v)
{
	return v->null ? NULL : v->s;
}

static const char *copy(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

struct setting_src {
	struct store *st;
	struct arena *a;
};

static const char *get_setting(void *ctx, const char *key)
{
	struct setting_src *src = ctx;
	return store_setting(src->st, key, src->a);
}

static int cmp_disability(const void *pa, const void *pb)
{
	const struct measures_disability *a = pa, *b = pb;
	return a->child_id < b->child_id ? -1 : a->child_id > b->child_id;
}

static int inputs_load(struct store *st, struct arena *a, struct measures_inputs *out, int *bad_settings, bool staff_only,
		       struct hearth_error *err);

int measures_inputs_load(struct store *st, struct arena *a, struct measures_inputs *out, int *bad_settings,
			 struct hearth_error *err)
{
	return inputs_load(st, a, out, bad_settings, false, err);
}

int measures_inputs_load_staff(struct store *st, struct arena *a, struct measures_inputs *out,
			       struct hearth_error *err)
{
	return inputs_load(st, a, out, NULL, true, err);
}

static int inputs_load(struct store *st, struct arena *a, struct measures_inputs *out, int *bad_settings, bool staff_only,
		       struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	struct setting_src src = {st, a};
	struct hearth_error serr = {0};
	int bad = settings_load(&out->settings, get_setting, &src, &serr);
	if (bad_settings) {
		*bad_settings = bad;
	}
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc;

	/* Rows are read into tmp and only what is used is copied into a: a country's workers
	 * and allegations as whole rows would cost tens of megabytes for nothing. */
	struct arena tmp = ARENA_INIT;
	if ((rc = store_all_rows(st, &entity_team, a, &ids, &rows, &n, err))) {
		return rc;
	}
	struct measures_team *teams = arena_alloc(a, (n + 1) * sizeof(*teams));
	for (size_t i = 0; i < n; i++) {
		const struct hval *est = &rows[i][TEAM_ESTABLISHMENT];
		teams[i] = (struct measures_team){ids[i], row_str(&rows[i][TEAM_NAME]), row_str(&rows[i][TEAM_SERVICE]),
						  est->null ? 0 : est->r, row_date(&rows[i][TEAM_CLOSED])};
	}
	out->teams = teams;
	out->n_teams = n;

	if ((rc = store_all_rows(st, &entity_worker, &tmp, &ids, &rows, &n, err))) {
		arena_free(&tmp);
		return rc;
	}
	struct measures_worker *workers = arena_alloc(a, (n + 1) * sizeof(*workers));
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		const char *swe = row_str(&v[WORKER_SWE_NUMBER]);
		workers[i] = (struct measures_worker){ids[i],
						      v[WORKER_TEAM_ID].null ? 0 : v[WORKER_TEAM_ID].i,
						      copy(a, row_str(&v[WORKER_STAFF_ID])),
						      copy(a, row_str(&v[WORKER_GIVEN_NAME])),
						      copy(a, row_str(&v[WORKER_FAMILY_NAME])),
						      copy(a, row_str(&v[WORKER_ROLE])),
						      v[WORKER_FTE].null ? 0 : v[WORKER_FTE].r,
						      !v[WORKER_AGENCY].null && v[WORKER_AGENCY].i,
						      !v[WORKER_CASE_HOLDER].null && v[WORKER_CASE_HOLDER].i,
						      swe && *swe,
						      row_date(&v[WORKER_START_DATE]),
						      row_date(&v[WORKER_END_DATE])};
	}
	out->workers = workers;
	out->n_workers = n;
	arena_free(&tmp);
	if (staff_only) {
		return 0;
	}

	if ((rc = store_all_rows(st, &entity_lado, &tmp, &ids, &rows, &n, err))) {
		arena_free(&tmp);
		return rc;
	}
	struct clock_lado *lado = arena_alloc(a, (n + 1) * sizeof(*lado));
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		lado[i] = (struct clock_lado){ids[i],
					      v[LADO_CHILD_ID].null ? 0 : v[LADO_CHILD_ID].i,
					      copy(a, row_str(&v[LADO_REFERENCE])),
					      row_date(&v[LADO_RECEIVED_DATE]),
					      row_date(&v[LADO_CONSIDERED_DATE]),
					      row_date(&v[LADO_RESOLVED_DATE])};
	}
	out->lado = lado;
	out->n_lado = n;
	arena_free(&tmp);

	/* Disabilities: one entry per child, disabled when any code other than NONE. */
	if ((rc = store_all_rows(st, &entity_child_disability, &tmp, &ids, &rows, &n, err))) {
		arena_free(&tmp);
		return rc;
	}
	struct measures_disability *dis = arena_alloc(a, (n + 1) * sizeof(*dis));
	for (size_t i = 0; i < n; i++) {
		const struct hval *v = rows[i];
		dis[i] = (struct measures_disability){v[CHILD_DISABILITY_CHILD_ID].i,
						      !m_code_is(row_str(&v[CHILD_DISABILITY_CODE]), "NONE")};
	}
	arena_free(&tmp);
	qsort(dis, n, sizeof(*dis), cmp_disability);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && dis[k - 1].child_id == dis[i].child_id) {
			dis[k - 1].disabled |= dis[i].disabled;
		} else {
			dis[k++] = dis[i];
		}
	}
	out->disability = dis;
	out->n_disability = k;
	return 0;
}

/* ---- the scan ---- */

struct scan {
	struct measures_run *run;
	struct annex_a *aa;
	const struct annex_a_filter *filter;	/* who the Annex A lists may name; NULL: everyone */
	struct hearth_error *err;
};

static int scan_one(void *ctx, const struct casefile *cf)
{
	struct scan *s = ctx;
	if (s->run) {
		measures_run_child(s->run, cf);
	}
	if (s->aa) {
		int named = s->filter ? s->filter->named(s->filter->ctx, cf->child.id, s->err) : 1;
		if (named < 0) {
			return named;
		}
		if (named) {
			annex_a_child(s->aa, cf);
		}
	}
	return 0;
}

static int scan(struct store *st, struct measures_run *run, struct annex_a *aa, const struct annex_a_filter *filter,
		struct hearth_error *err)
{
	struct scan s = {run, aa, filter, err};
	struct store_filter f = {0};
	return store_casefiles_scan(st, &f, scan_one, &s, err);
}

int measures_scan(struct store *st, struct measures_run *run, struct annex_a *aa, struct hearth_error *err)
{
	return scan(st, run, aa, NULL, err);
}

int measures_compute(struct store *st, const hdate *dates, size_t n_dates, const struct measures_options *opt,
		     struct arena *a, struct measures_result **out, struct hearth_error *err)
{
	struct measures_inputs *in = arena_alloc(a, sizeof(*in));
	int rc = measures_inputs_load(st, a, in, NULL, err);
	if (rc) {
		return rc;
	}
	struct measures_run *run = measures_run_new(a, in, dates, n_dates, opt);
	if ((rc = measures_scan(st, run, NULL, err))) {
		return rc;
	}
	*out = measures_run_finish(run);
	return 0;
}

int annex_a_compute(struct store *st, hdate as_at, const struct annex_a_filter *filter, struct arena *a,
		    struct annex_a **out, struct hearth_error *err)
{
	struct measures_inputs *in = arena_alloc(a, sizeof(*in));
	int rc = measures_inputs_load(st, a, in, NULL, err);
	if (rc) {
		return rc;
	}
	struct annex_a *aa = annex_a_new(a, in, as_at);
	if ((rc = scan(st, NULL, aa, filter, err))) {
		return rc;
	}
	*out = aa;
	return 0;
}

int measures_and_annex_a(struct store *st, hdate as_at, const struct measures_options *opt, struct arena *a,
			 struct measures_result **mr, struct annex_a **aa_out, struct hearth_error *err)
{
	struct measures_inputs *in = arena_alloc(a, sizeof(*in));
	int rc = measures_inputs_load(st, a, in, NULL, err);
	if (rc) {
		return rc;
	}
	struct measures_run *run = measures_run_new(a, in, &as_at, 1, opt);
	struct annex_a *aa = annex_a_new(a, in, as_at);
	if ((rc = measures_scan(st, run, aa, err))) {
		return rc;
	}
	*mr = measures_run_finish(run);
	*aa_out = aa;
	return 0;
}

/* ---- the job, on one thread or several ---- */

#define MAX_THREADS THREADS_MAX

/* One thread's part: its connection, its id range, its own run and lists in its own arena. */
struct part {
	struct store *st;
	struct store_filter f;
	struct arena a;
	struct measures_run *run;
	struct annex_a *aa;
	struct hearth_error err;
	int rc;
};

static void part_main(void *arg)
{
	struct part *p = arg;
	struct scan s = {p->run, p->aa, NULL, &p->err};
	p->rc = store_casefiles_scan(p->st, &p->f, scan_one, &s, &p->err);
}

int measures_job_run(struct store *st, struct measures_job *job, struct arena *a, struct hearth_error *err)
{
	int threads = job->threads < 1 ? 1 : job->threads > MAX_THREADS ? MAX_THREADS : job->threads;
	struct store *readers[MAX_THREADS];
	int64_t bounds[MAX_THREADS + 1];
	int n_readers = 0, rc;
	if (threads > 1 && (rc = store_readers_open(st, threads - 1, readers, &n_readers, bounds, err))) {
		return rc;
	}
	int parts = threads > 1 ? n_readers + 1 : 1;
	job->threads_used = parts;
	job->in = arena_alloc(a, sizeof(*job->in));
	rc = measures_inputs_load(st, a, job->in, &job->bad_settings, err);
	struct measures_run *run = NULL;
	struct annex_a *aa = NULL;
	if (!rc) {
		run = job->n_dates ? measures_run_new(a, job->in, job->dates, job->n_dates, &job->opt) : NULL;
		aa = job->annex_a ? annex_a_new(a, job->in, job->annex_as_at) : NULL;
	}
	if (!rc && parts == 1) {
		rc = measures_scan(st, run, aa, err);
	} else if (!rc) {
		/* Part 0 is the main thread's, on st; part k on readers[k - 1]. */
		struct part *p = arena_alloc(a, (size_t)parts * sizeof(*p));
		for (int k = 0; k < parts; k++) {
			p[k].st = k ? readers[k - 1] : st;
			p[k].f.id_from = bounds[k];
			p[k].f.id_below = bounds[k + 1];
			struct arena *pa = k ? &p[k].a : a;
			p[k].run = run ? (k ? measures_run_new(pa, job->in, job->dates, job->n_dates, &job->opt) : run) : NULL;
			p[k].aa = aa ? (k ? annex_a_new(pa, job->in, job->annex_as_at) : aa) : NULL;
		}
		threads_run(p, sizeof(*p), parts, part_main);
		for (int k = 0; k < parts; k++) {
			if (!rc && p[k].rc) {
				rc = p[k].rc;
				if (err) {
					*err = p[k].err;
				}
			}
			if (k && !rc) {
				if (run) {
					measures_run_merge(run, p[k].run);
				}
				if (aa) {
					annex_a_merge(aa, p[k].aa);
				}
			}
			if (k) {
				arena_free(&p[k].a);
			}
		}
	}
	if (threads > 1) {
		store_readers_close(st, readers, n_readers);
	}
	if (rc) {
		return rc;
	}
	job->results = run ? measures_run_finish(run) : NULL;
	job->aa = aa;
	return 0;
}
