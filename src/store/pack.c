/* pack: a casefile as one blob (pack.h for the layout). Each element type is described
 * once, field by field (offset and kind, the kind taken from the member's own type), and
 * one encoder and one decoder walk the descriptions. */
#include "store/pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

enum pk_kind { PK_I64, PK_I32, PK_BOOL, PK_STR };

struct pk_field {
	size_t off;
	enum pk_kind kind;
	uint32_t max;		/* an enum's count (its values are 0 .. max-1), else 0 */
};

#define PK_KIND(x)                                                                                         \
	_Generic((x), int64_t: PK_I64, int: PK_I32, unsigned int: PK_I32, bool: PK_BOOL, const char *: PK_STR)
#define F(T, m) {offsetof(T, m), PK_KIND(((T *)0)->m), 0}
#define FE(T, m, n) {offsetof(T, m), PK_I32, n}
#define END {0, PK_I64, UINT32_MAX}

static const struct pk_field f_child[] = {
	F(struct cf_child, id), F(struct cf_child, la_child_id), F(struct cf_child, upn),
	F(struct cf_child, given_name), F(struct cf_child, family_name), F(struct cf_child, dob),
	F(struct cf_child, expected_dob), F(struct cf_child, death), F(struct cf_child, sex),
	F(struct cf_child, ethnicity), F(struct cf_child, uasc), F(struct cf_child, restricted),
	F(struct cf_child, upn_unknown), F(struct cf_child, mother), F(struct cf_child, mc_dob),
	F(struct cf_child, prev_perm), F(struct cf_child, prev_perm_la), F(struct cf_child, prev_perm_date),
	F(struct cf_child, former_upn), F(struct cf_child, uasc_ceased), END};
static const struct pk_field f_contact[] = {F(struct cf_contact, id), F(struct cf_contact, date),
					    F(struct cf_contact, decision_date), F(struct cf_contact, source),
					    F(struct cf_contact, decision), END};
static const struct pk_field f_early_help[] = {F(struct cf_early_help, id), F(struct cf_early_help, start),
					       F(struct cf_early_help, end), F(struct cf_early_help, end_reason),
					       F(struct cf_early_help, step_down), END};
static const struct pk_field f_referral[] = {F(struct cf_referral, id),	    F(struct cf_referral, date),
					     F(struct cf_referral, closed), F(struct cf_referral, source),
					     F(struct cf_referral, need),   F(struct cf_referral, closure_reason),
					     F(struct cf_referral, nfa),    END};
static const struct pk_field f_assessment[] = {F(struct cf_assessment, id), F(struct cf_assessment, referral_id),
					       F(struct cf_assessment, start), F(struct cf_assessment, authorised), END};
static const struct pk_field f_s47[] = {F(struct cf_s47, id),	     F(struct cf_s47, referral_id),
					F(struct cf_s47, strategy),  F(struct cf_s47, start),
					F(struct cf_s47, icpc),	     F(struct cf_s47, icpc_not_required),
					F(struct cf_s47, macpt_id), END};
static const struct pk_field f_plan[] = {F(struct cf_plan, id),
					 F(struct cf_plan, referral_id),
					 F(struct cf_plan, start),
					 F(struct cf_plan, end),
					 F(struct cf_plan, category),
					 F(struct cf_plan, initial_category),
					 F(struct cf_plan, previous_recorded),
					 F(struct cf_plan, previous_plans),
					 F(struct cf_plan, macpt_id),
					 END};
static const struct pk_field f_dated[] = {F(struct cf_dated, id), F(struct cf_dated, parent_id),
					  F(struct cf_dated, date), F(struct cf_dated, code), END};
static const struct pk_field f_episode[] = {
	F(struct cf_episode, id),	 F(struct cf_episode, start),	 F(struct cf_episode, end),
	F(struct cf_episode, rne),	 F(struct cf_episode, ls),	 F(struct cf_episode, cin),
	F(struct cf_episode, place),	 F(struct cf_episode, provider), F(struct cf_episode, rec),
	F(struct cf_episode, reason_place_change), F(struct cf_episode, long_term), F(struct cf_episode, home_post),
	F(struct cf_episode, pl_post),	 F(struct cf_episode, urn),	 END};
