/* Near-match of names for the possible-duplicate check: what counts as the same name, and
 * what must not (tests named *_bad_* are names that must not match). */
#include "test.h"

#include <string.h>

#include "model/similar.h"

static void same_name_written_differently(void **state)
{
	(void)state;
	assert_true(name_similar("Hazel", "hazel"));
	assert_true(name_similar("O'Brien", "OBrien"));
	assert_true(name_similar("Anne-Marie", "Anne Marie"));
	assert_true(name_similar("Jon", "John"));		/* one letter added */
	assert_true(name_similar("Katherine", "Catherine"));	/* one letter changed */
	assert_true(name_similar("Mohammed", "Muhammad"));	/* two, in a longer name */
	assert_true(name_similar("Sam", "Samantha"));		/* a short form */
	assert_true(person_similar("Hazel", "Quenby", "hazel", "Quenbey"));
	assert_true(person_similar("Hazel", "Quenby", "Quenby", "Hazel"));	/* swapped */
}

static void similar_bad_different_names(void **state)
{
	(void)state;
	assert_false(name_similar("Ivor", "Hazel"));
	assert_false(name_similar("Amy", "Zoe"));
	assert_false(name_similar("Jo", "Al"));
	assert_false(name_similar("Ann", "Bob"));
	assert_false(name_similar("Mohammed", "Mahmoud"));	/* three edits */
	assert_false(name_similar("", ""));
	assert_false(name_similar(NULL, "Hazel"));
	assert_false(name_similar("--", "''"));			/* nothing left to compare */
	assert_false(person_similar("Hazel", "Quenby", "Ivor", "Quenby"));	/* a sibling */
	assert_false(person_similar("Hazel", "Quenby", "Hazel", "Smith"));
}

static void similar_bad_long_names_are_cut_not_overrun(void **state)
{
	(void)state;
	char a[200], b[200];
	memset(a, 'a', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memset(b, 'a', sizeof(b) - 1);
	b[sizeof(b) - 1] = '\0';
	b[150] = 'b'; /* beyond the compared part */
	assert_true(name_similar(a, b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_name_written_differently),
		cmocka_unit_test(similar_bad_different_names),
		cmocka_unit_test(similar_bad_long_names_are_cut_not_overrun),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
