/* cmd_audit: the audit trail — who read or changed what, when, from where. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/resolve.h"

int cmd_audit(int argc, char **argv)
{
	const char *child = NULL, *user = NULL;
	bool verify = false;
	struct cli_opt opts[] = {{"--child", OPT_STR, &child, false},
				 {"--user", OPT_STR, &user, false},
				 {"--verify", OPT_FLAG, &verify, false}};
	char *pos[1];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, 3, pos, 1, &n_pos) || n_pos != 1) {
		fprintf(stderr, "usage: hearth audit DB [--child ID] [--user ID] [--verify]\n");
		return EXIT_USAGE;
	}
	struct store *st = cli_open(pos[0], STORE_READ);
	if (!st) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	struct arena a = ARENA_INIT;
	int64_t child_id = 0;
	int rc = 0;
	if (child) {
		rc = resolve_ref(st, "child", child, &child_id, &err);
	}
	/* --user takes a username ("alice": actor user:ID) or an actor as written ("cli:root"). */
	const char *actor = user;
	if (!rc && user) {
		struct store_user u;
		if (store_user_by_name(st, user, &a, &u, NULL) == 0) {
			actor = arena_printf(&a, "user:%lld", (long long)u.id);
		}
	}
	if (!rc && verify) {
		int64_t bad;
		rc = store_audit_verify(st, &bad, &err);
		if (rc == 1) {
			printf("broken: the audit chain breaks at row %lld\n", (long long)bad);
		} else if (rc == 0) {
			printf("ok: the audit chain is whole\n");
		}
	} else if (!rc) {
		struct store_audit_row *r;
		size_t n;
		if (!(rc = store_audit_list(st, child_id, actor, &a, &r, &n, &err))) {
			for (size_t i = 0; i < n; i++) {
				printf("%6lld %s %-14s %-11s child %-6lld %-14s %s %s\n", (long long)r[i].id, r[i].at,
				       r[i].row.actor, r[i].row.action, (long long)r[i].row.child_id,
				       r[i].row.section ? r[i].row.section : "-", r[i].row.route ? r[i].row.route : "-",
				       r[i].row.address ? r[i].row.address : "-");
			}
		}
	}
	if (rc < 0) {
		cli_error(&err);
	}
	arena_free(&a);
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
