/* duplicates: likely pairs of records of one child (see duplicates.h). */
#include "model/duplicates.h"

#include <stdlib.h>
#include <string.h>

#include "model/similar.h"

static const struct {
	enum dup_reason reason;
	const char *key, *text;
	int score;
} reasons[DUP_REASONS] = {
	{DUP_SAME_IDENTIFIER, "same_identifier", "the same consistent identifier", 100},
	{DUP_SAME_NHS, "same_nhs_number", "the same NHS number", 95},
	{DUP_SAME_UPN, "same_upn", "the same UPN", 90},
	{DUP_DOB_SAME_NAME, "same_dob_same_name", "the same date of birth and the same name", 80},
	{DUP_DOB_SIMILAR_NAME, "same_dob_similar_name", "the same date of birth and a similar name", 70},
	{DUP_DOB_SWAPPED_NAME, "same_dob_swapped_name",
	 "the same date of birth and the names swapped (given for family)", 70},
	{DUP_UNBORN_PARENT, "unborn_parent", "an expected date of birth near the other's birth, and a parent in common",
	 75},
};

const char *dup_reason_text(enum dup_reason r)
{
	for (int i = 0; i < DUP_REASONS; i++) {
		if (reasons[i].reason == r) {
			return reasons[i].text;
		}
	}
	return "?";
}

const char *dup_reason_key(enum dup_reason r)
{
	for (int i = 0; i < DUP_REASONS; i++) {
		if (reasons[i].reason == r) {
			return reasons[i].key;
		}
	}
	return "?";
}

static bool known(const char *s)
{
	return s && *s;
}

static bool same_text(const char *a, const char *b)
{
	return known(a) && known(b) && strcmp(a, b) == 0;
}

/* Alike: model/similar's edit distance or prefix, or the same sound (Soundex) for names
 * long enough that a sound is not a coincidence. */
static bool name_alike(const char *a, const char *b)
{
	return name_similar(a, b) || name_sounds_alike(a, b);
}

/* A family name alike whole, or one part of a hyphenated or two-word name alike the other
 * ("Smith-Jones" and "Jones"). */
static bool family_alike(const char *a, const char *b)
{
	if (name_alike(a, b)) {
		return true;
	}
	for (int side = 0; side < 2; side++) {
		const char *whole = side ? b : a, *other = side ? a : b;
		if (!known(whole) || !strpbrk(whole, "- ")) {
			continue;
		}
		char part[65];
		const char *p = whole;
		while (*p) {
			size_t n = strcspn(p, "- ");
			if (n > 0 && n < sizeof(part)) {
				memcpy(part, p, n);
				part[n] = '\0';
				if (name_alike(part, other)) {
					return true;
				}
			}
			p += n;
			p += strspn(p, "- ");
		}
	}
	return false;
}

static bool parent_in_common(const struct dup_child *a, const struct dup_child *b)
{
	for (size_t i = 0, j = 0; i < a->n_parents && j < b->n_parents;) {
		if (a->parents[i] == b->parents[j]) {
			return true;
		}
		a->parents[i] < b->parents[j] ? i++ : j++;
	}
	return false;
}

static hdate birth_or_expected(const struct dup_child *c)
{
	return c->dob != DATE_NONE ? c->dob : c->expected_dob;
}

static bool unborn_near(const struct dup_child *u, const struct dup_child *o)
{
	if (u->dob != DATE_NONE || u->expected_dob == DATE_NONE) {
		return false;
	}
	hdate d = birth_or_expected(o);
	if (d == DATE_NONE) {
		return false;
	}
	int64_t gap = (int64_t)u->expected_dob - (int64_t)d;
	return gap <= DUP_BIRTH_WINDOW && gap >= -DUP_BIRTH_WINDOW;
}

