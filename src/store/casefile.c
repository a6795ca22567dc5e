/* casefile: loading children's records as compact arrays (model/casefile.h).
 *
 * One loader per casefile array names its table, the date it sorts by (and the date that
 * ends its span, if any) and how a row becomes an element. A scan opens one statement per
 * loader, each ordered by child_id, and walks them in step with the child table, so a whole
 * county is read in one pass per table rather than one query per child.
 *
 * store_arrays_read is the other way in, for a return that wants a few arrays of a few
 * children (returns/load.c): each chosen table read once in row order, only the rows whose
 * dates overlap a window, converted straight into elements and sorted by child in memory;
 * the children's own rows are then read one by one (store_children_each), all inside one
 * read transaction, so the whole return is read from one snapshot of the record. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "model/codes.h"
#include "store/casefile_rows.h"
#include "store/internal.h"
#include "store/pack.h"

/* Row-to-element converters: v holds the row's fields in descriptor order. */
typedef void (*convert_fn)(const struct hval *v, int64_t id, void *out);

static hdate D(const struct hval *v)
{
	return v->null ? DATE_NONE : (hdate)v->i;
}

static const char *S(const struct hval *v)
{
	return v->null ? NULL : v->s;
}

static int64_t I(const struct hval *v)
{
	return v->null ? 0 : v->i;
}

/* A yes/no the record may leave blank, as casefile.h holds it. */
static const char *YN(const struct hval *v)
{
	return v->null ? NULL : v->i ? "1" : "0";
}

static void cv_contact(const struct hval *v, int64_t id, void *o)
{
	struct cf_contact *c = o;
	*c = (struct cf_contact){id, D(&v[CONTACT_CONTACT_DATE]), D(&v[CONTACT_DECISION_DATE]), S(&v[CONTACT_SOURCE]),
				 S(&v[CONTACT_DECISION])};
}

static void cv_early_help(const struct hval *v, int64_t id, void *o)
{
	struct cf_early_help *c = o;
	*c = (struct cf_early_help){id, D(&v[EARLY_HELP_START_DATE]), D(&v[EARLY_HELP_END_DATE]),
				    S(&v[EARLY_HELP_END_REASON]), I(&v[EARLY_HELP_STEP_DOWN]) != 0};
}

static void cv_referral(const struct hval *v, int64_t id, void *o)
{
	struct cf_referral *c = o;
	*c = (struct cf_referral){id,
				  D(&v[REFERRAL_REFERRAL_DATE]),
				  D(&v[REFERRAL_CLOSURE_DATE]),
				  S(&v[REFERRAL_SOURCE]),
				  S(&v[REFERRAL_PRIMARY_NEED]),
				  S(&v[REFERRAL_CLOSURE_REASON]),
				  I(&v[REFERRAL_NFA]) != 0};
}

static void cv_assessment(const struct hval *v, int64_t id, void *o)
{
	struct cf_assessment *c = o;
	*c = (struct cf_assessment){id, I(&v[ASSESSMENT_REFERRAL_ID]), D(&v[ASSESSMENT_START_DATE]),
				    D(&v[ASSESSMENT_AUTHORISED_DATE])};
}

static void cv_s47(const struct hval *v, int64_t id, void *o)
{
	struct cf_s47 *c = o;
	*c = (struct cf_s47){id,
			     I(&v[S47_REFERRAL_ID]),
			     D(&v[S47_STRATEGY_DATE]),
			     D(&v[S47_START_DATE]),
			     D(&v[S47_ICPC_DATE]),
			     I(&v[S47_ICPC_NOT_REQUIRED]) != 0,
			     I(&v[S47_MACPT_ID])};
}

static void cv_cin_plan(const struct hval *v, int64_t id, void *o)
{
	struct cf_plan *c = o;
	*c = (struct cf_plan){id, I(&v[CIN_PLAN_REFERRAL_ID]), D(&v[CIN_PLAN_START_DATE]), D(&v[CIN_PLAN_END_DATE]),
			      NULL, NULL, false, 0, 0};
}

static void cv_cp_plan(const struct hval *v, int64_t id, void *o)
{
	struct cf_plan *c = o;
	*c = (struct cf_plan){id,
			      I(&v[CP_PLAN_REFERRAL_ID]),
			      D(&v[CP_PLAN_START_DATE]),
			      D(&v[CP_PLAN_END_DATE]),
			      S(&v[CP_PLAN_CATEGORY]),
			      S(&v[CP_PLAN_INITIAL_CATEGORY]),
			      !v[CP_PLAN_PREVIOUS_PLANS].null,
			      (int)I(&v[CP_PLAN_PREVIOUS_PLANS]),
			      I(&v[CP_PLAN_MACPT_ID])};
}

static void cv_cp_review(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, I(&v[CP_REVIEW_CP_PLAN_ID]), D(&v[CP_REVIEW_REVIEW_DATE]), NULL};
}

static void cv_core_group(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, I(&v[CORE_GROUP_CP_PLAN_ID]), D(&v[CORE_GROUP_MEETING_DATE]), NULL};
}

static void cv_episode(const struct hval *v, int64_t id, void *o)
{
	struct cf_episode *c = o;
	*c = (struct cf_episode){id,
				 D(&v[CLA_EPISODE_DECOM]),
				 D(&v[CLA_EPISODE_DEC]),
				 S(&v[CLA_EPISODE_RNE]),
				 S(&v[CLA_EPISODE_LS]),
				 S(&v[CLA_EPISODE_CIN]),
				 S(&v[CLA_EPISODE_PLACE]),
				 S(&v[CLA_EPISODE_PLACE_PROVIDER]),
				 S(&v[CLA_EPISODE_REC]),
				 S(&v[CLA_EPISODE_REASON_PLACE_CHANGE]),
				 I(&v[CLA_EPISODE_LONG_TERM]) != 0,
				 S(&v[CLA_EPISODE_HOME_POST]),
				 S(&v[CLA_EPISODE_PL_POST]),
				 S(&v[CLA_EPISODE_URN])};
}

static void cv_cla_review(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, 0, D(&v[CLA_REVIEW_REVIEW_DATE]), S(&v[CLA_REVIEW_PARTICIPATION])};
}

/* visit_kind codes in the order of enum cf_visit_kind; checked by the casefile test. */
static enum cf_visit_kind visit_kind(const char *code)
{
	static const char *const names[VISIT_KIND_MAX] = {"cin", "cp", "cla", "leaver", "private_fostering",
							  "other"};
	for (int i = 0; i < VISIT_KIND_MAX; i++) {
		if (code && strcmp(code, names[i]) == 0) {
			return (enum cf_visit_kind)i;
		}
	}
	return VISIT_OTHER;
}

static void cv_visit(const struct hval *v, int64_t id, void *o)
{
	struct cf_visit *c = o;
	const char *said = S(&v[VISIT_CHILD_SAID]);
	*c = (struct cf_visit){id,
			       I(&v[VISIT_WORKER_ID]),
			       D(&v[VISIT_VISIT_DATE]),
			       visit_kind(S(&v[VISIT_KIND])),
			       I(&v[VISIT_SEEN]) != 0,
			       I(&v[VISIT_SEEN_ALONE]) != 0,
			       said && said[strspn(said, " \t\r\n")] != '\0'};
}

static void cv_health(const struct hval *v, int64_t id, void *o)
{
	struct cf_health *c = o;
	const char *k = S(&v[HEALTH_KIND]);
	enum cf_health_kind kind = k && !strcmp(k, "initial") ? HEALTH_INITIAL
				   : k && !strcmp(k, "dental") ? HEALTH_DENTAL
							       : HEALTH_REVIEW;
	*c = (struct cf_health){id, D(&v[HEALTH_DONE_DATE]), kind};
}

static void cv_education(const struct hval *v, int64_t id, void *o)
{
	struct cf_education *c = o;
	*c = (struct cf_education){id, D(&v[EDUCATION_START_DATE]), D(&v[EDUCATION_END_DATE]),
				   S(&v[EDUCATION_SCHOOL_URN]), S(&v[EDUCATION_SEN])};
}

static void cv_pep(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, 0, D(&v[PEP_PEP_DATE]), NULL};
}

static void cv_missing(const struct hval *v, int64_t id, void *o)
{
	struct cf_missing *c = o;
	*c = (struct cf_missing){id,
				 I(&v[MISSING_START_AT]),
				 I(&v[MISSING_END_AT]),
				 I(&v[MISSING_RHI_OFFERED_AT]),
				 I(&v[MISSING_AWAY]) != 0,
				 I(&v[MISSING_RHI_ACCEPTED]) != 0};
}