static const struct pk_field f_visit[] = {F(struct cf_visit, id),
					  F(struct cf_visit, worker_id),
					  F(struct cf_visit, date),
					  FE(struct cf_visit, kind, VISIT_KIND_MAX),
					  F(struct cf_visit, seen),
					  F(struct cf_visit, seen_alone),
					  F(struct cf_visit, wishes_recorded),
					  END};
static const struct pk_field f_health[] = {F(struct cf_health, id), F(struct cf_health, date),
					   FE(struct cf_health, kind, HEALTH_KIND_MAX), END};
static const struct pk_field f_missing[] = {F(struct cf_missing, id),	       F(struct cf_missing, start),
					    F(struct cf_missing, end),	       F(struct cf_missing, rhi_offered),
					    F(struct cf_missing, away),	       F(struct cf_missing, rhi_accepted),
					    END};
static const struct pk_field f_proceedings[] = {F(struct cf_proceedings, id), F(struct cf_proceedings, issued),
						F(struct cf_proceedings, final_order), F(struct cf_proceedings, order),
						F(struct cf_proceedings, extension_weeks), END};
static const struct pk_field f_allocation[] = {F(struct cf_allocation, id),
					       F(struct cf_allocation, worker_id),
					       F(struct cf_allocation, team_id), /* packed as 0 (see pack.h) */
					       FE(struct cf_allocation, kind, ALLOC_KIND_MAX),
					       F(struct cf_allocation, start),
					       F(struct cf_allocation, end),
					       F(struct cf_allocation, reason),
					       END};
static const struct pk_field f_leaver_contact[] = {
	F(struct cf_leaver_contact, id),       F(struct cf_leaver_contact, date),
	F(struct cf_leaver_contact, in_touch), F(struct cf_leaver_contact, accommodation),
	F(struct cf_leaver_contact, activity), F(struct cf_leaver_contact, suitable),
	F(struct cf_leaver_contact, entitlements_explained), END};
static const struct pk_field f_education[] = {F(struct cf_education, id), F(struct cf_education, start),
					      F(struct cf_education, end), F(struct cf_education, school_urn),
					      F(struct cf_education, sen), END};
static const struct pk_field f_permanence[] = {F(struct cf_permanence, id), F(struct cf_permanence, decided),
					       F(struct cf_permanence, plan), END};
static const struct pk_field f_adoption[] = {
	F(struct cf_adoption, id),	     F(struct cf_adoption, decision),	    F(struct cf_adoption, placement_order),
	F(struct cf_adoption, matched),	     F(struct cf_adoption, placed),	    F(struct cf_adoption, adoption_order),
	F(struct cf_adoption, ceased),	     F(struct cf_adoption, adopters_number), F(struct cf_adoption, adopters_sex),
	F(struct cf_adoption, adopters_legal_status), F(struct cf_adoption, ceased_reason), END};
static const struct pk_field f_oc2[] = {F(struct cf_oc2, id),	   F(struct cf_oc2, year_end), F(struct cf_oc2, sdq_score),
					F(struct cf_oc2, sdq_reason), F(struct cf_oc2, item[0]),  F(struct cf_oc2, item[1]),
					F(struct cf_oc2, item[2]),    F(struct cf_oc2, item[3]),  F(struct cf_oc2, item[4]),
					F(struct cf_oc2, item[5]),    F(struct cf_oc2, item[6]),  F(struct cf_oc2, item[7]),
					END};
_Static_assert(CF_OC2_ITEM_MAX == 8, "every OC2 item is packed");
static const struct pk_field f_task[] = {F(struct cf_task, id),	  F(struct cf_task, worker_id),
					 F(struct cf_task, set_by), F(struct cf_task, supervision_id),
					 F(struct cf_task, set),    F(struct cf_task, due),
					 F(struct cf_task, done),   F(struct cf_task, what),
					 F(struct cf_task, done_by_visit), END};