int dup_score(const struct dup_child *a, const struct dup_child *b, bool identifier_is_nhs, unsigned *out)
{
	unsigned r = 0;
	if (same_text(a->identifier, b->identifier)) {
		r |= DUP_SAME_IDENTIFIER;
	}
	if (!identifier_is_nhs && same_text(a->nhs_number, b->nhs_number)) {
		r |= DUP_SAME_NHS;
	}
	if (same_text(a->upn, b->upn) && !(r & DUP_SAME_IDENTIFIER && same_text(a->identifier, a->upn))) {
		r |= DUP_SAME_UPN;
	}
	if (a->dob != DATE_NONE && a->dob == b->dob) {
		if (known(a->given_name) && known(a->family_name) && same_text(a->given_name, b->given_name) &&
		    same_text(a->family_name, b->family_name)) {
			r |= DUP_DOB_SAME_NAME;
		} else if (name_alike(a->given_name, b->given_name) && family_alike(a->family_name, b->family_name)) {
			r |= DUP_DOB_SIMILAR_NAME;
		} else if (name_alike(a->given_name, b->family_name) && name_alike(a->family_name, b->given_name)) {
			r |= DUP_DOB_SWAPPED_NAME;
		}
	}
	if ((unborn_near(a, b) || unborn_near(b, a)) && parent_in_common(a, b)) {
		r |= DUP_UNBORN_PARENT;
	}
	int score = 0, extra = 0;
	for (int i = 0; i < DUP_REASONS; i++) {
		if (r & reasons[i].reason) {
			if (reasons[i].score > score) {
				extra += score ? 5 : 0;
				score = reasons[i].score;
			} else {
				extra += 5;
			}
		}
	}
	score += extra;
	*out = r;
	return score > 100 ? 100 : score;
}

/* ---- finding the pairs worth comparing ---- */

struct cand {
	uint32_t i, j;	/* i < j */
};

struct finder {
	const struct dup_child *c;
	size_t n;
	struct cand *cands;
	size_t n_cands, cap;
	int key;	/* which key sort_by compares */
};

static void add_cand(struct finder *f, size_t i, size_t j)
{
	if (i == j) {
		return;
	}
	if (f->n_cands == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		struct cand *grown = realloc(f->cands, f->cap * sizeof(*grown));
		if (!grown) {
			abort();
		}
		f->cands = grown;
	}
	f->cands[f->n_cands++] = (struct cand){(uint32_t)(i < j ? i : j), (uint32_t)(i < j ? j : i)};
}

static const char *key_text(const struct dup_child *c, int key)
{
	return key == 0 ? c->identifier : key == 1 ? c->nhs_number : c->upn;
}

static const struct dup_child *sort_base;
static int sort_key;

static int by_text(const void *x, const void *y)
{
	return strcmp(key_text(&sort_base[*(const uint32_t *)x], sort_key),
		      key_text(&sort_base[*(const uint32_t *)y], sort_key));
}

static int by_date(const void *x, const void *y)
{
	hdate a = birth_or_expected(&sort_base[*(const uint32_t *)x]);
	hdate b = birth_or_expected(&sort_base[*(const uint32_t *)y]);
	return a < b ? -1 : a > b;
}

/* Runs of one value: every pair in the run (a run longer than RUN_MAX is a placeholder
 * value such as a default, not a sign of one child, and is left). */
#define RUN_MAX 40

static void pairs_in_runs(struct finder *f, uint32_t *idx, size_t m, int (*same)(struct finder *, uint32_t, uint32_t))
{
	for (size_t s = 0; s < m;) {
		size_t e = s + 1;
		while (e < m && same(f, idx[s], idx[e])) {
			e++;
		}
		if (e - s <= RUN_MAX) {
			for (size_t x = s; x < e; x++) {
				for (size_t y = x + 1; y < e; y++) {
					add_cand(f, idx[x], idx[y]);
				}
			}
		}
		s = e;
	}
}