static void cv_proceedings(const struct hval *v, int64_t id, void *o)
{
	struct cf_proceedings *c = o;
	*c = (struct cf_proceedings){id, D(&v[PROCEEDINGS_ISSUE_DATE]), D(&v[PROCEEDINGS_FINAL_ORDER_DATE]),
				     S(&v[PROCEEDINGS_FINAL_ORDER]), (int)I(&v[PROCEEDINGS_EXTENSION_WEEKS])};
}

static void cv_permanence(const struct hval *v, int64_t id, void *o)
{
	struct cf_permanence *c = o;
	*c = (struct cf_permanence){id, D(&v[PERMANENCE_DECIDED_DATE]), S(&v[PERMANENCE_PLAN])};
}

static void cv_adoption(const struct hval *v, int64_t id, void *o)
{
	struct cf_adoption *c = o;
	*c = (struct cf_adoption){id,
				  D(&v[ADOPTION_DECISION_DATE]),
				  D(&v[ADOPTION_PLACEMENT_ORDER_DATE]),
				  D(&v[ADOPTION_MATCHED_DATE]),
				  D(&v[ADOPTION_PLACED_DATE]),
				  D(&v[ADOPTION_ADOPTION_ORDER_DATE]),
				  D(&v[ADOPTION_CEASED_DATE]),
				  (int)I(&v[ADOPTION_ADOPTERS_NUMBER]),
				  S(&v[ADOPTION_ADOPTERS_SEX]),
				  S(&v[ADOPTION_ADOPTERS_LEGAL_STATUS]),
				  S(&v[ADOPTION_CEASED_REASON])};
}

static void cv_oc2(const struct hval *v, int64_t id, void *o)
{
	struct cf_oc2 *c = o;
	*c = (struct cf_oc2){id, D(&v[CLA_OUTCOME_YEAR_END]),
			     v[CLA_OUTCOME_SDQ_SCORE].null ? -1 : (int)v[CLA_OUTCOME_SDQ_SCORE].i,
			     S(&v[CLA_OUTCOME_SDQ_REASON]), {0}};
	/* The yes/no items follow one another in the descriptor, as in enum cf_oc2_item. */
	_Static_assert(CLA_OUTCOME_INTERVENTION_OFFERED - CLA_OUTCOME_CONVICTED + 1 == CF_OC2_ITEM_MAX,
		       "cf_oc2_item follows the descriptor");
	for (int k = 0; k < CF_OC2_ITEM_MAX; k++) {
		c->item[k] = YN(&v[CLA_OUTCOME_CONVICTED + k]);
	}
}

static void cv_allocation(const struct hval *v, int64_t id, void *o)
{
	struct cf_allocation *c = o;
	const char *kc = S(&v[ALLOCATION_KIND]);
	enum cf_allocation_kind kind = kc && !strcmp(kc, "pa")	  ? ALLOC_PERSONAL_ADVISER
				       : kc && !strcmp(kc, "iro") ? ALLOC_IRO
								  : ALLOC_SOCIAL_WORKER;
	/* team_id is filled from the worker after conversion (see fill_teams). */
	*c = (struct cf_allocation){id,
				    I(&v[ALLOCATION_WORKER_ID]),
				    0,
				    kind,
				    D(&v[ALLOCATION_START_DATE]),
				    D(&v[ALLOCATION_END_DATE]),
				    S(&v[ALLOCATION_REASON])};
}

static void cv_leaver_contact(const struct hval *v, int64_t id, void *o)
{
	struct cf_leaver_contact *c = o;
	*c = (struct cf_leaver_contact){id,
					D(&v[LEAVER_CONTACT_CONTACT_DATE]),
					S(&v[LEAVER_CONTACT_IN_TOUCH]),
					S(&v[LEAVER_CONTACT_ACCOMMODATION]),
					S(&v[LEAVER_CONTACT_ACTIVITY]),
					I(&v[LEAVER_CONTACT_SUITABLE]) != 0,
					I(&v[LEAVER_CONTACT_ENTITLEMENTS_EXPLAINED]) != 0};
}

static void cv_pathway_plan(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, 0, D(&v[PATHWAY_PLAN_REVIEW_DATE]), NULL};
}

static void cv_supervision(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, I(&v[SUPERVISION_WORKER_ID]), D(&v[SUPERVISION_SUPERVISION_DATE]), NULL};
}

static void cv_task(const struct hval *v, int64_t id, void *o)
{
	struct cf_task *c = o;
	*c = (struct cf_task){id,
			      I(&v[TASK_WORKER_ID]),
			      I(&v[TASK_SET_BY]),
			      I(&v[TASK_SUPERVISION_ID]),
			      D(&v[TASK_SET_DATE]),
			      D(&v[TASK_DUE_DATE]),
			      D(&v[TASK_DONE_DATE]),
			      S(&v[TASK_WHAT]),
			      S(&v[TASK_DONE_BY_VISIT])};
}

static void cv_pre_proceedings(const struct hval *v, int64_t id, void *o)
{
	struct cf_pre_proceedings *c = o;
	*c = (struct cf_pre_proceedings){id,
					 D(&v[PRE_PROCEEDINGS_START_DATE]),
					 D(&v[PRE_PROCEEDINGS_LBP_SENT]),
					 D(&v[PRE_PROCEEDINGS_FGDM_OFFERED]),
					 D(&v[PRE_PROCEEDINGS_FGDM_HELD]),
					 D(&v[PRE_PROCEEDINGS_STEP_DECISION_DATE]),
					 D(&v[PRE_PROCEEDINGS_COURT_APP_DATE]),
					 D(&v[PRE_PROCEEDINGS_LETTER_INIT_CP_DATE]),
					 I(&v[PRE_PROCEEDINGS_LBP_FGDM_OFFER]) != 0,
					 I(&v[PRE_PROCEEDINGS_FGDM_EXEMPT]) != 0,
					 S(&v[PRE_PROCEEDINGS_OUTCOME])};
}

static void cv_pp_meeting(const struct hval *v, int64_t id, void *o)
{
	struct cf_dated *c = o;
	*c = (struct cf_dated){id, I(&v[PP_MEETING_PRE_PROCEEDINGS_ID]), D(&v[PP_MEETING_MEETING_DATE]),
			       S(&v[PP_MEETING_KIND])};
}

static void cv_kinship(const struct hval *v, int64_t id, void *o)
{
	struct cf_kinship *c = o;
	*c = (struct cf_kinship){id,
				 D(&v[KINSHIP_START_DATE]),
				 D(&v[KINSHIP_END_DATE]),
				 D(&v[KINSHIP_OFFER_DATE]),
				 S(&v[KINSHIP_KIND]),
				 S(&v[KINSHIP_OFFER_VERSION]),
				 I(&v[KINSHIP_ALLOWANCE]) != 0,
				 I(&v[KINSHIP_SUPPORT_PACKAGE]) != 0};
}

static void cv_dolo(const struct hval *v, int64_t id, void *o)
{
	struct cf_dolo *c = o;
	*c = (struct cf_dolo){id, D(&v[DOLO_START_DATE]), D(&v[DOLO_END_DATE])};
}

static void cv_authorisation(const struct hval *v, int64_t id, void *o)
{
	struct cf_authorisation *c = o;
	*c = (struct cf_authorisation){id,
				       I(&v[AUTHORISATION_RECORD_ID]),
				       D(&v[AUTHORISATION_ASKED_DATE]),
				       D(&v[AUTHORISATION_DECIDED_DATE]),
				       S(&v[AUTHORISATION_POINT]),
				       S(&v[AUTHORISATION_RECORD_KIND]),
				       S(&v[AUTHORISATION_STATE])};
}

static void cv_family_help(const struct hval *v, int64_t id, void *o)
{
	struct cf_family_help *c = o;
	*c = (struct cf_family_help){id,
				     D(&v[FAMILY_HELP_START_DATE]),
				     D(&v[FAMILY_HELP_END_DATE]),
				     S(&v[FAMILY_HELP_LEVEL]),
				     S(&v[FAMILY_HELP_LEAD_AGENCY]),
				     I(&v[FAMILY_HELP_REFERRAL_ID]),
				     I(&v[FAMILY_HELP_LEAD_WORKER_ID])};
}

struct loader {
	const struct entity *e;
	int sort_field;		/* the date the array is ordered by */
	int end_field;		/* the date its span ends (blank: open), or -1: a single date */
	convert_fn convert;
	size_t size;		/* element size */
	size_t array_off, count_off;	/* where the array and its count live in struct casefile */
};

