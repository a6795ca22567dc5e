/* test_views: the return views the record gives, and what a save would change.
 *
 * Casefiles are built by hand in an arena (as the store would hand them over) and turned
 * into SSDA903 and CIN census views for 2025 (1 April 2024 to 31 March 2025): who is in
 * the return, which rows, what is blank, which values the record gives them (the reason a
 * UPN is unknown, motherhood, OC2's items, the adopters, previous permanence, the CP plan's
 * initial category and previous plans). The last tests open a
 * fresh record (SQLite in a temporary directory) and ask returns_check_change what saving a
 * row would add: a warning for an error, a refusal for an impossible record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#include "returns/internal.h"

static struct arena A;

#define NONE DATE_NONE
#define PUT(cf, field, type, ...)                                 \
	do {                                                      \
		type tmp_[] = {__VA_ARGS__};                      \
		(cf)->field = arena_alloc(&A, sizeof(tmp_));      \
		memcpy((cf)->field, tmp_, sizeof(tmp_));          \
		(cf)->n_##field = sizeof(tmp_) / sizeof(tmp_[0]); \
	} while (0)

#define EP(id_, s, e, rne_, ls_, place_, rec_)                                                                 \
	{.id = id_, .start = s, .end = e, .rne = rne_, .ls = ls_, .cin = "N1", .place = place_, .provider = "PR1", \
	 .rec = rec_}

static void child(struct casefile *cf, hdate dob)
{
	memset(cf, 0, sizeof(*cf));
	cf->child = (struct cf_child){.id = 7, .la_child_id = "C7", .dob = dob, .expected_dob = NONE, .death = NONE,
				      .sex = "F", .ethnicity = "WBRI", .upn = "L885455310171"};
}

static int teardown_arena(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

/* In care since 2023 with a change of placement in the year and an episode that goes on
 * past 31 March: the Header, both episodes (the open one with DEC and REC blank), the
 * review in the year only, OC2 (12 months), a social worker episode. */
static void test_903_child_in_care(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2012, 6, 1));
	PUT(&cf, episodes, struct cf_episode, EP(1, D(2023, 5, 1), D(2024, 6, 1), "S", "C2", "U4", "X1"),
	    EP(2, D(2024, 6, 1), D(2025, 5, 1), "P", "C2", "U6", "E8"));
	PUT(&cf, cla_reviews, struct cf_dated, {.id = 1, .date = D(2024, 3, 1), .code = "PN1"},
	    {.id = 2, .date = D(2024, 7, 1), .code = "PN1"});
	PUT(&cf, allocations, struct cf_allocation,
	    {.id = 1, .worker_id = 3, .kind = ALLOC_SOCIAL_WORKER, .start = D(2023, 5, 1), .end = NONE});
	struct s9_child v;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_true(v.header);
	assert_string_equal(v.sex, "F");
	assert_string_equal(v.upn, "L885455310171");
	assert_int_equal(v.n_episodes, 2);
	assert_int_equal(v.episodes[1].dec, NONE);
	assert_null(v.episodes[1].rec);
	assert_int_equal(v.n_reviews, 1);
	assert_int_equal(v.n_oc2, 1);
	assert_int_equal(v.n_sw, 1);
	assert_int_equal(v.n_oc3, 0);
	/* The same child in 2024 writes SEX as 2 (the 2024 schema's code). */
	assert_true(view903_build(&cf, NULL, 2024, &A, &v));
	assert_string_equal(v.sex, "2");
	/* A child never looked after has no place in the return. */
	struct casefile none;
	child(&none, D(2012, 6, 1));
	assert_false(view903_build(&none, NULL, 2025, &A, &v));
}

/* The care leavers' cohort: 18th birthday on 1 June 2024, in the year; looked after from 14
 * to 17 and left at 17 (after the 16th birthday); the contact nearest the birthday. */