static int same_key_text(struct finder *f, uint32_t a, uint32_t b)
{
	return strcmp(key_text(&f->c[a], f->key), key_text(&f->c[b], f->key)) == 0;
}

static int same_dob(struct finder *f, uint32_t a, uint32_t b)
{
	return f->c[a].dob == f->c[b].dob;
}

static int by_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	return a->i != b->i ? (a->i < b->i ? -1 : 1) : (a->j < b->j ? -1 : a->j > b->j);
}

static int by_score(const void *x, const void *y)
{
	const struct dup_pair *a = x, *b = y;
	if (a->score != b->score) {
		return a->score > b->score ? -1 : 1;
	}
	if (a->a->id != b->a->id) {
		return a->a->id < b->a->id ? -1 : 1;
	}
	return a->b->id < b->b->id ? -1 : a->b->id > b->b->id;
}

size_t dup_find(const struct dup_child *children, size_t n, bool identifier_is_nhs, dup_skip_fn skip, void *ctx,
		struct arena *a, struct dup_pair **out)
{
	struct finder f = {.c = children, .n = n};
	uint32_t *idx = n ? malloc(n * sizeof(*idx)) : NULL;
	if (n && !idx) {
		abort();
	}
	sort_base = children;
	for (int key = 0; key < 3; key++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			if (known(key_text(&children[i], key))) {
				idx[m++] = (uint32_t)i;
			}
		}
		sort_key = f.key = key;
		qsort(idx, m, sizeof(*idx), by_text);
		pairs_in_runs(&f, idx, m, same_key_text);
	}
	/* The same date of birth. */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (children[i].dob != DATE_NONE) {
			idx[m++] = (uint32_t)i;
		}
	}
	qsort(idx, m, sizeof(*idx), by_date);
	pairs_in_runs(&f, idx, m, same_dob);
	/* An unborn child against every child born (or expected) within the window. */
	m = 0;
	for (size_t i = 0; i < n; i++) {
		if (birth_or_expected(&children[i]) != DATE_NONE) {
			idx[m++] = (uint32_t)i;
		}
	}
	qsort(idx, m, sizeof(*idx), by_date);
	for (size_t x = 0; x < m; x++) {
		const struct dup_child *u = &children[idx[x]];
		if (u->dob != DATE_NONE || u->n_parents == 0) {
			continue;
		}
		size_t lo = x;
		while (lo > 0 && u->expected_dob - birth_or_expected(&children[idx[lo - 1]]) <= DUP_BIRTH_WINDOW) {
			lo--;
		}
		for (size_t y = lo; y < m && birth_or_expected(&children[idx[y]]) - u->expected_dob <= DUP_BIRTH_WINDOW;
		     y++) {
			if (children[idx[y]].n_parents) {
				add_cand(&f, idx[x], idx[y]);
			}
		}
	}
	free(idx);
	if (f.n_cands) {
		qsort(f.cands, f.n_cands, sizeof(*f.cands), by_cand);
	}
	struct dup_pair *pairs = arena_alloc(a, sizeof(*pairs) * (f.n_cands ? f.n_cands : 1));
	size_t np = 0;
	for (size_t k = 0; k < f.n_cands; k++) {
		if (k && f.cands[k].i == f.cands[k - 1].i && f.cands[k].j == f.cands[k - 1].j) {
			continue;
		}
		const struct dup_child *x = &children[f.cands[k].i], *y = &children[f.cands[k].j];
		if (x->id > y->id) {
			const struct dup_child *t = x;
			x = y;
			y = t;
		}
		unsigned why;
		int score = dup_score(x, y, identifier_is_nhs, &why);
		if (score <= 0 || (skip && skip(ctx, x->id, y->id))) {
			continue;
		}
		pairs[np++] = (struct dup_pair){x, y, score, why};
	}
	free(f.cands);
	qsort(pairs, np, sizeof(*pairs), by_score);
	*out = pairs;
	return np;
}
