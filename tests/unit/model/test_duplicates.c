/* The duplicate scoring: each reason found and scored as duplicates.h says, and pairs
 * that must not match (twins, siblings, strangers born the same day). */
#include "test.h"

#include <string.h>

#include "model/duplicates.h"
#include "model/similar.h"

static struct dup_child kid(int64_t id, const char *given, const char *family, hdate dob)
{
	return (struct dup_child){.id = id, .given_name = given, .family_name = family, .dob = dob,
				  .expected_dob = DATE_NONE};
}

static void same_identifier_scores_highest(void **state)
{
	(void)state;
	struct dup_child a = kid(1, "Daniel", "Bell", D(2015, 3, 1)), b = kid(2, "Ann", "Smith", D(2016, 1, 1));
	a.nhs_number = a.identifier = b.nhs_number = b.identifier = "9434765919";
	unsigned r;
	assert_int_equal(dup_score(&a, &b, true, &r), 100);
	assert_int_equal(r, DUP_SAME_IDENTIFIER);
	/* With the UPN named as the consistent identifier, the NHS number is its own reason. */
	a.identifier = b.identifier = NULL;
	assert_int_equal(dup_score(&a, &b, false, &r), 95);
	assert_int_equal(r, DUP_SAME_NHS);
}

static void same_upn(void **state)
{
	(void)state;
	struct dup_child a = kid(1, "Shirin", "Mustafa", D(2015, 3, 1)), b = kid(2, "Shirin", "Mustafa", D(2016, 4, 5));
	a.upn = b.upn = "A123456789012";
	unsigned r;
	assert_int_equal(dup_score(&a, &b, true, &r), 90);
	assert_int_equal(r, DUP_SAME_UPN);
}

static void same_dob_names(void **state)
{
	(void)state;
	hdate d = D(2018, 6, 30);
	unsigned r;
	struct dup_child a = kid(1, "Katie", "Bishop", d), b = kid(2, "Katie", "Bishop", d);
	assert_int_equal(dup_score(&a, &b, true, &r), 80);
	assert_int_equal(r, DUP_DOB_SAME_NAME);
	b.family_name = "Bshop";	/* one letter dropped */
	assert_int_equal(dup_score(&a, &b, true, &r), 70);
	assert_int_equal(r, DUP_DOB_SIMILAR_NAME);
	b.family_name = "Okafor-Bishop";	/* hyphenated */
	assert_int_equal(dup_score(&a, &b, true, &r), 70);
	assert_int_equal(r, DUP_DOB_SIMILAR_NAME);
	b = kid(2, "Bishop", "Katie", d);	/* swapped */
	assert_int_equal(dup_score(&a, &b, true, &r), 70);
	assert_int_equal(r, DUP_DOB_SWAPPED_NAME);
	/* A phonetic match the edit distance misses: Soundex S530 both. */
	a = kid(1, "Katie", "Smith", d);
	b = kid(2, "Katie", "Schmidt", d);
	assert_false(name_similar("Smith", "Schmidt"));
	assert_true(name_sounds_alike("Smith", "Schmidt"));
	assert_int_equal(dup_score(&a, &b, true, &r), 70);
}

static void two_reasons_add_five(void **state)
{
	(void)state;
	hdate d = D(2018, 6, 30);
	struct dup_child a = kid(1, "Daniel", "Bell", d), b = kid(2, "Dniel", "Bell", d);
	a.identifier = b.identifier = "9434765919";
	unsigned r;
	assert_int_equal(dup_score(&a, &b, true, &r), 100);	/* capped */
	a.identifier = b.identifier = NULL;
	a.upn = b.upn = "A123456789012";
	assert_int_equal(dup_score(&a, &b, true, &r), 95);	/* 90 + 5 */
	assert_int_equal(r, DUP_SAME_UPN | DUP_DOB_SIMILAR_NAME);
}

static void unborn_with_a_parent_in_common(void **state)
{
	(void)state;
	int64_t mum[] = {7}, other[] = {8};
	struct dup_child born = kid(1, "Jakub", "Kowalczyk", D(2024, 5, 20));
	struct dup_child baby = kid(2, "Baby", "Kowalczyk", DATE_NONE);
	baby.expected_dob = D(2024, 5, 10);
	born.parents = baby.parents = mum;
	born.n_parents = baby.n_parents = 1;
	unsigned r;
	assert_int_equal(dup_score(&born, &baby, true, &r), 75);
	assert_int_equal(r, DUP_UNBORN_PARENT);
	baby.parents = other;	/* another mother: not one child */
	assert_int_equal(dup_score(&born, &baby, true, &r), 0);
	baby.parents = mum;
	baby.expected_dob = D(2024, 3, 1);	/* 80 days out: a sibling, not this child */
	assert_int_equal(dup_score(&born, &baby, true, &r), 0);
}

static void bad_pairs_not_matched(void **state)
{
	(void)state;
	hdate d = D(2019, 1, 2);
	unsigned r;
	struct dup_child a = kid(1, "Amy", "Smith", d), b = kid(2, "Zoe", "Smith", d);	/* twins */
	assert_int_equal(dup_score(&a, &b, true, &r), 0);
	b = kid(2, "Ann", "Smith", d);	/* twins whose names share a Soundex: too short to trust */
	assert_int_equal(dup_score(&a, &b, true, &r), 0);
	b = kid(2, "Amy", "Jones", d);	/* strangers born the same day */
	assert_int_equal(dup_score(&a, &b, true, &r), 0);
	b = kid(2, "Amy", "Smith", D(2019, 1, 3));	/* a day apart, nothing else */
	assert_int_equal(dup_score(&a, &b, true, &r), 0);
	a.identifier = b.identifier = "";	/* blank identifiers are not the same */
	assert_int_equal(dup_score(&a, &b, true, &r), 0);
}

static bool skip_1_3(void *ctx, int64_t x, int64_t y)
{
	(void)ctx;
	return x == 1 && y == 3;
}

static void find_orders_and_skips(void **state)
{
	(void)state;
	hdate d = D(2018, 6, 30);
	struct dup_child c[5] = {kid(1, "Katie", "Bishop", d), kid(2, "Tom", "Ray", D(2017, 1, 1)),
				 kid(3, "Katie", "Bishop", d), kid(4, "Tom", "Ray", D(2012, 1, 1)),
				 kid(5, "Katie", "Bshop", d)};
	c[1].upn = c[3].upn = "A123456789012";
	struct arena a = ARENA_INIT;
	struct dup_pair *p;
	size_t n = dup_find(c, 5, true, NULL, NULL, &a, &p);
	/* 2-4 by UPN (90), 1-3 same names (80), then 1-5 and 3-5 similar (70). */
	assert_int_equal(n, 4);
	assert_int_equal(p[0].a->id, 2);
	assert_int_equal(p[0].b->id, 4);
	assert_int_equal(p[1].a->id, 1);
	assert_int_equal(p[1].b->id, 3);
	assert_int_equal(p[2].score, 70);
	assert_int_equal(p[2].a->id, 1);
	assert_int_equal(p[2].b->id, 5);
	n = dup_find(c, 5, true, skip_1_3, NULL, &a, &p);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_false(p[i].a->id == 1 && p[i].b->id == 3);
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_identifier_scores_highest), cmocka_unit_test(same_upn),
		cmocka_unit_test(same_dob_names),		  cmocka_unit_test(two_reasons_add_five),
		cmocka_unit_test(unborn_with_a_parent_in_common), cmocka_unit_test(bad_pairs_not_matched),
		cmocka_unit_test(find_orders_and_skips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