#define L(cfa, ent, sort, end, fn, type, arr)                                                      \
	[cfa] = {&entity_##ent, sort, end, fn, sizeof(type), offsetof(struct casefile, arr),       \
		 offsetof(struct casefile, n_##arr)}

static const struct loader loaders[CFA_MAX] = {
	L(CFA_CONTACTS, contact, CONTACT_CONTACT_DATE, CONTACT_DECISION_DATE, cv_contact, struct cf_contact, contacts),
	L(CFA_EARLY_HELP, early_help, EARLY_HELP_START_DATE, EARLY_HELP_END_DATE, cv_early_help,
	  struct cf_early_help, early_help),
	L(CFA_REFERRALS, referral, REFERRAL_REFERRAL_DATE, REFERRAL_CLOSURE_DATE, cv_referral, struct cf_referral,
	  referrals),
	L(CFA_ASSESSMENTS, assessment, ASSESSMENT_START_DATE, ASSESSMENT_AUTHORISED_DATE, cv_assessment,
	  struct cf_assessment, assessments),
	L(CFA_S47S, s47, S47_STRATEGY_DATE, S47_ICPC_DATE, cv_s47, struct cf_s47, s47s),
	L(CFA_CIN_PLANS, cin_plan, CIN_PLAN_START_DATE, CIN_PLAN_END_DATE, cv_cin_plan, struct cf_plan, cin_plans),
	L(CFA_CP_PLANS, cp_plan, CP_PLAN_START_DATE, CP_PLAN_END_DATE, cv_cp_plan, struct cf_plan, cp_plans),
	L(CFA_CP_REVIEWS, cp_review, CP_REVIEW_REVIEW_DATE, -1, cv_cp_review, struct cf_dated, cp_reviews),
	L(CFA_CORE_GROUPS, core_group, CORE_GROUP_MEETING_DATE, -1, cv_core_group, struct cf_dated, core_groups),
	L(CFA_EPISODES, cla_episode, CLA_EPISODE_DECOM, CLA_EPISODE_DEC, cv_episode, struct cf_episode, episodes),
	L(CFA_CLA_REVIEWS, cla_review, CLA_REVIEW_REVIEW_DATE, -1, cv_cla_review, struct cf_dated, cla_reviews),
	L(CFA_VISITS, visit, VISIT_VISIT_DATE, -1, cv_visit, struct cf_visit, visits),
	L(CFA_HEALTH, health, HEALTH_DONE_DATE, -1, cv_health, struct cf_health, health),
	L(CFA_EDUCATION, education, EDUCATION_START_DATE, EDUCATION_END_DATE, cv_education, struct cf_education,
	  education),
	L(CFA_PEPS, pep, PEP_PEP_DATE, -1, cv_pep, struct cf_dated, peps),
	L(CFA_MISSING, missing, MISSING_START_AT, MISSING_END_AT, cv_missing, struct cf_missing, missing),
	L(CFA_PROCEEDINGS, proceedings, PROCEEDINGS_ISSUE_DATE, PROCEEDINGS_FINAL_ORDER_DATE, cv_proceedings,
	  struct cf_proceedings, proceedings),
	L(CFA_PERMANENCE, permanence, PERMANENCE_DECIDED_DATE, -1, cv_permanence, struct cf_permanence, permanence),
	L(CFA_ADOPTIONS, adoption, ADOPTION_DECISION_DATE, ADOPTION_CEASED_DATE, cv_adoption, struct cf_adoption,
	  adoptions),
	L(CFA_ALLOCATIONS, allocation, ALLOCATION_START_DATE, ALLOCATION_END_DATE, cv_allocation,
	  struct cf_allocation, allocations),
	L(CFA_LEAVER_CONTACTS, leaver_contact, LEAVER_CONTACT_CONTACT_DATE, -1, cv_leaver_contact,
	  struct cf_leaver_contact, leaver_contacts),
	L(CFA_PATHWAY_PLANS, pathway_plan, PATHWAY_PLAN_REVIEW_DATE, -1, cv_pathway_plan, struct cf_dated,
	  pathway_plans),
	L(CFA_OC2, cla_outcome, CLA_OUTCOME_YEAR_END, -1, cv_oc2, struct cf_oc2, oc2),
	L(CFA_SUPERVISIONS, supervision, SUPERVISION_SUPERVISION_DATE, -1, cv_supervision, struct cf_dated,
	  supervisions),
	L(CFA_TASKS, task, TASK_SET_DATE, TASK_DONE_DATE, cv_task, struct cf_task, tasks),
	L(CFA_PRE_PROCEEDINGS, pre_proceedings, PRE_PROCEEDINGS_START_DATE, PRE_PROCEEDINGS_STEP_DECISION_DATE,
	  cv_pre_proceedings, struct cf_pre_proceedings, pre_proceedings),
	L(CFA_PP_MEETINGS, pp_meeting, PP_MEETING_MEETING_DATE, -1, cv_pp_meeting, struct cf_dated, pp_meetings),
	L(CFA_KINSHIP, kinship, KINSHIP_START_DATE, KINSHIP_END_DATE, cv_kinship, struct cf_kinship, kinship),
	L(CFA_DOLOS, dolo, DOLO_START_DATE, DOLO_END_DATE, cv_dolo, struct cf_dolo, dolos),
	L(CFA_AUTHORISATIONS, authorisation, AUTHORISATION_ASKED_DATE, -1, cv_authorisation, struct cf_authorisation,
	  authorisations),
	L(CFA_FAMILY_HELP, family_help, FAMILY_HELP_START_DATE, FAMILY_HELP_END_DATE, cv_family_help,
	  struct cf_family_help, family_help),
};
#undef L
#define N_LOADERS CFA_MAX

/* ---- the converters for rows read elsewhere (casefile_rows.h) ---- */

int store_cf_array_of(const struct entity *e)
{
	for (int k = 0; k < N_LOADERS; k++) {
		if (loaders[k].e == e) {
			return k;
		}
	}
	return -1;
}

/* A row's place in its array: the array's date (a blank first, as SQLite orders NULLs),
 * then id. */
struct cf_key {
	int64_t date, id;
	size_t index;
};

static int cf_key_cmp(const void *p, const void *q)
{
	const struct cf_key *x = p, *y = q;
	if (x->date != y->date) {
		return x->date < y->date ? -1 : 1;
	}
	return (x->id > y->id) - (x->id < y->id);
}

void store_cf_array(int k, const int64_t *ids, struct hval *const *rows, size_t n, struct arena *a,
		    struct casefile *cf)
{
	const struct loader *l = &loaders[k];
	struct cf_key *keys = arena_alloc(a, sizeof(*keys) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		const struct hval *d = &rows[i][l->sort_field];
		keys[i] = (struct cf_key){d->null ? INT64_MIN : d->i, ids[i], i};
	}
	qsort(keys, n, sizeof(*keys), cf_key_cmp);
	char *items = arena_alloc(a, l->size * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		l->convert(rows[keys[i].index], keys[i].id, items + i * l->size);
	}
	*(void **)((char *)cf + l->array_off) = items;
	*(size_t *)((char *)cf + l->count_off) = n;
}

/* Reads column col of the current row into v: text is copied into a, codes point at the
 * code tables (so a county's worth of rows costs no copies for them). The store's own
 * read_value does the same job for rows it hands out; this one serves the scans, whose rows
 * live in a buffer on the stack and never need an hval array of their own. list: the code
 * list of a code field when the caller has looked it up once for many rows, else NULL;
 * memo (may be NULL): the code this column gave last, tried first (a column's codes repeat
 * from row to row: C2, N1, PR1...). A column held as text is read with one call: both
 * drivers' db_col_text give NULL for a NULL. */
static void read_col(struct db_stmt *s, int col, const struct field *f, const struct codelist *list,
		     const struct code **memo, struct arena *a, struct hval *v)
{
	memset(v, 0, sizeof(*v));
	if (f->type == FT_BOOL || f->type == FT_INT || f->type == FT_REF || f->type == FT_REAL) {
		if (db_col_null(s, col)) {
			v->null = true;
		} else if (f->type == FT_REAL) {
			v->r = db_col_real(s, col);
		} else {
			v->i = db_col_int(s, col);
		}
		return;
	}
	const char *t = db_col_text(s, col);
	if (!t) {
		v->null = true;
		return;
	}
	switch (f->type) {
	case FT_DATE: {
		hdate d;
		v->null = date_parse(t, &d) != 0;
		v->i = d;
		break;
	}
	case FT_INSTANT: {
		hinstant i;
		v->null = instant_parse(t, &i) != 0;
		v->i = i;
		break;
	}
	case FT_CODE: {
		const struct code *k = memo && *memo && strcmp((*memo)->code, t) == 0
					       ? *memo
					       : code_find(list ? list : codelist_find(f->arg), t);
		if (memo && k) {
			*memo = k;
		}
		v->s = k ? k->code : arena_strdup(a, t);
		break;
	}
	default:
		v->s = arena_strdup(a, t);
		break;
	}
}

/* The most fields any table has: a row read by a scan lives in a buffer of this size. */
#define MAX_FIELDS 32

/* The code list of each of e's fields (NULL for the others), looked up once per read. */
static void field_lists(const struct entity *e, const struct codelist *lists[MAX_FIELDS])
{
	for (int i = 0; i < e->n_fields; i++) {
		lists[i] = e->fields[i].type == FT_CODE ? codelist_find(e->fields[i].arg) : NULL;
	}
}

/* A cursor over one loader's statement, one row ahead. */
struct cursor {
	const struct loader *l;
	struct db_stmt *s;
	bool has_row;
	bool cached;		/* the statement belongs to the store's cache: reset, not finalized */
	int64_t child_id;
	size_t n, cap;
	void *items;
};

static int cursor_first(struct cursor *c, struct hearth_error *err);

/* A cursor's statement finalized, or, when it is the store's (cached), reset for next time. */
static void cursor_close(struct cursor *c)
{
	if (!c->s) {
		return;
	}
	if (c->cached) {
		db_reset(c->s);
	} else {
		db_finalize(c->s);
	}
}

/* Binds a scan's conditions on the child, in order: the one child, the first id, the id
 * past the last (each only when not 0, as the statement was written). */
/* Binds a scan's child conditions from parameter k on (those of them that are set). */
static void bind_ids(struct db_stmt *s, int k, int64_t only, int64_t from, int64_t below)
{
	if (only) {
		db_bind_int(s, k++, only);
	}
	if (from) {
		db_bind_int(s, k++, from);
	}
	if (below) {
		db_bind_int(s, k++, below);
	}
}

/* A blank date sorts first on both engines, as SQLite orders them (and as a single child's
 * load does): PostgreSQL puts NULLs last unless told. */
static const char *nulls_first(struct db *db)
{
	return strcmp(db_engine(db), "postgresql") == 0 ? " NULLS FIRST" : "";
}

/* Opens a loader's cursor as the scan's filter asks (NULL: every child): one child, or the
 * children whose ids are in [id_from, id_below) (0: that side open; a thread's part of a
 * split scan). cursor_close after. */
static int cursor_open(struct db *db, const struct loader *l, const struct store_filter *f, struct cursor *c,
		       struct hearth_error *err)
{
	int64_t child_id = f ? f->child_id : 0;
	int64_t from = f && !child_id ? f->id_from : 0, below = f && !child_id ? f->id_below : 0;
	const struct entity *e = l->e;
	memset(c, 0, sizeof(*c));
	c->l = l;
	struct buf b = BUF_INIT;
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < e->n_fields; i++) {
		buf_printf(&b, ", %s", e->fields[i].name);
	}
	buf_printf(&b, " FROM %s WHERE voided = 0%s%s%s ORDER BY child_id, %s%s, id", e->name,
		   child_id ? " AND child_id = ?" : "", from ? " AND child_id >= ?" : "", below ? " AND child_id < ?" : "",
		   e->fields[l->sort_field].name, nulls_first(db));
	int rc = db_prepare(db, buf_cstr(&b), &c->s, err);
	buf_free(&b);
	if (rc) {
		return rc;
	}
	bind_ids(c->s, 1, child_id, from, below);
	return cursor_first(c, err);
}

/* Reads a cursor's first row (its statement bound, and maybe sent). */
static int cursor_first(struct cursor *c, struct hearth_error *err)
{
	int rc = db_step(c->s, err);
	if (rc < 0) {
		return rc;
	}
	c->has_row = rc == 1;
	if (c->has_row) {
		c->child_id = db_col_int(c->s, 1 + c->l->e->child_field);
	}
	return 0;
}

/* Converts the rows of child_id at the cursor into the casefile's array. */
static int cursor_take(struct cursor *c, int64_t child_id, struct casefile *cf, struct arena *a,
		       struct hearth_error *err)
{
	const struct entity *e = c->l->e;
	c->n = 0;
	c->cap = 0;
	c->items = NULL;
	struct hval vals[MAX_FIELDS];
	while (c->has_row && c->child_id <= child_id) {
		if (c->child_id == child_id) {
			if (c->n == c->cap) {
				size_t ncap = c->cap ? c->cap * 2 : 8;
				c->items = arena_grow(a, c->items, c->n, ncap, c->l->size);
				c->cap = ncap;
			}
			int64_t id = db_col_int(c->s, 0);
			for (int i = 0; i < e->n_fields; i++) {
				read_col(c->s, i + 1, &e->fields[i], NULL, NULL, a, &vals[i]);
			}
			c->l->convert(vals, id, (char *)c->items + c->n * c->l->size);
			c->n++;
		}
		int rc = db_step(c->s, err);
		if (rc < 0) {
			return rc;
		}
		c->has_row = rc == 1;
		if (c->has_row) {
			c->child_id = db_col_int(c->s, 1 + e->child_field);
		}
	}
	*(void **)((char *)cf + c->l->array_off) = c->items;
	*(size_t *)((char *)cf + c->l->count_off) = c->n;
	return 0;
}

void store_cf_child(const struct hval *v, int64_t id, struct cf_child *c)
{
	*c = (struct cf_child){id,
			       S(&v[CHILD_LA_CHILD_ID]),
			       S(&v[CHILD_UPN]),
			       S(&v[CHILD_GIVEN_NAME]),
			       S(&v[CHILD_FAMILY_NAME]),
			       D(&v[CHILD_DOB]),
			       D(&v[CHILD_EXPECTED_DOB]),
			       D(&v[CHILD_DEATH_DATE]),
			       S(&v[CHILD_SEX]),
			       S(&v[CHILD_ETHNICITY]),
			       I(&v[CHILD_UASC]) != 0,
			       I(&v[CHILD_RESTRICTED]) != 0,
			       S(&v[CHILD_UPN_UNKNOWN]),
			       YN(&v[CHILD_MOTHER]),
			       D(&v[CHILD_MC_DOB]),
			       S(&v[CHILD_PREV_PERM]),
			       S(&v[CHILD_PREV_PERM_LA]),
			       D(&v[CHILD_PREV_PERM_DATE]),
			       S(&v[CHILD_FORMER_UPN]),
			       D(&v[CHILD_UASC_CEASED])};
}

/* worker id -> team id, for allocations. */
struct team_map {
	int64_t *team_of;	/* indexed by worker id */
	int64_t max_id;
};

/* The live workers' teams (a worker since voided has none, as store_all_rows leaves it
 * out), two columns rather than every worker's whole row. */
static int team_map_load(struct store *st, struct arena *a, struct team_map *m, struct hearth_error *err)
{
	struct db_stmt *s;
	int rc = db_prepare(store_db(st), "SELECT id, team_id FROM worker WHERE voided = 0 ORDER BY id", &s, err);
	if (rc) {
		return rc;
	}
	size_t n = 0, cap = 0;
	int64_t(*rows)[2] = NULL;
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			rows = arena_grow(a, rows, n, cap = cap ? cap * 2 : 256, sizeof(*rows));
		}
		rows[n][0] = db_col_int(s, 0);
		rows[n][1] = db_col_null(s, 1) ? 0 : db_col_int(s, 1);
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		return rc;
	}
	m->max_id = n ? rows[n - 1][0] : 0;
	m->team_of = arena_alloc(a, sizeof(int64_t) * (size_t)(m->max_id + 1));
	memset(m->team_of, 0, sizeof(int64_t) * (size_t)(m->max_id + 1));
	for (size_t i = 0; i < n; i++) {
		m->team_of[rows[i][0]] = rows[i][1];
	}
	return 0;
}