static const struct pk_field f_pre_proceedings[] = {
	F(struct cf_pre_proceedings, id),	      F(struct cf_pre_proceedings, start),
	F(struct cf_pre_proceedings, lbp_sent),	      F(struct cf_pre_proceedings, fgdm_offered),
	F(struct cf_pre_proceedings, fgdm_held),      F(struct cf_pre_proceedings, step_decision),
	F(struct cf_pre_proceedings, court_app),      F(struct cf_pre_proceedings, letter_init_cp),
	F(struct cf_pre_proceedings, lbp_fgdm_offer), F(struct cf_pre_proceedings, fgdm_exempt),
	F(struct cf_pre_proceedings, outcome),	      END};
static const struct pk_field f_kinship[] = {F(struct cf_kinship, id),	     F(struct cf_kinship, start),
					    F(struct cf_kinship, end),	     F(struct cf_kinship, offer_date),
					    F(struct cf_kinship, kind),	     F(struct cf_kinship, offer_version),
					    F(struct cf_kinship, allowance), F(struct cf_kinship, support_package),
					    END};
static const struct pk_field f_dolo[] = {F(struct cf_dolo, id), F(struct cf_dolo, start), F(struct cf_dolo, end), END};
static const struct pk_field f_authorisation[] = {
	F(struct cf_authorisation, id),	   F(struct cf_authorisation, record_id), F(struct cf_authorisation, asked),
	F(struct cf_authorisation, decided), F(struct cf_authorisation, point),	  F(struct cf_authorisation, record_kind),
	F(struct cf_authorisation, state),   END};
static const struct pk_field f_family_help[] = {
	F(struct cf_family_help, id),	       F(struct cf_family_help, start), F(struct cf_family_help, end),
	F(struct cf_family_help, level),       F(struct cf_family_help, lead_agency),
	F(struct cf_family_help, referral_id), F(struct cf_family_help, lead_worker_id), END};

struct pk_array {
	const char *name;
	const struct pk_field *fields;
	size_t size, array_off, count_off;
};