static void test_903_oc3(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2006, 6, 1));
	PUT(&cf, episodes, struct cf_episode, EP(1, D(2020, 7, 1), D(2023, 9, 1), "S", "C2", "U4", "E5"));
	PUT(&cf, leaver_contacts, struct cf_leaver_contact,
	    {.id = 1, .date = D(2024, 1, 5), .in_touch = "YES", .accommodation = "B1", .activity = "F1"},
	    {.id = 2, .date = D(2024, 5, 20), .in_touch = "YES", .accommodation = "D1", .activity = "F2"});
	struct s9_child v;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_int_equal(v.n_episodes, 0);
	assert_int_equal(v.n_oc3, 1);
	assert_string_equal(v.oc3[0].accom, "D1");
	assert_string_equal(v.oc3[0].activ, "F2");
	/* No contact around the birthday: not in touch. */
	cf.n_leaver_contacts = 1;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.oc3[0].in_touch, "NO");
	assert_string_equal(v.oc3[0].activ, "0");
	/* Adopted young people are not care leavers. */
	cf.episodes[0].rec = "E11";
	assert_false(view903_build(&cf, NULL, 2025, &A, &v));
	/* Nor those who left before their 16th birthday. */
	cf.episodes[0].rec = "E5";
	cf.episodes[0].end = D(2022, 5, 1);
	assert_false(view903_build(&cf, NULL, 2025, &A, &v));
}

/* The UPN column: the UPN, else the recorded reason it is unknown, else blank (for rule
 * 442 to report); nothing is guessed from the child's age any more. */
static void test_903_upn_reason(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2021, 1, 1));
	cf.child.upn = NULL;
	PUT(&cf, episodes, struct cf_episode, EP(1, D(2024, 6, 1), NONE, "S", "C2", "U6", NULL));
	struct s9_child v;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_null(v.upn); /* aged 4, but no reason recorded: blank */
	cf.child.upn_unknown = "UN1";
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.upn, "UN1");
	cf.child.upn = "L885455310171"; /* a UPN found later wins over the old reason */
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.upn, "L885455310171");
}

/* MOTHER and MC_DOB by year. Born 1 June 2008, her child born 1 June 2024:
 *   2025 (to 31 March 2025): the child is born (1 June 2024 <= 31 March 2025): MOTHER 1,
 *        MC_DOB 01/06/2024;
 *   2024 (to 31 March 2024): not born yet: MOTHER 0, MC_DOB blank;
 *   recorded "not a mother": MOTHER 0; nothing recorded: blank (rule 393 asks for it). */
static void test_903_mother(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2008, 6, 1));
	cf.child.mother = "1";
	cf.child.mc_dob = D(2024, 6, 1);
	PUT(&cf, episodes, struct cf_episode, EP(1, D(2023, 1, 10), NONE, "S", "C2", "U4", NULL));
	struct s9_child v;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.mother, "1");
	assert_int_equal(v.mc_dob, D(2024, 6, 1));
	assert_true(view903_build(&cf, NULL, 2024, &A, &v));
	assert_string_equal(v.mother, "0");
	assert_int_equal(v.mc_dob, NONE);
	cf.child.mother = "0";
	cf.child.mc_dob = NONE;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.mother, "0");
	cf.child.mother = NULL;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_null(v.mother);
}

/* OC2 from the record. In care since 1 January 2023 (S), so continuously for 12 months at
 * 31 March 2025 (the period began before 1 April 2024): an OC2 row, with the items of the
 * cla_outcome dated 31 March 2025; the one dated 31 March 2024 belongs to 2024's return.
 * In 2024 (to 31 March 2024) too: 1 January 2023 is before 1 April 2023. A child in care
 * only since 1 June 2024 is not in the group, but a row recorded for that year is shown,
 * for the rules to report (OC2 for a child not looked after for 12 months). */