static void fill_teams(const struct team_map *m, struct casefile *cf)
{
	for (size_t i = 0; i < cf->n_allocations; i++) {
		int64_t w = cf->allocations[i].worker_id;
		cf->allocations[i].team_id = w > 0 && w <= m->max_id ? m->team_of[w] : 0;
	}
}

/* Whether the child has a live social worker or PA allocation on the filter's date to the
 * filter's worker or a worker in its team. An allocation covers [start, end). */
static bool filter_match(const struct store_filter *f, const struct casefile *cf)
{
	if (!f || (!f->worker_id && !f->team_id)) {
		return true;
	}
	for (size_t i = 0; i < cf->n_allocations; i++) {
		const struct cf_allocation *al = &cf->allocations[i];
		if (al->kind == ALLOC_IRO || al->start > f->as_at || (al->end != DATE_NONE && al->end <= f->as_at)) {
			continue;
		}
		if ((f->worker_id && al->worker_id == f->worker_id) || (f->team_id && al->team_id == f->team_id)) {
			return true;
		}
	}
	return false;
}

/* A loader's cursor over the rows of a set of children (ids sorted, n at most SET_CHUNK).
 * The statement always has SET_CHUNK places, those past n bound to NULL (which no child_id
 * equals), so that one statement per loader serves every chunk: with a cache (the store's)
 * it is prepared once and kept there, and the caller resets instead of finalizing. */