#define A(cfa, type, arr, desc) \
	[cfa] = {#arr, desc, sizeof(type), offsetof(struct casefile, arr), offsetof(struct casefile, n_##arr)}

static const struct pk_array arrays[CFA_MAX] = {
	A(CFA_CONTACTS, struct cf_contact, contacts, f_contact),
	A(CFA_EARLY_HELP, struct cf_early_help, early_help, f_early_help),
	A(CFA_REFERRALS, struct cf_referral, referrals, f_referral),
	A(CFA_ASSESSMENTS, struct cf_assessment, assessments, f_assessment),
	A(CFA_S47S, struct cf_s47, s47s, f_s47),
	A(CFA_CIN_PLANS, struct cf_plan, cin_plans, f_plan),
	A(CFA_CP_PLANS, struct cf_plan, cp_plans, f_plan),
	A(CFA_CP_REVIEWS, struct cf_dated, cp_reviews, f_dated),
	A(CFA_CORE_GROUPS, struct cf_dated, core_groups, f_dated),
	A(CFA_EPISODES, struct cf_episode, episodes, f_episode),
	A(CFA_CLA_REVIEWS, struct cf_dated, cla_reviews, f_dated),
	A(CFA_VISITS, struct cf_visit, visits, f_visit),
	A(CFA_HEALTH, struct cf_health, health, f_health),
	A(CFA_EDUCATION, struct cf_education, education, f_education),
	A(CFA_PEPS, struct cf_dated, peps, f_dated),
	A(CFA_MISSING, struct cf_missing, missing, f_missing),
	A(CFA_PROCEEDINGS, struct cf_proceedings, proceedings, f_proceedings),
	A(CFA_PERMANENCE, struct cf_permanence, permanence, f_permanence),
	A(CFA_ADOPTIONS, struct cf_adoption, adoptions, f_adoption),
	A(CFA_ALLOCATIONS, struct cf_allocation, allocations, f_allocation),
	A(CFA_LEAVER_CONTACTS, struct cf_leaver_contact, leaver_contacts, f_leaver_contact),
	A(CFA_PATHWAY_PLANS, struct cf_dated, pathway_plans, f_dated),
	A(CFA_OC2, struct cf_oc2, oc2, f_oc2),
	A(CFA_SUPERVISIONS, struct cf_dated, supervisions, f_dated),
	A(CFA_TASKS, struct cf_task, tasks, f_task),
	A(CFA_PRE_PROCEEDINGS, struct cf_pre_proceedings, pre_proceedings, f_pre_proceedings),
	A(CFA_PP_MEETINGS, struct cf_dated, pp_meetings, f_dated),
	A(CFA_KINSHIP, struct cf_kinship, kinship, f_kinship),
	A(CFA_DOLOS, struct cf_dolo, dolos, f_dolo),
	A(CFA_AUTHORISATIONS, struct cf_authorisation, authorisations, f_authorisation),
	A(CFA_FAMILY_HELP, struct cf_family_help, family_help, f_family_help),
};
#undef A

static bool is_end(const struct pk_field *f)
{
	return f->max == UINT32_MAX;
}

static size_t kind_bytes(enum pk_kind k)
{
	return k == PK_I64 ? 8 : k == PK_BOOL ? 1 : 4;
}

/* Bytes one element of fs takes in a pack. */
static size_t packed_size(const struct pk_field *fs)
{
	size_t n = 0;
	for (; !is_end(fs); fs++) {
		n += kind_bytes(fs->kind);
	}
	return n;
}

/* ---- packing ---- */

#define NO_STRING UINT32_MAX

/* The string area, each text once (an open-addressed table of offsets by hash). */
struct strings {
	struct buf area;
	uint32_t *slots;	/* offset + 1; 0 empty */
	size_t cap;		/* a power of two */
	size_t used;
};

static uint32_t hash_text(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h = (h ^ (unsigned char)*s) * 16777619u;
	}
	return h;
}

static uint32_t intern(struct strings *t, const char *s)
{
	if (!s) {
		return NO_STRING;
	}
	if ((t->used + 1) * 2 > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		uint32_t *ns = xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < t->cap; i++) {
			if (t->slots[i]) {
				size_t j = hash_text(t->area.data + t->slots[i] - 1) & (ncap - 1);
				while (ns[j]) {
					j = (j + 1) & (ncap - 1);
				}
				ns[j] = t->slots[i];
			}
		}
		free(t->slots);
		t->slots = ns;
		t->cap = ncap;
	}
	size_t j = hash_text(s) & (t->cap - 1);
	while (t->slots[j]) {
		if (strcmp(t->area.data + t->slots[j] - 1, s) == 0) {
			return t->slots[j] - 1;
		}
		j = (j + 1) & (t->cap - 1);
	}
	uint32_t off = (uint32_t)t->area.len;
	buf_append(&t->area, s, strlen(s) + 1);
	t->slots[j] = off + 1;
	t->used++;
	return off;
}

static void put_u(struct buf *b, uint64_t v, size_t bytes)
{
	char c[8];
	for (size_t i = 0; i < bytes; i++) {
		c[i] = (char)(v >> (8 * i));
	}
	buf_append(b, c, bytes);
}

static void put_element(struct buf *b, struct strings *t, const struct pk_field *fs, const char *el, bool team)
{
	for (; !is_end(fs); fs++) {
		const char *p = el + fs->off;
		switch (fs->kind) {
		case PK_I64: {
			int64_t v;
			memcpy(&v, p, sizeof(v));
			if (team && fs->off == offsetof(struct cf_allocation, team_id)) {
				v = 0;
			}
			put_u(b, (uint64_t)v, 8);
			break;
		}
		case PK_I32: {
			int32_t v;
			memcpy(&v, p, sizeof(v));
			put_u(b, (uint32_t)v, 4);
			break;
		}
		case PK_BOOL:
			put_u(b, *(const bool *)p ? 1 : 0, 1);
			break;
		case PK_STR: {
			const char *s;
			memcpy(&s, p, sizeof(s));
			put_u(b, intern(t, s), 4);
			break;
		}
		}
	}
}