static void test_903_oc2(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2012, 6, 1));
	PUT(&cf, episodes, struct cf_episode, EP(1, D(2023, 1, 1), NONE, "S", "C2", "U4", NULL));
	PUT(&cf, oc2, struct cf_oc2,
	    {.id = 4, .year_end = D(2024, 3, 31), .sdq_score = 20, .item = {"1"}},
	    {.id = 5, .year_end = D(2025, 3, 31), .sdq_score = -1, .sdq_reason = "SDQ2",
	     .item = {[CF_OC2_CONVICTED] = "0", [CF_OC2_IMMUNISATIONS] = "1", [CF_OC2_SUBSTANCE_MISUSE] = "0"}});
	struct s9_child v;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_int_equal(v.n_oc2, 1);
	assert_int_equal(v.oc2[0].id, 5);
	assert_null(v.oc2[0].v[OC2_SDQ_SCORE]);
	assert_string_equal(v.oc2[0].v[OC2_SDQ_REASON], "SDQ2");
	assert_string_equal(v.oc2[0].v[OC2_CONVICTED], "0");
	assert_null(v.oc2[0].v[OC2_HEALTH_CHECK]);
	assert_string_equal(v.oc2[0].v[OC2_IMMUNISATIONS], "1");
	assert_string_equal(v.oc2[0].v[OC2_SUBSTANCE_MISUSE], "0");
	assert_true(view903_build(&cf, NULL, 2024, &A, &v));
	assert_int_equal(v.n_oc2, 1);
	assert_string_equal(v.oc2[0].v[OC2_SDQ_SCORE], "20");
	assert_string_equal(v.oc2[0].v[OC2_CONVICTED], "1");
	/* Not in the group, nothing recorded: no OC2 row; recorded: shown. */
	cf.episodes[0].start = D(2024, 6, 1);
	cf.n_oc2 = 1; /* only the 2024 row, which is not this year's */
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_int_equal(v.n_oc2, 0);
	cf.n_oc2 = 2;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_int_equal(v.n_oc2, 1);
	assert_int_equal(v.oc2[0].id, 5);
}

/* AD1 and PrevPerm from the record. Adopted (E11) on 1 February 2025 after a decision on 1
 * March 2024 and a match on 1 October 2024, by two adopters, a married couple of a man and
 * a woman: NB_ADOPTR 2, SEX_ADOPTR MF, LS_ADOPTR L11. She came into care on 1 May 2024 (S,
 * in the year) after a special guardianship order made by authority 885 on 3 March 2020:
 * PrevPerm P2, 885, 03/03/2020; with none recorded, Z1 (not known) and nothing else. */
static void test_903_ad1_prevperm(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2019, 6, 1));
	cf.child.prev_perm = "P2";
	cf.child.prev_perm_la = "885";
	cf.child.prev_perm_date = D(2020, 3, 3);
	PUT(&cf, episodes, struct cf_episode, EP(1, D(2024, 5, 1), D(2025, 2, 1), "S", "C2", "A5", "E11"));
	PUT(&cf, adoptions, struct cf_adoption,
	    {.id = 9, .decision = D(2024, 3, 1), .placement_order = NONE, .matched = D(2024, 10, 1), .placed = NONE,
	     .adoption_order = D(2025, 2, 1), .ceased = NONE, .adopters_number = 2, .adopters_sex = "MF",
	     .adopters_legal_status = "L11"});
	struct s9_child v;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_int_equal(v.n_ad1, 1);
	assert_string_equal(v.ad1[0].nb_adoptr, "2");
	assert_string_equal(v.ad1[0].sex_adoptr, "MF");
	assert_string_equal(v.ad1[0].ls_adoptr, "L11");
	assert_string_equal(v.ad1[0].foster_care, "1"); /* A5: placed with her foster carer */
	assert_int_equal(v.n_prevperm, 1);
	assert_string_equal(v.prevperm[0].prev_perm, "P2");
	assert_string_equal(v.prevperm[0].la_perm, "885");
	assert_int_equal(v.prevperm[0].date_perm, D(2020, 3, 3));
	cf.child.prev_perm = NULL;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.prevperm[0].prev_perm, "Z1");
	assert_null(v.prevperm[0].la_perm);
	assert_int_equal(v.prevperm[0].date_perm, NONE);
	/* Adopters not recorded: blank, for rule 151 to report. */
	cf.adoptions[0].adopters_number = 0;
	cf.adoptions[0].adopters_sex = NULL;
	assert_true(view903_build(&cf, NULL, 2025, &A, &v));
	assert_null(v.ad1[0].nb_adoptr);
	assert_null(v.ad1[0].sex_adoptr);
}

/* A referral open in the year with what hangs from it; closure after 31 March not shown;
 * the ICPC target from the clock; earlier CP plans counted. */