#define SET_CHUNK 256
static int cursor_open_set(struct db *db, const struct loader *l, const int64_t *ids, size_t n,
			   struct db_stmt **cache, struct cursor *c, struct hearth_error *err)
{
	const struct entity *e = l->e;
	memset(c, 0, sizeof(*c));
	c->l = l;
	c->cached = cache != NULL;
	int rc;
	if (cache && *cache) {
		db_reset(*cache);
		c->s = *cache;
	} else {
		struct buf b = BUF_INIT;
		buf_puts(&b, "SELECT id");
		for (int i = 0; i < e->n_fields; i++) {
			buf_printf(&b, ", %s", e->fields[i].name);
		}
		buf_printf(&b, " FROM %s WHERE voided = 0 AND child_id IN (", e->name);
		for (size_t i = 0; i < SET_CHUNK; i++) {
			buf_puts(&b, i ? ", ?" : "?");
		}
		buf_printf(&b, ") ORDER BY child_id, %s%s, id", e->fields[l->sort_field].name, nulls_first(db));
		rc = db_prepare(db, buf_cstr(&b), &c->s, err);
		buf_free(&b);
		if (rc) {
			return rc;
		}
		if (cache) {
			*cache = c->s;
		}
	}
	for (size_t i = 0; i < SET_CHUNK; i++) {
		if (i < n) {
			db_bind_int(c->s, (int)i + 1, ids[i]);
		} else {
			db_bind_null(c->s, (int)i + 1);
		}
	}
	return db_send(c->s, err); /* read by cursor_first, once every statement is sent */
}

/* The children's own rows of a set (ids sorted), in id order, sent like the loaders'. */
static int children_open_set(struct db *db, const int64_t *ids, size_t n, struct db_stmt **out,
			     struct hearth_error *err)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < entity_child.n_fields; i++) {
		buf_printf(&b, ", %s", entity_child.fields[i].name);
	}
	buf_puts(&b, " FROM child WHERE voided = 0 AND id IN (");
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, i ? ", ?" : "?");
	}
	buf_puts(&b, ") ORDER BY id");
	int rc = db_prepare(db, buf_cstr(&b), out, err);
	buf_free(&b);
	if (rc) {
		*out = NULL;
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		db_bind_int(*out, (int)i + 1, ids[i]);
	}
	return db_send(*out, err);
}

int store_casefiles_each(struct store *st, const int64_t *ids, size_t n, store_casefile_fn fn, void *ctx,
			 struct hearth_error *err)
{
	return store_casefiles_each_in(st, ids, n, NULL, fn, ctx, err);
}

int store_casefiles_each_in(struct store *st, const int64_t *ids, size_t n, struct arena *keep, store_casefile_fn fn,
			    void *ctx, struct hearth_error *err)
{
	struct db *db = store_db(st);
	struct arena shared = ARENA_INIT, per_child = ARENA_INIT;
	struct arena *ca = keep ? keep : &per_child; /* where each casefile lives */
	struct team_map teams;
	bool own_cache = !st->casefile_set_busy;
	st->casefile_set_busy = true;
	int rc = team_map_load(st, &shared, &teams, err);
	for (size_t at = 0; !rc && at < n; at += SET_CHUNK) {
		size_t k = n - at < SET_CHUNK ? n - at : SET_CHUNK;
		struct cursor cur[N_LOADERS];
		struct db_stmt *children = NULL;
		int opened = 0;
		/* Every statement of the chunk prepared and sent, then read: on PostgreSQL the
		 * chunk's rows come in one round trip after the prepares. */
		rc = children_open_set(db, ids + at, k, &children, err);
		while (!rc && opened < N_LOADERS) {
			rc = cursor_open_set(db, &loaders[opened], ids + at, k, own_cache ? &st->casefile_set[opened] : NULL,
					     &cur[opened], err);
			opened++;
		}
		for (int l = 0; !rc && l < opened; l++) {
			rc = cursor_first(&cur[l], err);
		}
		int crc = rc ? 0 : db_step(children, err);
		if (crc < 0) {
			rc = crc;
		}
		for (size_t i = 0; !rc && i < k; i++) {
			struct casefile cf;
			int64_t id = ids[at + i];
			while (crc == 1 && db_col_int(children, 0) < id) {
				if ((crc = db_step(children, err)) < 0) {
					rc = crc;
				}
			}
			if (crc != 1 || db_col_int(children, 0) != id) {
				continue; /* voided or gone: its rows are passed over by the next child */
			}
			int64_t got;
			memset(&cf, 0, sizeof(cf));
			store_cf_child(store_read_row(children, &entity_child, ca, &got), id, &cf.child);
			for (int l = 0; !rc && l < N_LOADERS; l++) {
				rc = cursor_take(&cur[l], cf.child.id, &cf, ca, err);
			}
			if (!rc) {
				fill_teams(&teams, &cf);
				rc = fn(ctx, &cf);
			}
			if (!keep) {
				arena_reset(&per_child);
			}
		}
		for (int l = 0; l < opened; l++) {
			cursor_close(&cur[l]);
		}
		db_finalize(children);
	}
	if (own_cache) {
		st->casefile_set_busy = false;
	}
	arena_free(&per_child);
	arena_free(&shared);
	return rc;
}

/* The scan from the rows: a cursor per table, walked in step with the children. */
int store_casefiles_scan_rows(struct store *st, const struct store_filter *filter, store_casefile_fn fn, void *ctx,
		     struct hearth_error *err)
{
	struct db *db = store_db(st);
	struct cursor cur[N_LOADERS];
	struct arena shared = ARENA_INIT, per_child = ARENA_INIT;
	struct team_map teams;
	int64_t only = filter ? filter->child_id : 0;
	int opened = 0, rc;
	struct db_stmt *children = NULL;

	if ((rc = team_map_load(st, &shared, &teams, err))) {
		goto done;
	}
	for (; opened < N_LOADERS; opened++) {
		if ((rc = cursor_open(db, &loaders[opened], filter, &cur[opened], err))) {
			goto done;
		}
	}
	struct buf b = BUF_INIT;
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < entity_child.n_fields; i++) {
		buf_printf(&b, ", %s", entity_child.fields[i].name);
	}
	int64_t from = only || !filter ? 0 : filter->id_from, below = only || !filter ? 0 : filter->id_below;
	buf_printf(&b, " FROM child WHERE voided = 0%s%s%s ORDER BY id", only ? " AND id = ?" : "",
		   from ? " AND id >= ?" : "", below ? " AND id < ?" : "");
	rc = db_prepare(db, buf_cstr(&b), &children, err);
	buf_free(&b);
	if (rc) {
		goto done;
	}
	bind_ids(children, 1, only, from, below);
	while ((rc = db_step(children, err)) == 1) {
		struct casefile cf;
		memset(&cf, 0, sizeof(cf));
		struct hval v[CHILD__COUNT];
		for (int i = 0; i < entity_child.n_fields; i++) {
			read_col(children, i + 1, &entity_child.fields[i], NULL, NULL, &per_child, &v[i]);
		}
		store_cf_child(v, db_col_int(children, 0), &cf.child);
		for (int k = 0; k < N_LOADERS; k++) {
			if ((rc = cursor_take(&cur[k], cf.child.id, &cf, &per_child, err))) {
				goto done;
			}
		}
		fill_teams(&teams, &cf);
		if (filter_match(filter, &cf)) {
			rc = fn(ctx, &cf);
			if (rc) {
				goto done;
			}
		}
		arena_reset(&per_child);
	}
done:
	db_finalize(children);
	for (int k = 0; k < opened; k++) {
		db_finalize(cur[k].s);
	}
	arena_free(&per_child);
	arena_free(&shared);
	return rc;
}

