/* load: the SSDA903's own read of the record — only the children the return can hold and
 * only the rows it reads.
 *
 * store_casefiles_scan reads every table for every child (visits, notes, every referral),
 * which on a national record is most of the database. The SSDA903 needs the children who
 * were looked after in the year or are in its care leavers' cohort, and of them: the child
 * row, the episodes (all of them: the rules look back through the child's care history),
 * and of the rest only what the year's return shows. So, in one read transaction
 * (store_arrays_read, one pass per table, each limited to a window of dates):
 *   episodes            every one;
 *   reviews, OC2        those in the year;
 *   missing episodes    those overlapping the year;
 *   leaver contacts     those that can be nearest a 17th-21st birthday in the year (from
 *                       3 months before the year to a month after it: view903's window);
 *   adoption decisions  every one (the AD1 row looks back to the decision);
 *   allocations         from 2024, those overlapping the year of children looked after on
 *                       31 March (the only ones SWEpisodes reports);
 *   workers             every one (their SW ids), once.
 * Then the children with an episode or such a contact, in id order, one row each: those who
 * cannot be in the year's return (no episode open in it, no 17th to 21st birthday in it)
 * are dropped after their row; the rest are handed on with their rows as slices of the
 * arrays read, so nothing is copied or allocated per child. A child whose care ended five
 * years or more before the year is not even read: a care leaver in the year's cohort (17 to
 * 21) left care after the 16th birthday, so no earlier than five years before the year began
 * (view903's oc3_birthday asks more; this is the part the episodes alone can answer). */
#include <stdlib.h>
#include <string.h>

#include "returns/internal.h"

static bool leaver_birthday(hdate dob, hdate ys, hdate ye)
{
	for (int age = 17; dob != DATE_NONE && age <= 21; age++) {
		hdate b = date_birthday(dob, age);
		if (b >= ys && b <= ye) {
			return true;
		}
	}
	return false;
}

/* The children who may be in the return, in id order: those with an episode that ended on
 * or after `since` (or goes on), and those with a leaver contact (contacts is the window's
 * array: child-sorted, as are the episodes). */
static size_t candidates(const struct store_arrays *rows, hdate since, int64_t *out)
{
	const struct cf_episode *ep = rows->all.episodes;
	const int64_t *a = rows->child_of[CFA_EPISODES], *b = rows->child_of[CFA_LEAVER_CONTACTS];
	size_t na = rows->all.n_episodes, nb = rows->all.n_leaver_contacts, n = 0;
	for (size_t i = 0, j = 0; i < na || j < nb;) {
		int64_t x = i < na ? a[i] : INT64_MAX, y = j < nb ? b[j] : INT64_MAX;
		int64_t c = x < y ? x : y;
		bool keep = y == c;
		for (; i < na && a[i] == c; i++) {
			keep = keep || ep[i].end == DATE_NONE || ep[i].end >= since;
		}
		for (; j < nb && b[j] == c; j++) {
		}
		if (keep && c > 0) {
			out[n++] = c;
		}
	}
	return n;
}

struct scan903 {
	const struct store_arrays *rows;
	const struct returns_extras *x;
	hdate ys, ye;
	rx_scan_fn fn;
	void *ctx;
};

static int one_child(void *ctx, const struct cf_child *c)
{
	struct scan903 *s = ctx;
	struct casefile cf;
	memset(&cf, 0, sizeof(cf));
	cf.child = *c;
	store_arrays_child(s->rows, c->id, &cf);
	bool in_year = false;
	for (size_t i = 0; i < cf.n_episodes; i++) {
		const struct cf_episode *e = &cf.episodes[i];
		in_year = in_year || (e->start != DATE_NONE && e->start <= s->ye && (e->end == DATE_NONE || e->end >= s->ys));
	}
	if (!in_year && !leaver_birthday(cf.child.dob, s->ys, s->ye)) {
		return 0; /* cannot be in this year's return */
	}
	return s->fn(s->ctx, &cf, s->x);
}

int returns_scan_903(struct store *st, int year, rx_scan_fn fn, void (*end)(void *ctx), void *ctx,
		     struct hearth_error *err)
{
	hdate ys = returns_year_start(year), ye = returns_year_end(year);
	struct store_window win[CFA_MAX];
	for (int k = 0; k < CFA_MAX; k++) {
		win[k] = (struct store_window){DATE_NONE, DATE_NONE, false, DATE_NONE};
	}
	win[CFA_CLA_REVIEWS] = (struct store_window){ys, ye, false, DATE_NONE};
	win[CFA_OC2] = (struct store_window){ys, ye, false, DATE_NONE};
	win[CFA_MISSING] = (struct store_window){ys, ye, true, DATE_NONE};
	win[CFA_LEAVER_CONTACTS] =
		(struct store_window){date_add_months(ys, -3), date_add_months(ye, 1), false, DATE_NONE};
	win[CFA_ALLOCATIONS] = (struct store_window){ys, ye, true, ye};
	unsigned arrays = 1u << CFA_EPISODES | 1u << CFA_CLA_REVIEWS | 1u << CFA_OC2 | 1u << CFA_MISSING |
			  1u << CFA_LEAVER_CONTACTS | 1u << CFA_ADOPTIONS | (year >= 2024 ? 1u << CFA_ALLOCATIONS : 0) |
			  (year >= 2027 ? 1u << CFA_DOLOS : 0);

	struct arena keep = ARENA_INIT;
	struct store_arrays rows = {0};
	int64_t *wids;
	struct hval **wrows;
	size_t nw;
	bool began = false;
	int rc = store_read_begin(st, &began, err);
	if (!rc && !(rc = store_arrays_read(st, arrays, win, &keep, &rows, err)) &&
	    !(rc = store_all_rows(st, &entity_worker, &keep, &wids, &wrows, &nw, err))) {
		struct scan903 s = {&rows, rx_extras_with(&keep, NULL, &entity_worker, wids, wrows, nw), ys, ye, fn, ctx};
		const struct casefile *all = &rows.all;
		int64_t *kids = arena_alloc(&keep, sizeof(int64_t) * (all->n_episodes + all->n_leaver_contacts + 1));
		size_t nk = candidates(&rows, date_add_years(ys, -5), kids);
		rc = store_children_each(st, kids, nk, one_child, &s, err);
	}
	if (end) {
		end(ctx);
	}
	store_read_end(st, began);
	store_arrays_free(&rows);
	arena_free(&keep);
	return rc;
}
