/* engine: runs the measure table over children, one child at a time, for one or more
 * as-at dates, and turns what the measures count into results.
 *
 * For each child and each date the engine works out, once, the facts many measures share
 * (alive, status, the open episode, period of care, placement, attribution), then calls
 * every measure's child function; they count through m_count / m_add into accumulators
 * (one per part and date). After the last child each measure's finish function runs, and
 * the accumulators become struct measures_part_result.
 *
 * Invariants:
 *   - Children arrive in ascending id order, so a part's drill-down items are appended in
 *     id order and a child's several contributions to one part merge into one item.
 *   - Breakdown arrays are allocated only for parts that allow the breakdown and only when
 *     it was asked for; drill-down items only for the parts named in the options.
 *   - Per child the cost is O(rows of the casefile) per measure and date: no measure looks
 *     anything up outside the casefile except by binary search in the inputs.
 * Memory: everything in the run's arena. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clock/clock.h"
#include "measures/internal.h"

struct acc {
	double num, den;
	double *by_num[BREAKDOWN_MAX], *by_den[BREAKDOWN_MAX];
	bool collect;
	struct measures_item *items;
	size_t n_items, cap_items;
	struct measures_extra extras[MEASURES_MAX_EXTRAS];
	int n_extras;
	const char *note;
};

struct measures_run {
	struct arena *a;
	const struct measures_inputs *in;
	hdate *dates;
	size_t n_dates;
	struct measures_options opt;
	int n_parts;
	int *part0;			/* first part of each measure */
	struct acc *acc;		/* n_dates * n_parts */
	int **state;			/* n_dates * measures_count (m_counts) */
	size_t *state_n;		/* their lengths */
	struct clock_list clock;	/* the current child's clock items, reused */
	bool finished;
};

/* ---- lookups in the inputs ---- */

