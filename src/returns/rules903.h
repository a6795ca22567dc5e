/* rules903: what the two SSDA903 rule files share (rules903.c: Header and Episodes;
 * rules903_more.c: the other tables). Private to src/returns.
 *
 * Everything here is static inline, so each file takes what it uses: the codes rules look
 * for (temporary placements, adoption placements...), the finding emitters per table (each
 * names the table, the child's row number, its line and record id, and the row's key date)
 * and the facts several rules share (the period of care an episode belongs to, the episode
 * open at 31 March, when care ceased, the OC2 cohort...). V is the child's view. */
#ifndef HEARTH_RETURNS_RULES903_H
#define HEARTH_RETURNS_RULES903_H

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "returns/internal.h"

#define V (x->s9)

/* A rule's row in the table. Its table is named bare (Episodes): that is its name and the
 * first of the tables it reads (T903_Episodes); RA names the others it reads (also), the
 * tables whose rows it looks for, so that it runs only when they were supplied. */
#define RA(id, table, also, fields, msg, flags, needs, from, fn) \
	{id, RETURN_SSDA903, SEV_ERROR, #table, fields, msg, flags, needs, from, 0, fn, 0, T903_##table | (also)}
#define R(id, table, fields, msg, flags, needs, from, fn) RA(id, table, 0, fields, msg, flags, needs, from, fn)

static inline int age_at(hdate dob, hdate d)
{
	return dok(dob) && dok(d) && d >= dob ? date_age(dob, d) : -1;
}

static inline bool is(const char *s, const char *a)
{
	return s && strcmp(s, a) == 0;
}

static inline bool one_of(const char *s, const char *const *set)
{
	return s && in_set(s, set);
}

static const char *const TEMP[] = {"T0", "T1", "T2", "T3", "T4", NULL};
static const char *const ADOPT_PLACE[] = {"A3", "A4", "A5", "A6", NULL};
static const char *const FOSTER[] = {"U1", "U2", "U3", "U4", "U5", "U6", NULL};
static const char *const ADOPTED[] = {"E11", "E12", NULL};
static const char *const RESPITE[] = {"V3", "V4", NULL};

static inline char *dmy(hdate d, char b[DATE_STR_SIZE])
{
	return rdate_dmy(d, b);
}

/* ---- emitting, per table ---- */

static inline void hd(struct returns_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void hd(struct returns_ctx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rx_vemit(x, "Header", V->header ? 1 : 0, V->line, 0, DATE_NONE, fmt, ap);
	va_end(ap);
}

static inline void ep(struct returns_ctx *x, size_t i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline void ep(struct returns_ctx *x, size_t i, const char *fmt, ...)
{
	const struct s9_episode *e = &V->episodes[i];
	char b[DATE_STR_SIZE];
	va_list ap;
	va_start(ap, fmt);
	char *what = arena_vprintf(x->a, fmt, ap);
	va_end(ap);
	rx_emit(x, "Episodes", (int)i + 1, e->line, e->id, e->decom, "DECOM %s: %s", dmy(e->decom, b), what);
}

#define ROW_EMIT(fn, type, arr, tname, datef)                                                        \
	static inline void fn(struct returns_ctx *x, size_t i, const char *fmt, ...)                       \
		__attribute__((format(printf, 3, 4)));                                               \
	static inline void fn(struct returns_ctx *x, size_t i, const char *fmt, ...)                       \
	{                                                                                            \
		const type *r = &V->arr[i];                                                          \
		va_list ap;                                                                          \
		va_start(ap, fmt);                                                                   \
		rx_vemit(x, tname, (int)i + 1, r->line, row_id_of(r), datef, fmt, ap);               \
		va_end(ap);                                                                          \
	}

static inline int64_t rid_review(const struct s9_review *r) { return r->id; }
static inline int64_t rid_missing(const struct s9_missing *r) { return r->id; }
static inline int64_t rid_ad1(const struct s9_ad1 *r) { return r->id; }
static inline int64_t rid_placed(const struct s9_placed *r) { return r->id; }
static inline int64_t rid_sw(const struct s9_sw *r) { return r->id; }
static inline int64_t rid_oc3(const struct s9_oc3 *r) { return r->id; }
static inline int64_t rid_oc2(const struct s9_oc2 *r) { return r->id; }
static inline int64_t rid_none(const void *r) { (void)r; return 0; }
#define row_id_of(r) _Generic((r), const struct s9_review *: rid_review, const struct s9_missing *: rid_missing, \
	const struct s9_ad1 *: rid_ad1, const struct s9_placed *: rid_placed, const struct s9_sw *: rid_sw,      \
	const struct s9_oc3 *: rid_oc3, const struct s9_oc2 *: rid_oc2, default: rid_none)(r)

ROW_EMIT(rv, struct s9_review, reviews, "Reviews", r->date)
ROW_EMIT(ms, struct s9_missing, missing, "Missing", r->start)
ROW_EMIT(ua, struct s9_uasc, uasc, "UASC", DATE_NONE)
ROW_EMIT(o2, struct s9_oc2, oc2, "OC2", DATE_NONE)
ROW_EMIT(o3, struct s9_oc3, oc3, "OC3", DATE_NONE)
ROW_EMIT(ad, struct s9_ad1, ad1, "AD1", r->date_int)
ROW_EMIT(pa, struct s9_placed, placed, "PlacedAdoption", r->date_placed)
ROW_EMIT(pp, struct s9_prevperm, prevperm, "PrevPerm", DATE_NONE)
ROW_EMIT(sw, struct s9_sw, sw, "SWEpisodes", r->decom)

/* ---- facts shared by several rules ---- */

/* The first day of the period of care that episode i of arr belongs to. */
static inline hdate period_start(const struct s9_episode *arr, size_t i)
{
	while (i > 0 && !is(arr[i].rne, "S") && dok(arr[i - 1].dec) && arr[i - 1].dec == arr[i].decom) {
		i--;
	}
	return arr[i].decom;
}

/* The episode of the year open at 31 March, or NULL. */
static inline const struct s9_episode *open_at_end(const struct s9_child *c)
{
	if (c->n_episodes == 0) {
		return NULL;
	}
	const struct s9_episode *e = &c->episodes[c->n_episodes - 1];
	return dok(e->dec) ? NULL : e;
}

/* The date the child ceased to be looked after in the year (the last episode ended with a
 * reason other than X1), or DATE_NONE. */
static inline hdate ceased_lac(const struct s9_child *c, const char **rec)
{
	if (c->n_episodes == 0) {
		return DATE_NONE;
	}
	const struct s9_episode *e = &c->episodes[c->n_episodes - 1];
	if (dok(e->dec) && sok(e->rec) && !is(e->rec, "X1")) {
		if (rec) {
			*rec = e->rec;
		}
		return e->dec;
	}
	return DATE_NONE;
}

/* Looked after continuously for 12 months at 31 March (the OC2 cohort). */
static inline bool lac_12m(const struct returns_ctx *x)
{
	const struct s9_child *c = V;
	const struct s9_episode *e = open_at_end(c);
	if (!e || one_of(e->ls, RESPITE)) {
		return false;
	}
	const struct s9_episode *h = c->hist && c->n_hist ? c->hist : c->episodes;
	size_t n = c->hist && c->n_hist ? c->n_hist : c->n_episodes;
	hdate start = period_start(h, n - 1);
	return dok(start) && start <= x->ys;
}

/* The first episode of the year placed for adoption (A3-A6), or NULL. */
static inline const struct s9_episode *first_adoption_placement(const struct s9_child *c)
{
	for (size_t i = 0; i < c->n_episodes; i++) {
		if (one_of(c->episodes[i].place, ADOPT_PLACE)) {
			return &c->episodes[i];
		}
	}
	return NULL;
}

/* The latest episode in the history with RNE S on or before d. */
static inline hdate latest_start(const struct s9_child *c, hdate d)
{
	const struct s9_episode *h = c->hist && c->n_hist ? c->hist : c->episodes;
	size_t n = c->hist && c->n_hist ? c->n_hist : c->n_episodes;
	hdate best = DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if (is(h[i].rne, "S") && dok(h[i].decom) && h[i].decom <= d) {
			best = h[i].decom;
		}
	}
	return best;
}

static inline bool sex_valid(const char *s, int year, bool uasc)
{
	static const char *const old[] = {"1", "2", NULL}, *const now[] = {"M", "F", "U", NULL},
				 *const uasc_now[] = {"M", "F", "U", "1", "2", NULL};
	return one_of(s, year < 2025 ? old : uasc ? uasc_now : now);
}

static inline bool is_female(const char *s)
{
	return is(s, "F") || is(s, "2");
}

static inline bool school_age(hdate dob, hdate d)
{
	int age = age_at(dob, d);
	return age >= 5 && age <= 15;
}

static inline bool v01(const char *s)
{
	return is(s, "0") || is(s, "1");
}

static inline const struct s9_episode *episode_on(const struct s9_child *c, hdate d)
{
	for (size_t i = 0; dok(d) && i < c->n_episodes; i++) {
		const struct s9_episode *e = &c->episodes[i];
		if (dok(e->decom) && e->decom <= d && (!dok(e->dec) || d < e->dec)) {
			return e;
		}
	}
	return NULL;
}

#endif
