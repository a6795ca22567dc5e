/* The command registry: every slot filled, names unique, hidden commands are test-*. */
#include "test.h"

#include <string.h>

#include "cli/cli.h"

static void every_command_is_complete(void **state)
{
	(void)state;
	assert_true(cli_command_count > 5);
	for (int i = 0; i < cli_command_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		assert_non_null(c->name);
		assert_non_null(c->run);
		assert_non_null(c->usage);
		assert_non_null(c->summary);
		assert_true(strlen(c->summary) > 10);
		assert_int_equal(c->hidden, strncmp(c->name, "test-", 5) == 0);
		for (int k = i + 1; k < cli_command_count; k++) {
			assert_string_not_equal(c->name, cli_commands[k].name);
		}
	}
}

static void options_parse_and_refuse(void **state)
{
	(void)state;
	const char *s = NULL;
	hdate d = DATE_NONE;
	bool flag = false;
	struct cli_opt opts[] = {{"--as-at", OPT_DATE, &d, false}, {"--format", OPT_STR, &s, false},
				 {"--all", OPT_FLAG, &flag, false}};
	char *argv[] = {"x", "DB", "--as-at", "2025-03-31", "--format=json", "--all"};
	char *pos[2];
	int n;
	assert_int_equal(cli_parse(6, argv, 1, opts, 3, pos, 2, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(pos[0], "DB");
	assert_int_equal(d, D(2025, 3, 31));
	assert_string_equal(s, "json");
	assert_true(flag);
	struct cli_opt o2[] = {{"--as-at", OPT_DATE, &d, false}};
	char *bad_date[] = {"x", "--as-at", "2025-02-30"};
	assert_int_equal(cli_parse(3, bad_date, 1, o2, 1, pos, 2, &n), -1);
	struct cli_opt o3[] = {{"--as-at", OPT_DATE, &d, false}};
	char *unknown[] = {"x", "--colour", "red"};
	assert_int_equal(cli_parse(3, unknown, 1, o3, 1, pos, 2, &n), -1);
	struct cli_opt o4[] = {{"--as-at", OPT_DATE, &d, false}};
	char *missing[] = {"x", "--as-at"};
	assert_int_equal(cli_parse(2, missing, 1, o4, 1, pos, 2, &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_command_is_complete),
		cmocka_unit_test(options_parse_and_refuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