/* ---- one child (store_casefile_load) ----
 * Every statement the child's casefile needs is prepared once per connection (the store's
 * casefile_one cache), bound and sent before any is read: on PostgreSQL they travel in one
 * pipeline, so a casefile is one round trip whatever the number of tables; on SQLite
 * db_send does nothing and each runs at its first step. The rows are decoded by the same
 * code on both (store_read_row for the child, read_col and the converters for the arrays).
 * A blank date sorts first on both engines (SQLite's order), not last (PostgreSQL's). */
enum { ONE_CHILD = N_LOADERS, ONE_TEAMS, ONE_MAX };
_Static_assert(ONE_MAX <= 64, "the store keeps a statement per loader, the child's and the teams'");

static int one_prepare(struct store *st, int k, struct hearth_error *err)
{
	struct db_stmt **cache = &st->casefile_one[k];
	if (*cache) {
		db_reset(*cache);
		return 0;
	}
	struct buf b = BUF_INIT;
	if (k == ONE_CHILD) {
		buf_puts(&b, "SELECT id");
		for (int i = 0; i < entity_child.n_fields; i++) {
			buf_printf(&b, ", %s", entity_child.fields[i].name);
		}
		buf_puts(&b, " FROM child WHERE id = ? AND voided = 0"); /* as store_get reads it */
	} else if (k == ONE_TEAMS) {
		/* The live workers of the child's allocations, with their teams (store_get of each
		 * worker, in one statement; a worker allocated twice comes twice). */
		buf_puts(&b, "SELECT w.id, w.team_id FROM allocation a JOIN worker w ON w.id = a.worker_id WHERE "
			     "a.voided = 0 AND a.child_id = ? AND w.voided = 0");
	} else {
		const struct loader *l = &loaders[k];
		const char *sort = l->e->fields[l->sort_field].name;
		buf_puts(&b, "SELECT id");
		for (int i = 0; i < l->e->n_fields; i++) {
			buf_printf(&b, ", %s", l->e->fields[i].name);
		}
		buf_printf(&b, " FROM %s WHERE voided = 0 AND child_id = ? ORDER BY CASE WHEN %s IS NULL THEN 0 ELSE 1 END, %s, id",
			   l->e->name, sort, sort);
	}
	int rc = db_prepare(store_db(st), buf_cstr(&b), cache, err);
	buf_free(&b);
	if (rc) {
		*cache = NULL;
	}
	return rc;
}

struct worker_team {
	int64_t worker, team;
};

static void one_wanted(uint64_t arrays, bool want[ONE_MAX])
{
	memset(want, 0, sizeof(bool) * ONE_MAX);
	want[ONE_CHILD] = true;
	for (int k = 0; k < N_LOADERS; k++) {
		want[k] = (arrays >> k) & 1;
	}
	want[ONE_TEAMS] = want[CFA_ALLOCATIONS];
}

int store_casefile_send_some(struct store *st, int64_t child_id, uint64_t arrays, struct hearth_error *err)
{
	struct db_stmt **one = st->casefile_one;
	bool want[ONE_MAX];
	one_wanted(arrays, want);
	int rc = 0;
	/* Prepared first (a first use prepares, which is a round trip of its own), then sent. */
	for (int k = 0; !rc && k < ONE_MAX; k++) {
		if (want[k]) {
			rc = one_prepare(st, k, err);
		}
	}
	for (int k = 0; !rc && k < ONE_MAX; k++) {
		if (want[k]) {
			db_bind_int(one[k], 1, child_id);
			rc = db_send(one[k], err);
		}
	}
	st->casefile_sent_child = rc ? 0 : child_id;
	st->casefile_sent_arrays = arrays;
	if (rc) {
		store_casefile_discard(st);
	}
	return rc;
}

void store_casefile_discard(struct store *st)
{
	bool want[ONE_MAX];
	one_wanted(st->casefile_sent_arrays, want);
	for (int k = 0; k < ONE_MAX; k++) {
		if (want[k] && st->casefile_one[k]) {
			db_reset(st->casefile_one[k]);
		}
	}
	st->casefile_sent_child = 0;
}

int store_casefile_load_some(struct store *st, int64_t child_id, uint64_t arrays, struct arena *a,
			     struct casefile *out, struct hearth_error *err)
{
	memset(out, 0, sizeof(*out));
	int rc = 0;
	if ((st->casefile_sent_child != child_id || st->casefile_sent_arrays != arrays) &&
	    (rc = store_casefile_send_some(st, child_id, arrays, err))) {
		return rc;
	}
	struct db_stmt **one = st->casefile_one;
	bool want[ONE_MAX];
	one_wanted(arrays, want);
	rc = db_step(one[ONE_CHILD], err);
	if (rc == 1) {
		int64_t id;
		store_cf_child(store_read_row(one[ONE_CHILD], &entity_child, a, &id), child_id, &out->child);
		rc = 0;
	} else if (rc == 0) {
		rc = herr_set(err, HERR_NOT_FOUND, "id", "not_found", "there is no %s with id %lld", entity_child.label,
			      (long long)child_id);
	}
	for (int k = 0; !rc && k < N_LOADERS; k++) {
		if (!want[k]) {
			continue;
		}
		struct cursor c;
		memset(&c, 0, sizeof(c));
		c.l = &loaders[k];
		c.s = one[k];
		if ((rc = cursor_first(&c, err)) == 0) {
			rc = cursor_take(&c, child_id, out, a, err);
		}
	}
	if (!rc && want[ONE_TEAMS]) {
		/* The allocations' teams: a removed worker (absent here) has none. */
		size_t n = 0, cap = 0;
		struct worker_team *wt = NULL;
		while ((rc = db_step(one[ONE_TEAMS], err)) == 1) {
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 8;
				wt = arena_grow(a, wt, n, ncap, sizeof(*wt));
				cap = ncap;
			}
			wt[n++] = (struct worker_team){db_col_int(one[ONE_TEAMS], 0),
						       db_col_null(one[ONE_TEAMS], 1) ? 0 : db_col_int(one[ONE_TEAMS], 1)};
		}
		for (size_t i = 0; rc == 0 && i < out->n_allocations; i++) {
			struct cf_allocation *al = &out->allocations[i];
			al->team_id = 0;
			for (size_t j = 0; j < n; j++) {
				if (al->worker_id > 0 && wt[j].worker == al->worker_id) {
					al->team_id = wt[j].team;
					break;
				}
			}
		}
	}
	/* Every statement reset, read or not (on PostgreSQL an unread result is read and
	 * dropped): the cache's statements are left ready for the next child. */
	store_casefile_discard(st);
	return rc < 0 ? rc : 0;
}

int store_casefile_load(struct store *st, int64_t child_id, struct arena *a, struct casefile *out,
			struct hearth_error *err)
{
	_Static_assert(N_LOADERS <= 64, "a bit per casefile array");
	return store_casefile_load_some(st, child_id, N_LOADERS == 64 ? ~0ull : (1ull << N_LOADERS) - 1, a, out, err);
}

/* ---- chosen arrays of many children (store_arrays_read) ---- */