static void test_cin_view(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2015, 5, 1));
	PUT(&cf, referrals, struct cf_referral, {.id = 1, .date = D(2020, 1, 1), .closed = D(2020, 6, 1), .source = "2A"},
	    {.id = 2, .date = D(2024, 5, 1), .closed = D(2025, 5, 1), .source = "1A", .need = "N1", .closure_reason = "RC7"});
	PUT(&cf, assessments, struct cf_assessment, {.id = 1, .referral_id = 2, .start = D(2024, 5, 2), .authorised = NONE});
	PUT(&cf, s47s, struct cf_s47,
	    {.id = 1, .referral_id = 2, .strategy = D(2024, 5, 3), .start = NONE, .icpc = D(2024, 5, 20)});
	PUT(&cf, cp_plans, struct cf_plan, {.id = 1, .referral_id = 1, .start = D(2020, 2, 1), .end = D(2020, 5, 1), .category = "NEG"},
	    {.id = 2, .referral_id = 2, .start = D(2024, 5, 20), .end = NONE, .category = "EMO"});
	struct ci_child v;
	assert_true(viewcin_build(&cf, NULL, 2025, &A, &v));
	assert_int_equal(v.n_details, 1);
	const struct ci_details *d = &v.details[0];
	assert_int_equal(d->closure, NONE);
	assert_null(d->reason);
	assert_string_equal(d->nfa, "0");
	assert_int_equal(d->n_assessments, 1);
	assert_int_equal(d->n_s47s, 1);
	assert_int_equal(d->s47s[0].start, D(2024, 5, 3));
	/* 3 May 2024 + 15 working days, 6 May a bank holiday: 28 May 2024 (27 May too). */
	assert_int_equal(d->s47s[0].target, D(2024, 5, 28));
	assert_int_equal(d->n_cpps, 1);
	assert_int_equal(d->cpps[0].previous, 1);
	assert_string_equal(v.sex, "F");
	/* Not in the 2024 census (referred after it); when it is, GenderCurrent 2. */
	assert_false(viewcin_build(&cf, NULL, 2024, &A, &v));
	cf.referrals[1].date = D(2024, 3, 1);
	assert_true(viewcin_build(&cf, NULL, 2024, &A, &v));
	assert_string_equal(v.sex, "2");
	/* No UPN: the recorded reason (UN7, referral with no further action); with a UPN none. */
	cf.child.upn_unknown = "UN7";
	assert_true(viewcin_build(&cf, NULL, 2025, &A, &v));
	assert_null(v.upn_unknown);
	cf.child.upn = NULL;
	assert_true(viewcin_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.upn_unknown, "UN7");
	/* The plan in the year began as physical abuse and is now emotional abuse; and before
	 * it the child had two plans in another authority besides the record's one (2020): 3
	 * recorded, not the 1 the record counts. */
	assert_string_equal(v.details[0].cpps[0].initial, "EMO");
	cf.cp_plans[1].initial_category = "PHY";
	cf.cp_plans[1].previous_recorded = true;
	cf.cp_plans[1].previous_plans = 3;
	assert_true(viewcin_build(&cf, NULL, 2025, &A, &v));
	assert_string_equal(v.details[0].cpps[0].initial, "PHY");
	assert_string_equal(v.details[0].cpps[0].latest, "EMO");
	assert_int_equal(v.details[0].cpps[0].previous, 3);
}

/* The record validated: an assessment begun on 20 January 2025 and still open on 31 March
 * is past its 45 working days (due 24 March): query 8670Q, for this child. */
