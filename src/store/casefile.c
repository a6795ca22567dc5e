/* casefile: loading children's records as compact arrays (model/casefile.h).
 *
 * One loader per casefile array names its table, the date it sorts by and how a row
 * becomes an element. A scan opens one statement per loader, each ordered by child_id, and
 * walks them in step with the child table, so a whole county is read in one pass per table
 * rather than one query per child. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "model/codes.h"
#include "store/internal.h"

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
			     I(&v[S47_ICPC_NOT_REQUIRED]) != 0};
}

static void cv_cin_plan(const struct hval *v, int64_t id, void *o)
{
	struct cf_plan *c = o;
	*c = (struct cf_plan){id, I(&v[CIN_PLAN_REFERRAL_ID]), D(&v[CIN_PLAN_START_DATE]), D(&v[CIN_PLAN_END_DATE]),
			      NULL};
}

static void cv_cp_plan(const struct hval *v, int64_t id, void *o)
{
	struct cf_plan *c = o;
	*c = (struct cf_plan){id, I(&v[CP_PLAN_REFERRAL_ID]), D(&v[CP_PLAN_START_DATE]), D(&v[CP_PLAN_END_DATE]),
			      S(&v[CP_PLAN_CATEGORY])};
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
				 I(&v[CLA_EPISODE_LONG_TERM]) != 0};
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
				  D(&v[ADOPTION_CEASED_DATE])};
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

struct loader {
	const struct entity *e;
	int sort_field;		/* the date the array is ordered by */
	convert_fn convert;
	size_t size;		/* element size */
	size_t array_off, count_off;	/* where the array and its count live in struct casefile */
};