static long team_index(const struct measures_inputs *in, int64_t id)
{
	size_t lo = 0, hi = in->n_teams;
	while (id && lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (in->teams[mid].id == id) {
			return (long)mid;
		}
		if (in->teams[mid].id < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return -1;
}

long m_worker_index(const struct measures_inputs *in, int64_t id)
{
	size_t lo = 0, hi = in->n_workers;
	while (id && lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (in->workers[mid].id == id) {
			return (long)mid;
		}
		if (in->workers[mid].id < id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return -1;
}

const struct measures_team *measures_team_of(const struct measures_inputs *in, int64_t id)
{
	long i = team_index(in, id);
	return i < 0 ? NULL : &in->teams[i];
}

const struct measures_worker *measures_worker_of(const struct measures_inputs *in, int64_t id)
{
	long i = m_worker_index(in, id);
	return i < 0 ? NULL : &in->workers[i];
}

/* ---- the run ---- */

static bool wants(const char *collect, const char *part_id)
{
	if (!collect) {
		return false;
	}
	if (strcmp(collect, "*") == 0 || strcmp(collect, part_id) == 0) {
		return true;
	}
	size_t n = strlen(collect);
	return strncmp(collect, part_id, n) == 0 && part_id[n] == '.';
}

struct measures_run *measures_run_new(struct arena *a, const struct measures_inputs *in, const hdate *dates,
				      size_t n_dates, const struct measures_options *opt)
{
	struct measures_run *r = arena_alloc(a, sizeof(*r));
	r->a = a;
	r->in = in;
	r->n_dates = n_dates;
	r->dates = arena_alloc(a, (n_dates ? n_dates : 1) * sizeof(hdate));
	memcpy(r->dates, dates, n_dates * sizeof(hdate));
	if (opt) {
		r->opt = *opt;
	}
	r->part0 = arena_alloc(a, ((size_t)measures_count + 1) * sizeof(int));
	for (int m = 0; m < measures_count; m++) {
		r->part0[m] = r->n_parts;
		r->n_parts += measures_table[m].n_parts;
	}
	r->acc = arena_alloc(a, (n_dates * (size_t)r->n_parts + 1) * sizeof(struct acc));
	r->state = arena_alloc(a, (n_dates * (size_t)measures_count + 1) * sizeof(int *));
	r->state_n = arena_alloc(a, (n_dates * (size_t)measures_count + 1) * sizeof(size_t));
	for (size_t d = 0; d < n_dates; d++) {
		for (int m = 0; m < measures_count; m++) {
			for (int k = 0; k < measures_table[m].n_parts; k++) {
				r->acc[d * (size_t)r->n_parts + (size_t)(r->part0[m] + k)].collect =
					wants(r->opt.collect, measures_table[m].parts[k].id);
			}
		}
	}
	return r;
}

static struct acc *acc_of(struct measures_child *c, int part)
{
	return &c->run->acc[(size_t)c->date * (size_t)c->run->n_parts + (size_t)(c->part0 + part)];
}

static void breakdown(struct measures_run *r, struct acc *ac, enum measures_breakdown_kind k, long idx, size_t n,
		      double num, double den)
{
	if (!ac->by_num[k]) {
		ac->by_num[k] = arena_alloc(r->a, (n + 1) * sizeof(double));
		ac->by_den[k] = arena_alloc(r->a, (n + 1) * sizeof(double));
	}
	size_t i = idx < 0 ? n : (size_t)idx;	/* the last slot: nobody */
	ac->by_num[k][i] += num;
	ac->by_den[k][i] += den;
}

void m_add_subject(struct measures_child *c, int part, int64_t id, const char *ref, int64_t team_id,
		   int64_t worker_id, double num, double den)
{
	struct measures_run *r = c->run;
	struct acc *ac = acc_of(c, part);
	const struct measures_part_def *p = &c->m->parts[part];
	/* A child's contributions are whole numbers, so every sum of them is exact and the
	 * order of adding (one thread, or several runs merged) cannot change a figure. */
	assert(!c->cf || (num == trunc(num) && den == trunc(den)));
	ac->num += num;
	ac->den += den;
	if ((r->opt.breakdowns & (1u << BREAKDOWN_TEAM)) && (p->flags & PART_BY_TEAM)) {
		breakdown(r, ac, BREAKDOWN_TEAM, team_index(r->in, team_id), r->in->n_teams, num, den);
	}
	if ((r->opt.breakdowns & (1u << BREAKDOWN_WORKER)) && (p->flags & PART_BY_WORKER)) {
		breakdown(r, ac, BREAKDOWN_WORKER, m_worker_index(r->in, worker_id), r->in->n_workers, num, den);
	}
	if (!ac->collect) {
		return;
	}
	if (ac->n_items && ac->items[ac->n_items - 1].id == id) {
		ac->items[ac->n_items - 1].num += num;
		ac->items[ac->n_items - 1].den += den;
		return;
	}
	if (ac->n_items == ac->cap_items) {
		size_t cap = ac->cap_items ? ac->cap_items * 2 : 64;
		ac->items = arena_grow(r->a, ac->items, ac->n_items, cap, sizeof(*ac->items));
		ac->cap_items = cap;
	}
	ac->items[ac->n_items++] = (struct measures_item){id, ref ? arena_strdup(r->a, ref) : NULL, worker_id,
							  team_id, num, den};
}

void m_add(struct measures_child *c, int part, double num, double den)
{
	bool pa = c->m->parts[part].flags & PART_BY_PA;
	m_add_subject(c, part, c->cf->child.id, c->cf->child.la_child_id, pa ? c->pa_team : c->sw_team,
		      pa ? c->pa_id : c->sw_id, num, den);
}

void m_count(struct measures_child *c, int part, bool hit)
{
	m_add(c, part, hit ? 1 : 0, 1);
}

void m_extra(struct measures_child *c, int part, const char *name, double value)
{
	struct acc *ac = acc_of(c, part);
	if (ac->n_extras < MEASURES_MAX_EXTRAS) {
		ac->extras[ac->n_extras++] = (struct measures_extra){name, value};
	}
}

void m_note(struct measures_child *c, int part, const char *note)
{
	acc_of(c, part)->note = note;
}

int *m_counts(struct measures_child *c, size_t n)
{
	size_t i = (size_t)c->date * (size_t)measures_count + (size_t)(c->m - measures_table);
	if (!c->run->state[i]) {
		c->run->state[i] = arena_alloc(c->run->a, (n ? n : 1) * sizeof(int));
		c->run->state_n[i] = n;
	}
	return c->run->state[i];
}

void m_divide(struct measures_child *c, int part, double by)
{
	struct acc *ac = acc_of(c, part);
	ac->num /= by;
	for (int k = 0; k < BREAKDOWN_MAX; k++) {
		size_t n = k == BREAKDOWN_TEAM ? c->in->n_teams : c->in->n_workers;
		for (size_t i = 0; ac->by_num[k] && i <= n; i++) {
			ac->by_num[k][i] /= by;
		}
	}
	for (size_t i = 0; i < ac->n_items; i++) {
		ac->items[i].num /= by;
	}
}

int m_placements(const struct casefile *cf, hdate from, hdate to)
{
	int placements = 0;
	bool counted = false;	/* the current placement has been counted */
	for (size_t i = 0; i < cf->n_episodes; i++) {
		const struct cf_episode *e = &cf->episodes[i];
		if (e->start == DATE_NONE || e->start > to) {
			break;
		}
		if (m_period_begins(cf, i) || m_new_carer(e->rne)) {
			counted = false;	/* a new placement begins here */
		}
		if ((e->end == DATE_NONE || e->end > from) && !counted) {
			placements++;
			counted = true;
		}
	}
	return placements;
}

struct arena *m_arena(struct measures_child *c)
{
	return c->run->a;
}

_Static_assert(CLOCK_KIND_MAX <= 64, "m_overdue's kinds are bits of a 64-bit mask");

bool m_overdue(struct measures_child *c, unsigned long long kinds, int64_t subject, bool *found)
{
	if (!c->clock_done) {
		struct measures_run *r = c->run;
		r->clock.n = 0;
		clock_child(c->cf, c->as_at, c->s, r->a, &r->clock);
		c->clock = r->clock.items;
		c->n_clock = r->clock.n;
		c->clock_done = true;
	}
	bool any = false, late = false;
	for (size_t i = 0; i < c->n_clock; i++) {
		const struct clock_item *it = &c->clock[i];
		if (!(kinds & M_KIND(it->rule->kind)) || (subject && it->subject_id != subject)) {
			continue;
		}
		any = true;
		late |= it->status == CLOCK_OVERDUE;
	}
	if (found) {
		*found = any;
	}
	return late;
}

/* ---- shared facts ---- */

bool m_code_is(const char *code, const char *want)
{
	return code && strcmp(code, want) == 0;
}

bool m_short_breaks(const struct cf_episode *e)
{
	return m_code_is(e->ls, "V3") || m_code_is(e->ls, "V4");
}

bool m_new_carer(const char *rne)
{
	return !rne || m_code_is(rne, "S") || m_code_is(rne, "P") || m_code_is(rne, "T");
}

bool m_period_begins(const struct casefile *cf, size_t i)
{
	if (i == 0 || m_code_is(cf->episodes[i].rne, "S")) {
		return true;
	}
	const struct cf_episode *prev = &cf->episodes[i - 1];
	return prev->end == DATE_NONE || prev->end != cf->episodes[i].start;
}

hdate m_last_seen(const struct casefile *cf, enum cf_visit_kind kind, hdate from, hdate to)
{
	hdate last = DATE_NONE;
	for (size_t i = 0; i < cf->n_visits; i++) {
		const struct cf_visit *v = &cf->visits[i];
		if (v->kind == kind && v->seen && v->date >= from && v->date <= to) {
			last = v->date;
		}
	}
	return last;
}

const struct cf_allocation *m_attributed(const struct casefile *cf, enum cf_allocation_kind kind, hdate d)
{
	const struct cf_allocation *open = NULL, *last = NULL;
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind != kind || al->start == DATE_NONE || al->start > d) {
			continue;
		}
		last = al;
		if (cf_open_on(al->start, al->end, d)) {
			open = al;
		}
	}
	return open ? open : last;
}

static void child_facts(struct measures_child *c, const struct casefile *cf, hdate as_at)
{
	c->cf = cf;
	c->as_at = as_at;
	c->clock_done = false;
	c->clock = NULL;
	c->n_clock = 0;
	c->from = date_add_months(as_at, -12) + 1;
	c->alive = !m_happened(cf->child.death, as_at);
	c->status = status_at(cf, as_at);
	c->open_ep = -1;
	for (size_t i = cf->n_episodes; i-- > 0;) {
		if (cf_open_on(cf->episodes[i].start, cf->episodes[i].end, as_at)) {
			c->open_ep = (long)i;
			break;
		}
	}
	c->in_care = c->alive && c->open_ep >= 0 && !m_short_breaks(&cf->episodes[c->open_ep]);
	c->entered = c->placement_start = DATE_NONE;
	c->long_term = false;
	if (c->in_care) {
		c->entered = clock_period_start(cf, as_at);
		c->placement_start = clock_placement_start(cf, as_at, &c->long_term);
	}
	const struct cf_allocation *sw = m_attributed(cf, ALLOC_SOCIAL_WORKER, as_at);
	const struct cf_allocation *pa = m_attributed(cf, ALLOC_PERSONAL_ADVISER, as_at);
	c->sw_id = sw ? sw->worker_id : 0;
	c->sw_team = sw ? sw->team_id : 0;
	c->pa_id = pa ? pa->worker_id : 0;
	c->pa_team = pa ? pa->team_id : 0;
}

void measures_run_child(struct measures_run *r, const struct casefile *cf)
{
	struct measures_child c = {0};
	c.run = r;
	c.in = r->in;
	c.s = &r->in->settings;
	for (size_t d = 0; d < r->n_dates; d++) {
		c.date = (int)d;
		child_facts(&c, cf, r->dates[d]);
		for (int m = 0; m < measures_count; m++) {
			if (!measures_table[m].child) {
				continue;
			}
			c.m = &measures_table[m];
			c.part0 = r->part0[m];
			measures_table[m].child(&c);
		}
	}
}

void measures_run_merge(struct measures_run *r, const struct measures_run *src)
{
	size_t n_acc = r->n_dates * (size_t)r->n_parts;
	for (size_t i = 0; i < n_acc; i++) {
		struct acc *d = &r->acc[i];
		const struct acc *s = &src->acc[i];
		d->num += s->num;
		d->den += s->den;
		for (int k = 0; k < BREAKDOWN_MAX; k++) {
			if (!s->by_num[k]) {
				continue;
			}
			size_t n = k == BREAKDOWN_TEAM ? r->in->n_teams : r->in->n_workers;
			if (!d->by_num[k]) {
				d->by_num[k] = arena_alloc(r->a, (n + 1) * sizeof(double));
				d->by_den[k] = arena_alloc(r->a, (n + 1) * sizeof(double));
			}
			for (size_t j = 0; j <= n; j++) {
				d->by_num[k][j] += s->by_num[k][j];
				d->by_den[k][j] += s->by_den[k][j];
			}
		}
		if (s->n_items) {
			/* src's children all come after r's: appending keeps id order. */
			size_t need = d->n_items + s->n_items;
			if (need > d->cap_items) {
				d->items = arena_grow(r->a, d->items, d->n_items, need, sizeof(*d->items));
				d->cap_items = need;
			}
			for (size_t j = 0; j < s->n_items; j++) {
				struct measures_item it = s->items[j];
				it.ref = it.ref ? arena_strdup(r->a, it.ref) : NULL;
				d->items[d->n_items++] = it;
			}
		}
	}
	size_t n_state = r->n_dates * (size_t)measures_count;
	for (size_t i = 0; i < n_state; i++) {
		if (!src->state[i]) {
			continue;
		}
		if (!r->state[i]) {
			r->state[i] = arena_alloc(r->a, (src->state_n[i] ? src->state_n[i] : 1) * sizeof(int));
			r->state_n[i] = src->state_n[i];
		}
		for (size_t j = 0; j < src->state_n[i] && j < r->state_n[i]; j++) {
			r->state[i][j] += src->state[i][j];
		}
	}
}

static struct measures_cell *cells_of(struct measures_run *r, const struct acc *ac, enum measures_breakdown_kind k,
				      size_t *n_out)
{
	size_t n = k == BREAKDOWN_TEAM ? r->in->n_teams : r->in->n_workers;
	size_t count = 0;
	for (size_t i = 0; i <= n; i++) {
		count += ac->by_num[k][i] != 0 || ac->by_den[k][i] != 0;
	}
	struct measures_cell *cells = arena_alloc(r->a, (count + 1) * sizeof(*cells));
	size_t j = 0;
	for (size_t i = 0; i <= n; i++) {
		if (ac->by_num[k][i] == 0 && ac->by_den[k][i] == 0) {
			continue;
		}
		int64_t id = i == n ? 0 : k == BREAKDOWN_TEAM ? r->in->teams[i].id : r->in->workers[i].id;
		cells[j++] = (struct measures_cell){id, ac->by_num[k][i], ac->by_den[k][i]};
	}
	*n_out = j;
	return cells;
}

struct measures_result *measures_run_finish(struct measures_run *r)
{
	struct measures_result *out = arena_alloc(r->a, (r->n_dates ? r->n_dates : 1) * sizeof(*out));
	if (r->finished) {
		return out;
	}
	r->finished = true;
	for (size_t d = 0; d < r->n_dates; d++) {
		struct measures_child c = {0};
		c.run = r;
		c.in = r->in;
		c.s = &r->in->settings;
		c.date = (int)d;
		c.as_at = r->dates[d];
		c.from = date_add_months(c.as_at, -12) + 1;
		for (int m = 0; m < measures_count; m++) {
			if (measures_table[m].finish) {
				c.m = &measures_table[m];
				c.part0 = r->part0[m];
				measures_table[m].finish(&c);
			}
		}
		struct measures_result *res = &out[d];
		res->as_at = c.as_at;
		res->period_from = c.from;
		res->in = r->in;
		res->n_parts = (size_t)r->n_parts;
		res->parts = arena_alloc(r->a, ((size_t)r->n_parts + 1) * sizeof(*res->parts));
		for (int m = 0; m < measures_count; m++) {
			for (int k = 0; k < measures_table[m].n_parts; k++) {
				size_t pi = (size_t)(r->part0[m] + k);
				struct acc *ac = &r->acc[d * (size_t)r->n_parts + pi];
				struct measures_part_result *p = &res->parts[pi];
				p->measure = &measures_table[m];
				p->def = &measures_table[m].parts[k];
				p->num = ac->num;
				p->den = ac->den;
				p->has_rate = p->def->kind != KIND_COUNT && ac->den > 0;
				p->rate = p->has_rate ? ac->num / ac->den : 0;
				memcpy(p->extras, ac->extras, sizeof(p->extras));
				p->n_extras = ac->n_extras;
				p->note = ac->note;
				for (int b = 0; b < BREAKDOWN_MAX; b++) {
					if (ac->by_num[b]) {
						p->by[b] = cells_of(r, ac, (enum measures_breakdown_kind)b, &p->n_by[b]);
					}
				}
				p->collected = ac->collect;
				p->items = ac->items;
				p->n_items = ac->n_items;
			}
		}
	}
	return out;
}

const struct measures_part_result *measures_result_part(const struct measures_result *r, const char *id)
{
	for (size_t i = 0; id && i < r->n_parts; i++) {
		if (strcmp(r->parts[i].def->id, id) == 0) {
			return &r->parts[i];
		}
	}
	return NULL;
}

int64_t *measures_drill(const struct measures_result *r, const char *part_id, bool numerator, struct arena *a,
			size_t *n_out)
{
	const struct measures_part_result *p = measures_result_part(r, part_id);
	*n_out = 0;
	if (!p || !p->collected) {
		return NULL;
	}
	int64_t *ids = arena_alloc(a, (p->n_items + 1) * sizeof(int64_t));
	for (size_t i = 0; i < p->n_items; i++) {
		bool in = numerator ? p->items[i].num != 0 : (p->items[i].den != 0 || p->def->kind == KIND_COUNT);
		if (in) {
			ids[(*n_out)++] = p->items[i].id;
		}
	}
	return ids;
}
