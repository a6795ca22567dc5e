/* cmd_merge: two records of one child made one, and undone (store/merge.c).
 *
 *   hearth merge DB KEEP OTHER --reason R     every row of OTHER moves to KEEP (ids or LA
 *                                             child ids); prints the merge's id
 *   hearth merge DB --undo MERGE_ID [--reason R]
 *                                             puts every row back exactly
 *
 * Both are revisions and audit rows; nothing is deleted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/resolve.h"

static int usage(void)
{
	fprintf(stderr, "usage: hearth merge DB KEEP OTHER --reason R | DB --undo MERGE_ID [--reason R]\n");
	return EXIT_USAGE;
}

int cmd_merge(int argc, char **argv)
{
	const char *reason = NULL;
	int64_t undo = 0;
	struct cli_opt opts[] = {
		{"--reason", OPT_STR, &reason, false},
		{"--undo", OPT_INT, &undo, false},
	};
	char *pos[3];
	int n_pos;
	if (cli_parse(argc, argv, 1, opts, 2, pos, 3, &n_pos)) {
		return usage();
	}
	bool undoing = opts[1].seen;
	if (undoing ? n_pos != 1 || undo <= 0 : n_pos != 3) {
		return usage();
	}
	if (!undoing && (!reason || !reason[strspn(reason, " \t\r\n")])) {
		cli_fail("reason: a merge needs a reason (rule: required)");
		return EXIT_FAIL;
	}
	struct store *st = cli_open(pos[0], STORE_WRITE);
	if (!st) {
		return EXIT_FAIL;
	}
	struct hearth_error err = {0};
	int rc;
	size_t moved = 0;
	if (undoing) {
		rc = store_merge_undo(st, cli_actor(), undo, reason ? reason : "undone with hearth merge --undo", &moved,
				      &err);
		if (!rc) {
			printf("merge %lld undone: %zu rows put back\n", (long long)undo, moved);
		}
	} else {
		int64_t keep, other, merge_id;
		rc = resolve_ref(st, "child", pos[1], &keep, &err);
		if (!rc) {
			rc = resolve_ref(st, "child", pos[2], &other, &err);
		}
		if (!rc) {
			rc = store_merge(st, cli_actor(), keep, other, reason, &merge_id, &moved, &err);
		}
		if (!rc) {
			printf("merge %lld: child %lld merged into %lld, %zu rows moved\n", (long long)merge_id,
			       (long long)other, (long long)keep, moved);
		}
	}
	if (rc) {
		cli_error(&err);
	}
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