void pack_casefile(const struct casefile *cf, struct buf *out)
{
	struct strings t = {BUF_INIT, NULL, 0, 0};
	buf_append(out, "HCFP", 4);
	put_u(out, PACK_FORMAT, 4);
	put_u(out, CFA_MAX, 4);
	for (int k = 0; k < CFA_MAX; k++) {
		put_u(out, *(const size_t *)((const char *)cf + arrays[k].count_off), 4);
	}
	struct buf body = BUF_INIT;
	put_element(&body, &t, f_child, (const char *)&cf->child, false);
	for (int k = 0; k < CFA_MAX; k++) {
		const struct pk_array *a = &arrays[k];
		size_t n = *(const size_t *)((const char *)cf + a->count_off);
		const char *items = *(char *const *)((const char *)cf + a->array_off);
		for (size_t i = 0; i < n; i++) {
			put_element(&body, &t, a->fields, items + i * a->size, k == CFA_ALLOCATIONS);
		}
	}
	put_u(out, t.area.len, 4);
	buf_append(out, body.data ? body.data : "", body.len);
	buf_append(out, t.area.data ? t.area.data : "", t.area.len);
	buf_free(&body);
	buf_free(&t.area);
	free(t.slots);
}

/* ---- unpacking ---- */

static uint64_t get_u(const unsigned char *p, size_t bytes)
{
	uint64_t v = 0;
	for (size_t i = 0; i < bytes; i++) {
		v |= (uint64_t)p[i] << (8 * i);
	}
	return v;
}

static int corrupt(struct hearth_error *err, const char *why)
{
	return herr_set(err, HERR_INVALID, "casefile_pack", "corrupt", "the casefile pack is not whole: %s", why);
}

/* Reads one element of fs at p into el; strings point into area (len bytes, NUL last). */
static int get_element(const unsigned char *p, const struct pk_field *fs, const char *area, size_t len, char *el,
		       struct hearth_error *err)
{
	for (; !is_end(fs); fs++) {
		char *q = el + fs->off;
		switch (fs->kind) {
		case PK_I64: {
			int64_t v = (int64_t)get_u(p, 8);
			memcpy(q, &v, sizeof(v));
			break;
		}
		case PK_I32: {
			uint32_t u = (uint32_t)get_u(p, 4);
			if (fs->max && u >= fs->max) {
				return corrupt(err, "a kind out of its range");
			}
			int32_t v = (int32_t)u;
			memcpy(q, &v, sizeof(v));
			break;
		}
		case PK_BOOL:
			if (*p > 1) {
				return corrupt(err, "a yes/no neither 0 nor 1");
			}
			*(bool *)q = *p == 1;
			break;
		case PK_STR: {
			uint32_t off = (uint32_t)get_u(p, 4);
			const char *s = NULL;
			if (off != NO_STRING) {
				if (off >= len) {
					return corrupt(err, "a text outside the string area");
				}
				s = area + off;
			}
			memcpy(q, &s, sizeof(s));
			break;
		}
		}
		p += kind_bytes(fs->kind);
	}
	return 0;
}

