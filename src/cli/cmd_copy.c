/* cmd_copy: a whole record from one backend to another, then verified table by table. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void report(void *ctx, const struct store_copy_table *a, const struct store_copy_table *b, bool same)
{
	(void)ctx;
	if (a->rows == 0 && b->rows == 0) {
		return;
	}
	printf("  %-18s %9lld rows  %.16s  %s\n", a->table, (long long)a->rows, a->checksum,
	       same ? "same" : "DIFFERENT");
	if (!same) {
		printf("  %-18s %9lld rows  %.16s  (destination)\n", b->table, (long long)b->rows, b->checksum);
	}
}

int cmd_copy(int argc, char **argv)
{
	char *pos[2];
	int n_pos;
	if (cli_parse(argc, argv, 1, NULL, 0, pos, 2, &n_pos) || n_pos != 2) {
		fprintf(stderr, "usage: hearth copy SRC DST\n");
		return EXIT_USAGE;
	}
	struct store *src = cli_open(pos[0], STORE_READ);
	if (!src) {
		return EXIT_FAIL;
	}
	struct store *dst = cli_open(pos[1], STORE_CREATE);
	if (!dst) {
		store_close(src);
		return EXIT_FAIL;
	}
	printf("copying the record (%s -> %s)\n", store_engine(src), store_engine(dst));
	struct hearth_error err = {0};
	int rc = store_copy(src, dst, report, NULL, &err);
	store_close(src);
	store_close(dst);
	if (rc < 0) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (rc > 0) {
		printf("%d table%s differ: the copy is not faithful\n", rc, rc == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	printf("verified: every table has the same rows and content checksum on both sides\n");
	return EXIT_OK;
}
