/* apply: what a change to one row would do to a child's returns, before it is saved.
 *
 * returns_check_change loads the child's casefile and extras, validates them, applies the
 * row in memory (a copy of the array it belongs to, with the row added or replaced and the
 * array sorted again by its date), validates again and keeps the findings that are new.
 * The conversions from a row to a casefile element follow store/casefile.c's; only the
 * rows a return reads are applied (table apply_fns); any other row gives no findings.
 * Nothing is written; everything lives in the caller's arena. */
#include <stdlib.h>
#include <string.h>

#include "returns/internal.h"

static hdate D_(const struct hval *v)
{
	return v->null ? DATE_NONE : (hdate)v->i;
}

static const char *S_(const struct hval *v)
{
	return v->null ? NULL : v->s;
}

static int64_t I_(const struct hval *v)
{
	return v->null ? 0 : v->i;
}

static const char *YN_(const struct hval *v)
{
	return v->null ? NULL : v->i ? "1" : "0";
}

/* Copies array (n elements of size) into a with room for one more; returns the copy. */
static void *copy_array(struct arena *a, const void *arr, size_t n, size_t size)
{
	void *out = arena_alloc(a, size * (n + 1));
	if (n) {
		memcpy(out, arr, size * n);
	}
	return out;
}

/* Puts elem (whose first member is its int64_t id) into the array: replacing the element
 * with the same id, or appended; then sorted by the hdate at date_off (stable on id). */
static void put(struct arena *a, void **arr, size_t *n, size_t size, const void *elem, size_t date_off)
{
	char *c = copy_array(a, *arr, *n, size);
	int64_t id = *(const int64_t *)elem;
	size_t i = 0;
	while (i < *n && *(int64_t *)(c + i * size) != id) {
		i++;
	}
	memcpy(c + i * size, elem, size);
	if (i == *n) {
		(*n)++;
	}
	/* insertion sort: the arrays are short and nearly sorted */
	char *tmp = arena_alloc(a, size);
	for (size_t k = 1; k < *n; k++) {
		memcpy(tmp, c + k * size, size);
		hdate d = *(hdate *)(tmp + date_off);
		size_t j = k;
		while (j > 0 && *(hdate *)(c + (j - 1) * size + date_off) > d) {
			memcpy(c + j * size, c + (j - 1) * size, size);
			j--;
		}
		memcpy(c + j * size, tmp, size);
	}
	*arr = c;
}