int unpack_casefile(const void *blob, size_t n, struct arena *a, struct casefile *cf, struct hearth_error *err)
{
	const unsigned char *p = blob;
	size_t head = 12 + 4 * CFA_MAX + 4;
	memset(cf, 0, sizeof(*cf));
	if (!p || n < head || memcmp(p, "HCFP", 4) != 0) {
		return corrupt(err, "no pack header");
	}
	if (get_u(p + 4, 4) != PACK_FORMAT || get_u(p + 8, 4) != CFA_MAX) {
		return corrupt(err, "another format");
	}
	uint64_t counts[CFA_MAX], need = packed_size(f_child);
	for (int k = 0; k < CFA_MAX; k++) {
		counts[k] = get_u(p + 12 + 4 * k, 4);
		need += counts[k] * packed_size(arrays[k].fields); /* < 2^32 * 2^8 each: no overflow */
	}
	uint64_t slen = get_u(p + 12 + 4 * CFA_MAX, 4);
	if (head + need + slen != n) {
		return corrupt(err, "its length is not its contents'");
	}
	const unsigned char *s = p + head + need;
	if (slen && s[slen - 1] != '\0') {
		return corrupt(err, "an unterminated text");
	}
	char *area = arena_alloc(a, slen ? slen : 1);
	memcpy(area, s, slen);
	const unsigned char *at = p + head;
	int rc = get_element(at, f_child, area, slen, (char *)&cf->child, err);
	at += packed_size(f_child);
	for (int k = 0; !rc && k < CFA_MAX; k++) {
		const struct pk_array *ar = &arrays[k];
		size_t el = packed_size(ar->fields);
		char *items = NULL;
		if (counts[k]) {
			items = arena_alloc(a, ar->size * counts[k]);
			memset(items, 0, ar->size * counts[k]);
		}
		for (uint64_t i = 0; !rc && i < counts[k]; i++) {
			rc = get_element(at, ar->fields, area, slen, items + i * ar->size, err);
			at += el;
		}
		*(void **)((char *)cf + ar->array_off) = items;
		*(size_t *)((char *)cf + ar->count_off) = (size_t)counts[k];
	}
	if (rc) {
		memset(cf, 0, sizeof(*cf));
	}
	return rc;
}

static void forget(const struct pk_field *fs, char *el)
{
	for (; !is_end(fs); fs++) {
		if (fs->kind == PK_STR) {
			const char *none = NULL;
			memcpy(el + fs->off, &none, sizeof(none));
		}
	}
}

void pack_forget_texts(struct casefile *cf)
{
	forget(f_child, (char *)&cf->child);
	for (int k = 0; k < CFA_MAX; k++) {
		const struct pk_array *a = &arrays[k];
		size_t n = *(size_t *)((char *)cf + a->count_off);
		char *items = *(char **)((char *)cf + a->array_off);
		for (size_t i = 0; i < n; i++) {
			forget(a->fields, items + i * a->size);
		}
	}
}

/* ---- the layout check ---- */

static int off_cmp(const void *x, const void *y)
{
	const struct pk_field *a = x, *b = y;
	return (a->off > b->off) - (a->off < b->off);
}

static size_t mem_bytes(enum pk_kind k)
{
	return k == PK_I64 ? 8 : k == PK_BOOL ? sizeof(bool) : k == PK_STR ? sizeof(char *) : 4;
}

/* The fields sorted by offset must follow one another, with no more room between two
 * than the next one's alignment asks, and end where the struct does (but for its tail
 * padding). */
static bool covers(const struct pk_field *fs, size_t size)
{
	struct pk_field sorted[32];
	size_t n = 0;
	for (; !is_end(fs) && n < 32; fs++) {
		sorted[n++] = *fs;
	}
	qsort(sorted, n, sizeof(sorted[0]), off_cmp);
	size_t end = 0, align = 1;
	for (size_t i = 0; i < n; i++) {
		size_t b = mem_bytes(sorted[i].kind);
		if (sorted[i].off < end || sorted[i].off - end >= b) {
			return false;
		}
		end = sorted[i].off + b;
		align = b > align ? b : align;
	}
	return size >= end && size - end < align;
}

bool pack_layout_complete(const char **what)
{
	if (!covers(f_child, sizeof(struct cf_child))) {
		*what = "cf_child";
		return false;
	}
	for (int k = 0; k < CFA_MAX; k++) {
		if (!covers(arrays[k].fields, arrays[k].size)) {
			*what = arrays[k].name;
			return false;
		}
	}
	return true;
}