#define L(ent, sort, fn, type, arr)                                                               \
	{&entity_##ent, sort, fn, sizeof(type), offsetof(struct casefile, arr),                 \
	 offsetof(struct casefile, n_##arr)}

static const struct loader loaders[] = {
	L(contact, CONTACT_CONTACT_DATE, cv_contact, struct cf_contact, contacts),
	L(early_help, EARLY_HELP_START_DATE, cv_early_help, struct cf_early_help, early_help),
	L(referral, REFERRAL_REFERRAL_DATE, cv_referral, struct cf_referral, referrals),
	L(assessment, ASSESSMENT_START_DATE, cv_assessment, struct cf_assessment, assessments),
	L(s47, S47_STRATEGY_DATE, cv_s47, struct cf_s47, s47s),
	L(cin_plan, CIN_PLAN_START_DATE, cv_cin_plan, struct cf_plan, cin_plans),
	L(cp_plan, CP_PLAN_START_DATE, cv_cp_plan, struct cf_plan, cp_plans),
	L(cp_review, CP_REVIEW_REVIEW_DATE, cv_cp_review, struct cf_dated, cp_reviews),
	L(core_group, CORE_GROUP_MEETING_DATE, cv_core_group, struct cf_dated, core_groups),
	L(cla_episode, CLA_EPISODE_DECOM, cv_episode, struct cf_episode, episodes),
	L(cla_review, CLA_REVIEW_REVIEW_DATE, cv_cla_review, struct cf_dated, cla_reviews),
	L(visit, VISIT_VISIT_DATE, cv_visit, struct cf_visit, visits),
	L(health, HEALTH_DONE_DATE, cv_health, struct cf_health, health),
	L(education, EDUCATION_START_DATE, cv_education, struct cf_education, education),
	L(pep, PEP_PEP_DATE, cv_pep, struct cf_dated, peps),
	L(missing, MISSING_START_AT, cv_missing, struct cf_missing, missing),
	L(proceedings, PROCEEDINGS_ISSUE_DATE, cv_proceedings, struct cf_proceedings, proceedings),
	L(permanence, PERMANENCE_DECIDED_DATE, cv_permanence, struct cf_permanence, permanence),
	L(adoption, ADOPTION_DECISION_DATE, cv_adoption, struct cf_adoption, adoptions),
	L(allocation, ALLOCATION_START_DATE, cv_allocation, struct cf_allocation, allocations),
	L(leaver_contact, LEAVER_CONTACT_CONTACT_DATE, cv_leaver_contact, struct cf_leaver_contact,
	  leaver_contacts),
	L(pathway_plan, PATHWAY_PLAN_REVIEW_DATE, cv_pathway_plan, struct cf_dated, pathway_plans),
};
#undef L
#define N_LOADERS ((int)(sizeof(loaders) / sizeof(loaders[0])))

/* A cursor over one loader's statement, one row ahead. */
struct cursor {
	const struct loader *l;
	struct db_stmt *s;
	bool has_row;
	int64_t child_id;
	size_t n, cap;
	void *items;
};

static int cursor_open(struct db *db, const struct loader *l, int64_t child_id, struct cursor *c,
		       struct hearth_error *err)
{
	struct buf b = BUF_INIT;
	const struct entity *e = l->e;
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < e->n_fields; i++) {
		buf_printf(&b, ", %s", e->fields[i].name);
	}
	buf_printf(&b, " FROM %s WHERE voided = 0%s ORDER BY child_id, %s, id", e->name,
		   child_id ? " AND child_id = ?" : "", e->fields[l->sort_field].name);
	memset(c, 0, sizeof(*c));
	c->l = l;
	int rc = db_prepare(db, buf_cstr(&b), &c->s, err);
	buf_free(&b);
	if (rc) {
		return rc;
	}
	if (child_id) {
		db_bind_int(c->s, 1, child_id);
	}
	rc = db_step(c->s, err);
	if (rc < 0) {
		return rc;
	}
	c->has_row = rc == 1;
	if (c->has_row) {
		c->child_id = db_col_int(c->s, 1 + e->child_field);
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
	struct hval vals[32];
	while (c->has_row && c->child_id <= child_id) {
		if (c->child_id == child_id) {
			if (c->n == c->cap) {
				size_t ncap = c->cap ? c->cap * 2 : 8;
				c->items = arena_grow(a, c->items, c->n, ncap, c->l->size);
				c->cap = ncap;
			}
			int64_t id = db_col_int(c->s, 0);
			for (int i = 0; i < e->n_fields; i++) {
				/* Local copy of read_value's job, kept here so rows never need an hval array
				 * per row in the arena: text is copied, codes point at the code tables. */
				const struct field *f = &e->fields[i];
				struct hval *v = &vals[i];
				memset(v, 0, sizeof(*v));
				if (db_col_null(c->s, i + 1)) {
					v->null = true;
					continue;
				}
				switch (f->type) {
				case FT_DATE: {
					hdate d;
					v->null = date_parse(db_col_text(c->s, i + 1), &d) != 0;
					v->i = d;
					break;
				}
				case FT_INSTANT: {
					hinstant t;
					v->null = instant_parse(db_col_text(c->s, i + 1), &t) != 0;
					v->i = t;
					break;
				}
				case FT_CODE: {
					const char *t = db_col_text(c->s, i + 1);
					const struct code *k = code_find(codelist_find(f->arg), t);
					v->s = k ? k->code : arena_strdup(a, t);
					break;
				}
				case FT_STR:
				case FT_TEXT:
					v->s = arena_strdup(a, db_col_text(c->s, i + 1));
					break;
				case FT_REAL:
					v->r = db_col_real(c->s, i + 1);
					break;
				default:
					v->i = db_col_int(c->s, i + 1);
					break;
				}
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

static void fill_child(const struct hval *v, int64_t id, struct cf_child *c)
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
			       I(&v[CHILD_RESTRICTED]) != 0};
}

/* worker id -> team id, for allocations. */
struct team_map {
	int64_t *team_of;	/* indexed by worker id */
	int64_t max_id;
};

static int team_map_load(struct store *st, struct arena *a, struct team_map *m, struct hearth_error *err)
{
	int64_t *ids;
	struct hval **rows;
	size_t n;
	int rc = store_all_rows(st, &entity_worker, a, &ids, &rows, &n, err);
	if (rc) {
		return rc;
	}
	m->max_id = 0;
	for (size_t i = 0; i < n; i++) {
		if (ids[i] > m->max_id) {
			m->max_id = ids[i];
		}
	}
	m->team_of = arena_alloc(a, sizeof(int64_t) * (size_t)(m->max_id + 1));
	for (size_t i = 0; i < n; i++) {
		m->team_of[ids[i]] = I(&rows[i][WORKER_TEAM_ID]);
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

int store_casefiles_scan(struct store *st, const struct store_filter *filter, store_casefile_fn fn, void *ctx,
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
		if ((rc = cursor_open(db, &loaders[opened], only, &cur[opened], err))) {
			goto done;
		}
	}
	struct buf b = BUF_INIT;
	buf_puts(&b, "SELECT id");
	for (int i = 0; i < entity_child.n_fields; i++) {
		buf_printf(&b, ", %s", entity_child.fields[i].name);
	}
	buf_printf(&b, " FROM child WHERE voided = 0%s ORDER BY id", only ? " AND id = ?" : "");
	rc = db_prepare(db, buf_cstr(&b), &children, err);
	buf_free(&b);
	if (rc) {
		goto done;
	}
	if (only) {
		db_bind_int(children, 1, only);
	}
	while ((rc = db_step(children, err)) == 1) {
		struct casefile cf;
		memset(&cf, 0, sizeof(cf));
		struct hval v[CHILD__COUNT];
		for (int i = 0; i < entity_child.n_fields; i++) {
			const struct field *f = &entity_child.fields[i];
			memset(&v[i], 0, sizeof(v[i]));
			if (db_col_null(children, i + 1)) {
				v[i].null = true;
			} else if (f->type == FT_DATE) {
				hdate d;
				v[i].null = date_parse(db_col_text(children, i + 1), &d) != 0;
				v[i].i = d;
			} else if (f->type == FT_BOOL) {
				v[i].i = db_col_int(children, i + 1);
			} else if (f->type == FT_CODE) {
				const struct code *k = code_find(codelist_find(f->arg), db_col_text(children, i + 1));
				v[i].s = k ? k->code : arena_strdup(&per_child, db_col_text(children, i + 1));
			} else {
				v[i].s = arena_strdup(&per_child, db_col_text(children, i + 1));
			}
		}
		fill_child(v, db_col_int(children, 0), &cf.child);
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

int store_casefile_load(struct store *st, int64_t child_id, struct arena *a, struct casefile *out,
			struct hearth_error *err)
{
	/* The scan frees its per-child memory when the callback returns, so a single load
	 * reads directly into the caller's arena instead. */
	struct db *db = store_db(st);
	struct hval *v;
	struct team_map teams;
	int rc = store_get(st, &entity_child, child_id, a, &v, err);
	if (rc) {
		return rc;
	}
	memset(out, 0, sizeof(*out));
	fill_child(v, child_id, &out->child);
	if ((rc = team_map_load(st, a, &teams, err))) {
		return rc;
	}
	for (int k = 0; k < N_LOADERS; k++) {
		struct cursor c;
		rc = cursor_open(db, &loaders[k], child_id, &c, err);
		if (!rc) {
			rc = cursor_take(&c, child_id, out, a, err);
		}
		db_finalize(c.s);
		if (rc) {
			return rc;
		}
	}
	fill_teams(&teams, out);
	return 0;
}