int store_read_begin(struct store *st, bool *began, struct hearth_error *err)
{
	*began = false;
	if (st->depth > 0) {
		return 0; /* inside the store's own transaction, which already sees one state */
	}
	/* PostgreSQL's default (read committed) gives each statement its own snapshot. */
	bool pg = strcmp(db_engine(store_db(st)), "postgresql") == 0;
	int rc = db_exec(store_db(st), pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN", err);
	*began = rc == 0;
	return rc;
}

void store_read_end(struct store *st, bool began)
{
	if (began) {
		db_exec(store_db(st), "COMMIT", NULL);
	}
}

/* The window's conditions on a loader's dates, appended to b; binds go to vals, in order.
 * Instants are compared as their text, from midnight of from to before midnight after to. */
static int window_sql(const struct loader *l, const struct store_window *w, struct buf *b, char vals[][INSTANT_STR_SIZE])
{
	const struct field *fs = &l->e->fields[l->sort_field];
	const struct field *fe = l->end_field >= 0 && w->spans ? &l->e->fields[l->end_field] : NULL;
	bool instant = fs->type == FT_INSTANT;
	int n = 0;
	if (w->to != DATE_NONE) {
		buf_printf(b, instant ? " AND %s < ?" : " AND %s <= ?", fs->name);
		if (instant) {
			instant_format(instant_from_date(w->to + 1), vals[n++]);
		} else {
			date_format(w->to, vals[n++]);
		}
	}
	if (w->from != DATE_NONE) {
		if (fe) {
			buf_printf(b, " AND (%s IS NULL OR %s >= ?)", fe->name, fe->name);
		} else {
			buf_printf(b, " AND %s >= ?", fs->name);
		}
		if (instant) {
			instant_format(instant_from_date(w->from), vals[n++]);
		} else {
			date_format(w->from, vals[n++]);
		}
	}
	if (w->in_care_on != DATE_NONE) {
		buf_puts(b, " AND child_id IN (SELECT child_id FROM cla_episode WHERE voided = 0 AND decom <= ? AND "
			    "(dec IS NULL OR dec > ?))");
		date_format(w->in_care_on, vals[n++]);
		date_format(w->in_care_on, vals[n++]);
	}
	return n;
}

/* Sort keys: child, then the array's date, then id; idx is the row's place as read. */
struct arow {
	int64_t child, date, id;
	size_t idx;
};

static int arow_cmp(const void *p, const void *q)
{
	const struct arow *a = p, *b = q;
	if (a->child != b->child) {
		return a->child < b->child ? -1 : 1;
	}
	if (a->date != b->date) {
		return a->date < b->date ? -1 : 1;
	}
	return (a->id > b->id) - (a->id < b->id);
}

/* Reads one loader's rows in the window into out's array, sorted, with each row's child.
 * The arrays grow with realloc (a large block moves without a copy) rather than in the
 * arena, and are only permuted when the table's order is not already the casefile's (a
 * record written child by child is nearly always in it). Text goes into a. */
static int read_array(struct db *db, const struct loader *l, const struct store_window *w, struct arena *a,
		      struct store_arrays *out, int k, struct hearth_error *err)
{
	const struct entity *e = l->e;
	struct buf b = BUF_INIT;
	char vals[4][INSTANT_STR_SIZE];
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < e->n_fields; i++) {
		buf_printf(&b, ", %s", e->fields[i].name);
	}
	buf_printf(&b, " FROM %s WHERE voided = 0", e->name);
	int nv = window_sql(l, w, &b, vals);
	struct db_stmt *s = NULL;
	int rc = db_prepare(db, buf_cstr(&b), &s, err);
	buf_free(&b);
	if (rc) {
		return rc;
	}
	for (int i = 0; i < nv; i++) {
		db_bind_text(s, i + 1, vals[i]);
	}
	struct arow *keys = NULL;
	char *items = NULL;
	size_t n = 0, cap = 0;
	bool in_order = true;
	struct hval v[MAX_FIELDS];
	const struct codelist *lists[MAX_FIELDS];
	const struct code *memo[MAX_FIELDS] = {0};
	field_lists(e, lists);
	while ((rc = db_step(s, err)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			keys = xrealloc(keys, cap * sizeof(*keys));
			items = xrealloc(items, cap * l->size);
		}
		int64_t id = db_col_int(s, 0);
		for (int i = 0; i < e->n_fields; i++) {
			read_col(s, i + 1, &e->fields[i], lists[i], &memo[i], a, &v[i]);
		}
		l->convert(v, id, items + n * l->size);
		keys[n] = (struct arow){I(&v[e->child_field]), v[l->sort_field].null ? INT64_MIN : v[l->sort_field].i, id, n};
		in_order = in_order && (n == 0 || arow_cmp(&keys[n - 1], &keys[n]) <= 0);
		n++;
	}
	db_finalize(s);
	if (rc < 0) {
		free(keys);
		free(items);
		return rc;
	}
	/* Rows come in table order; casefile arrays are by child, date and id. */
	if (!in_order) {
		qsort(keys, n, sizeof(*keys), arow_cmp);
		char *sorted = xmalloc(l->size * (n ? n : 1));
		for (size_t i = 0; i < n; i++) {
			memcpy(sorted + i * l->size, items + keys[i].idx * l->size, l->size);
		}
		free(items);
		items = sorted;
	}
	int64_t *child_of = xmalloc(sizeof(int64_t) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		child_of[i] = keys[i].child;
	}
	free(keys);
	*(void **)((char *)&out->all + l->array_off) = items;
	*(size_t *)((char *)&out->all + l->count_off) = n;
	out->child_of[k] = child_of;
	return 0;
}

int store_arrays_read(struct store *st, unsigned arrays, const struct store_window *windows, struct arena *a,
		      struct store_arrays *out, struct hearth_error *err)
{
	static const struct store_window all = {DATE_NONE, DATE_NONE, false, DATE_NONE};
	memset(out, 0, sizeof(*out));
	for (int k = 0; k < N_LOADERS; k++) {
		if (!(arrays & (1u << k))) {
			continue;
		}
		int rc = read_array(store_db(st), &loaders[k], windows ? &windows[k] : &all, a, out, k, err);
		out->arrays |= 1u << k; /* read (or begun): store_arrays_free frees it */
		if (rc) {
			return rc;
		}
	}
	return 0;
}

void store_arrays_free(struct store_arrays *s)
{
	for (int k = 0; k < N_LOADERS; k++) {
		if (s->arrays & (1u << k)) {
			free(*(void **)((char *)&s->all + loaders[k].array_off));
			free(s->child_of[k]);
		}
	}
	memset(s, 0, sizeof(*s));
}

void store_arrays_child(const struct store_arrays *s, int64_t child, struct casefile *cf)
{
	for (int k = 0; k < N_LOADERS; k++) {
		if (!(s->arrays & (1u << k))) {
			continue;
		}
		const struct loader *l = &loaders[k];
		const int64_t *of = s->child_of[k];
		size_t n = *(const size_t *)((const char *)&s->all + l->count_off);
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (of[mid] < child) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		size_t end = lo;
		while (end < n && of[end] == child) {
			end++;
		}
		char *arr = *(char *const *)((const char *)&s->all + l->array_off);
		*(void **)((char *)cf + l->array_off) = arr + lo * l->size;
		*(size_t *)((char *)cf + l->count_off) = end - lo;
	}
}

int store_children_each(struct store *st, const int64_t *ids, size_t n, store_child_fn fn, void *ctx,
			struct hearth_error *err)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < entity_child.n_fields; i++) {
		buf_printf(&b, ", %s", entity_child.fields[i].name);
	}
	buf_puts(&b, " FROM child WHERE id = ? AND voided = 0");
	struct db_stmt *s = NULL;
	int rc = db_prepare(store_db(st), buf_cstr(&b), &s, err);
	buf_free(&b);
	struct arena scratch = ARENA_INIT;
	const struct codelist *lists[MAX_FIELDS];
	const struct code *memo[MAX_FIELDS] = {0};
	field_lists(&entity_child, lists);
	for (size_t i = 0; !rc && i < n; i++) {
		db_reset(s);
		db_bind_int(s, 1, ids[i]);
		if ((rc = db_step(s, err)) != 1) {
			if (rc == 0) {
				continue; /* voided: its rows are not the record's any more */
			}
			break;
		}
		struct hval v[CHILD__COUNT];
		for (int f = 0; f < entity_child.n_fields; f++) {
			if (f == CHILD_NHS_NUMBER || f == CHILD_POSTCODE) {
				v[f] = (struct hval){.null = true}; /* no casefile holds them */
				continue;
			}
			read_col(s, f + 1, &entity_child.fields[f], lists[f], &memo[f], &scratch, &v[f]);
		}
		struct cf_child c;
		store_cf_child(v, ids[i], &c);
		rc = fn(ctx, &c);
		arena_reset(&scratch);
	}
	db_finalize(s);
	arena_free(&scratch);
	return rc;
}

/* ---- packs (store/pack.h): the casefiles kept packed, one row per live child ----
 * Every save rebuilds the packs of the children it touched before its transaction commits
 * (store_packs_refresh, from store.c's commit); a bulk load rebuilds them all at its end,
 * as does the first open for writing of a record that has none yet (migrated from 019).
 * casefile_pack_state says when they are complete; until then readers use the rows. */

bool store_packs_complete(struct store *st)
{
	struct db_stmt *s;
	if (db_prepare(store_db(st), "SELECT complete_format FROM casefile_pack_state", &s, NULL)) {
		return false;
	}
	bool complete = db_step(s, NULL) == 1 && db_col_int(s, 0) == PACK_FORMAT;
	db_finalize(s);
	return complete;
}

static int pack_stmt(struct store *st, struct db_stmt **s, const char *sql, struct hearth_error *err)
{
	if (*s) {
		db_reset(*s);
		return 0;
	}
	int rc = db_prepare(store_db(st), sql, s, err);
	if (rc) {
		*s = NULL;
	}
	return rc;
}