#define PUT(cf, arr, elem, member)                                                                          \
	put(a, (void **)&(cf)->arr, &(cf)->n_##arr, sizeof(*(cf)->arr), &(elem), offsetof(__typeof__(elem), member))

static void ap_child(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	(void)id;
	(void)a;
	cf->child.upn = S_(&v[CHILD_UPN]);
	cf->child.dob = D_(&v[CHILD_DOB]);
	cf->child.expected_dob = D_(&v[CHILD_EXPECTED_DOB]);
	cf->child.death = D_(&v[CHILD_DEATH_DATE]);
	cf->child.sex = S_(&v[CHILD_SEX]);
	cf->child.ethnicity = S_(&v[CHILD_ETHNICITY]);
	cf->child.uasc = I_(&v[CHILD_UASC]) != 0;
	cf->child.la_child_id = S_(&v[CHILD_LA_CHILD_ID]);
	cf->child.upn_unknown = S_(&v[CHILD_UPN_UNKNOWN]);
	cf->child.mother = YN_(&v[CHILD_MOTHER]);
	cf->child.mc_dob = D_(&v[CHILD_MC_DOB]);
	cf->child.prev_perm = S_(&v[CHILD_PREV_PERM]);
	cf->child.prev_perm_la = S_(&v[CHILD_PREV_PERM_LA]);
	cf->child.prev_perm_date = D_(&v[CHILD_PREV_PERM_DATE]);
	cf->child.former_upn = S_(&v[CHILD_FORMER_UPN]);
	cf->child.uasc_ceased = D_(&v[CHILD_UASC_CEASED]);
}

static void ap_referral(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_referral r = {id, D_(&v[REFERRAL_REFERRAL_DATE]), D_(&v[REFERRAL_CLOSURE_DATE]), S_(&v[REFERRAL_SOURCE]),
				S_(&v[REFERRAL_PRIMARY_NEED]), S_(&v[REFERRAL_CLOSURE_REASON]), I_(&v[REFERRAL_NFA]) != 0};
	PUT(cf, referrals, r, date);
}

static void ap_assessment(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_assessment r = {id, I_(&v[ASSESSMENT_REFERRAL_ID]), D_(&v[ASSESSMENT_START_DATE]),
				  D_(&v[ASSESSMENT_AUTHORISED_DATE])};
	PUT(cf, assessments, r, start);
}

static void ap_s47(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_s47 r = {id, I_(&v[S47_REFERRAL_ID]), D_(&v[S47_STRATEGY_DATE]), D_(&v[S47_START_DATE]),
			   D_(&v[S47_ICPC_DATE]), I_(&v[S47_ICPC_NOT_REQUIRED]) != 0, I_(&v[S47_MACPT_ID])};
	PUT(cf, s47s, r, strategy);
}

static void ap_cin_plan(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_plan r = {id, I_(&v[CIN_PLAN_REFERRAL_ID]), D_(&v[CIN_PLAN_START_DATE]), D_(&v[CIN_PLAN_END_DATE]),
			    NULL, NULL, false, 0, 0};
	PUT(cf, cin_plans, r, start);
}

static void ap_cp_plan(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_plan r = {id,
			    I_(&v[CP_PLAN_REFERRAL_ID]),
			    D_(&v[CP_PLAN_START_DATE]),
			    D_(&v[CP_PLAN_END_DATE]),
			    S_(&v[CP_PLAN_CATEGORY]),
			    S_(&v[CP_PLAN_INITIAL_CATEGORY]),
			    !v[CP_PLAN_PREVIOUS_PLANS].null,
			    (int)I_(&v[CP_PLAN_PREVIOUS_PLANS]),
			    I_(&v[CP_PLAN_MACPT_ID])};
	PUT(cf, cp_plans, r, start);
}

static void ap_cp_review(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_dated r = {id, I_(&v[CP_REVIEW_CP_PLAN_ID]), D_(&v[CP_REVIEW_REVIEW_DATE]), NULL};
	PUT(cf, cp_reviews, r, date);
}

static void ap_episode(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_episode r = {id,
			       D_(&v[CLA_EPISODE_DECOM]),
			       D_(&v[CLA_EPISODE_DEC]),
			       S_(&v[CLA_EPISODE_RNE]),
			       S_(&v[CLA_EPISODE_LS]),
			       S_(&v[CLA_EPISODE_CIN]),
			       S_(&v[CLA_EPISODE_PLACE]),
			       S_(&v[CLA_EPISODE_PLACE_PROVIDER]),
			       S_(&v[CLA_EPISODE_REC]),
			       S_(&v[CLA_EPISODE_REASON_PLACE_CHANGE]),
			       I_(&v[CLA_EPISODE_LONG_TERM]) != 0,
			       S_(&v[CLA_EPISODE_HOME_POST]),
			       S_(&v[CLA_EPISODE_PL_POST]),
			       S_(&v[CLA_EPISODE_URN])};
	PUT(cf, episodes, r, start);
}

static void ap_cla_review(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_dated r = {id, 0, D_(&v[CLA_REVIEW_REVIEW_DATE]), S_(&v[CLA_REVIEW_PARTICIPATION])};
	PUT(cf, cla_reviews, r, date);
}

static void ap_missing(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_missing r = {id, I_(&v[MISSING_START_AT]), I_(&v[MISSING_END_AT]), I_(&v[MISSING_RHI_OFFERED_AT]),
			       I_(&v[MISSING_AWAY]) != 0, I_(&v[MISSING_RHI_ACCEPTED]) != 0};
	/* sorted by the start instant: put() compares the hdate-sized low word, so sort here */
	struct cf_missing *c = copy_array(a, cf->missing, cf->n_missing, sizeof(r));
	size_t i = 0;
	while (i < cf->n_missing && c[i].id != id) {
		i++;
	}
	c[i] = r;
	size_t n = cf->n_missing + (i == cf->n_missing);
	for (size_t k = 1; k < n; k++) {
		struct cf_missing t = c[k];
		size_t j = k;
		while (j > 0 && c[j - 1].start > t.start) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = t;
	}
	cf->missing = c;
	cf->n_missing = n;
}

static void ap_adoption(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_adoption r = {id,
				D_(&v[ADOPTION_DECISION_DATE]),
				D_(&v[ADOPTION_PLACEMENT_ORDER_DATE]),
				D_(&v[ADOPTION_MATCHED_DATE]),
				D_(&v[ADOPTION_PLACED_DATE]),
				D_(&v[ADOPTION_ADOPTION_ORDER_DATE]),
				D_(&v[ADOPTION_CEASED_DATE]),
				(int)I_(&v[ADOPTION_ADOPTERS_NUMBER]),
				S_(&v[ADOPTION_ADOPTERS_SEX]),
				S_(&v[ADOPTION_ADOPTERS_LEGAL_STATUS]),
				S_(&v[ADOPTION_CEASED_REASON])};
	PUT(cf, adoptions, r, decision);
}

static void ap_oc2(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_oc2 r = {id, D_(&v[CLA_OUTCOME_YEAR_END]),
			   v[CLA_OUTCOME_SDQ_SCORE].null ? -1 : (int)v[CLA_OUTCOME_SDQ_SCORE].i,
			   S_(&v[CLA_OUTCOME_SDQ_REASON]), {0}};
	for (int k = 0; k < CF_OC2_ITEM_MAX; k++) {
		r.item[k] = YN_(&v[CLA_OUTCOME_CONVICTED + k]); /* in the descriptor's order (casefile.h) */
	}
	PUT(cf, oc2, r, year_end);
}

static void ap_allocation(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	const char *k = S_(&v[ALLOCATION_KIND]);
	enum cf_allocation_kind kind = k && !strcmp(k, "pa") ? ALLOC_PERSONAL_ADVISER
				       : k && !strcmp(k, "iro") ? ALLOC_IRO
								: ALLOC_SOCIAL_WORKER;
	struct cf_allocation r = {id, I_(&v[ALLOCATION_WORKER_ID]), 0, kind, D_(&v[ALLOCATION_START_DATE]),
				  D_(&v[ALLOCATION_END_DATE]), S_(&v[ALLOCATION_REASON])};
	PUT(cf, allocations, r, start);
}

static void ap_leaver_contact(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_leaver_contact r = {id,
				      D_(&v[LEAVER_CONTACT_CONTACT_DATE]),
				      S_(&v[LEAVER_CONTACT_IN_TOUCH]),
				      S_(&v[LEAVER_CONTACT_ACCOMMODATION]),
				      S_(&v[LEAVER_CONTACT_ACTIVITY]),
				      I_(&v[LEAVER_CONTACT_SUITABLE]) != 0,
				      I_(&v[LEAVER_CONTACT_ENTITLEMENTS_EXPLAINED]) != 0};
	PUT(cf, leaver_contacts, r, date);
}

static void ap_proceedings(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_proceedings r = {id, D_(&v[PROCEEDINGS_ISSUE_DATE]), D_(&v[PROCEEDINGS_FINAL_ORDER_DATE]),
				   S_(&v[PROCEEDINGS_FINAL_ORDER]), (int)I_(&v[PROCEEDINGS_EXTENSION_WEEKS])};
	PUT(cf, proceedings, r, issued);
}

static void ap_pre_proceedings(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	struct cf_pre_proceedings r = {id,
				       D_(&v[PRE_PROCEEDINGS_START_DATE]),
				       D_(&v[PRE_PROCEEDINGS_LBP_SENT]),
				       D_(&v[PRE_PROCEEDINGS_FGDM_OFFERED]),
				       D_(&v[PRE_PROCEEDINGS_FGDM_HELD]),
				       D_(&v[PRE_PROCEEDINGS_STEP_DECISION_DATE]),
				       D_(&v[PRE_PROCEEDINGS_COURT_APP_DATE]),
				       D_(&v[PRE_PROCEEDINGS_LETTER_INIT_CP_DATE]),
				       I_(&v[PRE_PROCEEDINGS_LBP_FGDM_OFFER]) != 0,
				       I_(&v[PRE_PROCEEDINGS_FGDM_EXEMPT]) != 0,
				       S_(&v[PRE_PROCEEDINGS_OUTCOME])};
	PUT(cf, pre_proceedings, r, start);
}

static void ap_none(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a)
{
	(void)cf;
	(void)id;
	(void)v;
	(void)a;
}

/* The rows a return reads; child_disability only changes the extras. */
static const struct {
	const struct entity *e;
	void (*apply)(struct casefile *cf, int64_t id, const struct hval *v, struct arena *a);
} apply_fns[] = {
	{&entity_child, ap_child},
	{&entity_child_disability, ap_none},
	{&entity_referral, ap_referral},
	{&entity_assessment, ap_assessment},
	{&entity_s47, ap_s47},
	{&entity_cin_plan, ap_cin_plan},
	{&entity_cp_plan, ap_cp_plan},
	{&entity_cp_review, ap_cp_review},
	{&entity_cla_episode, ap_episode},
	{&entity_cla_review, ap_cla_review},
	{&entity_missing, ap_missing},
	{&entity_adoption, ap_adoption},
	{&entity_allocation, ap_allocation},
	{&entity_leaver_contact, ap_leaver_contact},
	{&entity_cla_outcome, ap_oc2},
	{&entity_proceedings, ap_proceedings},
	{&entity_pre_proceedings, ap_pre_proceedings},
};

void rx_apply_row(struct casefile *cf, const struct entity *e, int64_t id, const struct hval *v, struct arena *a)
{
	for (size_t k = 0; k < sizeof(apply_fns) / sizeof(apply_fns[0]); k++) {
		if (apply_fns[k].e == e) {
			apply_fns[k].apply(cf, id, v, a);
		}
	}
}

int returns_check_change(struct store *st, const struct entity *e, int64_t id, const struct hval *vals, int year,
			 struct arena *a, struct returns_findings *new_out, bool *refuse, struct hearth_error *err)
{
	*refuse = false;
	size_t k = 0, n_fns = sizeof(apply_fns) / sizeof(apply_fns[0]);
	while (k < n_fns && apply_fns[k].e != e) {
		k++;
	}
	int64_t child = e == &entity_child ? id : e->child_field >= 0 ? I_(&vals[e->child_field]) : 0;
	if (k == n_fns || child <= 0) {
		return 0;
	}
	struct casefile cf;
	struct returns_extras *x;
	int rc = store_casefile_load(st, child, a, &cf, err);
	if (!rc) {
		rc = returns_extras_load(st, child, a, &x, err);
	}
	if (rc) {
		return rc;
	}
	struct returns_findings before = {0}, after = {0};
	for (int r = 0; r < RETURN_KIND_MAX; r++) {
		returns_validate_child(&cf, x, (enum returns_kind)r, year, a, &before);
	}
	/* A new row gets an id no stored row has. */
	int64_t rid = id ? id : INT64_MAX;
	struct casefile changed = cf;
	apply_fns[k].apply(&changed, rid, vals, a);
	struct returns_extras *x2 = rx_extras_apply(x, e, rid, vals, a);
	for (int r = 0; r < RETURN_KIND_MAX; r++) {
		returns_validate_child(&changed, x2, (enum returns_kind)r, year, a, &after);
	}
	returns_findings_new(&before, &after, a, new_out);
	for (size_t i = 0; i < new_out->n; i++) {
		if (new_out->items[i].rule->flags & RULE_IMPOSSIBLE) {
			*refuse = true;
		}
	}
	return 0;
}
