/* The casefile pack (store/pack.h): a casefile with every array filled packs and unpacks to
 * the same casefile, every field kept (texts by value, a blank text as NULL, blank dates,
 * negative numbers, each enum's last kind); the same casefile always gives the same bytes;
 * an allocation's team is not packed. A blob that is not a whole pack is refused with an
 * error and never read past its end: every truncation of a good pack, a byte too many, a
 * wrong header or format, a yes/no of 2, a kind past its enum, a text offset past the
 * string area, and a string area without its final NUL. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "store/pack.h"

/* Copies of the templates (padding zero, as in a static array), so each fill is fresh. */
#define N2(type, arr, ...)                                           \
	do {                                                         \
		static const type items_##arr[2] = {__VA_ARGS__};    \
		cf->arr = arena_alloc(mem, sizeof(items_##arr));     \
		memcpy(cf->arr, items_##arr, sizeof(items_##arr));   \
		cf->n_##arr = 2;                                     \
	} while (0)

static struct arena fills = ARENA_INIT;

/* Two elements in every array, each field a value of its own; in the first element of
 * each element type every field is set (not 0, NULL or false), so a field the pack left
 * out would come back different. */
static void fill(struct casefile *cf)
{
	struct arena *mem = &fills;
	memset(cf, 0, sizeof(*cf));
	cf->child = (struct cf_child){7, "LA7", "A123456789012", "Sam", "Taylor", 14000, DATE_NONE, 15000, "F", "WBRI",
				      true, true, "UN5", "1", 14900, "P1", "E09000001", 14500, "B123456789012", 14800};
	N2(struct cf_contact, contacts, {101, 15001, 15002, "1A", "nfa"}, {102, 15003, DATE_NONE, NULL, "referral"});
	N2(struct cf_early_help, early_help, {111, 15004, 15005, "needs_met", true}, {112, 15006, DATE_NONE, NULL, false});
	N2(struct cf_referral, referrals, {121, 15007, 15008, "1B", "N1", "RC1", true},
	   {122, 15009, DATE_NONE, "2A", NULL, NULL, false});
	N2(struct cf_assessment, assessments, {131, 121, 15010, 15011}, {132, 122, 15012, DATE_NONE});
	N2(struct cf_s47, s47s, {141, 121, 15013, 15014, 15015, true, 9001}, {142, 122, 15016, 15017, DATE_NONE, false, 0});
	N2(struct cf_plan, cin_plans, {151, 121, 15018, 15019, NULL, NULL, false, 0, 0},
	   {152, 122, 15020, DATE_NONE, NULL, NULL, false, 0, 0});
	N2(struct cf_plan, cp_plans, {161, 121, 15021, 15022, "NEG", "PHY", true, 3, 9002},
	   {162, 122, 15023, DATE_NONE, "MUL", NULL, false, -1, 0});
	N2(struct cf_dated, cp_reviews, {171, 161, 15024, NULL}, {172, 162, 15025, "x"});
	N2(struct cf_dated, core_groups, {181, 161, 15026, NULL}, {182, 162, 15027, NULL});
	N2(struct cf_episode, episodes,
	   {191, 15028, 15029, "S", "C2", "N1", "U1", "PR1", "E13", "CHILD", true, "AB1 2CD", "EF3 4GH", "SC123456"},
	   {192, 15030, DATE_NONE, "P", "J2", "N2", "K2", NULL, NULL, NULL, false, NULL, NULL, NULL});
	N2(struct cf_dated, cla_reviews, {201, 0, 15031, "PN1"}, {202, 0, 15032, "PN7"});
	N2(struct cf_visit, visits, {211, 5001, 15033, VISIT_CP, true, true, true},
	   {212, 5002, 15034, VISIT_OTHER, false, true, false});
	N2(struct cf_health, health, {221, 15035, HEALTH_REVIEW}, {222, 15036, HEALTH_DENTAL});
	N2(struct cf_education, education, {231, 15037, 15038, "100001", "K"}, {232, 15039, DATE_NONE, NULL, NULL});
	N2(struct cf_dated, peps, {241, 0, 15040, NULL}, {242, 0, 15041, NULL});
	N2(struct cf_missing, missing, {251, 1700000000, 1700003600, 1700007200, true, true},
	   {252, 1700010000, 0, 0, false, false});
	N2(struct cf_proceedings, proceedings, {261, 15042, 15043, "C1", 8}, {262, 15044, DATE_NONE, NULL, 0});
	N2(struct cf_permanence, permanence, {271, 15045, "adoption"}, {272, 15046, NULL});
	N2(struct cf_adoption, adoptions, {281, 15047, 15048, 15049, 15050, 15051, 15052, 2, "MF", "L12", "RD1"},
	   {282, 15053, DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE, 0, NULL, NULL, NULL});
	N2(struct cf_allocation, allocations, {291, 5001, 0, ALLOC_PERSONAL_ADVISER, 15054, 15055, "SWR1"},
	   {292, 5003, 0, ALLOC_IRO, 15056, DATE_NONE, NULL});
	N2(struct cf_leaver_contact, leaver_contacts, {301, 15057, "YES", "B", "F1", true, true},
	   {302, 15058, "NO", NULL, NULL, false, false});
	N2(struct cf_dated, pathway_plans, {311, 0, 15059, NULL}, {312, 0, 15060, NULL});
	N2(struct cf_oc2, oc2, {321, 15061, 17, "SDQ1", {"1", "0", "1", "1", "0", "0", "1", "0"}},
	   {322, 15062, -1, NULL, {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "1"}});
	N2(struct cf_dated, supervisions, {331, 5001, 15063, NULL}, {332, 0, 15064, NULL});
	N2(struct cf_task, tasks, {341, 5001, 5004, 331, 15065, 15066, 15067, "call school", "cla"},
	   {342, 5002, 5004, 0, 15068, 15069, DATE_NONE, "review plan", NULL});
	N2(struct cf_pre_proceedings, pre_proceedings,
	   {351, 15070, 15071, 15072, 15073, 15074, 15075, 15076, true, true, "court"},
	   {352, 15077, DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE, false, false, NULL});
	N2(struct cf_dated, pp_meetings, {361, 351, 15078, "initial"}, {362, 351, 15079, "review"});
	N2(struct cf_kinship, kinship, {371, 15080, 15081, 15082, "sgo", "2025-v1", true, true},
	   {372, 15083, DATE_NONE, DATE_NONE, "informal", NULL, false, false});
	N2(struct cf_dolo, dolos, {381, 15084, 15085}, {382, 15086, DATE_NONE});
	N2(struct cf_authorisation, authorisations, {391, 131, 15087, 15088, "assessment_end", "assessment", "authorised"},
	   {392, 132, 15089, DATE_NONE, "assessment_end", "assessment", "awaiting"});
	N2(struct cf_family_help, family_help, {401, 15090, 15091, "s17", "LA", 121, 5001},
	   {402, 15092, DATE_NONE, "targeted", NULL, 0, 0});
}

static void same_text(const char *a, const char *b)
{
	if (!a || !b) {
		assert_true(a == b);
	} else {
		assert_string_equal(a, b);
	}
}

static void test_layout(void **state)
{
	(void)state;
	const char *what = "";
	if (!pack_layout_complete(&what)) {
		fail_msg("%s has a field the pack leaves out", what);
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	struct casefile cf, back;
	fill(&cf);
	cf.allocations[0].team_id = 77; /* not packed */
	struct buf b = BUF_INIT, b2 = BUF_INIT;
	pack_casefile(&cf, &b);
	struct arena a = ARENA_INIT;
	struct hearth_error err = {0};
	assert_int_equal(unpack_casefile(b.data, b.len, &a, &back, &err), 0);
	/* Field by field, a sample of each kind. */
	assert_int_equal(back.child.id, 7);
	same_text(back.child.la_child_id, "LA7");
	assert_int_equal(back.child.expected_dob, DATE_NONE);
	assert_true(back.child.uasc && back.child.restricted);
	same_text(back.child.mother, "1");
	assert_int_equal(back.child.uasc_ceased, 14800);
	assert_int_equal(back.n_contacts, 2);
	assert_int_equal(back.n_family_help, 2);
	same_text(back.contacts[1].source, NULL);
	same_text(back.episodes[0].urn, "SC123456");
	same_text(back.episodes[1].urn, NULL);
	assert_true(back.episodes[0].long_term);
	assert_int_equal(back.visits[1].kind, VISIT_OTHER);
	assert_true(back.visits[1].seen_alone && !back.visits[1].seen);
	assert_int_equal(back.health[1].kind, HEALTH_DENTAL);
	assert_int_equal(back.missing[0].rhi_offered, 1700007200);
	assert_int_equal(back.allocations[1].kind, ALLOC_IRO);
	assert_int_equal(back.allocations[0].team_id, 0);
	assert_int_equal(back.allocations[0].worker_id, 5001);
	assert_int_equal(back.oc2[1].sdq_score, -1);
	same_text(back.oc2[0].item[5], "0");
	same_text(back.oc2[1].item[7], "1");
	assert_int_equal(back.cp_plans[1].previous_plans, -1);
	assert_int_equal(back.s47s[0].macpt_id, 9001);
	same_text(back.tasks[0].done_by_visit, "cla");
	same_text(back.family_help[0].lead_agency, "LA");
	assert_int_equal(back.family_help[0].lead_worker_id, 5001);
	same_text(back.authorisations[1].state, "awaiting");
	/* Every field: packed again, the same bytes (the team aside, as packed). */
	cf.allocations[0].team_id = 0;
	for (int k = 0; k < 2; k++) {
		assert_int_equal(back.cp_plans[k].macpt_id, cf.cp_plans[k].macpt_id);
		assert_int_equal(back.kinship[k].offer_date, cf.kinship[k].offer_date);
		same_text(back.kinship[k].offer_version, cf.kinship[k].offer_version);
		assert_int_equal(back.pre_proceedings[k].letter_init_cp, cf.pre_proceedings[k].letter_init_cp);
		assert_int_equal(back.adoptions[k].adopters_number, cf.adoptions[k].adopters_number);
	}
	pack_casefile(&back, &b2);
	assert_int_equal(b.len, b2.len);
	assert_memory_equal(b.data, b2.data, b.len);
	/* Every field, whatever its kind: the texts compared (above, by the bytes of a second
	 * pack, which holds them by value), then set aside, and the rest compared byte for
	 * byte, padding and all (static arrays and unpacked ones are zeroed first). */
	struct casefile orig;
	fill(&orig);
	orig.allocations[0].team_id = 0; /* as packed */
	pack_forget_texts(&orig);
	pack_forget_texts(&back);
	assert_memory_equal(&orig.child, &back.child, sizeof(orig.child));
#define SAME(arr) assert_memory_equal(orig.arr, back.arr, sizeof(*orig.arr) * 2)
	SAME(contacts), SAME(early_help), SAME(referrals), SAME(assessments), SAME(s47s), SAME(cin_plans);
	SAME(cp_plans), SAME(cp_reviews), SAME(core_groups), SAME(episodes), SAME(cla_reviews), SAME(visits);
	SAME(health), SAME(education), SAME(peps), SAME(missing), SAME(proceedings), SAME(permanence);
	SAME(adoptions), SAME(allocations), SAME(leaver_contacts), SAME(pathway_plans), SAME(oc2);
	SAME(supervisions), SAME(tasks), SAME(pre_proceedings), SAME(pp_meetings), SAME(kinship), SAME(dolos);
	SAME(authorisations), SAME(family_help);
#undef SAME
	_Static_assert(CFA_MAX == 31, "every array compared");
	/* The same casefile, the same bytes; a text given twice is stored once. */
	buf_reset(&b2);
	pack_casefile(&cf, &b2);
	assert_memory_equal(b.data, b2.data, b.len);
	assert_non_null(memmem(b.data, b.len, "N1", 3));
	const char *first = memmem(b.data, b.len, "assessment_end", 15);
	assert_non_null(first);
	assert_null(memmem(first + 15, b.len - (size_t)(first + 15 - b.data), "assessment_end", 15));
	/* An empty casefile (a child with no rows) packs too. */
	struct casefile empty;
	memset(&empty, 0, sizeof(empty));
	empty.child.id = 9;
	buf_reset(&b2);
	pack_casefile(&empty, &b2);
	assert_int_equal(unpack_casefile(b2.data, b2.len, &a, &back, &err), 0);
	assert_int_equal(back.child.id, 9);
	assert_null(back.child.upn);
	assert_int_equal(back.n_visits, 0);
	buf_free(&b);
	buf_free(&b2);
	arena_free(&a);
	arena_free(&fills);
}

static void refused(const void *p, size_t n)
{
	struct arena a = ARENA_INIT;
	struct casefile cf;
	struct hearth_error err = {0};
	/* A copy of exactly n bytes, so reading past it is a fault under ASan. */
	char *copy = malloc(n ? n : 1);
	memcpy(copy, p, n);
	assert_int_equal(unpack_casefile(copy, n, &a, &cf, &err), HERR_INVALID);
	assert_string_equal(err.rule, "corrupt");
	assert_int_equal(cf.n_visits, 0);
	assert_null(cf.visits);
	free(copy);
	arena_free(&a);
}

static void test_corrupt(void **state)
{
	(void)state;
	struct casefile cf;
	fill(&cf);
	struct buf b = BUF_INIT;
	pack_casefile(&cf, &b);
	for (size_t n = 0; n < b.len; n++) {
		refused(b.data, n);
	}
	char *bad = malloc(b.len + 1);
	memcpy(bad, b.data, b.len);
	bad[b.len] = 0;
	refused(bad, b.len + 1); /* a byte too many */
	bad[0] = 'X';
	refused(bad, b.len); /* not a pack */
	memcpy(bad, b.data, b.len);
	bad[4] = 2;
	refused(bad, b.len); /* another format */
	/* The string area's last byte is its last text's NUL. */
	memcpy(bad, b.data, b.len);
	bad[b.len - 1] = 'x';
	refused(bad, b.len);
	/* The child: head (12 + 4 * CFA_MAX + 4), then id (8) and la_child_id's offset (4):
	 * an offset past the string area. */
	size_t head = 12 + 4 * CFA_MAX + 4;
	memcpy(bad, b.data, b.len);
	memset(bad + head + 8, 0x7f, 4);
	refused(bad, b.len);
	/* uasc: id 8, four texts 16, three dates 12, sex and ethnicity 8: at 44. */
	memcpy(bad, b.data, b.len);
	assert_int_equal(bad[head + 44], 1);
	bad[head + 44] = 2;
	refused(bad, b.len);
	/* A visit's kind past its enum, in a pack whose only array is one visit. */
	struct casefile only;
	memset(&only, 0, sizeof(only));
	only.child = cf.child;
	only.visits = cf.visits;
	only.n_visits = 1;
	struct buf v = BUF_INIT;
	pack_casefile(&only, &v);
	/* After the head, the child (an i64, eleven texts, six dates, two yes/nos), then the
	 * visit: id 8, worker 8, date 4, then its kind. */
	size_t child_bytes = 8 + 4 * 11 + 4 * 6 + 2;
	size_t kind_at = head + child_bytes + 8 + 8 + 4;
	assert_int_equal((unsigned char)v.data[kind_at], VISIT_CP);
	v.data[kind_at] = VISIT_KIND_MAX;
	refused(v.data, v.len);
	buf_free(&v);
	free(bad);
	buf_free(&b);
	arena_free(&fills);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_corrupt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