/* Writes cf's pack (b is working space). */
static int pack_put(struct store *st, const struct casefile *cf, struct buf *b, struct hearth_error *err)
{
	int rc = pack_stmt(st, &st->pack_upsert,
			   "INSERT INTO casefile_pack (id, format, body) VALUES (?, ?, ?) ON CONFLICT (id) "
			   "DO UPDATE SET format = excluded.format, body = excluded.body",
			   err);
	if (rc) {
		return rc;
	}
	buf_reset(b);
	pack_casefile(cf, b);
	db_bind_int(st->pack_upsert, 1, cf->child.id);
	db_bind_int(st->pack_upsert, 2, PACK_FORMAT);
	db_bind_blob(st->pack_upsert, 3, b->data ? b->data : "", b->len);
	rc = db_step(st->pack_upsert, err);
	db_reset(st->pack_upsert);
	return rc < 0 ? rc : 0;
}

static int id_cmp(const void *p, const void *q)
{
	int64_t a = *(const int64_t *)p, b = *(const int64_t *)q;
	return (a > b) - (a < b);
}

int store_packs_refresh(struct store *st, int64_t *ids, size_t n, struct hearth_error *err)
{
	qsort(ids, n, sizeof(*ids), id_cmp);
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (i > 0 && ids[i] == ids[i - 1]) {
			continue;
		}
		struct casefile cf;
		struct hearth_error e2 = {0};
		rc = store_casefile_load(st, ids[i], &a, &cf, &e2); /* its teams are packed as 0 (pack.h) */
		if (rc == HERR_NOT_FOUND) {
			/* Retracted (or merged into another): no live child, no pack. */
			if (!(rc = pack_stmt(st, &st->pack_delete, "DELETE FROM casefile_pack WHERE id = ?", err))) {
				db_bind_int(st->pack_delete, 1, ids[i]);
				rc = db_step(st->pack_delete, err);
				db_reset(st->pack_delete);
				rc = rc < 0 ? rc : 0;
			}
		} else if (rc) {
			if (err) {
				*err = e2;
			}
		} else {
			rc = pack_put(st, &cf, &b, err);
		}
		arena_reset(&a);
	}
	arena_free(&a);
	buf_free(&b);
	return rc;
}

struct build_ctx {
	struct store *st;
	struct buf b;
	struct hearth_error *err;
};

static int build_one(void *ctx, const struct casefile *cf)
{
	struct build_ctx *c = ctx;
	return pack_put(c->st, cf, &c->b, c->err);
}

int store_packs_build_all(struct store *st, struct hearth_error *err)
{
	struct build_ctx c = {st, BUF_INIT, err};
	int rc = db_exec(store_db(st), "DELETE FROM casefile_pack", err);
	if (!rc) {
		rc = store_casefiles_scan_rows(st, NULL, build_one, &c, err);
	}
	buf_free(&c.b);
	if (!rc) {
		struct db_stmt *s;
		if (!(rc = db_exec(store_db(st), "DELETE FROM casefile_pack_state", err)) &&
		    !(rc = db_prepare(store_db(st), "INSERT INTO casefile_pack_state (id, complete_format) VALUES (1, ?)", &s,
				      err))) {
			db_bind_int(s, 1, PACK_FORMAT);
			rc = db_step(s, err);
			db_finalize(s);
			rc = rc < 0 ? rc : 0;
		}
	}
	return rc;
}

/* ---- checking packs against the rows (`hearth check`) ----
 * The rows' casefiles (the scan from the rows, in child order) are packed and compared
 * byte for byte with the stored packs, read in step in the same order. */
struct verify_ctx {
	struct db_stmt *packs;
	int has;		/* packs is on a row (1), done (0), or failed (<0) */
	struct buf b;
	store_problem_fn report;
	void *rctx;
	int problems;
	struct hearth_error *err;
};

static void verify_problem(struct verify_ctx *v, int64_t child, const char *what)
{
	char line[200];
	snprintf(line, sizeof(line), "casefile_pack: child %lld: %s", (long long)child, what);
	v->report(v->rctx, line);
	v->problems++;
}

static int verify_one(void *ctx, const struct casefile *cf)
{
	struct verify_ctx *v = ctx;
	int64_t id = cf->child.id;
	while (v->has == 1 && db_col_int(v->packs, 0) < id) {
		verify_problem(v, db_col_int(v->packs, 0), "a pack for no live child");
		v->has = db_step(v->packs, v->err);
	}
	if (v->has < 0) {
		return v->has;
	}
	if (v->has == 0 || db_col_int(v->packs, 0) != id) {
		verify_problem(v, id, "no pack");
		return 0;
	}
	buf_reset(&v->b);
	pack_casefile(cf, &v->b);
	size_t n;
	const void *got = db_col_blob(v->packs, 2, &n);
	if (db_col_int(v->packs, 1) != PACK_FORMAT) {
		verify_problem(v, id, "the pack is in another format");
	} else if (n != v->b.len || (n && memcmp(got, v->b.data, n) != 0)) {
		verify_problem(v, id, "the pack differs from the casefile its rows give");
	}
	v->has = db_step(v->packs, v->err);
	return v->has < 0 ? v->has : 0;
}

int store_packs_verify(struct store *st, store_problem_fn report, void *ctx, struct hearth_error *err)
{
	if (!store_packs_complete(st)) {
		return 0; /* not built: readers use the rows, and nothing is there to disagree */
	}
	struct verify_ctx v = {NULL, 0, BUF_INIT, report, ctx, 0, err};
	int rc = db_prepare(store_db(st), "SELECT id, format, body FROM casefile_pack ORDER BY id", &v.packs,
			    err);
	if (rc) {
		return rc;
	}
	v.has = db_step(v.packs, err);
	rc = v.has < 0 ? v.has : store_casefiles_scan_rows(st, NULL, verify_one, &v, err);
	while (!rc && v.has == 1) {
		verify_problem(&v, db_col_int(v.packs, 0), "a pack for no live child");
		v.has = db_step(v.packs, err);
		rc = v.has < 0 ? v.has : 0;
	}
	db_finalize(v.packs);
	buf_free(&v.b);
	return rc ? rc : v.problems;
}

/* ---- the scan from the packs ---- */

static int scan_packs(struct store *st, const struct store_filter *filter, store_casefile_fn fn, void *ctx,
		      struct hearth_error *err)
{
	struct arena shared = ARENA_INIT, per_child = ARENA_INIT;
	struct team_map teams;
	struct db_stmt *s = NULL;
	int64_t only = filter ? filter->child_id : 0;
	int64_t from = only || !filter ? 0 : filter->id_from, below = only || !filter ? 0 : filter->id_below;
	int rc = team_map_load(st, &shared, &teams, err);
	if (!rc) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "SELECT id, body FROM casefile_pack WHERE format = ?%s%s%s ORDER BY id",
			   only ? " AND id = ?" : "", from ? " AND id >= ?" : "", below ? " AND id < ?" : "");
		rc = db_prepare(store_db(st), buf_cstr(&b), &s, err);
		buf_free(&b);
	}
	if (!rc) {
		db_bind_int(s, 1, PACK_FORMAT);
		bind_ids(s, 2, only, from, below);
	}
	int step = 0;
	while (!rc && (step = db_step(s, err)) == 1) {
		struct casefile cf;
		size_t n;
		const void *body = db_col_blob(s, 1, &n);
		if ((rc = unpack_casefile(body, n, &per_child, &cf, err))) {
			char why[sizeof(err->message)];
			snprintf(why, sizeof(why), "%s", err ? err->message : "");
			rc = herr_set(err, HERR_IO, "casefile_pack", "corrupt", "child %lld: %s (hearth check names the rest)",
				      (long long)db_col_int(s, 0), why);
			break;
		}
		fill_teams(&teams, &cf);
		if (filter_match(filter, &cf)) {
			rc = fn(ctx, &cf);
		}
		arena_reset(&per_child);
	}
	if (!rc && step < 0) {
		rc = step;
	}
	db_finalize(s);
	arena_free(&per_child);
	arena_free(&shared);
	return rc;
}

int store_casefiles_scan(struct store *st, const struct store_filter *filter, store_casefile_fn fn, void *ctx,
			 struct hearth_error *err)
{
	const char *no = getenv("HEARTH_NO_PACK");
	if ((no && strcmp(no, "1") == 0) || !store_packs_complete(st)) {
		return store_casefiles_scan_rows(st, filter, fn, ctx, err);
	}
	return scan_packs(st, filter, fn, ctx, err);
}