static void test_validate_child(void **state)
{
	(void)state;
	struct casefile cf;
	child(&cf, D(2015, 5, 1));
	PUT(&cf, referrals, struct cf_referral, {.id = 1, .date = D(2025, 1, 20), .closed = NONE, .source = "1A", .need = "N1"});
	PUT(&cf, assessments, struct cf_assessment, {.id = 1, .referral_id = 1, .start = D(2025, 1, 20), .authorised = NONE});
	struct returns_findings f = {0};
	returns_validate_child(&cf, NULL, RETURN_CIN, 2025, &A, &f);
	bool found = false;
	for (size_t i = 0; i < f.n; i++) {
		if (strcmp(f.items[i].rule->id, "8670Q") == 0) {
			found = true;
			assert_int_equal(f.items[i].child_id, 7);
			assert_string_equal(f.items[i].child, "C7");
			assert_int_equal(f.items[i].row_id, 1);
		}
	}
	assert_true(found);
	assert_int_equal(f.queries, f.n - f.errors);
	/* Since migration 003 the record holds what every rule needs (OC2's items for 191). */
	const struct returns_rule *r191 = returns_rule_find(RETURN_SSDA903, "191");
	assert_non_null(r191);
	assert_true(returns_rule_applies(r191, 2025, true));
	assert_true(returns_rule_applies(r191, 2025, false));
	/* Social worker episodes begin with 2024. */
	assert_false(returns_rule_applies(returns_rule_find(RETURN_SSDA903, "SW01STG1"), 2023, true));
}

static void test_years(void **state)
{
	(void)state;
	assert_int_equal(returns_year_of(D(2025, 3, 31)), 2025);
	assert_int_equal(returns_year_of(D(2025, 4, 1)), 2026);
	assert_int_equal(returns_year_start(2025), D(2024, 4, 1));
	assert_int_equal(returns_year_end(2025), D(2025, 3, 31));
	assert_int_equal(returns_kind_parse("cin-census"), RETURN_CIN);
	assert_int_equal(returns_kind_parse("ssda903"), RETURN_SSDA903);
	assert_int_equal(returns_kind_parse("x"), -1);
	size_t n;
	returns_rules(&n);
	assert_true(n >= 150);
}

/* ---- a save, checked against a real record ---- */

static char dir[64];

static struct hval *blank(const struct entity *e)
{
	struct hval *v = arena_alloc(&A, sizeof(*v) * (size_t)e->n_fields);
	for (int i = 0; i < e->n_fields; i++) {
		v[i].null = true;
	}
	return v;
}

#define SETI(v, f, x) ((v)[f] = (struct hval){.i = (x)})
#define SETS(v, f, x) ((v)[f] = (struct hval){.s = (x)})

