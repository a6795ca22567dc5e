/* cmd_basic: help, version, init and check — the commands with no domain of their own. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/version.h"
#include "store/store.h"

int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		for (int i = 0; i < cli_command_count; i++) {
			if (strcmp(cli_commands[i].name, argv[1]) == 0) {
				printf("usage: hearth %s %s\n\n%s\n", cli_commands[i].name, cli_commands[i].usage,
				       cli_commands[i].summary);
				return EXIT_OK;
			}
		}
		cli_fail("no command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	printf("hearth %s: children's social care case management and inspection readiness\n\n", HEARTH_VERSION);
	printf("usage: hearth COMMAND [ARGS]\n\ncommands:\n");
	for (int i = 0; i < cli_command_count; i++) {
		if (!cli_commands[i].hidden) {
			printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
		}
	}
	printf("\nDB is a SQLite file. `hearth help COMMAND` shows a command's usage.\n");
	return EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("hearth %s (schema %d)\n", HEARTH_VERSION, store_schema_latest());
	return EXIT_OK;
}

int cmd_init(int argc, char **argv)
{
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 1, NULL, 0, pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, "usage: hearth init DB\n");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_CREATE);
	if (!st) {
		return EXIT_FAIL;
	}
	printf("created %s (schema %d)\n", pos[0], store_schema_version(st));
	store_close(st);
	return EXIT_OK;
}

static void print_problem(void *ctx, const char *what)
{
	(void)ctx;
	printf("problem: %s\n", what);
}

int cmd_check(int argc, char **argv)
{
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 1, NULL, 0, pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, "usage: hearth check DB\n");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	int n = store_check(st, print_problem, NULL, &err);
	store_close(st);
	if (n < 0) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (n > 0) {
		printf("%d problem%s found\n", n, n == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	printf("ok: integrity, foreign keys, schema, rows, revisions and case invariants\n");
	return EXIT_OK;
}

struct col_ctx {
	char names[64][64];
	int n;
};

static void add_col(void *ctx, const char *col)
{
	struct col_ctx *c = ctx;
	if (c->n < 64) {
		snprintf(c->names[c->n++], 64, "%s", col);
	}
}

/* Hidden: `hearth test-schema DB` compares every table's columns with its descriptor. */
int cmd_test_schema(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: hearth test-schema DB\n");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(argv[1], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	int bad = 0;
	for (int k = 0; k < model_entity_count; k++) {
		const struct entity *e = model_entities[k];
		struct col_ctx c = {0};
		struct hearth_error err = {0};
		store_columns(st, e->name, add_col, &c, &err);
		/* Expected: id, the descriptor's fields in order, and voided: last in a table as
		 * first created, before the columns a later migration appended. */
		bool ok = c.n == e->n_fields + 2 && strcmp(c.names[0], "id") == 0;
		int voided = 0;
		for (int i = 1, f = 0; ok && i < c.n; i++) {
			if (strcmp(c.names[i], "voided") == 0) {
				voided++;
			} else {
				ok = f < e->n_fields && strcmp(c.names[i], e->fields[f++].name) == 0;
			}
		}
		ok = ok && voided == 1;
		if (!ok) {
			printf("mismatch: table %s\n", e->name);
			bad++;
		}
	}
	store_close(st);
	printf("%d tables, %d mismatched\n", model_entity_count, bad);
	return bad ? EXIT_FAIL : EXIT_OK;
}