static void test_check_change(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-returns-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	struct store *st;
	struct hearth_error err = {0};
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	struct hval *c = blank(&entity_child);
	SETS(c, CHILD_LA_CHILD_ID, "C1");
	SETS(c, CHILD_GIVEN_NAME, "Ann");
	SETS(c, CHILD_FAMILY_NAME, "Lee");
	SETI(c, CHILD_DOB, D(2015, 5, 1));
	SETS(c, CHILD_SEX, "F");
	SETS(c, CHILD_ETHNICITY, "WBRI");
	SETS(c, CHILD_UPN, "L885455310171");
	SETI(c, CHILD_UASC, 0);
	SETI(c, CHILD_RESTRICTED, 0);
	int64_t child = 0, ref = 0;
	assert_int_equal(store_insert(st, "test", &entity_child, c, &child, &err), 0);
	struct hval *r = blank(&entity_referral);
	SETI(r, REFERRAL_CHILD_ID, child);
	SETI(r, REFERRAL_REFERRAL_DATE, D(2024, 5, 1));
	SETS(r, REFERRAL_SOURCE, "1A");
	SETS(r, REFERRAL_PRIMARY_NEED, "N1");
	SETI(r, REFERRAL_NFA, 0);
	assert_int_equal(store_insert(st, "test", &entity_referral, r, &ref, &err), 0);

	/* An assessment begun before the referral: an error (1103), not impossible: warn. */
	struct hval *as = blank(&entity_assessment);
	SETI(as, ASSESSMENT_CHILD_ID, child);
	SETI(as, ASSESSMENT_REFERRAL_ID, ref);
	SETI(as, ASSESSMENT_START_DATE, D(2024, 4, 20));
	struct returns_findings f = {0};
	bool refuse = true;
	assert_int_equal(returns_check_change(st, &entity_assessment, 0, as, 2025, &A, &f, &refuse, &err), 0);
	bool found = false;
	for (size_t i = 0; i < f.n; i++) {
		found = found || strcmp(f.items[i].rule->id, "1103") == 0;
	}
	assert_true(found);
	assert_false(refuse);

	/* Authorised before it began: impossible (8608): refuse. */
	SETI(as, ASSESSMENT_START_DATE, D(2024, 5, 2));
	SETI(as, ASSESSMENT_AUTHORISED_DATE, D(2024, 5, 1));
	memset(&f, 0, sizeof(f));
	assert_int_equal(returns_check_change(st, &entity_assessment, 0, as, 2025, &A, &f, &refuse, &err), 0);
	assert_true(refuse);

	/* A good assessment: nothing new. */
	SETI(as, ASSESSMENT_AUTHORISED_DATE, D(2024, 6, 1));
	SETS(as, ASSESSMENT_FACTORS, "3B");
	memset(&f, 0, sizeof(f));
	assert_int_equal(returns_check_change(st, &entity_assessment, 0, as, 2025, &A, &f, &refuse, &err), 0);
	assert_int_equal(f.n, 0);
	assert_false(refuse);

	/* Closing the referral before it began, as an update: impossible. */
	SETI(r, REFERRAL_CLOSURE_DATE, D(2024, 4, 1));
	SETS(r, REFERRAL_CLOSURE_REASON, "RC7");
	memset(&f, 0, sizeof(f));
	assert_int_equal(returns_check_change(st, &entity_referral, ref, r, 2025, &A, &f, &refuse, &err), 0);
	assert_true(refuse);

	/* Rows no return reads give nothing. */
	struct hval *n = blank(&entity_note);
	SETI(n, NOTE_CHILD_ID, child);
	memset(&f, 0, sizeof(f));
	assert_int_equal(returns_check_change(st, &entity_note, 0, n, 2025, &A, &f, &refuse, &err), 0);
	assert_int_equal(f.n, 0);
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A whole record validated (returns_validate_store): the SSDA903's checking runs on a second
 * thread, a batch of children at a time. 300 children (over two batches of 128 and a part
 * batch), each in care for a day on 2 September 2024 (DECOM = DEC: rule 355 for every one):
 * 300 findings of 355, one per child, in the record's order, as the children were written. */
static void test_validate_store(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-returns-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	struct store *st;
	struct hearth_error err = {0};
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	enum { N = 300 };
	for (int i = 0; i < N; i++) {
		struct hval *c = blank(&entity_child);
		SETS(c, CHILD_LA_CHILD_ID, arena_printf(&A, "C%03d", i));
		SETS(c, CHILD_GIVEN_NAME, "Ann");
		SETS(c, CHILD_FAMILY_NAME, "Lee");
		SETI(c, CHILD_DOB, D(2015, 5, 1));
		SETS(c, CHILD_SEX, "M");
		SETS(c, CHILD_ETHNICITY, "WBRI");
		SETI(c, CHILD_UASC, 0);
		SETI(c, CHILD_RESTRICTED, 0);
		int64_t id = 0;
		assert_int_equal(store_insert(st, "test", &entity_child, c, &id, &err), 0);
		struct hval *e = blank(&entity_cla_episode);
		SETI(e, CLA_EPISODE_CHILD_ID, id);
		SETI(e, CLA_EPISODE_DECOM, D(2024, 9, 2));
		SETI(e, CLA_EPISODE_DEC, D(2024, 9, 2));
		SETS(e, CLA_EPISODE_RNE, "S");
		SETS(e, CLA_EPISODE_LS, "V2");
		SETS(e, CLA_EPISODE_CIN, "N2");
		SETS(e, CLA_EPISODE_PLACE, "U6");
		SETS(e, CLA_EPISODE_REC, "E8");
		SETI(e, CLA_EPISODE_LONG_TERM, 0);
		assert_int_equal(store_insert(st, "test", &entity_cla_episode, e, NULL, &err), 0);
	}
	assert_int_equal(store_commit(st, &err), 0);
	struct returns_findings f = {0};
	assert_int_equal(returns_validate_store(st, RETURN_SSDA903, 2025, 2, &A, &f, NULL, NULL, &err), 0);
	int n355 = 0;
	int64_t last = 0;
	for (size_t i = 0; i < f.n; i++) {
		assert_true(f.items[i].child_id >= last); /* in the record's order */
		last = f.items[i].child_id;
		if (strcmp(f.items[i].rule->id, "355") == 0) {
			assert_string_equal(f.items[i].child, arena_printf(&A, "C%03d", n355));
			n355++;
		}
	}
	assert_int_equal(n355, N);
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A validation split between threads (rx_part): two parts, each with a finding and a child
 * whose UPN is U1 in its own tally, merged part after part: the findings in part order with
 * their text alive after the parts' arenas are let go (adopted), errors and queries added,
 * the tallies added (children 5 + 6), the disability codes used by either part kept, and the
 * UPN keys of both parts together, so the whole-return rule 1520 (duplicate UPN) finds the
 * pair that no part saw alone. */
static void test_parts_merge(void **state)
{
	(void)state;
	struct returns_findings out = {0};
	struct returns_ctx x;
	memset(&x, 0, sizeof(x));
	x.a = &A;
	x.out = &out;
	x.year = 2026;
	x.ys = returns_year_start(2026);
	x.ye = returns_year_end(2026);
	struct rglobal g;
	memset(&g, 0, sizeof(g));
	struct rx_part p[2];
	struct ci_child v[2];
	memset(v, 0, sizeof(v));
	const struct returns_rule *q = returns_rule_find(RETURN_CIN, "8825Q"), *e = returns_rule_find(RETURN_CIN, "8510");
	assert_non_null(q);
	assert_non_null(e);
	for (int k = 0; k < 2; k++) {
		rx_part_init(&p[k], &x);
		v[k].id = k + 1;
		v[k].la_id = k ? "B" : "A";
		p[k].x.ci = &v[k];
		p[k].x.rule = k ? e : q;
		rx_emit(&p[k].x, NULL, 0, 0, 0, DATE_NONE, "part %d", k);
		*ARR_PUSH(&p[k].a, p[k].g.keys, p[k].g.n_keys, p[k].g.cap_keys) =
			(struct rkey){0, arena_strdup(&p[k].a, "U1"), arena_strdup(&p[k].a, v[k].la_id), v[k].id, 0};
		p[k].g.children = 5 + k;
		p[k].g.disability_used[k] = true;
	}
	for (int k = 0; k < 2; k++) {
		rx_part_merge(&x, &g, &p[k]);
		assert_null(p[k].a.head);
		arena_free(&p[k].a);
	}
	assert_int_equal(out.n, 2);
	assert_string_equal(out.items[0].child, "A");
	assert_string_equal(out.items[0].detail, "part 0");
	assert_string_equal(out.items[1].child, "B");
	assert_string_equal(out.items[1].detail, "part 1");
	assert_int_equal(out.queries, 1);
	assert_int_equal(out.errors, 1);
	assert_int_equal(g.children, 11);
	assert_true(g.disability_used[0] && g.disability_used[1]);
	assert_int_equal(g.n_keys, 2);
	static const struct ci_header none = {0};
	x.hdr = &none;
	rules_run_global(&x, RETURN_CIN, &g);
	bool dup = false;
	for (size_t i = 2; i < out.n; i++) {
		dup = dup || (strcmp(out.items[i].rule->id, "1520") == 0 && strcmp(out.items[i].child, "B") == 0);
	}
	assert_true(dup);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_903_child_in_care, teardown_arena),
		cmocka_unit_test_teardown(test_903_oc3, teardown_arena),
		cmocka_unit_test_teardown(test_903_upn_reason, teardown_arena),
		cmocka_unit_test_teardown(test_903_mother, teardown_arena),
		cmocka_unit_test_teardown(test_903_oc2, teardown_arena),
		cmocka_unit_test_teardown(test_903_ad1_prevperm, teardown_arena),
		cmocka_unit_test_teardown(test_cin_view, teardown_arena),
		cmocka_unit_test_teardown(test_validate_child, teardown_arena),
		cmocka_unit_test_teardown(test_years, teardown_arena),
		cmocka_unit_test_teardown(test_check_change, teardown_arena),
		cmocka_unit_test_teardown(test_validate_store, teardown_arena),
		cmocka_unit_test_teardown(test_parts_merge, teardown_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
